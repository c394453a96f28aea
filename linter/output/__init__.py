"""Report formats behind one interface: ``render(report) -> str``, one module per format."""

from __future__ import annotations

import sys
from collections.abc import Callable

from linter.records import dataclass, field

from linter.diagnostics import Diagnostic, Severity
from linter.source import Document

FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif", "junit", "gitlab")


@dataclass
class FileResult:
    path: str
    doc: Document
    diagnostics: list[Diagnostic]
    fixed: list[Diagnostic] = field(default_factory=list)   # fixes applied in this run


@dataclass
class Report:
    results: list[FileResult]
    color: bool = False
    show_fixes: bool = False
    unsafe_fixes: bool = False
    fix_mode: bool = False
    rules: dict = field(default_factory=dict)    # code -> Rule, for formats that list rules
    root: str = "."                              # paths in the report are relative to this
    # masks the secrets in a text a format does not print but derives something from (a hash)
    redact: Callable[[str], str] = field(default=lambda text: text)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for r in self.results for d in r.diagnostics]

    def count(self, severity: Severity) -> int:
        return sum(d.severity == severity for d in self.diagnostics)


def available() -> list[str]:
    import importlib.util
    return [name for name in FORMATS if importlib.util.find_spec(_module(name)) is not None]


def _module(name: str) -> str:
    return "linter.output." + name.replace("-", "_")


def render(name: str, report: Report) -> str:
    """The report in format ``name`` (imported only when used)."""
    module = _module(name)
    __import__(module)      # not importlib: its package imports warnings, on every run
    return sys.modules[module].render(report)


def summary(report: Report) -> str:
    """The closing lines a terminal shows: counts and what --fix would do."""
    ds = report.diagnostics
    fixed = sum(len(r.fixed) for r in report.results)
    lines = []
    if fixed:
        files = sum(1 for r in report.results if r.fixed)
        lines.append(f"Fixed {fixed} {_plural(fixed, 'problem')} in {files} {_plural(files, 'file')}.")
    if not ds:
        if not fixed:
            lines.append("All checks passed!")
        return "\n".join(lines) + "\n"
    parts = [f"{n} {_plural(n, s.value)}" for s in Severity if (n := report.count(s))]
    lines.append(f"Found {len(ds)} {_plural(len(ds), 'problem')} ({', '.join(parts)}).")
    from linter.diagnostics import Applicability
    # --fix writes nothing to a file that would still not parse: its fixes wait for the syntax
    ready = [d for r in report.results if not r.doc.parse.errors for d in r.diagnostics]
    waiting = files = 0
    for r in report.results:
        if r.doc.parse.errors:
            n = sum(1 for d in r.diagnostics if d.fix and (d.fix.applicability == Applicability.SAFE or (
                report.unsafe_fixes and d.fix.applicability == Applicability.UNSAFE)))
            waiting, files = waiting + n, files + bool(n)
    safe = sum(1 for d in ready if d.fix and d.fix.applicability == Applicability.SAFE)
    unsafe = sum(1 for d in ready if d.fix and d.fix.applicability == Applicability.UNSAFE)
    if report.unsafe_fixes:
        safe, unsafe = safe + unsafe, 0
    if safe:
        lines.append(f"[*] {safe} fixable with `oclint --fix"
                     + (" --unsafe-fixes" if report.unsafe_fixes else "") + "`.")
    if unsafe:
        lines.append(f"{unsafe} more fixable with `oclint --fix --unsafe-fixes`.")
    if waiting:
        lines.append(f"{waiting} fixable once the syntax errors (OC101) in {files} "
                     f"{_plural(files, 'file')} are fixed by hand (`--fix` writes no file that would not parse).")
    return "\n".join(lines) + "\n"


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"
