"""Gateway, reference and secret rules beyond their fixtures: settings that extend or break
their data, messages, the secrets the engine masks, and edits the fixes are made of."""

import pytest
from click.testing import CliRunner

from linter.cli import main
from lintkit import fix_text, lint_text
from rules import providers, secrets

SELF_HOSTED = """{
  "provider": {
    "company": {
      "npm": "@ai-sdk/openai-compatible",
      "options": {"baseURL": "http://llm-gw:3003"},
      "models": {"my-codex-1": {}, "o9": {}, "gemini-2.5-pro": {"apiCompatibility": "responses"},
                 "house-chat": {"provider": {"npm": "@ai-sdk/openai"}}}
    }
  }
}
"""


def codes(text, selectors=("MR", "OC3", "OC4"), options=None):
    return [(d.code, d.line, d.severity.value) for d in lint_text(text, selectors, options)]


def test_settings_extend_gateways_and_model_lists():
    assert codes(SELF_HOSTED) == []          # not a gateway oclint knows
    options = {"gateways": ["http://llm-gw:3003"],
               "responses-only-models": ["my-codex-*", {"pattern": "o9", "severity": "warning"}],
               "chat-only-models": ["house-*"]}
    assert codes(SELF_HOSTED, options=options) == [
        ("MR102", 5, "error"),     # self-hosted baseURL without /v1
        ("MR103", 6, "error"),     # my-codex-1: a settings pattern, error by default
        ("MR103", 6, "warning"),   # o9: a settings pattern with its own severity
        ("MR104", 6, "warning"),   # gemini: a built-in chat-only family
        ("MR104", 7, "warning"),   # house-chat: a settings chat-only family
    ]
    # a gateway named by provider id, or by host:port, works the same
    for entry in ("company", "llm-gw:3003", "llm-gw"):
        assert [c for c, *_ in codes(SELF_HOSTED, options={**options, "gateways": [entry]})].count("MR103") == 2


@pytest.mark.parametrize("options", [
    {"responses-only-models": "gpt-5*-codex*"},
    {"responses-only-models": [{"severity": "warning"}, {"pattern": 3}, 7, None, {"pattern": "o9", "severity": "loud"}]},
    {"chat-only-models": {"claude": True}},
    {"chat-only-models": [None, 3, ""]},
    {"gateways": 42},
    {"gateways": [None, {"host": "x"}, ""]},
    {"responses-routing": "sometimes"},
    {"responses-routing": ["both"]},
])
def test_bad_settings_values_never_crash(options):
    text = SELF_HOSTED.replace("http://llm-gw:3003", "https://console.mixroute.io/v1")
    found = codes(text, options=options)
    assert ("MR104", 6, "warning") in found
    assert ("MR103", 6, "error") not in found or options.get("responses-only-models")


def test_bad_routing_setting_falls_back_to_both():
    text = SELF_HOSTED.replace("http://llm-gw:3003", "https://console.mixroute.io/v1").replace("my-codex-1", "gpt-5.2-codex")
    fixed, _ = fix_text(text, ["MR103"], {"responses-routing": "sometimes"})
    assert '"apiCompatibility": "responses"' in fixed.split("gpt-5.2-codex")[1].split("}")[0]
    assert providers.routing({"responses-routing": "provider-npm"}) == "provider-npm"
    assert providers.routing({}) == "both"


def test_unknown_provider_says_how_to_lint_with_the_defining_file():
    found = lint_text('{"model": "corp/gpt-4o"}', ["OC302"], path="proj/opencode.json")
    assert len(found) == 1
    assert found[0].message.endswith("if this machine's global config defines it, add `--with-global`")
    assert found[0].fix is None
    # a provider a letter away gets a did-you-mean with an unsafe fix instead
    near = lint_text('{"model": "crof2/x", "provider": {"crof3": {"models": {"x": {}}}}}', ["OC302"])
    assert "did you mean `crof3`?" in near[0].message and near[0].fix is not None


def test_builtin_providers_are_the_bundled_catalogue():
    builtin = providers.builtin()
    assert {"openai", "anthropic", "openrouter", "github-copilot", "amazon-bedrock", "crof"} <= builtin
    assert "kimi" not in builtin and "mixroute" not in builtin
    assert lint_text('{"model": "crof/mimo-v2.5-pro"}', ["OC302"]) == []


def test_reference_splits_at_the_first_slash():
    assert providers.split_reference("openrouter/anthropic/claude-x") == ("openrouter", "anthropic/claude-x")
    text = '{"model": "p/some/model", "provider": {"p": {"models": {"some/model": {}}}}}'
    assert lint_text(text, ["OC3"]) == []


def test_mr101_rename_is_one_fix_with_an_edit_per_reference():
    text = ('{"model": "My.Gw/a", "small_model": "My.Gw/b", "agent": {"x": {"model": "My.Gw/a"}},'
            ' "disabled_providers": ["other"], "enabled_providers": ["My.Gw"],'
            ' "provider": {"My.Gw": {"models": {"a": {}, "b": {}}}}}')
    [d] = lint_text(text, ["MR101"])
    assert d.fix.applicability.value == "unsafe" and len(d.fix.edits) == 5
    assert "auth.json" in d.message and "auth.json" in d.fix.message
    fixed, _ = fix_text(text, ["MR101"], unsafe=True)
    assert fixed.count('"my-gw') == 5 and "My.Gw" not in fixed


def test_secret_variable_names():
    assert secrets.env_name("mix-route", "API_KEY") == "MIX_ROUTE_API_KEY"
    assert secrets.env_name("302ai", "API_KEY") == "_302AI_API_KEY"
    assert secrets.header_env("context7", "CONTEXT7_API_KEY") == "CONTEXT7_API_KEY"
    assert secrets.header_env("mixroute", "X-Api-Key") == "MIXROUTE_API_KEY"
    assert secrets.header_env("my-mcp", "Authorization") == "MY_MCP_TOKEN"
    # two different secrets never share a variable; the same one keeps one name
    text = ('{"mcp": {"a": {"type": "local", "command": ["a"], "environment": {"GITHUB_TOKEN": "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}},'
            ' "b": {"type": "local", "command": ["b"], "environment": {"GITHUB_TOKEN": "ghp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}},'
            ' "c": {"type": "local", "command": ["c"], "environment": {"GITHUB_TOKEN": "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}}}')
    fixed, _ = fix_text(text, ["OC401"], unsafe=True)
    assert [part.split("}")[0] for part in fixed.split("{env:")[1:]] == ["GITHUB_TOKEN", "GITHUB_TOKEN_2", "GITHUB_TOKEN"]


@pytest.mark.parametrize("text", [
    # a syntax error next to the key: the tree around it is unreliable
    '{\n  "provider": {"x": {"options": {\n    "apiKey": "sk-live-4f9c2a7e81b34d0c9e5f6a1b2c3d4e5f"\n    "baseURL": "b"\n  }}}\n',
    # an apiKey OpenCode drops (not under options): still a secret in the file
    '{"provider": {"x": {"apiKey": "k9Lm2Pq8Rs5Tu1Vw4Xy7", "models": {}}}, "autoshare": true}\n',
    # a key-shaped token in a place oclint does not know
    '{"instructions": ["ghp_16C7e42F292c6912E7710c838347Ae178B4a"]}\n',
])
def test_secrets_are_masked_even_where_oc401_does_not_look(tmp_path, text):
    f = tmp_path / "opencode.jsonc"
    f.write_text(text)
    secret = next(s for s in secrets.STRONG_SHAPES.findall(text) + ["k9Lm2Pq8Rs5Tu1Vw4Xy7"] if s in text)
    for fmt in ("full", "json", "sarif"):
        result = CliRunner().invoke(main, [str(f), "--output-format", fmt, "--color", "never"])
        assert result.exit_code in (0, 1), result.output
        assert secret not in result.output and secret[3:-4] not in result.output


def test_placeholders_and_references_are_not_secrets():
    text = ('{"provider": {"p": {"options": {"apiKey": "{env:P_KEY}", "headers": {"Authorization": "Bearer {file:~/.t}"}},'
            ' "models": {"m": {}}}}, "mcp": {"m": {"type": "local", "command": ["m"],'
            ' "environment": {"API_TOKEN": "op://vault/item/token", "LOG_LEVEL": "debug-verbose-1"}}}}')
    assert lint_text(text, ["OC401"]) == []


KEY40 = "sk-live-4f9c2a7e81b34d0c9e5f6a1b2c3d4e5f"


@pytest.mark.parametrize("data,marker", [
    # a file that is not UTF-8: no reliable tree, but the key is still in the text
    (b'{\n  "provider": {"openai": {"options": {"apiKey": "' + KEY40.encode() + b'"}}},\n  "x": "caf\xe9"\n}\n',
     "4f9c2a7e"),
    # escapes: the value and its spelling in the file differ
    (b'{"mcp": {"db": {"type": "local", "command": ["x"], "environment": {"DB_PASSWORD": "p4ss\\\\w0rd-Secret9"}}}}',
     "w0rd-Secr"),
    (b"{\"mcp\": {\"db\": {\"type\": \"local\", \"command\": [\"x\"], \"environment\": {\"DB_PASSWORD\": 'p4ss\"w0rd-Secret9'}}}}",
     "w0rd-Secr"),
    # messages and source lines cut short in the middle of a key
    (b"{\"provider\": {\"openai\": {\"options\": {\"apiKey\": '" + KEY40.encode() + b"'}}}}", "4f9c2a7e"),
    (b'{"provider": {"openai": {"options": {"apiKey": `' + KEY40.encode() + b'`}}}}', "4f9c2a7e"),
    (b'{"provider": {"openai": {"options": {"apiKey": 0' + KEY40.encode() + b'}}}}', "4f9c2a7e"),
    (b'{"description": "' + b"x" * 130 + b'", "provider": {"openai": {"options": {"apiKey": "' + KEY40.encode()
     + b'"}}}}', "4f9c2a7e"),
    # two keys with the same start (every OpenAI project key starts `sk-proj-`)
    (b'{"provider": {"a": {"options": {"apiKey": "sk-proj-HHHHiiiiJJJJkkkkLLLL2222"}, "models": {"m": {}}},'
     b' "b": {"options": {"apiKey": "sk-proj-RRRRmmmmTTTTuuuu6666"}, "models": {"m": {}}}}}', "RRRRmmmm"),
    # JSON escapes as other tools write them
    (b'{"provider": {"b": {"options": {"apiKey": "sk-proj\\/QQQQmmmmTTTTuuuu7777"}, "models": {"m": {}}}}}',
     "QQQQmmmm"),
    (b'{"provider": {"d": {"options": {"apiKey": "sk-AAAA\\u0042bbbCCCCddddEEEE1111"}, "models": {"m": {}}}}}',
     "bbbCCCCdddd"),
])
def test_no_spelling_or_cut_of_a_secret_is_shown(tmp_path, data, marker):
    f = tmp_path / "opencode.json"
    f.write_bytes(data)
    for args in [[fmt] for fmt in ("full", "concise", "json", "json-lines", "github", "sarif", "junit", "gitlab")]:
        result = CliRunner().invoke(main, ["--isolated", str(f), "--output-format", *args, "--color", "never"])
        assert result.exit_code in (0, 1), result.output
        assert marker not in result.output, (args, result.output)
    diff = CliRunner().invoke(main, ["--isolated", str(f), "--diff", "--unsafe-fixes"])
    assert marker not in diff.output


def test_masked_reports_stay_valid_json_and_hide_a_cut_off_end(tmp_path):
    import json as json_
    f = tmp_path / "opencode.json"
    f.write_text('{"$schema": "https://opencode.ai/config.json", "provider": {"acme": {"npm": '
                 '"@ai-sdk/openai-compatible", "apiKey": "Zq9xwPk7Lm3Nb5Vc&\'\\"\\\\", "options": '
                 '{"baseURL": "https://api.acme.com/v1"}, "models": {"m1": {}}}}}\n')
    for fmt in ("json", "sarif", "gitlab"):
        result = CliRunner().invoke(main, ["--isolated", str(f), "--output-format", fmt, "--unsafe-fixes"])
        assert "Lm3Nb5" not in result.stdout
        json_.loads(result.stdout)
    # a line window that starts inside a key shows neither its start nor its end
    g = tmp_path / "long.json"
    g.write_text('{"$schema":"https://opencode.ai/config.json","username":"' + "x" * 120 + '","provider":{"acme":'
                 '{"npm":"@ai-sdk/openai-compatible","options":{"baseURL":"https://api.acme.com/v1","apiKey":'
                 '"sk-A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6TAIL"}}},"share":"nope"}\n')
    shown = CliRunner().invoke(main, ["--isolated", str(g), "--select", "OC203", "--color", "never"]).stdout
    assert "OC203" in shown and "W3x4Y5z6" not in shown and "sk-…TAIL" in shown


NPM_ALONE = """{
  "provider": {"mixroute": {
    "npm": "@ai-sdk/openai-compatible",
    "options": {"baseURL": "https://console.mixroute.io/v1"},
    "models": {"gpt-5.1-codex": {"provider": {"npm": "@ai-sdk/openai"}}}}}
}
"""


def test_mr103_default_never_fails_a_config_opencode_routes(tmp_path):
    # the npm override alone reaches /v1/responses (test_opencode_agreement.py); the guide's
    # key is info under the default `responses-routing: both`, so the run passes, --strict too
    assert codes(NPM_ALONE, ["MR103"]) == [("MR103", 5, "info")]
    path = tmp_path / "opencode.json"
    path.write_text(NPM_ALONE)
    for extra in ([], ["--strict"]):
        result = CliRunner().invoke(main, ["--isolated", "--select", "MR103", *extra, str(path)])
        assert result.exit_code == 0, result.output
    # the explicit setting still asks for the guide's key at the catalogue's severity
    assert codes(NPM_ALONE, ["MR103"], {"responses-routing": "api-compatibility"}) == [("MR103", 5, "error")]
