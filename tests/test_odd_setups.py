"""Odd machines and odd settings found by an adversarial run: each is a clear one-line
error (exit 2) or simply works, never an internal error."""

import json

import pytest
from click.testing import CliRunner

from linter.cli import main


def run(*args, cwd=None):
    result = CliRunner().invoke(main, list(args), env={"NO_COLOR": "1", "GITHUB_ACTIONS": None})
    assert "internal error" not in result.output and result.exception is None or isinstance(
        result.exception, SystemExit), result.output
    return result


@pytest.mark.parametrize("settings,status", [
    ("<<: {select: [OC1]}\n", 0),                                  # a YAML merge key
    ("base: &b {select: [OC1]}\n<<: *b\n", 2),                     # merged, but `base` is unknown
    ("select: &s [OC1]\nignore: *s\n", 0),                          # an alias
    ("l0: &l0 [x,x,x,x,x,x,x,x,x,x]\n" + "".join(                  # a billion laughs
        f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 9)), 2),
])
def test_yaml_settings_with_merges_and_aliases(tmp_path, monkeypatch, isolated_env, settings, status):
    (tmp_path / ".oclint.yaml").write_text(settings)
    (tmp_path / "opencode.json").write_text('{"$schema": "https://opencode.ai/config.json"}\n')
    monkeypatch.chdir(tmp_path)
    assert run("opencode.json").exit_code == status


@pytest.mark.parametrize("pyproject,status", [
    (b'[project]\nname = "caf\xe9"\n', 0),                 # not UTF-8, not ours: ignored
    (b"tool = 1\n# [tool.oclint]\n", 0),                    # `tool` is not a table
    (b'[tool.oclint]\nselect = ["OC1"]\nx = "caf\xe9"\n', 2),   # ours, and not UTF-8
])
def test_odd_pyproject_files(tmp_path, monkeypatch, isolated_env, pyproject, status):
    (tmp_path / "pyproject.toml").write_bytes(pyproject)
    (tmp_path / "opencode.json").write_text('{"$schema": "https://opencode.ai/config.json"}\n')
    monkeypatch.chdir(tmp_path)
    result = run("opencode.json")
    assert result.exit_code == status, result.output


@pytest.mark.parametrize("schema,message", [
    ("5", "not a JSON Schema"), ("null", "not a JSON Schema"),
    ('{"$ref": "#"}', "cannot be used"),
    ('{"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}', "cannot be used"),
    ('{"$ref": "#/nope"}', "cannot be used"),
])
def test_unusable_schemas_are_one_line_errors(tmp_path, isolated_env, schema, message):
    (tmp_path / "s.json").write_text(schema)
    (tmp_path / "c.json").write_text('{"model": 5}\n')
    result = run("--isolated", "--schema", str(tmp_path / "s.json"), str(tmp_path / "c.json"))
    assert result.exit_code == 2 and message in result.stderr


def test_a_damaged_cached_schema_falls_back_to_the_bundled_one(tmp_path, monkeypatch, isolated_env):
    import hashlib
    url = "http://127.0.0.1:1/s.json"
    cache = tmp_path / "cache" / "oclint"
    cache.mkdir(parents=True)
    (cache / f"schema-{hashlib.sha256(url.encode()).hexdigest()[:16]}.json").write_text("garbage")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "c.json").write_text('{"model": 5}\n')
    result = run("--isolated", "--schema", url, "--output-format", "concise", str(tmp_path / "c.json"))
    assert result.exit_code == 1 and "OC202" in result.output and "bundled schema" in result.stderr


@pytest.mark.parametrize("content", ['{"provider": 5}', '{"provider": []}', '{"provider": null}'])
def test_init_into_a_file_whose_provider_is_not_an_object(tmp_path, isolated_env, content):
    f = tmp_path / "f.json"
    f.write_text(content)
    result = run("init", "mixroute", str(f))
    assert result.exit_code == 2 and "provider is not an object; nothing written" in result.stderr
    assert f.read_text() == content


def test_init_through_a_dotfiles_link_whose_target_is_not_there_yet(tmp_path, monkeypatch, isolated_env):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg" / "opencode").mkdir(parents=True)
    (tmp_path / "dotfiles").mkdir()
    (tmp_path / "xdg" / "opencode" / "opencode.jsonc").symlink_to(tmp_path / "dotfiles" / "opencode.jsonc")
    assert run("init", "mixroute", "--model", "gpt-5.2").exit_code == 0
    assert json.loads((tmp_path / "dotfiles" / "opencode.jsonc").read_text())["provider"]["mixroute"]


@pytest.mark.parametrize("make", ["loop", "file-as-folder"])
def test_init_where_nothing_can_be_created(tmp_path, isolated_env, make):
    if make == "loop":
        (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
        (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
        target = tmp_path / "loop1"
    else:
        (tmp_path / "nd").write_text("")
        target = tmp_path / "nd" / "x.json"
    result = run("init", "mixroute", str(target))
    assert result.exit_code == 2 and result.stderr.startswith("oclint: error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_fix_diff_on_a_long_line_shows_where_it_changes(tmp_path, isolated_env):
    f = tmp_path / "opencode.json"
    f.write_text('{"$schema":"https://opencode.ai/config.json","username":"' + "x" * 600 + '","share":"Auto"}\n')
    shown = run("--isolated", str(f), "--color", "never").stdout
    assert '"share":"Auto"}' in shown and '"share":"auto"}' in shown


def test_the_merged_view_follows_the_fixes(tmp_path, isolated_env):
    a = tmp_path / "a.json"
    a.write_text('{"$schema": "https://opencode.ai/config.json", "provider": {"acme": {"npm": '
                 '"@ai-sdk/openai-compatible", "options": {"baseURL": "https://api.acme.com/v1"}, '
                 '"modles": {"m1": {}}}}}\n')
    b = tmp_path / "b.json"
    b.write_text('{"$schema": "https://opencode.ai/config.json"}\n')
    result = run("--isolated", "--output-format", "concise", "--fix", "--unsafe-fixes", str(a), str(b))
    assert '"models"' in a.read_text() and "OC305" not in result.stdout, result.output


def test_a_schema_url_that_cannot_be_fetched_falls_back(tmp_path, isolated_env):
    (tmp_path / "c.json").write_text('{"model": 5}\n')
    result = run("--isolated", "--schema", "http://127.0.0.1:abc/s.json", "--output-format", "concise",
                 str(tmp_path / "c.json"))
    assert result.exit_code == 1 and "OC202" in result.stdout and "bundled schema" in result.stderr
