"""OC701's conversion of Claude/Cursor-shaped MCP servers, on generated configs."""

from hypothesis import assume, given, settings, strategies as st

from linter.jsonc import parse
from lintkit import fix_text, lint_text
from strategies import jsonc

WORD = st.text("abcdefgh-./@", min_size=1, max_size=8)
LOCAL = st.fixed_dictionaries(
    {"command": WORD, "args": st.lists(WORD, max_size=3)},
    optional={"env": st.dictionaries(st.sampled_from(["A", "B_C"]), WORD, max_size=2),
              "type": st.just("stdio"), "disabled": st.booleans(), "timeout": st.integers(1, 9000)})
REMOTE = st.fixed_dictionaries(
    {"url": st.just("https://example.com/mcp")},
    optional={"type": st.sampled_from(["sse", "http"]), "headers": st.dictionaries(
        st.sampled_from(["X-A", "Authorization"]), WORD, max_size=2), "enabled": st.booleans()})
CONFIG = st.fixed_dictionaries({"$schema": st.just("https://opencode.ai/config.json")}, optional={
    "mcp": st.dictionaries(st.sampled_from(["a", "b", "c"]), LOCAL | REMOTE, min_size=1, max_size=3),
    "mcpServers": st.dictionaries(st.sampled_from(["d", "e"]), LOCAL | REMOTE, min_size=1, max_size=2)})


@settings(max_examples=120, deadline=None)
@given(jsonc(value=CONFIG))
def test_fix_gives_opencode_shape(case):
    text, value, comments = case
    servers = {**value.get("mcp", {}), **value.get("mcpServers", {})}
    assume(servers)
    found = lint_text(text, ["OC701"])
    assert len(found) == len(servers)               # one finding per server
    fixed, _ = fix_text(text, ["OC701"])
    assert fix_text(fixed, ["OC701"])[0] == fixed    # idempotent
    p = parse(fixed)
    assert p.errors == []
    out = p.root.to_python()
    assert "mcpServers" not in out and set(out["mcp"]) == set(servers)
    for name, server in servers.items():
        entry = out["mcp"][name]
        if "command" in server:
            assert entry["type"] == "local"
            assert entry["command"] == [server["command"], *server["args"]]
            assert entry.get("environment", {}) == server.get("env", {})
            assert entry.get("enabled", True) == (not server.get("disabled", False))
        else:
            assert entry["type"] == "remote" and entry["url"] == server["url"]
            assert entry.get("headers") == server.get("headers")
    assert not lint_text(fixed, ["OC2", "OC701"]) or all(
        d.code == "OC206" for d in lint_text(fixed, ["OC2", "OC701"]))
    outside = [c for c in comments if c not in text[text.find('"mcp'):]] if '"mcp' in text else comments
    for comment in outside:
        assert comment in fixed
