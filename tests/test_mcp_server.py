"""`oclint mcp` with the `mcp` SDK's own client over stdio: every tool, structured replies,
writes only when asked, errors as tool errors, and a planted secret masked in every reply
and in the server's log."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("mcp")
from mcp import ClientSession  # noqa: E402
from mcp.client.stdio import StdioServerParameters, stdio_client  # noqa: E402

OCLINT = str(Path(sys.executable).with_name("oclint"))
SECRET = "sk-proj-" + "R8gL3nYw0MqS5uXa9cOd4zJe"
TOOLS = {"lint", "fix", "explain_rule", "show_config", "scaffold_gateway"}


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENCODE_", "XDG_"))}
    env.update(HOME=str(home), NO_COLOR="1", OCLINT_LOG="INFO")
    return env


async def _session(tmp_path: Path, work):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    log = open(tmp_path / "server.log", "w+")
    params = StdioServerParameters(command=OCLINT, args=["mcp"], env=_env(home), cwd=str(tmp_path))
    async with stdio_client(params, errlog=log) as streams:
        async with ClientSession(*streams[:2]) as session:
            await session.initialize()
            out = await work(session)
    log.seek(0)
    return out, log.read()


async def call(session, name, **arguments):
    result = await session.call_tool(name, arguments)
    return result


@pytest.mark.asyncio
async def test_tools_listed_and_lint_fix_explain(tmp_path):
    config = tmp_path / "opencode.json"
    original = '{\n  "$schema": "https://opencode.ai/config.json",\n  "small_model": "${MODEL}"\n}\n'
    config.write_text(original)

    async def work(session):
        listed = {tool.name for tool in (await session.list_tools()).tools}
        linted = await call(session, "lint", path=str(config))
        text = await call(session, "lint", text='{"modle": "x"}', filename=str(tmp_path / "p" / "opencode.json"))
        fixed = await call(session, "fix", path=str(config))
        explained = await call(session, "explain_rule", code="OC201")
        missing = await call(session, "explain_rule", code="OC999")
        return listed, linted, text, fixed, explained, missing

    (listed, linted, text, fixed, explained, missing), _ = await _session(tmp_path, work)
    assert TOOLS <= listed
    found = linted.structured_content["diagnostics"]
    sub = next(d for d in found if d["code"] == "OC306")
    assert sub["start"] == {"line": 3, "column": 18} and sub["fix"]["applicability"] == "safe"
    assert sub["fix"]["edits"][0]["content"] == '"{env:MODEL}"'
    assert {d["code"] for d in text.structured_content["diagnostics"]} >= {"OC201", "OC206"}
    result = fixed.structured_content
    assert result["changed"] and not result["written"] and "{env:MODEL}" in result["fixed_text"]
    assert [a["code"] for a in result["applied"]] == ["OC306"]
    assert config.read_text() == original                 # writes only when asked
    assert "unknown-key (OC201)" in explained.structured_content["docs"]
    assert missing.is_error


@pytest.mark.asyncio
async def test_fix_writes_when_asked_and_scaffold(tmp_path):
    config = tmp_path / "opencode.jsonc"
    config.write_text('{\n  // mine\n  "$schema": "https://opencode.ai/config.json",\n  "small_model": "$MODEL"\n}\n')
    target = tmp_path / "new" / "opencode.jsonc"

    async def work(session):
        wrote = await call(session, "fix", path=str(config), write=True)
        preview = await call(session, "scaffold_gateway", path=str(target), models=["gpt-5.1-codex"],
                             default="gpt-5.1-codex")
        made = await call(session, "scaffold_gateway", path=str(target), write=True)
        again = await call(session, "scaffold_gateway", path=str(target), write=True)
        clean = await call(session, "lint", path=str(target))
        return wrote, preview, made, again, clean

    (wrote, preview, made, again, clean), _ = await _session(tmp_path, work)
    assert wrote.structured_content["written"] and "{env:MODEL}" in config.read_text()
    assert "// mine" in config.read_text()
    text = preview.structured_content["text"]
    assert '"apiCompatibility": "responses"' in text and '"model": "mixroute/gpt-5.1-codex"' in text
    assert made.structured_content["written"] and "mixroute" in target.read_text()
    assert again.is_error and "already has" in again.content[0].text
    assert clean.structured_content["diagnostics"] == []   # the scaffold passes oclint's own rules


@pytest.mark.asyncio
async def test_secret_masked_everywhere(tmp_path):
    (tmp_path / ".git").mkdir()
    config = tmp_path / "opencode.json"
    config.write_text('{\n  "$schema": "https://opencode.ai/config.json",\n  "provider": {"openai": {"options": '
                      '{"apiKey": "%s"}}},\n  "model": "%s/x"\n}\n' % (SECRET, SECRET))

    async def work(session):
        replies = []
        for name, args in [("lint", {"path": str(config)}), ("fix", {"path": str(config), "unsafe": True}),
                           ("lint", {"text": config.read_text(), "filename": str(config)}),
                           ("show_config", {"folder": str(tmp_path)}), ("lint", {"path": str(config) + "x"})]:
            result = await call(session, name, **args)
            replies.append(json.dumps(result.structured_content) + "".join(
                getattr(c, "text", "") for c in result.content))
        return replies

    replies, log = await _session(tmp_path, work)
    assert "OC401" in replies[0] and '"apiKey"' in replies[3]
    for reply in [*replies, log]:
        assert SECRET not in reply and SECRET[:12] not in reply and SECRET[-12:] not in reply


def test_garbage_then_a_vanished_client(tmp_path):
    """A line that is not JSON-RPC is logged, not fatal; when the client goes away (its end
    of stdin closes) the server exits cleanly, without a traceback."""
    import subprocess
    proc = subprocess.run([OCLINT, "mcp"], input=b"garbage\n{\"jsonrpc\": \"2.0\", \"id\": 1}\n",
                          capture_output=True, env=_env(tmp_path), timeout=120)
    assert proc.returncode == 0
    assert b"Traceback" not in proc.stderr
