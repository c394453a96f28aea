"""The check command's work: read, lint, fix, write, report; the exit status.

The CLI parses arguments into ``CheckOptions`` and calls ``check``; everything OpenCode-
specific arrives through ``Knowledge`` from the composition root, so this module stays
free of it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable

from linter.records import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import TextIO

from linter import engine, files, output, parallel
from linter.i18n import N_, _
from linter.redact import printable, redact
from linter.diagnostics import Diagnostic, Edit, Severity
from linter.registry import REGISTRY, Rule, check_selectors, select
from linter.source import Document

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or settings: one line on stderr, exit status 2."""


@dataclass
class Knowledge:
    """What the composition root plugs in from ``rules``."""

    secrets: Callable[[Document], Iterable[str]] = lambda doc: ()
    postprocess: Callable | None = None     # suppressions
    merge: Callable | None = None           # documents -> the merged view OpenCode would see
    kind: Callable[[str], str] = lambda path: "config"   # a file's document kind, from its path
    context: Callable | None = None         # (path, CheckOptions) -> linter.context.LoadContext
    skip: Callable[[Document], str | None] = lambda doc: None   # why a file is not linted at all
    walk: Callable[[str], list[str]] | None = None   # a folder -> the files in it to lint
    lintable: Callable[[str], bool] = lambda path: True   # a file an editor opens: is it one oclint lints?
    editor: Callable | None = None          # () -> the schema and config help the servers show


@dataclass
class CheckOptions:
    paths: list[str] = field(default_factory=list)
    stdin_filename: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    show_fixes: bool = False
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    output_format: str = "full"
    output_file: str | None = None
    statistics: bool = False
    exit_zero: bool = False
    exit_non_zero_on_fix: bool = False
    strict: bool = False
    color: bool = False
    quiet: bool = False
    rule_options: dict = field(default_factory=dict)
    per_file_ignores: dict = field(default_factory=dict)   # glob -> selectors
    settings_base: str = "."                               # globs are relative to this
    with_global: bool = False      # this machine's global config is part of each context
    home: str | None = None        # the folder `~` stands for (a dotfiles tree's home)
    jobs: int = 1                  # processes that judge the files (0: one per CPU, for many files)


@dataclass
class Loaded:
    doc: Document
    data: bytes | None     # bytes as read (None for stdin)
    stdin: bool = False


def load(options: CheckOptions, stdin: TextIO | None = None,
         kind: Callable[[str], str] | None = None) -> list[Loaded]:
    loaded = []
    for path in options.paths:
        if path == "-":
            data = (stdin or sys.stdin).buffer.read() if hasattr(stdin or sys.stdin, "buffer") \
                else (stdin or sys.stdin).read().encode("utf-8")
            loaded.append(Loaded(files.decode(options.stdin_filename or "-", data), None, True))
        else:
            doc, data = files.read(path)
            loaded.append(Loaded(doc, data))
    if kind is not None:
        for item in loaded:
            item.doc.kind = kind(item.doc.path)
    return loaded


def distinct(loaded: list[Loaded]) -> list[Loaded]:
    """Each file once, however often or through however many links it was named, in the
    place of its first naming. Which name stands for it never depends on the order: its
    own path if named so, else the first of its names in sorted order (each name may see
    another load context)."""
    from linter.context import key
    chosen: dict[str, Loaded] = {}
    for item in loaded:
        name = key(item.doc.path) if not item.stdin else "-"
        if name not in chosen or (not item.stdin and _rank(item.doc.path, name) < _rank(chosen[name].doc.path, name)):
            chosen[name] = item
    out, seen = [], set()
    for item in loaded:
        name = key(item.doc.path) if not item.stdin else "-"
        if name not in seen:
            seen.add(name)
            out.append(chosen[name])
    return out


def _rank(path: str, real: str) -> tuple:
    return (os.path.abspath(path) != real, os.path.abspath(path))


def check(options: CheckOptions, knowledge: Knowledge, run: engine.Run | None = None,
          stdout: TextIO | None = None, stderr: TextIO | None = None,
          stdin: TextIO | None = None, loaded: list[Loaded] | None = None) -> int:
    """Lint (and fix) each file in its own load context; report; the exit status.

    Every file is judged against the texts as read, so its findings depend neither on the
    other files named nor on their order; with --fix, each file is fixed so, then every
    file is judged again with the fixed texts of its context."""
    from linter import discovery
    discovery.forget()      # paths resolved afresh for each run (a server makes many)
    from linter.context import Views, key
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    rules = selected(options)
    if not rules:
        stderr.write(_("oclint: warning: no rules are selected; nothing is checked\n"))
    if loaded is None:
        loaded = load(options, stdin, knowledge.kind)
    items = []
    for item in distinct(loaded):
        reason = knowledge.skip(item.doc)
        if reason is None:
            items.append(item)
        elif not options.quiet:
            stderr.write(_("oclint: {path}: skipped: {reason}\n").format(path=printable(item.doc.path), reason=reason))
    run = run or engine.Run(options.rule_options)
    views = Views(knowledge.merge, knowledge.kind, knowledge.skip)
    for item in items:
        views.add(item.doc)
    lint = linter(options, knowledge, views, rules, run)
    judged = None       # without fixes, many files: (findings, secrets, broken) of each, on every core
    processes = 1 if options.fix or options.diff else parallel.jobs(options.jobs, len(items))
    if processes > 1:
        # the first file of each kind judged before the forks: what its rules load (and
        # warn about) once per process, such as a schema, is loaded once for all
        first = {item.doc.kind: i for i, item in reversed(list(enumerate(items)))}
        judged = parallel.each(lambda i: _judge(items[i], options, knowledge, views, lint), len(items), processes,
                               first=sorted(first.values()))
        loads = [None] * len(items)
    else:
        loads = [_load_context(item, options, knowledge) for item in items]

    finals, applied_by, blocked = [item.doc for item in items], [[] for _ in items], 0
    starts = list(finals)          # a file another file's fix edits starts from that text
    others_by: list[dict] = [{} for _ in items]     # other files each file's fixes edit
    group = list(range(len(items)))                 # files written together (both or neither)
    last: dict[int, tuple] = {}     # i -> (the document the fix loop linted last, its findings)

    def lint_fixing(i, doc, load_):
        last[i] = (doc, lint(doc, load_))
        return last[i][1]
    if options.fix or options.diff:
        for i, (item, load_) in enumerate(zip(items, loads)):
            run.pending = {}
            fixer = None if item.stdin else run
            doc, applied = engine.fix(starts[i], lambda d, i=i, l=load_: lint_fixing(i, d, l), options.unsafe_fixes, fixer)
            if run.pending and any(os.path.abspath(items[j].doc.path) in run.pending for j in range(i)):
                # it edits a file already fixed in this run: leave those fixes out
                run.pending = {}
                doc, applied = engine.fix(starts[i], lambda d, i=i, l=load_: lint_fixing(i, d, l), options.unsafe_fixes)
            if doc.text != item.doc.text and (doc.parse.errors or doc.parse.json5):
                # never write a result OpenCode cannot parse: syntax comes first, by hand
                stderr.write(_("oclint: {path}: not fixed: it would still not parse; fix its syntax "
                               "errors first\n").format(path=printable(item.doc.path)))
                doc, applied, run.pending = item.doc, [], {}
                blocked += 1
            finals[i], applied_by[i] = doc, applied
            for j in range(i + 1, len(items)):      # a later file of the run: fixed from there
                path = os.path.abspath(items[j].doc.path)
                if path in run.pending and not items[j].stdin:
                    starts[j] = finals[j] = run.pending.pop(path)
                    starts[j].kind = items[j].doc.kind
                    group[j] = group[i]
            others_by[i] = dict(run.pending)
        for doc in finals:           # every file is judged again with the fixed texts
            views.add(doc)
        # ... unless nothing it is loaded with changed: then the fix loop's last lint of it holds
        touched = {key(item.doc.path) for item, doc in zip(items, finals) if doc.text != item.doc.text}
        touched.update(key(path) for others in others_by for path in others)
    if judged is not None:
        own = [values for _, values, _ in judged]
        secrets = set().union(*own)
    else:       # each file's: its context's as judged, and its text as read
        by_context: dict[tuple, set] = {}       # the files of a folder share one context

        def context_secrets(load_) -> set:
            paths = tuple(load_.paths) if load_ is not None else ()
            if paths not in by_context:
                by_context[paths] = run_secrets(knowledge, map(views.document, paths))
            return by_context[paths]
        own = [context_secrets(load_) | run_secrets(knowledge, [item.doc, doc])
               for item, load_, doc in zip(items, loads, finals)]
        secrets = run_secrets(knowledge, [*views.documents.values(), *(item.doc for item in items)])
    results, changed, diffs, fixed_text = [], 0, [], None
    would_fix = 0                    # with --diff: the fixes the shown changes make
    writes: dict[int, list] = {}     # group -> (path, data, expected): written together
    renames = []
    for i, (item, load_, doc, applied) in enumerate(zip(items, loads, finals, applied_by)):
        kept = last.get(i)
        if judged is not None:
            found = judged[i][0]
        elif kept is not None and kept[0] is doc and not others_by[i] and not (load_ is not None and any(
                key(p) in touched for p in load_.paths if key(p) != key(doc.path))):
            found = kept[1]
        else:
            found = lint(doc, load_)
        moves = [d for d in found if d.fix is not None and d.fix.rename
                 and engine.applicable(d.fix, options.unsafe_fixes)] if (options.fix or options.diff) else []
        if moves and item.stdin:
            moves = []
        others = list(others_by[i].items())
        if doc.text != item.doc.text or moves or others:
            changed += 1 + len(others)
            would_fix += len(applied) + len(moves[:1])
            if options.diff:
                diffs.append(redact(_diff(item.doc, doc) + "".join(
                    f"rename from {item.doc.path}\nrename to {_shown(d.fix.rename)}\n" for d in moves[:1]), own[i]))
                for path, new in others:
                    old_doc = run.document_as_read(path)
                    diffs.append(redact(_diff(old_doc, new), own[i] | run_secrets(knowledge, [old_doc, new])))
            elif item.stdin:
                fixed_text = doc.text
            else:
                writes.setdefault(group[i], []).extend(_changes(item, doc, others, run))
                renames += [(item.doc.path, d.fix.rename, len(results), d) for d in moves[:1]]
        elif item.stdin and options.fix:
            fixed_text = doc.text
        if moves[:1] and not options.diff:
            found = [d for d in found if d is not moves[0]]
            applied = applied + moves[:1]
        results.append(output.FileResult(doc.path, doc, found, [] if options.diff else applied,
                                         judged[i][2] if judged is not None else None))
    for changes in writes.values():
        files.write_together(changes)
    for source, target, index, d in renames:
        try:
            files.move(source, target)
        except files.FileError as exc:      # this file stays where it is; the run goes on
            stderr.write(_("oclint: {exc}\n").format(exc=printable(str(exc))))
            result = results[index]
            result.fixed = [f for f in result.fixed if f is not d]
            result.diagnostics = [*result.diagnostics, d]
    masks = {}
    for result, values in zip(results, own):
        _mask_findings(result, values)
        masks[result.path] = values

    report = output.Report(results, color=options.color, show_fixes=options.show_fixes,
                           unsafe_fixes=options.unsafe_fixes, fix_mode=options.fix,
                           rules={r.code: r for r in rules}, root=files.repo_root(os.getcwd()),
                           redact=lambda text, path: redact(text, masks.get(path, secrets)))
    # With --fix on stdin the fixed text owns stdout; the report goes to stderr.
    report_out = stderr if fixed_text is not None else stdout
    if fixed_text is not None:
        stdout.write(fixed_text)
    if options.diff:
        stdout.write(redact("".join(diffs), secrets, cut=False))
        if not options.quiet and changed:
            stderr.write(_("Would fix {count} problem(s) in {changed} file(s).\n").format(count=would_fix or changed, changed=changed))
        # a file that does not parse has no diff to show, yet --fix would not fix it: fail
        return EXIT_OK if options.exit_zero else (EXIT_FAIL if changed or blocked else EXIT_OK)
    _emit(report, options, report_out, secrets)
    return exit_status(report, options, changed)


def _mask_findings(result: output.FileResult, secrets: set[str]) -> None:
    """Each finding's words with the secrets of its file's context masked, cut-off starts
    and ends included (a message may quote a value cut short). The report as a whole is
    masked again with every secret of the run, whole ones only: a cut-off match is a
    guess that belongs to the file it was made from, so a file's report does not depend on
    the files named with it."""
    if not secrets:
        return
    for d in (*result.diagnostics, *result.fixed):
        d.message = redact(d.message, secrets)
        if d.help:
            d.help = redact(d.help, secrets)
        fix = d.fix
        if fix is not None:     # its title, and the text it writes (a fix may decode part of a secret)
            changes = {"message": redact(fix.message, secrets) if fix.message else fix.message,
                       "edits": tuple(Edit(e.start, e.end, redact(e.content, secrets)) for e in fix.edits)}
            if changes["message"] != fix.message or changes["edits"] != fix.edits:
                fields = {name: getattr(fix, name) for name in fix.__record_fields__}
                d.fix = type(fix)(**{**fields, **changes})


def selected(options: CheckOptions) -> list[Rule]:
    """The rules ``options`` select (UsageError for a selector that names none)."""
    try:
        rules = select(REGISTRY.values(), options.select, options.ignore, options.extend_select)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        check_selectors(options.severity, REGISTRY.values())
    except ValueError as exc:
        raise UsageError(_("`severity`: {exc}").format(exc=exc)) from None
    return rules


def linter(options: CheckOptions, knowledge: Knowledge, views, rules: list[Rule], run: engine.Run
           ) -> Callable[[Document, object], list[Diagnostic]]:
    """``lint(doc, load)``: a document's diagnostics in its load context (merged from
    ``views``), severities and per-file ignores applied: the one pipeline of the command
    line and the servers."""
    def lint(doc: Document, load_) -> list[Diagnostic]:
        view = views.view(load_, doc) if load_ is not None else None
        found = engine.lint(doc, rules, run, options.severity, knowledge.postprocess, view, load_)
        ignored = _per_file_ignores(doc.path, options)
        return [d for d in found if not any(d.code.startswith(s) or d.name == s for s in ignored)]
    return lint


def _judge(item: Loaded, options: CheckOptions, knowledge: Knowledge, views, lint) -> tuple:
    """One file's findings, the secrets of the files it is loaded with, and whether it has
    syntax errors: what a worker hands back (see ``linter.parallel``)."""
    load_ = _load_context(item, options, knowledge)
    found = lint(item.doc, load_)
    members = views.members(load_, item.doc) if load_ is not None else [item.doc]
    return found, run_secrets(knowledge, members), bool(item.doc.parse.errors)


def run_secrets(knowledge: Knowledge, docs: Iterable[Document | None]) -> set[str]:
    """The secrets of every document a run read: masked wherever any of them shows."""
    secrets: set[str] = set()
    for doc in docs:
        if doc is not None:
            secrets.update(knowledge.secrets(doc))
    return secrets


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _load_context(item: Loaded, options: CheckOptions, knowledge: Knowledge):
    """The load context of one linted file (standard input: as if it were the file it is
    named for, else an opencode.json in the current folder)."""
    if knowledge.context is None:
        return None
    path = item.doc.path
    if item.stdin:
        path = os.path.abspath(options.stdin_filename or "opencode.json")
    return knowledge.context(path, options)


def show_files(options: CheckOptions, knowledge: Knowledge, out: TextIO) -> int:
    """``--show-files``: each file a run would lint, its kind and its load context."""
    named = [Loaded(Document(p, ""), None, p == "-") for p in options.paths]
    status = EXIT_OK
    for path in [item.doc.path for item in distinct(named)]:
        if path == "-":
            out.write(_("- (standard input, as {stdin_filename})\n").format(stdin_filename=options.stdin_filename or 'opencode.json'))
            continue
        try:
            files.read(path)
        except files.FileError as exc:      # as `check` says it: the other files are still listed
            sys.stderr.write(_("oclint: error: {message}").format(message=printable(str(exc))) + "\n")
            status = EXIT_ERROR
            continue
        kind = knowledge.kind(path)
        skipped = _skipped(path, knowledge)
        load_ = knowledge.context(path, options) if knowledge.context and not skipped else None
        out.write(f"{_shown(path)}  [{kind}]" + (_("  skipped: {skipped}").format(skipped=skipped) if skipped else "") + "\n")
        if load_ is not None:
            out.write(_("    context: {note}\n").format(note=load_.note))
            if load_.home:
                out.write(_("    ~ is {home}\n").format(home=load_.home))
            members = [m for m in load_.paths if not _skipped(m, knowledge)]
            for i, member in enumerate(members, 1):
                out.write(f"    {i}. {_shown(member)}\n")
    return status


def _skipped(path: str, knowledge: Knowledge) -> str | None:
    try:
        return knowledge.skip(files.read(path)[0])
    except files.FileError:
        return None


def _changes(item: Loaded, doc: Document, others: list, run: engine.Run) -> list:
    """(path, bytes, expected) for the fixed file and the other files its fixes edit."""
    changes = [(item.doc.path, files.encode(doc), item.data)] if doc.text != item.doc.text else []
    return changes + [(path, files.encode(new), run.originals.get(path)) for path, new in others]


def _per_file_ignores(path: str, options: CheckOptions) -> list[str]:
    from fnmatch import fnmatch
    if not options.per_file_ignores:
        return []
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(options.settings_base)).replace(os.sep, "/")
    out = []
    for pattern, selectors in options.per_file_ignores.items():
        if fnmatch(relative, pattern) or fnmatch(os.path.basename(path), pattern):
            out.extend([selectors] if isinstance(selectors, str) else selectors)
    return out


def _emit(report: output.Report, options: CheckOptions, out: TextIO, secrets: set[str]) -> None:
    text = output.render("statistics" if options.statistics else options.output_format, report)
    terminal = options.output_format in ("full", "concise")
    if options.output_file:
        try:
            with open(options.output_file, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(redact(text, secrets, cut=False))
        except OSError as exc:
            raise files.FileError(_("{output_file}: cannot write: {strerror}").format(output_file=options.output_file, strerror=exc.strerror)) from None
        text, terminal = "", True
    if not options.quiet:
        if options.show_fixes:
            text += _fixes_applied(report)
        if terminal:
            text += output.summary(report)
    out.write(redact(text, secrets, cut=False))


def _fixes_applied(report: output.Report) -> str:
    lines = []
    for result in report.results:
        if not result.fixed:
            continue
        lines.append(_("Fixed in {path}:").format(path=result.path))
        counts: dict[tuple[str, str], int] = {}
        for d in result.fixed:
            counts[(d.code, d.name)] = counts.get((d.code, d.name), 0) + 1
        for (code, name), n in sorted(counts.items()):
            lines.append(f"  {n} × {code} ({name})")
    return "".join(line + "\n" for line in lines)


def _diff(before: Document, after: Document) -> str:
    import difflib

    lines = difflib.unified_diff(before.text.splitlines(keepends=True),
                                 after.text.splitlines(keepends=True),
                                 fromfile=before.path, tofile=before.path)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def exit_status(report: output.Report, options: CheckOptions, changed: int) -> int:
    if options.exit_zero:
        return EXIT_OK
    worst = Severity.WARNING if options.strict else Severity.ERROR
    failing = any(d.severity.rank >= worst.rank for d in report.diagnostics)
    if failing or (options.exit_non_zero_on_fix and changed):
        return EXIT_FAIL
    return EXIT_OK


def rule_doc(rule_: Rule, doc: str | None = None) -> str:
    """``oclint rule``'s text: a heading, the severity and fix, and ``doc`` (the rule's
    documentation in the run's locale; its docstring when not given)."""
    fix = {"safe": N_("Fix is always available (safe)."), "unsafe": N_("Fix is sometimes available (unsafe)."),
           "display-only": N_("A suggestion is shown, never applied.")}
    if doc is None:
        doc = _translated_doc(rule_)
    lines = [f"# {rule_.name} ({rule_.code})", "",
             _("Default severity: {severity}. ").format(severity=rule_.severity.value)
             + _(fix[rule_.fix.value] if rule_.fix else N_("No fix.")), "", rule_.doc if doc is None else doc, ""]
    return "\n".join(lines)


def _translated_doc(rule_: Rule) -> str | None:
    """The rule's documentation in the run's locale, kept by its package at
    ``<package>/locale/<locale>/rules/<CODE>.md``; None in English or when it has none."""
    from linter import i18n
    if i18n.current() == i18n.ENGLISH:
        return None
    from linter import docs
    try:
        return docs.rule_doc(rule_, i18n.current())
    except OSError:
        return None


def edit_file(path: str, steps, create_with: str | None = None, write: bool = True) -> str:
    """Apply each ``step(doc) -> edits`` in turn (each on the text the previous one left) to
    the file at ``path`` through the edit engine, and write the result atomically (unless
    ``write`` is false); a missing file is created from ``create_with`` first. Returns the
    new text. Raises UsageError when the file does not parse, and writes nothing."""
    from linter.edits import apply
    if os.path.islink(path) and not os.path.exists(path):
        path = os.path.realpath(path)   # a dotfiles link whose target is not there yet: create it
    if not os.path.exists(path) and create_with is not None:
        try:
            if write:
                os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        except OSError as exc:
            raise UsageError(_("{path}: cannot create its folder: {strerror}").format(path=path, strerror=exc.strerror or exc)) from None
        doc, data = files.decode(path, create_with.encode("utf-8")), None
        creating = True
    else:
        doc, data = files.read(path)
        creating = False
    if doc.encoding_error or doc.parse.errors or doc.parse.json5 or doc.root is None \
            or doc.root.kind != "object":
        raise UsageError(_("{path}: does not parse as a JSONC object; run `oclint {path}` and fix "
                           "it first").format(path=path))
    new = doc
    for step in steps:
        try:
            new = new.with_text(apply(new.text, step(new)))
        except ValueError as exc:       # the file's shape does not allow the edit
            raise UsageError(_("{path}: {exc}; nothing written").format(path=path, exc=exc)) from None
        if new.parse.errors:
            raise UsageError(_("{path}: the edit would break the file; nothing written").format(path=path))
    if not write:
        return new.text
    if creating:
        try:
            with open(path, "xb") as handle:
                handle.write(files.encode(new))
        except OSError as exc:
            raise UsageError(_("{path}: cannot create: {strerror}").format(path=path, strerror=exc.strerror or exc)) from None
    else:
        files.write_atomic(path, files.encode(new), data)
    return new.text
