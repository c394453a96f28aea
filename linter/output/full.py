"""Each diagnostic with its source lines, a caret under the span, the help and the fix."""

from __future__ import annotations

import os

from linter.diagnostics import Edit
from linter.edits import apply
from linter.i18n import N_, _
from linter.output import Report
from linter.output.style import Style, marker
from linter.redact import has_control, printable

WIDTH = 200      # columns of a source line shown
APPLICABILITY = {"safe": N_("safe"), "unsafe": N_("unsafe"), "display-only": N_("display-only")}


def render(report: Report) -> str:
    s = Style(report.color)
    out = []
    for result in report.results:
        for d in result.diagnostics:    # its source lines and fix may cut a secret short
            out.append(report.redact(_one(d, result.doc, report, s), result.path))
    return "".join(out)


def _one(d, doc, report, s: Style) -> str:
    head = (f"{s.bold(printable(d.path))}:{d.line}:{d.column}: {s.severity(d.severity, d.code)} "
            f"{marker(d, report)}{printable(d.message)}\n")
    lines = [head] + _snippet(d, doc, s)
    if d.help:
        lines.append(f"  {s.paint('=', 'blue')} {s.bold(_('help'))}: {printable(d.help)}\n")
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
    # a long line is shown as WIDTH columns around the span: from its start, or from a bit
    # before the span when the span starts further right (then marked with a leading `…`)
    shift = max(0, d.column - 1 - WIDTH // 4) if d.column > WIDTH else 0
    for number in range(start_line, last + 1):
        text, cut, column = _window(doc, number, shift)
        lines.append(f"{s.paint(str(number).rjust(width), 'blue')} {s.paint('|', 'blue')} {text}\n")
        if first <= number <= last:
            begin = column(d.column - 1 - shift) + cut if number == first else len(text) - len(text.lstrip())
            end = column(d.end_column - 1 - shift) + cut if number == d.end_line else len(text)
            end = min(max(end, begin + 1), max(len(text), begin + 1))
            if begin > WIDTH + cut:
                continue
            caret = " " * begin + "^" * min(end - begin, WIDTH + cut - begin + 1)
            label = f" {d.code}" if number == last else ""
            lines.append(f"{gutter} {s.paint('|', 'blue')} {s.severity(d.severity, caret + label)}\n")
    lines.append(f"{gutter} {s.paint('|', 'blue')}\n")
    return lines


def _window(doc, number: int, shift: int):
    """Line ``number`` from column ``shift`` on, at most WIDTH columns, with control
    characters shown escaped (`\\u001b`); how many columns the leading `…` takes (0 or 1);
    and a function from a column of the line (counted from ``shift``) to where it is shown.
    Only that part of the line is copied."""
    start = doc.line_starts[number - 1]
    end = doc.line_starts[number] if number < len(doc.line_starts) else len(doc.text)
    shift = min(shift, max(0, end - start - 1))
    text = doc.text[start + shift:min(end, start + shift + WIDTH + 1)].rstrip("\r\n").expandtabs(1)
    column = _same
    if has_control(text):
        shown, columns, at = [], [], 0
        for ch in text:
            columns.append(at)
            shown.append(printable(ch))
            at += len(shown[-1])
        columns.append(at)
        text = "".join(shown)

        def column(i: int) -> int:
            return columns[i] if 0 <= i < len(columns) else columns[-1] + i - (len(columns) - 1)
    if len(text) > WIDTH:
        text = text[:WIDTH] + "…"
    return ("…" + text, 1, column) if shift else (text, 0, column)


def _same(i: int) -> int:
    return i


def _fix(d, doc, s: Style) -> list[str]:
    # the lines the edits touch, with one line around them: not the whole file per fix
    if not d.fix.edits:
        return []
    first = doc.position(min(e.start for e in d.fix.edits))[0]
    last = doc.position(max(e.end for e in d.fix.edits))[0]
    a = doc.line_starts[max(first - 2, 0)]
    b = doc.line_starts[last + 1] if last + 1 < len(doc.line_starts) else len(doc.text)
    before = doc.text[a:b]
    try:
        fixed = apply(before, [Edit(e.start - a, e.end - a, e.content) for e in d.fix.edits])
    except ValueError:
        return []
    title = printable(d.fix.message or _("fix"))
    lines = [f"  {s.paint('=', 'blue')} {s.bold(_('fix'))} ({_(APPLICABILITY[d.fix.applicability.value])}): {title}\n"]
    import difflib

    diff = [line for line in list(difflib.unified_diff(before.splitlines(), fixed.splitlines(), lineterm="",
                                                         n=1))[2:] if not line.startswith("@@")]
    removed = [line[1:] for line in diff if line.startswith("-")]
    added = [line[1:] for line in diff if line.startswith("+")]
    # a long line is shown around where its two versions first differ
    start = min((len(os.path.commonprefix([r, a])) for r, a in zip(removed, added)), default=0)
    shift = max(0, start - WIDTH // 2)
    for line in diff:
        color = "red" if line[0] == "-" else "green" if line[0] == "+" else "dim"
        body = line[1:]
        if len(body) > 2 * WIDTH or shift:
            cut = body[shift:shift + 2 * WIDTH]
            body = ("…" if shift else "") + cut + ("…" if len(body) > shift + 2 * WIDTH else "")
        lines.append(f"    {s.paint(line[0] + printable(body), color)}\n")
    return lines
