"""ANSI colour for the terminal formats, and pieces they share."""

from __future__ import annotations

from linter.diagnostics import Applicability, Diagnostic, Severity

_CODES = {"bold": "1", "red": "31", "yellow": "33", "blue": "34", "cyan": "36", "green": "32",
          "dim": "2"}


class Style:
    def __init__(self, color: bool):
        self.color = color

    def paint(self, text: str, *styles: str) -> str:
        if not self.color or not text:
            return text
        return "\x1b[" + ";".join(_CODES[s] for s in styles) + "m" + text + "\x1b[0m"

    def bold(self, text: str) -> str:
        return self.paint(text, "bold")

    def severity(self, severity: Severity, text: str) -> str:
        return self.paint(text, "bold", {"error": "red", "warning": "yellow", "info": "blue"}[severity.value])


def marker(d: Diagnostic, report) -> str:
    """``[*] `` when ``oclint --fix`` (with the run's unsafe setting) would fix it."""
    if d.fix is None:
        return ""
    if d.fix.applicability == Applicability.SAFE or (
            report.unsafe_fixes and d.fix.applicability == Applicability.UNSAFE):
        return "[*] "
    return ""
