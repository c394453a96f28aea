"""GitLab Code Quality JSON, with a fingerprint that survives lines moving."""

from __future__ import annotations

import hashlib
import json
import os

from linter.output import Report
from linter.redact import printable_json

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _fingerprint(d, doc, seen: dict, redact) -> str:
    """Path, code, message and the flagged text (a secret in it masked: a hash of a password
    would let anyone test guesses): stable when other lines are added or removed; repeats
    of the same finding in a file are numbered so each stays distinct."""
    base = "\0".join((d.path, d.code, d.message, redact(doc.text[d.start:d.end], doc.path)))
    seen[base] = seen.get(base, 0) + 1
    return hashlib.sha256(f"{base}\0{seen[base]}".encode("utf-8", "surrogatepass")).hexdigest()


def render(report: Report) -> str:
    items, seen = [], {}
    for result in report.results:
        for d in result.diagnostics:
            path = os.path.relpath(d.path, report.root) if os.path.isabs(d.path) else d.path
            items.append({
                "description": f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": _fingerprint(d, result.doc, seen, report.redact),
                "severity": SEVERITIES[d.severity.value],
                "location": {"path": path.replace(os.sep, "/"),
                             "lines": {"begin": d.line, "end": d.end_line}},
            })
    return printable_json(json.dumps(items, indent=2, ensure_ascii=False)) + "\n"
