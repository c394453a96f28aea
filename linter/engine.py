"""Run the selected rules over documents, and the fix loop."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping

from linter.records import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

from linter.diagnostics import Applicability, Diagnostic, Fix, Severity
from bisect import bisect_right

from linter.edits import OverlapError, apply
from linter.jsonc import Member, Node
from linter.registry import Rule, severity_of
from linter.source import Document

MAX_FIX_PASSES = 10


@dataclass
class Run:
    """What every rule may look at besides its own document: the settings options, and
    data a rule loads once per run."""

    options: Mapping[str, Any] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)   # for data a rule loads once per run
    # other files as a fix in progress leaves them (``Fix.files``), and the bytes each had
    # when first read (None: it did not exist); the caller writes them with the document
    pending: dict = field(default_factory=dict)
    originals: dict = field(default_factory=dict)

    def document_as_read(self, path: str) -> Document:
        """Another file as first read (empty when it did not exist), for a diff."""
        from linter.files import decode
        data = self.originals.get(os.path.abspath(path))
        return decode(os.path.abspath(path), data or b"")

    def document(self, path: str) -> Document | None:
        """Another file as the run sees it: with the fixes applied so far, else as on disk
        (read once); None when it does not exist or cannot be read."""
        key = os.path.abspath(path)
        if key in self.pending:
            return self.pending[key]
        if key not in self.originals:
            try:
                with open(key, "rb") as handle:
                    self.originals[key] = handle.read()
            except OSError:
                self.originals[key] = None
        data = self.originals[key]
        if data is None:
            return None
        from linter.files import decode
        return decode(key, data)


@dataclass
class Context:
    """Handed to each rule: the document, its tree, the run, and the document's load
    context (what the tool loads together with it) with its merged view."""

    doc: Document
    run: Run
    rule: Rule | None = None
    view: Any = None            # linter.merge.Merged of the load context, when there is one
    load: Any = None            # linter.context.LoadContext, when there is one

    @property
    def root(self) -> Node | None:
        return self.doc.root

    @property
    def options(self) -> Mapping[str, Any]:
        return self.run.options

    @property
    def config(self) -> Any:
        """The config as the tool would see it: the merged view of the document's load
        context when there is one, else this document's own value."""
        if self.view is not None:
            return self.view.value
        return self.doc.value

    def once(self, name: str, build: Callable[[], Any]) -> Any:
        """``build()`` once per document and run: kept on the document itself (keyed by
        the object's id, a run's cache handed a later document the answer of a freed one)."""
        memo = self.doc.memo
        entry = memo.get(name)
        if entry is None or entry[0] is not self.run:
            entry = memo[name] = (self.run, build())
        return entry[1]

    @property
    def home(self) -> str | None:
        """The folder ``~`` stands for in this document's context (None: this machine's)."""
        return self.load.home if self.load is not None else None

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
         postprocess: Callable[[Document, list[Diagnostic], list[Rule]], list[Diagnostic]] | None = None,
         view: Any = None, load: Any = None) -> list[Diagnostic]:
    """Every diagnostic of the selected rules on ``doc``, positioned and sorted. ``view``
    is the merged view of the document's load context ``load``."""
    rules = [r for r in rules if doc.kind in r.kinds]
    parsed = bool(rules) and doc.encoding_error is None and doc.root is not None and not doc.parse.errors
    found: list[Diagnostic] = []
    for rule_ in rules:
        if not (rule_.syntax or parsed):
            continue
        ctx = Context(doc, run, rule_, view, load)
        level = severity_of(rule_, severities) if severities else None
        for diagnostic in rule_.check(ctx) or ():
            if level is not None:
                diagnostic.severity = Severity(level)
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


def fix(doc: Document, lint_doc: Callable[[Document], list[Diagnostic]], unsafe: bool = False,
        run: Run | None = None) -> tuple[Document, list[Diagnostic]]:
    """Apply non-overlapping applicable fixes, re-lint, repeat until stable (at most
    ``MAX_FIX_PASSES`` passes). Returns the fixed document and the fixes applied.

    A pass never makes the document parse worse: fixes that would add a syntax error are
    set aside, one by one. Fixes that also edit other files (``Fix.files``) apply only with
    a ``run``: their edits go into ``run.pending`` (one such fix per other file and pass),
    never leaving another file parsing worse either; without a run they are left out."""
    applied: list[Diagnostic] = []
    rejected: set[tuple] = set()
    for _ in range(MAX_FIX_PASSES):
        chosen: list[Diagnostic] = []
        taken = _Spans()
        isolations: set = set()
        others: dict[str, Document] = {}
        leaves: dict[int, dict] = {}        # id(diagnostic) -> the other files as its fix leaves them
        for d in lint_doc(doc):
            key = (d.code, d.start, d.end, d.fix.edits if d.fix else None)
            if not applicable(d.fix, unsafe) or key in rejected:
                continue
            if d.fix.isolation is not None and d.fix.isolation in isolations:
                continue
            if not taken.add_all(d.fix.edits):
                continue
            if d.fix.isolation is not None:
                isolations.add(d.fix.isolation)
            if d.fix.files:
                changed = _other_files(d.fix, run, others)
                if changed is None:
                    rejected.add(key)
                    continue
                leaves[id(d)] = changed
            chosen.append(d)
        if not chosen:
            break
        new = _apply_checked(doc, chosen, rejected)
        if new is None:
            continue
        doc, applied = new[0], applied + new[1]
        for d in new[1]:
            for changed in leaves.get(id(d), {}).values():
                run.pending[os.path.abspath(changed.path)] = changed
    return doc, applied


class _Spans:
    """Closed intervals taken so far, sorted: whether a new set of edits touches any of
    them costs a bisect per edit, not a scan of every fix chosen before."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def _free(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end)      # intervals starting at or before our end
        return i == 0 or self.ends[i - 1] < start

    def add_all(self, edits) -> bool:
        """Take every edit's span if none touches a span already taken (sharing a point
        counts, as in ``linter.edits.overlaps``); else take nothing."""
        spans: list[list[int]] = []
        for start, end in sorted((e.start, e.end) for e in edits):
            if spans and start <= spans[-1][1]:      # a fix's own edits that touch: one span
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        if not all(self._free(s, e) for s, e in spans):
            return False
        for start, end in spans:
            i = bisect_right(self.starts, start)
            self.starts.insert(i, start)
            self.ends.insert(i, end)
        return True

def _other_files(fix_: Fix, run: Run | None, taken: dict) -> dict | None:
    """The other files as ``fix_`` leaves them (path -> Document), or None when it cannot
    apply: no run, a file another chosen fix of this pass edits, edits that overlap, or a
    result that parses worse than the file did."""
    if run is None:
        return None
    out = {}
    for change in fix_.files:
        key = os.path.abspath(change.path)
        if key in taken or key in out:
            return None
        current = run.document(key)
        if current is None:
            if change.create is None:
                return None
            from linter.files import decode
            current = decode(key, change.create.encode("utf-8"))
        if current.encoding_error:
            return None
        try:
            after = current.with_text(apply(current.text, change.edits))
        except OverlapError:
            return None
        if _syntax_errors(after) > _syntax_errors(current) or after.root is None:
            return None
        out[key] = after
    taken.update(out)
    return out


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
