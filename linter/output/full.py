"""Each diagnostic with its source lines, a caret under the span, the help and the fix."""

from __future__ import annotations

import difflib

from linter.edits import apply
from linter.output import Report
from linter.output.style import Style, marker


def render(report: Report) -> str:
    s = Style(report.color)
    out = []
    for result in report.results:
        for d in result.diagnostics:
            out.append(_one(d, result.doc, report, s))
    return "".join(out)


def _one(d, doc, report, s: Style) -> str:
    head = (f"{s.bold(d.path)}:{d.line}:{d.column}: {s.severity(d.severity, d.code)} "
            f"{marker(d, report)}{d.message}\n")
    lines = [head] + _snippet(d, doc, s)
    if d.help:
        lines.append(f"  {s.paint('=', 'blue')} {s.bold('help')}: {d.help}\n")
    if d.fix is not None:
        lines.extend(_fix(d, doc, s))
    lines.append("\n")
    return "".join(lines)


def _snippet(d, doc, s: Style) -> list[str]:
    if not doc.text:
        return []
    first, last = d.line, max(d.line, d.end_line if d.end_column > 1 or d.end_line == d.line else d.end_line - 1)
    last = min(last, first + 5)
    start_line = max(1, first - 1)
    width = len(str(last))
    gutter = " " * width
    lines = [f"{gutter} {s.paint('|', 'blue')}\n"]
    for number in range(start_line, last + 1):
        text = doc.line_text(number).expandtabs(1)
        if len(text) > 200:
            text = text[:200] + "…"
        lines.append(f"{s.paint(str(number).rjust(width), 'blue')} {s.paint('|', 'blue')} {text}\n")
        if first <= number <= last:
            begin = d.column - 1 if number == first else len(text) - len(text.lstrip())
            end = d.end_column - 1 if number == d.end_line else len(text)
            end = min(max(end, begin + 1), max(len(text), begin + 1))
            if begin > 200:
                continue
            caret = " " * begin + "^" * min(end - begin, 200 - begin + 1)
            label = f" {d.code}" if number == last else ""
            lines.append(f"{gutter} {s.paint('|', 'blue')} {s.severity(d.severity, caret + label)}\n")
    lines.append(f"{gutter} {s.paint('|', 'blue')}\n")
    return lines


def _fix(d, doc, s: Style) -> list[str]:
    try:
        fixed = apply(doc.text, d.fix.edits)
    except ValueError:
        return []
    title = d.fix.message or "fix"
    lines = [f"  {s.paint('=', 'blue')} {s.bold('fix')} ({d.fix.applicability.value}): {title}\n"]
    diff = difflib.unified_diff(doc.text.splitlines(), fixed.splitlines(), lineterm="", n=1)
    for line in list(diff)[2:]:
        if line.startswith("@@"):
            continue
        color = "red" if line.startswith("-") else "green" if line.startswith("+") else "dim"
        lines.append(f"    {s.paint(line, color)}\n")
    return lines
