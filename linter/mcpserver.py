"""`oclint mcp`: a Model Context Protocol server over stdio (the `mcp` SDK), for agents.

Tools: lint a file or a text, fix (the fixed text and what changed; writes only when
asked), explain a rule, show the merged config of a folder, and scaffold a gateway
provider. Each is a thin layer over what the command line runs (``linter.session`` over
``app.linter``, ``engine.fix``, ``app.edit_file``); everything returned is masked by
``linter.redact``. OpenCode's knowledge comes through ``Knowledge``.

The SDK is imported only here, and this module only when the server starts.
"""

from __future__ import annotations

from linter.i18n import _
import difflib
import json
import logging
import os
import sys
from typing import Any

from linter import app, engine, files
from linter.diagnostics import Applicability, Diagnostic
from linter.redact import printable, printable_json, redact
from linter.session import Linting, Result

log = logging.getLogger("oclint.mcp")


def _position(doc, offset: int) -> dict:
    line, column = doc.position(offset)
    return {"line": line, "column": column}


def diagnostic(result: Result, d: Diagnostic) -> dict:
    doc = result.doc
    out: dict[str, Any] = {
        "code": d.code, "name": d.name, "severity": d.severity.value, "message": d.message,
        "start": _position(doc, d.start), "end": _position(doc, d.end),
    }
    if d.help:
        out["help"] = d.help
    if d.fix is not None:
        out["fix"] = {
            "applicability": d.fix.applicability.value, "message": d.fix.message,
            "edits": [{"start": _position(doc, e.start), "end": _position(doc, e.end), "content": e.content}
                      for e in d.fix.edits],
            **({"rename": d.fix.rename} if d.fix.rename else {}),
        }
    if d.related:
        out["related"] = [{"path": path, "message": message} for path, _, _, message in d.related]
    return out


def masked(value, secrets):
    """``value`` (JSON data) with every secret masked, as every output is."""
    return json.loads(redact(printable_json(json.dumps(value, ensure_ascii=False)), secrets))


class Tools:
    """The tools' work, apart from the protocol (each returns JSON data, masked)."""

    def __init__(self, knowledge) -> None:
        self.knowledge = knowledge
        self.secrets: set[str] = set()      # every secret a reply held: masked in the logs too

    def masked(self, value, secrets):
        self.secrets |= secrets
        return masked(value, secrets)

    def _lint(self, path: str | None, text: str | None, filename: str | None) -> tuple[Linting, Result]:
        if path is None and text is None:
            raise app.UsageError(_("give a `path` to a file, or a `text` (with a `filename` to lint "
                                   "it as)"))
        linting = Linting(self.knowledge)
        if text is None:
            doc = files.read(path)[0]
            doc.kind = self.knowledge.kind(path)
            where = os.path.abspath(path)
        else:
            where = os.path.abspath(filename or path or "opencode.json")
            doc = linting.document(where, text)
        linting.buffers[where] = doc
        doc.path = where
        bad = linting.bad_settings
        result = linting.lint(where)
        if bad:
            raise app.UsageError("; ".join(bad.values()))
        return linting, result

    def lint(self, path: str | None = None, text: str | None = None, filename: str | None = None) -> dict:
        _doc, result = self._lint(path, text, filename)
        found = [diagnostic(result, d) for d in result.diagnostics]
        return self.masked({"file": result.doc.path, "kind": result.doc.kind, "diagnostics": found,
                       "count": len(found)}, result.secrets)

    def fix(self, path: str | None = None, text: str | None = None, filename: str | None = None,
            unsafe: bool = False, write: bool = False) -> dict:
        linting, result = self._lint(path, text, filename)
        doc = result.doc
        if result.lint is None:
            fixed, applied = doc, []
        else:
            fixed, applied = engine.fix(doc, lambda d: result.lint(d, result.load), unsafe)
        if fixed.text != doc.text and (fixed.parse.errors or fixed.parse.json5):
            raise app.UsageError(_("{path}: not fixed: it would still not parse; fix its syntax "
                                   "errors first").format(path=doc.path))
        linting.buffers[doc.path] = fixed
        after = linting.lint(doc.path)
        written = False
        if write and fixed.text != doc.text:
            if text is not None and path is None:
                raise app.UsageError(_("`write` needs a `path`: a text has no file to write"))
            current, data = files.read(doc.path)
            if current.text != doc.text:
                raise app.UsageError(_("{path}: changed while it was being fixed; nothing written").format(path=doc.path))
            files.write_atomic(doc.path, files.encode(fixed), data)
            written = True
        diff = "".join(difflib.unified_diff(doc.text.splitlines(keepends=True), fixed.text.splitlines(keepends=True),
                                            fromfile=doc.path, tofile=doc.path))
        return self.masked({
            "file": doc.path, "changed": fixed.text != doc.text, "written": written, "fixed_text": fixed.text,
            "diff": diff, "applied": [{"code": d.code, "name": d.name, "message": d.fix.message or d.message,
                                       "applicability": d.fix.applicability.value} for d in applied],
            "remaining": [diagnostic(after, d) for d in after.diagnostics],
        }, result.secrets | after.secrets)

    def explain(self, code: str) -> dict:
        from linter.registry import find
        found = find(code)
        if found is None:
            raise app.UsageError(_("unknown rule `{code}`").format(code=code))
        return {"code": found.code, "name": found.name, "severity": found.severity.value,
                "fix": found.fix.value if found.fix else None, "kinds": list(found.kinds),
                "docs": app.rule_doc(found)}

    def show_config(self, folder: str | None = None, home: str | None = None) -> dict:
        from linter import discovery, show_config
        discovery.forget()      # a run of its own: the folders as they are now
        where = os.path.abspath(folder or os.getcwd())
        if not os.path.isdir(where):
            raise app.UsageError(_("{where}: not a folder").format(where=where))
        found = self.knowledge.editor().folder_config(where, home)
        if found is None:
            return {"folder": where, "files": [], "config": {}, "note": _("no OpenCode config files apply here")}
        merged, load, docs, broken = found
        out = json.loads(show_config.as_json(merged, where, load))
        out.update(folder=where, broken=broken)
        return self.masked(out, app.run_secrets(self.knowledge, docs))

    def scaffold(self, path: str, models: list[str] | None = None, default: str | None = None,
                 base_url: str | None = None, routing: str = "both", force: bool = False,
                 write: bool = False) -> dict:
        try:
            models_, steps, note, empty, key = self.knowledge.editor().scaffold(
                path, models or (), default, base_url, routing, force)
        except ValueError as exc:
            raise app.UsageError(str(exc)) from None
        before = files.read(path)[0].text if os.path.exists(path) else ""
        text = app.edit_file(path, steps, create_with=empty, write=write)
        diff = "".join(difflib.unified_diff(before.splitlines(keepends=True), text.splitlines(keepends=True),
                                            fromfile=path, tofile=path))
        return self.masked({"file": path, "models": models_, "written": write, "text": text, "diff": diff,
                            **({"note": note} if note else {}),
                            "key": _("set the key in your shell profile: {key}").format(key=key)},
                           app.run_secrets(self.knowledge, [files.decode(path, text.encode("utf-8"))]))


def _text(text: str) -> str | None:
    """A tool's `text`: none when empty (the SDK reads a missing optional string as JSON)."""
    return text or None


def build(knowledge):
    from mcp.server.mcpserver import MCPServer
    from linter import __version__
    tools = Tools(knowledge)
    server = MCPServer("oclint", instructions=(
        "oclint lints and fixes OpenCode config files (opencode.json(c), tui.json(c), agent, "
        "command and skill markdown) against what OpenCode 1.18.33 really does. Lint before "
        "and after editing a config; OpenCode drops unknown keys silently."))

    from mcp.server.mcpserver.exceptions import ToolError

    def guarded(work):
        try:
            return work()
        except (app.UsageError, files.FileError) as exc:      # a tool error the agent reads
            raise ToolError(printable(redact(str(exc), tools.secrets))) from None

    @server.tool(structured_output=True)
    def lint(path: str = "", text: str = "", filename: str = "") -> dict[str, Any]:
        """Lint an OpenCode config file (`path`), or a `text` as if it were the file `filename`
        (default: opencode.json in the current folder), in the context OpenCode loads it
        with. Returns the diagnostics with positions (1-based) and fixes."""
        return guarded(lambda: tools.lint(path or None, _text(text), filename or None))

    @server.tool(structured_output=True)
    def fix(path: str = "", text: str = "", filename: str = "",
            unsafe: bool = False, write: bool = False) -> dict[str, Any]:
        """Apply oclint's safe fixes (and unsafe ones with `unsafe`) to a file or a text.
        Returns the fixed text, a diff, the fixes applied and what remains; writes the file
        only with `write` (and a `path`)."""
        return guarded(lambda: tools.fix(path or None, _text(text), filename or None, unsafe, write))

    @server.tool(structured_output=True)
    def explain_rule(code: str) -> dict[str, Any]:
        """Explain an oclint rule (`OC201`, or a name such as `unknown-key`): what it finds,
        why it matters, an example and its fix."""
        return guarded(lambda: tools.explain(code))

    @server.tool(structured_output=True)
    def show_config(folder: str = "", home: str = "") -> dict[str, Any]:
        """The merged config OpenCode would see in `folder` (default: the current one), with
        the file and line each value comes from. Secrets are masked."""
        return guarded(lambda: tools.show_config(folder or None, home or None))

    @server.tool(structured_output=True)
    def scaffold_gateway(path: str, models: list[str] | None = None, default: str = "",
                         base_url: str = "", routing: str = "both", force: bool = False,
                         write: bool = False) -> dict[str, Any]:
        """Add the Mixroute gateway provider to the config at `path` (as `oclint init mixroute`):
        returns the new text and a diff; writes (creating the file if absent) only with `write`.
        `routing` is both, api-compatibility or provider-npm."""
        if routing not in ("both", "api-compatibility", "provider-npm"):
            raise ToolError(_("routing must be both, api-compatibility or provider-npm"))
        return guarded(lambda: tools.scaffold(path, list(models or ()), default or None, base_url or None, routing, force, write))

    server.tools = tools
    return server


def serve(knowledge) -> int:
    server = build(knowledge)
    logging.basicConfig(stream=sys.stderr, level=os.environ.get("OCLINT_LOG", "WARNING").upper(),
                        format="oclint mcp: %(message)s")

    class OneLine(logging.Filter):      # a log line, never a traceback, never a control character
        def filter(self, record: logging.LogRecord) -> bool:
            message = record.getMessage().split("\n", 1)[0]
            if record.exc_info and record.exc_info[1] is not None:
                message += f": {type(record.exc_info[1]).__name__}"
            record.msg, record.args = printable(redact(message, server.tools.secrets)), ()
            record.exc_info = record.exc_text = record.stack_info = None
            return True
    for handler in logging.getLogger().handlers:
        handler.addFilter(OneLine())
    try:
        server.run("stdio")
    except (KeyboardInterrupt, BrokenPipeError):
        pass
    return 0
