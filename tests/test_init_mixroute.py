"""`oclint init mixroute`: a correct provider, through the edit engine, that lints clean."""

import pytest
from click.testing import CliRunner

from linter.cli import main
from lintkit import lint_text

EXISTING = """{
  // my settings
  "$schema": "https://opencode.ai/config.json",
  "theme_note": 1, /* kept as is */
  "provider": {
    "local": {"options": {"baseURL": "http://localhost:11434/v1"}, "models": {"llama3": {}}} // ollama
  }
}
"""


def run(*args, env=None):
    return CliRunner().invoke(main, ["init", "mixroute", *args], env=env)


def test_creates_the_global_config_when_absent(isolated_env, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    result = run("--model", "gpt-5.2", "--model", "gpt-5.1-codex", "--model", "o3", "--default", "gpt-5.2")
    assert result.exit_code == 0, result.output
    path = tmp_path / "xdg" / "opencode" / "opencode.jsonc"
    text = path.read_text()
    assert "export MIXROUTE_API_KEY=" in result.stdout
    assert lint_text(text) == []
    assert '"apiKey": "{env:MIXROUTE_API_KEY}"' in text and '"baseURL": "https://console.mixroute.io/v1"' in text
    assert text.count('"npm": "@ai-sdk/openai"') == 2          # gpt-5.1-codex and o3 are routed
    assert '"model": "mixroute/gpt-5.2"' in text


def test_existing_file_keeps_its_comments_and_bytes(tmp_path):
    path = tmp_path / "opencode.jsonc"
    path.write_text(EXISTING)
    result = run(str(path), "--model", "gpt-4o", "--base-url", "http://10.0.0.5:3003/v1")
    assert result.exit_code == 0, result.output
    text = path.read_text()
    head = EXISTING.rsplit("} // ollama", 1)[0] + "}"
    assert text.startswith(head + ",")                              # nothing before the insertion moved
    for comment in ("// my settings", "/* kept as is */", "// ollama"):
        assert comment in text
    assert '"baseURL": "http://10.0.0.5:3003/v1"' in text
    found = [d.code for d in lint_text(text) if d.code.startswith(("MR", "OC3", "OC4"))]
    assert found == []


def test_refuses_to_overwrite_without_force(tmp_path):
    path = tmp_path / "opencode.json"
    path.write_text('{"provider": {"mixroute": {"models": {"old": {}}}}}\n')
    result = run(str(path))
    assert result.exit_code == 2 and "use --force" in result.stderr
    assert path.read_text() == '{"provider": {"mixroute": {"models": {"old": {}}}}}\n'
    assert run(str(path), "--force", "--model", "gpt-4o").exit_code == 0
    assert '"old"' not in path.read_text() and '"gpt-4o"' in path.read_text()


def test_a_broken_file_is_not_touched(tmp_path):
    path = tmp_path / "opencode.json"
    path.write_text('{"a": 1 "b": 2}')
    result = run(str(path))
    assert result.exit_code == 2 and "fix it first" in result.stderr
    assert path.read_text() == '{"a": 1 "b": 2}'


@pytest.mark.parametrize("routing,expect", [("api-compatibility", (1, 0)), ("provider-npm", (0, 1))])
def test_routing_choice(tmp_path, routing, expect):
    path = tmp_path / "opencode.json"
    assert run(str(path), "--model", "gpt-5.1-codex", "--routing", routing).exit_code == 0
    text = path.read_text()
    assert (text.count('"apiCompatibility"'), text.count('"@ai-sdk/openai"')) == expect


@pytest.mark.parametrize("given", ["http://gpu:3003", "http://gpu:3003/v1/", "http://gpu:3003/", " http://gpu:3003/v1"])
def test_base_url_is_normalised_so_mr102_passes(tmp_path, given):
    path = tmp_path / "opencode.jsonc"
    result = run(str(path), "--base-url", given)
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert '"baseURL": "http://gpu:3003/v1"' in text
    assert [d.code for d in lint_text(text) if d.code.startswith(("MR", "OC3", "OC4"))] == []


@pytest.mark.parametrize("given, why", [("http://gpu:3003/v2", "another API version"),
                                        ("gpu:3003/v1", "no scheme")])
def test_base_url_without_a_clear_fix_is_refused(tmp_path, given, why):
    path = tmp_path / "opencode.jsonc"
    result = run(str(path), "--base-url", given)
    assert result.exit_code == 2 and why in result.output and not path.exists()


@pytest.mark.parametrize("args", [["--model", ""], ["--model", "  "], ["--model", " gpt-4o"], ["--default", ""]])
def test_empty_model_ids_are_refused(tmp_path, args):
    path = tmp_path / "opencode.jsonc"
    result = run(str(path), *args)
    assert result.exit_code == 2 and "must be non-empty" in result.output and not path.exists()


@pytest.mark.parametrize("existing, twin, advice", [
    ('"MixRoute": {"npm": "@ai-sdk/openai-compatible", "options": {"baseURL": "https://console.mixroute.io/v1"}}',
     "MixRoute", "MR101"),
    ('"gpu": {"options": {"baseURL": "http://gpu:3003/v1"}, "models": {"a": {}}}', "gpu", "Add the models"),
])
def test_a_second_provider_for_the_same_gateway_is_refused(tmp_path, existing, twin, advice):
    path = tmp_path / "opencode.json"
    original = '{"provider": {%s}}\n' % existing
    path.write_text(original)
    extra = ["--base-url", "http://gpu:3003"] if twin == "gpu" else []
    result = run(str(path), *extra)
    assert result.exit_code == 2, result.output
    assert f"provider `{twin}` for the same gateway" in result.output and advice in result.output
    assert path.read_text() == original
    forced = run(str(path), *extra, "--force")
    assert forced.exit_code == 0 and '"mixroute"' in path.read_text() and f'"{twin}"' in path.read_text()


@pytest.mark.parametrize("given", ["https://bob:S3cretPassw0rd99@gw.example.com/v2",
                                   "http://bob:S3cretPassw0rd99@gw.example.com:3003"])
def test_a_refused_base_url_never_prints_its_password(tmp_path, given):
    result = run(str(tmp_path / "opencode.jsonc"), "--base-url", given)
    assert result.exit_code == 2 and "gw.example.com" in result.output
    assert "S3cret" not in result.output and "bob:" not in result.output
