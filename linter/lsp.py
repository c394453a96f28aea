"""`oclint server`: a Language Server Protocol server over stdio (pygls, lsprotocol types).

A thin adapter over the check the command line runs: each open document is linted by
``app.linter`` in its load context, where the open buffers stand for their files (the
unsaved text of the global config counts for a project file's references); fixes are the
engine's, masking is ``linter.redact``'s. What OpenCode is (which files are linted, the
schema behind hovers and completion) arrives through ``Knowledge``.

pygls is imported only here, and this module only when the server starts.
"""

from __future__ import annotations

from linter.i18n import _
import asyncio
import gc
import logging
import os
import sys
from urllib.parse import unquote, urlparse

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer

from linter import __version__, app, engine
from linter.diagnostics import Applicability, Diagnostic, Severity
from linter.redact import printable, redact
from linter.session import Linting, Result
from linter.source import Document

DOCS = "https://github.com/oclint/oclint/blob/main/docs/rules.md"
SEVERITY = {Severity.ERROR: t.DiagnosticSeverity.Error, Severity.WARNING: t.DiagnosticSeverity.Warning,
            Severity.INFO: t.DiagnosticSeverity.Information}
DEBOUNCE = 0.02         # seconds from the last change to the lint (initializationOptions.debounce, ms)
FIX_ALL = "source.fixAll.oclint"
MAX_DIAGNOSTICS = 1000  # per file sent to the editor (initializationOptions.maxDiagnostics)
IDLE_COLLECT = 1.0      # seconds after the last lint: the cycle collector runs
log = logging.getLogger("oclint.server")


def path_of(uri: str) -> str | None:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


def uri_of(path: str) -> str:
    from pathlib import Path
    return Path(os.path.abspath(path)).as_uri()


# -- positions: offsets into Document.text <-> LSP positions (UTF-16 columns) -----------

def position(doc: Document, offset: int) -> t.Position:
    line, column = doc.position_utf16(min(max(offset, 0), len(doc.text)))
    return t.Position(line=line - 1, character=column - 1)


def span(doc: Document, start: int, end: int) -> t.Range:
    return t.Range(start=position(doc, start), end=position(doc, end))


def offset(doc: Document, pos: t.Position) -> int:
    starts = doc.line_starts
    if pos.line >= len(starts):
        return len(doc.text)
    start = starts[pos.line]
    end = starts[pos.line + 1] if pos.line + 1 < len(starts) else len(doc.text)
    units, i = 0, start
    while i < end and units < pos.character:
        units += 2 if ord(doc.text[i]) > 0xFFFF else 1
        i += 1
    return i


def to_lsp(result: Result, d: Diagnostic, linting: Linting) -> t.Diagnostic:
    shown = lambda text: redact(text, result.secrets)
    related = []
    for path, start, end, message in d.related:
        other = result.doc if path == result.doc.path else linting.related_doc(path)
        if other is not None:
            related.append(t.DiagnosticRelatedInformation(
                location=t.Location(uri=uri_of(path), range=span(other, start, end)), message=shown(message)))
    message = d.message + (f"\n{d.help}" if d.help else "")
    return t.Diagnostic(
        range=span(result.doc, d.start, d.end), message=shown(message), severity=SEVERITY[d.severity],
        code=d.code, source="oclint",
        code_description=t.CodeDescription(href=f"{DOCS}#{d.code.lower()}") if d.code else None,
        related_information=related or None,
        data={"code": d.code, "start": d.start, "end": d.end})


class Server(LanguageServer):
    def __init__(self, knowledge) -> None:
        super().__init__("oclint", __version__)
        self.linting = Linting(knowledge)
        self.debounce = DEBOUNCE
        self.max_diagnostics = MAX_DIAGNOSTICS
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.published_settings: set[str] = set()
        self.versions: dict[str, int] = {}      # path -> the version of the text last received
        self.collecting: asyncio.TimerHandle | None = None

    # what goes to the client's log is masked like every other output
    def log(self, message: str, kind: t.MessageType = t.MessageType.Log) -> None:
        text = printable(redact(message, self.linting.secrets))
        log.info(text)
        try:
            self.window_log_message(t.LogMessageParams(type=kind, message=text))
        except Exception:       # the client is gone: nothing to tell
            pass

    def schedule(self, path: str, delay: float | None = None) -> None:
        handle = self.pending.pop(path, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop() if _running() else None
        if loop is None or not (delay if delay is not None else self.debounce):
            self.publish(path)
            return
        self.pending[path] = loop.call_later(delay if delay is not None else self.debounce, self.publish, path)

    def publish(self, path: str) -> None:
        self.pending.pop(path, None)
        try:
            result = self.linting.lint(path)
        except Exception as exc:        # a bug must not take the editor's server down
            self.log(_("oclint: linting {path} failed: {type}: {exc}").format(path=path, type=type(exc).__name__, exc=exc), t.MessageType.Error)
            return
        if result is None:
            return
        shown = [to_lsp(result, d, self.linting) for d in result.diagnostics[:self.max_diagnostics]]
        hidden = len(result.diagnostics) - len(shown)
        if hidden > 0:      # an editor drowns in more; the command line lists them all
            shown.append(t.Diagnostic(
                range=t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0)),
                message=_("{hidden} more problems not shown here (the first {count} are); run "
                          "`oclint {path}` for all of them").format(hidden=hidden, count=len(shown), path=printable(path)),
                severity=t.DiagnosticSeverity.Information, source="oclint"))
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri=uri_of(path), version=self.versions.get(path), diagnostics=shown))
        self.publish_settings()
        self.collect_later()

    def collect_later(self) -> None:
        """The cycle collector runs when the editor is idle, not during a lint (the trees a
        lint builds point at their parents: collecting while building costs up to half the
        time of a big file)."""
        if self.collecting is not None:
            self.collecting.cancel()
        if _running():
            self.collecting = asyncio.get_running_loop().call_later(IDLE_COLLECT, gc.collect)

    def publish_settings(self) -> None:
        """A settings file that cannot be used: one diagnostic on it (cleared when fixed)."""
        bad = dict(self.linting.bad_settings)
        for path in self.published_settings - set(bad):
            self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri_of(path), diagnostics=[]))
        for path, message in bad.items():
            self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri_of(path), diagnostics=[
                t.Diagnostic(range=t.Range(start=t.Position(line=0, character=0), end=t.Position(line=0, character=0)),
                             message=printable(message), severity=t.DiagnosticSeverity.Error, source="oclint")]))
        self.published_settings = set(bad)

    def relint_all(self) -> None:
        for path in list(self.linting.buffers):
            self.publish(path)


def _running() -> bool:
    try:
        asyncio.get_running_loop()
        return True
    except RuntimeError:
        return False


SETTINGS_NAMES = (".oclint.yaml", ".oclint.yml", "pyproject.toml")


def build(knowledge) -> Server:
    server = Server(knowledge)
    linting = server.linting

    def lintable(path: str | None) -> bool:
        return path is not None and os.path.basename(path) not in SETTINGS_NAMES and knowledge.lintable(path)

    @server.feature(t.INITIALIZE)
    def initialize(ls: Server, params: t.InitializeParams):
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(0.0, options["debounce"] / 1000)
        if isinstance(options, dict) and isinstance(options.get("maxDiagnostics"), int) \
                and options["maxDiagnostics"] > 0:
            ls.max_diagnostics = options["maxDiagnostics"]

    @server.feature(t.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Server, params: t.DidOpenTextDocumentParams):
        path = path_of(params.text_document.uri)
        if not lintable(path):
            return
        linting.buffers[path] = linting.document(path, params.text_document.text)
        ls.versions[path] = params.text_document.version
        ls.schedule(path, 0)

    @server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Server, params: t.DidChangeTextDocumentParams):
        path = path_of(params.text_document.uri)
        if path not in linting.buffers:
            return
        text = linting.buffers[path].text
        for change in params.content_changes:
            if isinstance(change, t.TextDocumentContentChangeWholeDocument) or getattr(change, "range", None) is None:
                text = change.text
            else:
                doc = Document(path, text)
                start, end = offset(doc, change.range.start), offset(doc, change.range.end)
                text = text[:start] + change.text + text[end:]
        linting.buffers[path] = linting.document(path, text)
        ls.versions[path] = params.text_document.version
        ls.schedule(path)
        for other in linting.buffers:        # a file's change can change its context's verdicts
            if other != path:
                ls.schedule(other)

    @server.feature(t.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Server, params: t.DidSaveTextDocumentParams):
        path = path_of(params.text_document.uri)
        if path and os.path.basename(path) in SETTINGS_NAMES:
            linting.reload_settings()
            ls.relint_all()

    @server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Server, params: t.DidCloseTextDocumentParams):
        path = path_of(params.text_document.uri)
        if path in linting.buffers:
            del linting.buffers[path]
            linting.results.pop(path, None)
            ls.versions.pop(path, None)
            handle = ls.pending.pop(path, None)
            if handle is not None:
                handle.cancel()
            ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                            diagnostics=[]))
            ls.relint_all()     # its saved text stands for it again

    @server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: Server, params: t.DidChangeWatchedFilesParams):
        if any((path_of(c.uri) or "").endswith(SETTINGS_NAMES) for c in params.changes):
            linting.reload_settings()
        ls.relint_all()

    def current(path: str | None) -> Result | None:
        if path not in linting.buffers:
            return None
        result = linting.results.get(path)
        if result is None or result.doc is not linting.buffers[path]:
            result = linting.lint(path)
        return result

    def fix_edit(doc: Document, uri: str, fix) -> t.WorkspaceEdit:
        """A fix as a workspace edit: its text edits, then the file's move when it has one
        (never over an existing file, as `oclint --fix` moves files)."""
        edits = [t.TextEdit(range=span(doc, e.start, e.end), new_text=e.content) for e in fix.edits]
        if not fix.rename:
            return t.WorkspaceEdit(changes={uri: edits})
        changes: list = []
        if edits:
            changes.append(t.TextDocumentEdit(
                text_document=t.OptionalVersionedTextDocumentIdentifier(uri=uri, version=server.versions.get(path_of(uri))),
                edits=edits))
        changes.append(t.RenameFile(old_uri=uri, new_uri=uri_of(fix.rename),
                                    options=t.RenameFileOptions(overwrite=False, ignore_if_exists=False)))
        return t.WorkspaceEdit(document_changes=changes)

    @server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(
        code_action_kinds=[t.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls: Server, params: t.CodeActionParams):
        result = current(path_of(params.text_document.uri))
        if result is None:
            return []
        doc, uri = result.doc, params.text_document.uri
        lo, hi = offset(doc, params.range.start), offset(doc, params.range.end)
        actions = []
        shown = lambda text: redact(text, result.secrets)
        for d in result.diagnostics:
            if not (d.start <= hi and lo <= d.end):
                continue
            lsp = to_lsp(result, d, linting)
            if d.fix is not None and d.fix.applicability != Applicability.DISPLAY_ONLY:
                unsafe = d.fix.applicability == Applicability.UNSAFE
                title = f"{d.fix.message or 'Fix'} ({d.code})" + (_(" [unsafe fix]") if unsafe else "")
                actions.append(t.CodeAction(
                    title=shown(title), kind=t.CodeActionKind.QuickFix, diagnostics=[lsp],
                    is_preferred=not unsafe, edit=fix_edit(doc, uri, d.fix)))
            if d.code:
                edit = suppression(doc, d)
                if edit is not None:
                    actions.append(t.CodeAction(
                        title=_("Suppress {code} here (oclint: ignore[{code}])").format(code=d.code), kind=t.CodeActionKind.QuickFix,
                        diagnostics=[lsp], edit=t.WorkspaceEdit(changes={uri: [edit]})))
        if result.lint is not None and any(engine.applicable(d.fix, False) for d in result.diagnostics):
            fixed, applied = engine.fix(doc, lambda x: result.lint(x, result.load), False)
            if fixed.text != doc.text and not fixed.parse.errors:
                actions.append(t.CodeAction(
                    title=_("Fix all safe problems in this file ({count})").format(count=len(applied)), kind=FIX_ALL,
                    edit=t.WorkspaceEdit(changes={uri: [t.TextEdit(range=span(doc, 0, len(doc.text)),
                                                                   new_text=fixed.text)]})))
        return actions

    @server.feature(t.TEXT_DOCUMENT_HOVER)
    def hover(ls: Server, params: t.HoverParams):
        result = current(path_of(params.text_document.uri))
        if result is None:
            return None
        doc = result.doc
        at = offset(doc, params.position)
        parts = []
        member = _member_at(doc, at)
        editor = knowledge.editor() if knowledge.editor else None
        if member is not None and editor is not None:
            path = member.parent.path() + (member.key,)
            text = editor.describe(doc.kind, path, editor.schema_source(doc, result.options))
            if text:
                parts.append(f"**{'.'.join(str(p) for p in path)}**: {text}")
        from linter.registry import find
        for d in result.diagnostics:
            if d.start <= at <= d.end and d.code:
                rule = find(d.code)
                if rule is not None:
                    parts.append(app.rule_doc(rule) + "\n" + _("[{code} in the rule docs]({url})").format(code=d.code, url=f"{DOCS}#{d.code.lower()}"))
        if not parts:
            return None
        return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown,
                                                value=redact("\n\n---\n\n".join(parts), result.secrets)))

    @server.feature(t.TEXT_DOCUMENT_COMPLETION, t.CompletionOptions(trigger_characters=['"', "/"]))
    def completion(ls: Server, params: t.CompletionParams):
        result = current(path_of(params.text_document.uri))
        editor = knowledge.editor() if knowledge.editor else None
        if result is None or editor is None or result.doc.root is None:
            return []
        doc = result.doc
        at = offset(doc, params.position)
        node = _deepest(doc.root, at)
        items = []
        if node is not None and node.kind == "string" and node.member is not None and node.start < at < node.end:
            path = node.path()
            wants = editor.expects(doc.kind, path)
            config = _merged_config(linting, result)
            values = editor.models(config) if wants == "model" else editor.agents(config) if wants == "agent" else []
            inner = t.Range(start=position(doc, node.start + 1), end=position(doc, max(node.start + 1, node.end - 1)))
            for value in values:
                items.append(t.CompletionItem(label=value, kind=t.CompletionItemKind.Value,
                                              text_edit=t.TextEdit(range=inner, new_text=value)))
            return items
        obj = node if node is not None and node.kind == "object" else None
        if obj is None and node is not None and node.member is not None and node.kind == "string" \
                and node.member.key_start <= at <= node.member.key_end:
            obj = node.member.parent          # typing a key: the keys of its object
        if obj is None:
            return []
        have = {m.key for m in obj.members()}
        for key, description in editor.keys(doc.kind, obj.path(), editor.schema_source(doc, result.options)):
            if key not in have:
                items.append(t.CompletionItem(label=key, kind=t.CompletionItemKind.Property,
                                              documentation=description or None))
        return items

    return server


def _merged_config(linting: Linting, result: Result):
    from linter.context import Views
    if result.load is None:
        return result.doc.value
    views = Views(linting.knowledge.merge, linting.knowledge.kind, linting.knowledge.skip)
    for buffer in linting.buffers.values():
        views.add(buffer)
    view = views.view(result.load, result.doc)
    return view.value if view is not None else result.doc.value


def _member_at(doc: Document, at: int):
    for node in doc.nodes:
        if node.kind == "object":
            for member in node.members():
                if member.key_start <= at <= member.key_end:
                    return member
    return None


def _deepest(node, at: int):
    """The innermost node whose span holds ``at`` (strictly inside, for containers)."""
    best = None
    while node is not None:
        if not (node.start <= at <= node.end):
            break
        best = node
        nxt = None
        for child in node.children:
            value = child.value if hasattr(child, "key") else child
            if value is not None and value.start <= at <= value.end:
                nxt = value
                break
        if nxt is None or nxt is node:
            break
        node = nxt
    return best


def suppression(doc: Document, d: Diagnostic) -> t.TextEdit | None:
    """The edit that writes `oclint: ignore[CODE]` for ``d``: into the line's suppression
    comment if it has one, else after the code on its line, else on a line of its own
    before it (which covers the next member)."""
    from linter.suppress import find
    hash_ = doc.syntax == "markdown"
    line, _column = doc.position(d.start)
    start = doc.line_starts[line - 1]
    end = start + len(doc.line_text(line))
    for s in find(doc):
        if s.kind == "ignore" and start <= s.comment[0] <= end:
            if d.code in s.selectors:
                return None
            return t.TextEdit(range=span(doc, s.list_span[1], s.list_span[1]),
                              new_text=(", " if s.selectors else "") + d.code)
    comment = ("# " if hash_ else "// ") + f"oclint: ignore[{d.code}]"
    touches = [c for c in doc.parse.comments if c[0] <= end and start <= c[1]]
    if hash_ and doc.parse.root is not None and not (doc.root.start <= d.start <= doc.root.end):
        return None         # outside the frontmatter: no YAML comment can cover it
    if not touches and doc.text[start:end].strip():
        return t.TextEdit(range=span(doc, end, end), new_text=" " + comment)
    line_text = doc.line_text(line)
    indent = line_text[:len(line_text) - len(line_text.lstrip())]
    return t.TextEdit(range=span(doc, start, start), new_text=f"{indent}{comment}{doc.eol}")


def serve(knowledge) -> int:
    """Run the server on stdin/stdout until the client exits or goes away."""
    logging.basicConfig(stream=sys.stderr, level=os.environ.get("OCLINT_LOG", "WARNING").upper(),
                        format="oclint server: %(message)s")
    server = build(knowledge)
    _mask_logs(server)
    gc.disable()        # collected when idle (Server.collect_later)
    try:
        server.start_io()
    except (KeyboardInterrupt, BrokenPipeError):
        pass
    return 0


def _mask_logs(server: Server) -> None:
    """Every log record (pygls' included) masked before it is written."""
    class Mask(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            message = record.getMessage().split("\n", 1)[0]     # a log line, never a traceback
            if record.exc_info and record.exc_info[1] is not None:     # one line, not a traceback
                exc = record.exc_info[1]
                message += f": {type(exc).__name__}: {exc}"
            record.msg = printable(redact(message, server.linting.secrets))
            record.args, record.exc_info, record.exc_text, record.stack_info = (), None, None, None
            return True
    for handler in logging.getLogger().handlers:
        handler.addFilter(Mask())
