"""A JSON array of diagnostics (ruff's field names), fixes included."""

from __future__ import annotations

import json

from linter.output import Report
from linter.redact import printable_json


def diagnostic_dict(d, doc) -> dict:
    out = {
        "code": d.code,
        "name": d.name,
        "message": d.message,
        "severity": d.severity.value,
        "filename": d.path,
        "location": {"row": d.line, "column": d.column},
        "end_location": {"row": d.end_line, "column": d.end_column},
        "help": d.help,
        "fix": None,
    }
    if d.fix is not None:
        out["fix"] = {
            "applicability": d.fix.applicability.value,
            "message": d.fix.message,
            "edits": [{"content": e.content,
                       "location": _loc(doc, e.start), "end_location": _loc(doc, e.end)}
                      for e in d.fix.edits],
        }
    return out


def _loc(doc, offset: int) -> dict:
    row, column = doc.position(offset)
    return {"row": row, "column": column}


def render(report: Report) -> str:
    items = [diagnostic_dict(d, r.doc) for r in report.results for d in r.diagnostics]
    return printable_json(json.dumps(items, indent=2, ensure_ascii=False)) + "\n"
