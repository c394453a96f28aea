"""GitHub Actions workflow commands: an annotation per diagnostic."""

from __future__ import annotations

from linter.output import Report
from linter.redact import printable

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """Escape a message as GitHub's toolkit escapes command data."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a property value: data escaping plus `:` and `,`."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for result in report.results:
        for d in result.diagnostics:
            # control characters from keys and values shown escaped (`\u001b`), newlines too:
            # a log viewer acts on them, and a key's newline is not the message's
            props = (f"file={_property(printable(d.path))},line={d.line},col={d.column},"
                     f"endLine={d.end_line},endColumn={d.end_column},"
                     f"title={_property(f'oclint ({d.code})')}")
            lines.append(f"::{LEVELS[d.severity.value]} {props}::{_data(printable(f'{d.code} {d.message}'))}")
    return "".join(line + "\n" for line in lines)
