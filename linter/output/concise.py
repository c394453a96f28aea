"""``path:line:col: CODE [*] message``, one line per diagnostic."""

from linter.output import Report
from linter.output.style import Style, marker
from linter.redact import printable


def render(report: Report) -> str:
    s = Style(report.color)
    lines = []
    for d in report.diagnostics:
        lines.append(f"{s.bold(printable(d.path))}:{d.line}:{d.column}: {s.severity(d.severity, d.code)} "
                     f"{marker(d, report)}{printable(d.message)}")
    return "".join(line + "\n" for line in lines)
