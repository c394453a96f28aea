"""`oclint server` end to end with a real LSP client (pytest-lsp): open, change,
diagnostics, code actions applied and the file linted clean again, hover, completion,
the context of unsaved buffers, settings, masking, and hostile input."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types as t  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

OCLINT = str(Path(sys.executable).with_name("oclint"))
WORK = Path(tempfile.mkdtemp(prefix="oclint-lsp-"))
HOME = WORK / "home"
PROJECT = WORK / "project"
GLOBAL = HOME / ".config" / "opencode"
SECRET = "sk-proj-" + "Q7fK2mXv9LpR4tWz8bNc3yHd"
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("OPENCODE_", "XDG_"))}
ENV.update(HOME=str(HOME), NO_COLOR="1")


def apply_edits(text: str, edits: list[t.TextEdit]) -> str:
    lines = text.splitlines(keepends=True) or [""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def at(pos):
        return starts[min(pos.line, len(lines))] + pos.character      # the tests' texts are ASCII
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:at(edit.range.start)] + edit.new_text + text[at(edit.range.end):]
    return text


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[OCLINT, "server"], server_env=ENV))
async def client(lsp_client: LanguageClient):
    PROJECT.mkdir(parents=True, exist_ok=True)
    GLOBAL.mkdir(parents=True, exist_ok=True)
    await lsp_client.initialize_session(t.InitializeParams(
        capabilities=t.ClientCapabilities(), root_uri=PROJECT.as_uri(),
        initialization_options={"debounce": 0, "maxDiagnostics": 50}))
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(client: LanguageClient, uri: str, timeout: float = 20) -> list[t.Diagnostic]:
    deadline = time.monotonic() + timeout
    while uri not in client.diagnostics:
        if time.monotonic() > deadline:
            raise AssertionError(f"no diagnostics for {uri}")
        await asyncio.wait_for(client.wait_for_notification("textDocument/publishDiagnostics"), timeout)
    return list(client.diagnostics.pop(uri))


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=uri, language_id="jsonc", version=version, text=text)))
    return uri


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)]))


BROKEN = '{\n  "$schema": "https://opencode.ai/config.json",\n  "model": "x/y",\n  "small_model": "${MODEL}"\n}\n'


@pytest.mark.asyncio
async def test_open_change_fix_and_clean(client: LanguageClient):
    path = PROJECT / "opencode.json"
    uri = open_doc(client, path, '{\n  "$schema": "https://opencode.ai/config.json"\n}\n')
    assert await diagnostics_for(client, uri) == []
    text = '{\n  "$schema": "https://opencode.ai/config.json",\n  "modle": "anthropic/claude-sonnet-4-5",\n' \
           '  "provider": {"local": {"options": {"baseURL": "http://localhost:1234/v1/chat/completions"},' \
           ' "models": {"m": {}}}}\n}\n'
    change(client, uri, text, 2)
    found = await diagnostics_for(client, uri)
    codes = {d.code for d in found}
    assert {"OC201", "OC308"} <= codes, codes
    unknown = next(d for d in found if d.code == "OC201")
    assert unknown.range.start == t.Position(line=2, character=2)
    assert unknown.severity == t.DiagnosticSeverity.Error and unknown.source == "oclint"
    assert unknown.code_description.href.endswith("docs/rules.md#oc201")
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), range=unknown.range,
        context=t.CodeActionContext(diagnostics=[unknown])))
    titles = [a.title for a in actions]
    rename = next(a for a in actions if "OC201" in a.title and "Suppress" not in a.title)
    assert "[unsafe fix]" in rename.title, titles
    assert any(a.title.startswith("Suppress OC201") for a in actions), titles
    fix_all = next(a for a in actions if a.kind == "source.fixAll.oclint")
    text = apply_edits(text, fix_all.edit.changes[uri])        # the safe OC308 fix
    assert "/chat/completions" not in text and '"modle"' in text
    text = apply_edits(text, rename.edit.changes[uri])
    change(client, uri, text, 3)
    assert [d.code for d in await diagnostics_for(client, uri)] == []


@pytest.mark.asyncio
async def test_suppress_action_silences_the_rule(client: LanguageClient):
    path = PROJECT / "sub" / "opencode.jsonc"
    path.parent.mkdir(exist_ok=True)
    text = '{\n  "$schema": "https://opencode.ai/config.json",\n  "modle": "x"\n}\n'
    uri = open_doc(client, path, text)
    found = [d for d in await diagnostics_for(client, uri) if d.code == "OC201"]
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), range=found[0].range,
        context=t.CodeActionContext(diagnostics=found)))
    suppress = next(a for a in actions if a.title.startswith("Suppress OC201"))
    text = apply_edits(text, suppress.edit.changes[uri])
    assert '"modle": "x" // oclint: ignore[OC201]' in text
    change(client, uri, text, 2)
    assert await diagnostics_for(client, uri) == []


@pytest.mark.asyncio
async def test_unsaved_global_buffer_defines_the_provider(client: LanguageClient):
    project = PROJECT / "ctx"
    project.mkdir(exist_ok=True)
    (project / ".git").mkdir(exist_ok=True)
    glob = GLOBAL / "opencode.json"
    glob.write_text("{}\n")
    text = '{\n  "$schema": "https://opencode.ai/config.json",\n  "model": "acme/m1"\n}\n'
    uri = open_doc(client, project / "opencode.json", text)
    assert "OC302" in {d.code for d in await diagnostics_for(client, uri)}
    guri = open_doc(client, glob, "{}\n")
    await diagnostics_for(client, guri)
    change(client, guri, '{"$schema": "https://opencode.ai/config.json", "provider": {"acme": '
                         '{"npm": "@ai-sdk/openai-compatible", "options": {"baseURL": "https://a.example/v1"}, '
                         '"models": {"m2": {}}}}}\n', 2)
    found = await diagnostics_for(client, uri)
    codes = {d.code for d in found}
    assert "OC302" not in codes and "OC303" in codes, codes
    related = next(d for d in found if d.code == "OC303").related_information
    assert related and related[0].location.uri == guri      # where the provider is defined
    assert glob.read_text() == "{}\n"                        # nothing was saved


@pytest.mark.asyncio
async def test_duplicate_key_points_at_the_other(client: LanguageClient):
    text = '{\n  "$schema": "https://opencode.ai/config.json",\n  "model": "a/b",\n  "model": "c/d"\n}\n'
    uri = open_doc(client, PROJECT / "dup" / "opencode.json", text)
    dup = next(d for d in await diagnostics_for(client, uri) if d.code == "OC103")
    assert dup.related_information[0].location.range.start == t.Position(line=3, character=2)


@pytest.mark.asyncio
async def test_hover_and_completion(client: LanguageClient):
    text = '{\n  "$schema": "https://opencode.ai/config.json",\n  "small_model": "",\n' \
           '  "provider": {"mine": {"npm": "@ai-sdk/openai-compatible", "models": {"fast": {}}}},\n' \
           '  "default_agent": "",\n  "modle": "x"\n}\n'
    uri = open_doc(client, PROJECT / "hover" / "opencode.json", text)
    await diagnostics_for(client, uri)
    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=2, character=5)))
    assert "Small model" in hover.contents.value or "small" in hover.contents.value.lower()
    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=5, character=4)))
    assert "unknown-key (OC201)" in hover.contents.value and "rules.md#oc201" in hover.contents.value
    items = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=2, character=18)))
    labels = [i.label for i in (items.items if hasattr(items, "items") else items)]
    assert "mine/fast" in labels and "anthropic/" in labels
    items = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=4, character=20)))
    labels = [i.label for i in (items.items if hasattr(items, "items") else items)]
    assert "build" in labels and "plan" in labels
    items = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=3, character=23)))
    labels = [i.label for i in (items.items if hasattr(items, "items") else items)]
    assert "options" in labels and "npm" not in labels        # keys of a provider, minus those written


@pytest.mark.asyncio
async def test_settings_honoured_reloaded_and_bad_settings(client: LanguageClient):
    folder = PROJECT / "settings"
    folder.mkdir(exist_ok=True)
    settings = folder / ".oclint.yaml"
    settings.write_text("ignore: [OC201]\n")
    text = '{\n  "$schema": "https://opencode.ai/config.json",\n  "modle": "x"\n}\n'
    uri = open_doc(client, folder / "opencode.json", text)
    assert await diagnostics_for(client, uri) == []
    settings.write_text("ignroe: [OC201]\n")
    client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(
        changes=[t.FileEvent(uri=settings.as_uri(), type=t.FileChangeType.Changed)]))
    bad = await diagnostics_for(client, settings.as_uri())
    assert len(bad) == 1 and "ignroe" in bad[0].message
    assert "OC201" in {d.code for d in await diagnostics_for(client, uri)}
    settings.write_text("select: [OC2]\nignore: [OC206]\n")
    client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(
        changes=[t.FileEvent(uri=settings.as_uri(), type=t.FileChangeType.Changed)]))
    assert await diagnostics_for(client, settings.as_uri()) == []       # cleared
    assert {d.code for d in await diagnostics_for(client, uri)} == {"OC201"}


@pytest.mark.asyncio
async def test_secret_masked_in_every_reply(client: LanguageClient):
    text = '{\n  "$schema": "https://opencode.ai/config.json",\n  "provider": {"openai": {"options": ' \
           '{"apiKey": "%s"}}},\n  "model": "%s"\n}\n' % (SECRET, SECRET)
    uri = open_doc(client, PROJECT / "secret" / "opencode.json", text)
    found = await diagnostics_for(client, uri)
    assert "OC401" in {d.code for d in found}
    replies = [json.dumps([d.message for d in found])]
    for d in found:
        hover = await client.text_document_hover_async(t.HoverParams(
            text_document=t.TextDocumentIdentifier(uri=uri), position=d.range.start))
        replies.append(hover.contents.value if hover else "")
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), range=d.range,
            context=t.CodeActionContext(diagnostics=[d])))
        replies += [a.title for a in actions]
    replies += [m.message for m in client.log_messages]
    assert replies and not any(SECRET in r or SECRET[:12] in r for r in replies)


@pytest.mark.asyncio
async def test_big_and_non_config_buffers(client: LanguageClient):
    other = open_doc(client, PROJECT / "package.json", '{"name": "x"}')
    models = ",\n".join(f'      "m{i:07d}": {{"name": "Model {i}"}}' for i in range(250_000))
    big = '{\n  "$schema": "https://opencode.ai/config.json",\n  "provider": {"p": {"npm": ' \
          '"@ai-sdk/openai-compatible", "options": {"baseURL": "https://x.example/v1"}, "models": {\n' + \
          models + "\n  }}}\n}\n"
    assert len(big) > 10_000_000
    uri = open_doc(client, PROJECT / "big" / "opencode.json", big)
    assert await diagnostics_for(client, uri, timeout=120) == []
    assert other not in client.diagnostics         # not a file oclint lints
    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=1, character=4)))
    assert hover is not None


@pytest.mark.asyncio
async def test_a_flood_of_findings_is_cut_with_a_count(client: LanguageClient):
    """More findings than `maxDiagnostics` (here 50; 1,000 by default): the first ones, then
    one line saying how many more there are and how to see them."""
    text = '{\n  "$schema": "https://opencode.ai/config.json",\n  "instructions": [\n' + \
           ",\n".join(f'    "missing-{i:03d}.md"' for i in range(80)) + "\n  ]\n}\n"
    path = PROJECT / "flood" / "opencode.json"
    uri = open_doc(client, path, text)
    found = await diagnostics_for(client, uri)
    assert len(found) == 51 and [d.range.start.line for d in found[:3]] == [3, 4, 5]
    assert found[-1].message == f"30 more problems not shown here (the first 50 are); run `oclint {path}` for all of them"
    assert found[-1].severity == t.DiagnosticSeverity.Information


def _frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_malformed_input_and_a_vanished_client():
    """Garbage, a body that is not UTF-8 and a request with bad parameters are logged; the
    server then still answers; when its input closes, it exits."""
    proc = subprocess.Popen([OCLINT, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=ENV)
    init = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"capabilities": {}, "processId": None, "rootUri": None}}).encode()
    bad_params = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
                             "params": {"textDocument": 5}}).encode()
    ping = json.dumps({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}).encode()
    proc.stdin.write(_frame(b"{not json") + _frame(b'{"jsonrpc": "2.0", "method": "\xff\xfe"}')
                     + _frame(init) + _frame(bad_params) + _frame(ping))
    proc.stdin.flush()
    out = b""
    deadline = time.monotonic() + 30
    os.set_blocking(proc.stdout.fileno(), False)
    while b'"id": 3' not in out and b'"id":3' not in out and time.monotonic() < deadline:
        chunk = proc.stdout.read()
        out += chunk or b""
        time.sleep(0.05)
    assert b'"id": 3' in out or b'"id":3' in out, out[-500:]
    proc.stdin.close()
    assert proc.wait(timeout=20) is not None
    assert b"Traceback" not in proc.stderr.read()


@pytest.mark.parametrize("path, text, key, comment", [
    ("opencode.jsonc", '{\n  "model": "a/b", // mine\n  "x": 1\n}\n', '"model"', "// oclint: ignore[OC999]\n"),
    ("opencode.jsonc", '{\n  "model": "a/b"\n}\n', '"model"', " // oclint: ignore[OC999]"),
    ("agent.md", "---\nmodel: a/b\ntemperature: 2\n---\nbody\n", "temperature", " # oclint: ignore[OC999]"),
])
def test_suppression_edit_covers_the_finding(path, text, key, comment):
    """The "suppress here" edit, in JSONC (after the code, or on a line of its own when the
    line has a comment already) and in YAML frontmatter: the suppression machinery then
    covers the finding."""
    from linter import suppress
    from linter.diagnostics import Diagnostic, Severity
    from linter.lsp import offset, suppression
    from linter.source import Document
    doc = Document(path, text)
    start = text.index(key)
    finding = Diagnostic("OC999", "test", "m", Severity.ERROR, path, start, start + len(key))
    edit = suppression(doc, finding)
    at = offset(doc, edit.range.start)
    assert edit.new_text.strip() == comment.strip()
    new = Document(path, text[:at] + edit.new_text + text[offset(doc, edit.range.end):])
    moved = new.text.index(key)
    finding.start, finding.end = moved, moved + len(key)
    kept, _ = suppress.apply(new, [finding])
    assert kept == []


@pytest.mark.asyncio
async def test_agent_markdown_and_tui_buffers(client: LanguageClient):
    """The markdown and tui kinds through the server: an agent file's frontmatter typo at its
    line and column, its unsafe quick fix applied, the buffer linted clean; a tui.json key
    that belongs in opencode.json reported in the tui buffer."""
    agent = PROJECT / "md" / ".opencode" / "agents" / "review.md"
    agent.parent.mkdir(parents=True, exist_ok=True)
    (PROJECT / "md" / ".git").mkdir(exist_ok=True)
    text = "---\ndescription: Reviews code\ntemprature: 0.2\n---\nYou review code.\n"
    uri = open_doc(client, agent, text)
    found = await diagnostics_for(client, uri)
    typo = next(d for d in found if d.code == "OC502")
    assert typo.range.start == t.Position(line=2, character=0)
    assert typo.code_description.href.endswith("docs/rules.md#oc502")
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), range=typo.range,
        context=t.CodeActionContext(diagnostics=[typo])))
    fix = next(a for a in actions if "OC502" in a.title and not a.title.startswith("Suppress"))
    assert "[unsafe fix]" in fix.title
    assert any(a.title.startswith("Suppress OC502") for a in actions)
    text = apply_edits(text, fix.edit.changes[uri])
    assert text == "---\ndescription: Reviews code\ntemperature: 0.2\n---\nYou review code.\n"
    change(client, uri, text, 2)
    assert [d.code for d in await diagnostics_for(client, uri)] == []

    tui = PROJECT / "md" / "tui.json"
    turi = open_doc(client, tui, '{\n  "$schema": "https://opencode.ai/tui.json",\n  "thme": "opencode"\n}\n')
    found = await diagnostics_for(client, turi)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [("OC602", 2, 2)]


@pytest.mark.asyncio
async def test_hover_and_keys_follow_the_opencode_version(client: LanguageClient):
    """An OpenCode 2 config (recognised by its keys) is described by the OpenCode 2 schema:
    hover on `skills` gives its V2 meaning, completion offers `providers`, not `provider`;
    the same key in a 1.x config gets the 1.x description."""
    v2 = '{\n  "providers": {},\n  "skills": ["./skills"],\n  \n}\n'
    uri = open_doc(client, PROJECT / "v2" / "opencode.json", v2)
    await diagnostics_for(client, uri)
    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=2, character=4)))
    assert "Paths or URLs to discover skills from" in hover.contents.value
    items = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=3, character=2)))
    labels = [i.label for i in (items.items if hasattr(items, "items") else items)]
    assert "plugins" in labels and "plugin" not in labels and "small_model" not in labels, labels
    v1 = '{\n  "$schema": "https://opencode.ai/config.json",\n  "skills": {"paths": []}\n}\n'
    uri = open_doc(client, PROJECT / "v1" / "opencode.json", v1)
    await diagnostics_for(client, uri)
    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line=2, character=4)))
    assert "Paths or URLs to discover skills from" not in (hover.contents.value if hover else "")


@pytest.mark.asyncio
async def test_a_rename_fix_is_a_file_move(client: LanguageClient):
    """A fix that moves a file (OC802: `.opencod/` is never read) is offered as a workspace
    edit that renames the file, never over an existing one."""
    folder = PROJECT / "moved"
    (folder / ".git").mkdir(parents=True, exist_ok=True)
    path = folder / ".opencod" / "opencode.json"
    path.parent.mkdir(exist_ok=True)
    uri = open_doc(client, path, '{\n  "$schema": "https://opencode.ai/config.json"\n}\n')
    stray = next(d for d in await diagnostics_for(client, uri) if d.code == "OC802")
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), range=stray.range,
        context=t.CodeActionContext(diagnostics=[stray])))
    move = next(a for a in actions if "OC802" in a.title and not a.title.startswith("Suppress"))
    assert "[unsafe fix]" in move.title
    [rename] = move.edit.document_changes
    assert rename.kind == "rename" and rename.old_uri == uri
    assert rename.new_uri == (folder / ".opencode" / "opencode.json").as_uri()
    assert rename.options.overwrite is False


def test_the_server_speaks_the_locale(tmp_path):
    """`oclint server --locale zh-CN`: the diagnostics it publishes are in Chinese (the
    codes and the protocol's fields as in English)."""
    proc = subprocess.Popen([OCLINT, "server", "--locale", "zh-CN"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    path = tmp_path / "opencode.json"
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"capabilities": {}, "processId": None, "rootUri": tmp_path.as_uri(),
                    "initializationOptions": {"debounce": 0}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": path.as_uri(), "languageId": "json", "version": 1,
            "text": '{\n  "$schema": "https://opencode.ai/config.json",\n  "modle": "x"\n}\n'}}},
    ]
    proc.stdin.write(b"".join(_frame(json.dumps(m).encode()) for m in messages))
    proc.stdin.flush()
    out = b""
    deadline = time.monotonic() + 30
    os.set_blocking(proc.stdout.fileno(), False)
    while b"publishDiagnostics" not in out and time.monotonic() < deadline:
        out += proc.stdout.read() or b""
        time.sleep(0.05)
    time.sleep(0.2)
    out += proc.stdout.read() or b""
    proc.stdin.close()
    proc.wait(timeout=20)
    bodies = [json.loads(chunk.split(b"\r\n\r\n", 1)[1]) for chunk in out.split(b"Content-Length: ")[1:]]
    published = next(b for b in bodies if b.get("method") == "textDocument/publishDiagnostics")
    [found] = [d for d in published["params"]["diagnostics"] if d["code"] == "OC201"]
    assert "未知的键 `modle`" in found["message"], found
