"""Discovery in OpenCode's order, the merged view with provenance, and `oclint config`,
on fake machines built in temporary folders (the real home is never read)."""

import json
import os
import subprocess

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.files import read
from rules import opencode_config

SCHEMA = '"$schema": "https://opencode.ai/config.json"'


def write(path, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{" + SCHEMA + (", " + body if body else "") + "}\n")
    return str(path)


@pytest.fixture
def machine(tmp_path, isolated_env, monkeypatch):
    """A home with a global config, a git project with a nested folder and .opencode folders."""
    home = isolated_env
    project = tmp_path / "work" / "project"
    (project / "sub" / "deeper").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    files = {
        "global_config": write(home / ".config" / "opencode" / "config.json", '"username": "g0"'),
        "global_json": write(home / ".config" / "opencode" / "opencode.json",
                             '"provider": {"mixroute": {"npm": "@ai-sdk/openai-compatible", '
                             '"options": {"baseURL": "https://console.mixroute.io/v1"}, '
                             '"models": {"gpt-5.2": {}, "gpt-4o": {}}}}, "instructions": ["a.md", "b.md"], '
                             '"plugin": ["x@1", "y"]'),
        "global_jsonc": write(home / ".config" / "opencode" / "opencode.jsonc", '"share": "manual"'),
        "above_git": write(tmp_path / "work" / "opencode.json", '"username": "outside"'),
        "root_json": write(project / "opencode.json", '"model": "mixroute/gpt-5.2", "instructions": ["b.md", "c.md"]'),
        "root_jsonc": write(project / "opencode.jsonc", '"plugin": ["x@2"]'),
        "sub_json": write(project / "sub" / "opencode.json", '"small_model": "mixroute/gpt-4o"'),
        "dot_sub": write(project / "sub" / ".opencode" / "opencode.json", '"username": "child"'),
        "dot_root": write(project / ".opencode" / "opencode.jsonc", '"username": "parent"'),
        "home_dot": write(home / ".opencode" / "opencode.json", '"autoupdate": false'),
    }
    monkeypatch.chdir(project / "sub" / "deeper")
    return home, project, files


def names(paths, files):
    by_path = {os.path.realpath(v): k for k, v in files.items()}
    return [by_path.get(os.path.realpath(p), p) for p in paths]


def test_files_in_opencodes_order(machine):
    home, project, files = machine
    found = opencode_config.files(os.getcwd(), os.environ)
    assert names(found, files) == [
        "global_config", "global_json", "global_jsonc",   # global folder, in its order
        "root_json", "root_jsonc", "sub_json",            # project files up to the git root, farthest first
        "dot_sub", "dot_root",                            # .opencode folders, closest first (1.18.33)
        "home_dot",                                       # ~/.opencode
    ]


def test_environment_variables(machine, tmp_path, monkeypatch):
    home, project, files = machine
    extra = write(tmp_path / "elsewhere" / "custom.json", '"username": "env"')
    config_dir = tmp_path / "confdir"
    files["config_dir"] = write(config_dir / "opencode.jsonc", '"username": "dir"')
    files["extra"] = extra
    monkeypatch.setenv("OPENCODE_CONFIG", extra)
    monkeypatch.setenv("OPENCODE_CONFIG_DIR", str(config_dir))
    found = names(opencode_config.files(os.getcwd(), os.environ), files)
    assert found.index("extra") == 3 and found[-1] == "config_dir"
    monkeypatch.setenv("OPENCODE_DISABLE_PROJECT_CONFIG", "1")
    found = names(opencode_config.files(os.getcwd(), os.environ), files)
    assert not {"root_json", "root_jsonc", "sub_json", "dot_sub", "dot_root"} & set(found)
    assert found[:4] == ["global_config", "global_json", "global_jsonc", "extra"]


def test_xdg_config_home_and_a_windows_style_home(tmp_path, isolated_env, monkeypatch):
    xdg = tmp_path / "xdg"
    a = write(xdg / "opencode" / "opencode.json", "")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    assert opencode_config.global_files(os.environ) == [a]
    # Windows: C:\Users\<u>\.config\opencode, reached through USERPROFILE when HOME is unset
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.delenv("HOME")
    profile = tmp_path / "Users" / "u"
    b = write(profile / ".config" / "opencode" / "opencode.jsonc", "")
    monkeypatch.setenv("USERPROFILE", str(profile))
    assert opencode_config.global_files(os.environ) == [b]


def test_merged_view_and_provenance(machine):
    home, project, files = machine
    docs = [read(p)[0] for p in opencode_config.files(os.getcwd(), os.environ)]
    merged = opencode_config.merged(docs)
    value = merged.value
    assert value["username"] == "parent"              # a parent's .opencode overrides the child's (1.18.33)
    assert value["instructions"] == ["a.md", "b.md", "c.md"]        # joined, duplicates dropped
    assert value["plugin"] == ["y", "x@2"]                          # by package name, later wins
    assert value["provider"]["mixroute"]["models"] == {"gpt-5.2": {}, "gpt-4o": {}}
    doc, node = merged.origin(("model",))
    assert doc.path == files["root_json"] and doc.text[node.start:node.end] == '"mixroute/gpt-5.2"'
    assert merged.origin(("provider", "mixroute", "options", "baseURL"))[0].path == files["global_json"]
    assert merged.origin(("instructions", 2))[0].path == files["root_json"]
    assert merged.origin(("instructions", 0))[0].path == files["global_json"]


def test_no_path_lints_the_discovered_files_with_the_merged_view(machine):
    result = CliRunner().invoke(main, ["--output-format", "concise", "--select", "OC3"])
    assert result.exit_code == 0, result.output
    assert "All checks passed!" in result.stdout


def test_explicit_paths_do_not_depend_on_the_machine(machine):
    home, project, files = machine
    result = CliRunner().invoke(main, [files["root_json"], "--output-format", "concise", "--select", "OC302"])
    assert "OC302" in result.stdout and "--with-global" in CliRunner().invoke(
        main, [files["root_json"], "--select", "OC302"]).stdout
    assert result.exit_code == 0       # a warning
    # naming the global file too lints it, and changes nothing for the project file
    together = CliRunner().invoke(main, [files["global_json"], files["root_json"], "--select", "OC302",
                                         "--output-format", "concise"])
    assert together.stdout.count("OC302") == result.stdout.count("OC302")
    with_global = CliRunner().invoke(main, [files["root_json"], "--select", "OC302", "--with-global"])
    assert "OC302" not in with_global.stdout


def test_config_command_jsonc_and_json(machine):
    home, project, files = machine
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert '  "model": "mixroute/gpt-5.2",  // ../../opencode.json:1' in lines
    assert any(line.strip().startswith('"baseURL"') and "~/.config/opencode/opencode.json:1" in line for line in lines)
    data = json.loads(CliRunner().invoke(main, ["config", "--output-format", "json"]).stdout)
    assert data["config"]["share"] == "manual"
    assert data["provenance"]["share"] == "~/.config/opencode/opencode.jsonc:1"


def test_config_command_masks_secrets(machine):
    home, project, files = machine
    key = "sk-live-0123456789abcdef0123"
    write(project / "opencode.json", '"provider": {"p": {"options": {"apiKey": "%s"}, "models": {"m": {}}}}' % key)
    out = CliRunner().invoke(main, ["config"]).stdout
    assert key not in out and "sk-…0123" in out


def test_a_file_that_only_adds_options_to_a_provider_defined_elsewhere(machine):
    """OC305 judges the provider OpenCode sees: the project adds headers to `mixroute`,
    whose models the global config declares."""
    home, project, files = machine
    write(project / ".opencode" / "opencode.jsonc",
          '"provider": {"mixroute": {"options": {"headers": {"X-Team": "core"}}}}')
    together = CliRunner().invoke(main, ["--output-format", "concise", "--select", "OC305"])
    assert together.exit_code == 0 and "OC305" not in together.stdout, together.output
    alone = CliRunner().invoke(main, ["--isolated", "--output-format", "concise", "--select", "OC305",
                                      str(project / ".opencode" / "opencode.jsonc")])
    assert "OC305" in alone.stdout
