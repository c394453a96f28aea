"""Run the selected rules over documents, and the fix loop."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from linter.diagnostics import Applicability, Diagnostic, Fix, Severity
from linter.edits import OverlapError, apply, overlaps
from linter.jsonc import Member, Node
from linter.registry import Rule
from linter.source import Document

MAX_FIX_PASSES = 10


@dataclass
class Run:
    """What every rule may look at besides its own document: the settings options, every
    document of the run, and (when discovery built it) the merged view OpenCode would see."""

    options: Mapping[str, Any] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    merged: Any = None          # linter.merge.Merged, when the run has one
    cache: dict = field(default_factory=dict)   # for data a rule loads once per run


@dataclass
class Context:
    """Handed to each rule: the document, its tree, and the run."""

    doc: Document
    run: Run
    rule: Rule | None = None

    @property
    def root(self) -> Node | None:
        return self.doc.root

    @property
    def options(self) -> Mapping[str, Any]:
        return self.run.options

    @property
    def config(self) -> Any:
        """The config as OpenCode would see it: the merged view of the run's context when
        there is one (``run.merged.value``), else this document's own value."""
        if self.run.merged is not None:
            return self.run.merged.value
        return self.doc.value

    def at(self, target, message: str, *, help: str | None = None, fix: Fix | None = None,
           severity: Severity | None = None) -> Diagnostic:
        """A diagnostic on a node, on a member's key, or on a (start, end) span."""
        if isinstance(target, Member):
            start, end = target.key_start, target.key_end
        elif isinstance(target, Node):
            start, end = target.start, target.end
        else:
            start, end = target
        rule_ = self.rule
        return Diagnostic(rule_.code if rule_ else "", rule_.name if rule_ else "", message,
                          severity or (rule_.severity if rule_ else Severity.ERROR),
                          self.doc.path, start, end, help, fix)


def lint(doc: Document, rules: list[Rule], run: Run,
         severities: Mapping[str, str] | None = None,
         postprocess: Callable[[Document, list[Diagnostic], list[Rule]], list[Diagnostic]] | None = None
         ) -> list[Diagnostic]:
    """Every diagnostic of the selected rules on ``doc``, positioned and sorted."""
    parsed = doc.encoding_error is None and doc.root is not None and not doc.parse.errors
    found: list[Diagnostic] = []
    for rule_ in rules:
        if not (rule_.syntax or parsed) or doc.kind not in rule_.kinds:
            continue
        ctx = Context(doc, run, rule_)
        for diagnostic in rule_.check(ctx) or ():
            if severities and rule_.code in severities:
                diagnostic.severity = Severity(severities[rule_.code])
            found.append(diagnostic)
    if postprocess is not None:
        found = postprocess(doc, found, rules)
    for d in found:
        position(doc, d)
    found.sort(key=lambda d: (d.start, d.code, d.end))
    return found


def position(doc: Document, d: Diagnostic) -> None:
    d.line, d.column = doc.position(d.start)
    d.end_line, d.end_column = doc.position(d.end)
    d.column_utf16 = doc.position_utf16(d.start)[1]
    d.end_column_utf16 = doc.position_utf16(d.end)[1]


def applicable(fix: Fix | None, unsafe: bool) -> bool:
    if fix is None:
        return False
    return fix.applicability == Applicability.SAFE or (
        unsafe and fix.applicability == Applicability.UNSAFE)


def _syntax_errors(doc: Document) -> int:
    return len(doc.parse.errors) + len(doc.parse.json5)


def fix(doc: Document, lint_doc: Callable[[Document], list[Diagnostic]], unsafe: bool = False
        ) -> tuple[Document, list[Diagnostic]]:
    """Apply non-overlapping applicable fixes, re-lint, repeat until stable (at most
    ``MAX_FIX_PASSES`` passes). Returns the fixed document and the fixes applied.

    A pass never makes the document parse worse: fixes that would add a syntax error are
    set aside, one by one."""
    applied: list[Diagnostic] = []
    rejected: set[tuple] = set()
    for _ in range(MAX_FIX_PASSES):
        chosen: list[Diagnostic] = []
        for d in lint_doc(doc):
            key = (d.code, d.start, d.end, d.fix.edits if d.fix else None)
            if not applicable(d.fix, unsafe) or key in rejected:
                continue
            if any(overlaps(d.fix.edits, c.fix.edits) for c in chosen):
                continue
            if d.fix.isolation is not None and any(c.fix.isolation == d.fix.isolation for c in chosen):
                continue
            chosen.append(d)
        if not chosen:
            break
        new = _apply_checked(doc, chosen, rejected)
        if new is None:
            continue
        doc, applied = new[0], applied + new[1]
    return doc, applied


def _apply_checked(doc: Document, chosen: list[Diagnostic], rejected: set):
    before = _syntax_errors(doc)
    try:
        candidate = doc.with_text(apply(doc.text, [e for d in chosen for e in d.fix.edits]))
        if _syntax_errors(candidate) <= before and candidate.text != doc.text:
            return candidate, chosen
    except OverlapError:
        pass
    # one at a time, keeping those that leave the document parsing as well as before
    kept, current = [], doc
    for d in chosen:
        key = (d.code, d.start, d.end, d.fix.edits)
        try:
            shifted = _shift(d.fix, doc.text, current.text, kept)
            trial = current.with_text(apply(current.text, shifted))
        except OverlapError:
            rejected.add(key)
            continue
        if _syntax_errors(trial) > before or trial.text == current.text:
            rejected.add(key)
            continue
        kept.append(d)
        current = trial
    return (current, kept) if kept else None


def _shift(fix_: Fix, original: str, current: str, kept: list[Diagnostic]):
    """Move a fix's edits, made on ``original``, onto ``current`` (``original`` with the
    ``kept`` fixes applied)."""
    from linter.diagnostics import Edit
    earlier = [e for d in kept for e in d.fix.edits]
    out = []
    for edit in fix_.edits:
        delta = sum(len(e.content) - (e.end - e.start) for e in earlier if e.end <= edit.start)
        if any(e.start < edit.end and edit.start < e.end for e in earlier):
            raise OverlapError("overlaps a kept fix")
        out.append(Edit(edit.start + delta, edit.end + delta, edit.content))
    return out
