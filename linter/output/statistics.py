"""`--statistics`: how many of each rule, and how many are fixable."""

from __future__ import annotations

from linter.output import Report
from linter.output.style import marker


def render(report: Report) -> str:
    counts: dict[str, list] = {}
    for d in report.diagnostics:
        entry = counts.setdefault(d.code, [0, 0, d.name])
        entry[0] += 1
        entry[1] += bool(marker(d, report))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))
    width = max((len(str(n)) for _, (n, _, _) in rows), default=1)
    return "".join(f"{str(n).rjust(width)}\t{code}\t{'[*] ' if fixable else ''}{name}"
                   f"{f' ({fixable} fixable)' if fixable and fixable != n else ''}\n"
                   for code, (n, fixable, name) in rows)
