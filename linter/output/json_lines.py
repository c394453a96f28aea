"""One JSON object per diagnostic per line (the json format's objects)."""

from __future__ import annotations

import json

from linter.output import Report
from linter.output.json import diagnostic_dict
from linter.redact import printable_json


def render(report: Report) -> str:
    return printable_json("".join(json.dumps(diagnostic_dict(d, r.doc), ensure_ascii=False) + "\n"
                                  for r in report.results for d in r.diagnostics))
