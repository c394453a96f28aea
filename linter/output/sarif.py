"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import json
import os
from pathlib import Path

from linter import __version__
from linter.output import Report
from linter.redact import printable_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "https://github.com/oclint/oclint/blob/main/docs/rules.md"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str, root: str) -> str:
    """A repo-relative URI with forward slashes (absolute only outside the root)."""
    if path in ("-", ""):
        return "stdin"
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, os.path.abspath(root))).as_posix() \
            if not os.path.relpath(absolute, os.path.abspath(root)).startswith("..") else Path(absolute).as_uri()
    except ValueError:
        return Path(absolute).as_uri()


def render(report: Report) -> str:
    rules = sorted(report.rules.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for result in report.results:
        for d in result.diagnostics:
            item = {
                "ruleId": d.code,
                "level": LEVELS[d.severity.value],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path, report.root), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": d.line, "startColumn": d.column_utf16,
                               "endLine": d.end_line, "endColumn": d.end_column_utf16},
                }}],
            }
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            results.append(item)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "oclint",
                "version": __version__,
                "informationUri": DOCS.rsplit("/blob/", 1)[0],
                "rules": [{
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.doc},
                    "helpUri": f"{DOCS}#{r.code.lower()}",
                    "defaultConfiguration": {"level": LEVELS[r.severity.value]},
                } for r in rules],
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    }
    return printable_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
