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
    syntax_errors: bool | None = None      # whether the file has any (None: ask its parse)

    @property
    def broken(self) -> bool:
        return bool(self.doc.parse.errors) if self.syntax_errors is None else self.syntax_errors


@dataclass
class Report:
    results: list[FileResult]
    color: bool = False
    show_fixes: bool = False
    unsafe_fixes: bool = False
    fix_mode: bool = False
    rules: dict = field(default_factory=dict)    # code -> Rule, for formats that list rules
    root: str = "."                              # paths in the report are relative to this
    # ``redact(text, path)``: ``text`` shown about the file ``path`` with the secrets of its
    # context masked, cut-off ones included (a source line cut short, a text hashed)
    redact: Callable[[str, str], str] = field(default=lambda text, path: text)

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
    from linter.i18n import _, ngettext
    ds = report.diagnostics
    fixed = sum(len(r.fixed) for r in report.results)
    lines = []
    if fixed:
        files = sum(1 for r in report.results if r.fixed)
        lines.append(ngettext("Fixed {problems} in {count} file.", "Fixed {problems} in {count} files.", files)
                     .format(problems=ngettext("{count} problem", "{count} problems", fixed).format(count=fixed),
                             count=files))
    if not ds:
        if not fixed:
            lines.append(_("All checks passed!"))
        return "\n".join(lines) + "\n"
    names = {Severity.ERROR: lambda n: ngettext("{count} error", "{count} errors", n),
             Severity.WARNING: lambda n: ngettext("{count} warning", "{count} warnings", n),
             Severity.INFO: lambda n: ngettext("{count} info", "{count} infos", n)}
    parts = [names[s](n).format(count=n) for s in Severity if (n := report.count(s))]
    lines.append(ngettext("Found {count} problem ({parts}).", "Found {count} problems ({parts}).", len(ds))
                 .format(count=len(ds), parts=_(", ").join(parts)))
    from linter.diagnostics import Applicability
    # --fix writes nothing to a file that would still not parse: its fixes wait for the syntax
    ready = [d for r in report.results if not r.broken for d in r.diagnostics]
    waiting = files = 0
    for r in report.results:
        if r.broken:
            n = sum(1 for d in r.diagnostics if d.fix and (d.fix.applicability == Applicability.SAFE or (
                report.unsafe_fixes and d.fix.applicability == Applicability.UNSAFE)))
            waiting, files = waiting + n, files + bool(n)
    safe = sum(1 for d in ready if d.fix and d.fix.applicability == Applicability.SAFE)
    unsafe = sum(1 for d in ready if d.fix and d.fix.applicability == Applicability.UNSAFE)
    if report.unsafe_fixes:
        safe, unsafe = safe + unsafe, 0
    if safe:
        lines.append(_("[*] {count} fixable with `{command}`.").format(
            count=safe, command="oclint --fix" + (" --unsafe-fixes" if report.unsafe_fixes else "")))
    if unsafe:
        lines.append(_("{count} more fixable with `oclint --fix --unsafe-fixes`.").format(count=unsafe))
    if waiting:
        lines.append(ngettext(
            "{count} fixable once the syntax errors (OC101) in {files} file are fixed by hand "
            "(`--fix` writes no file that would not parse).",
            "{count} fixable once the syntax errors (OC101) in {files} files are fixed by hand "
            "(`--fix` writes no file that would not parse).", files).format(count=waiting, files=files))
    return "\n".join(lines) + "\n"
