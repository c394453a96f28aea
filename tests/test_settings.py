"""Settings files: found, applied, and every mistake in them an exit-2 error naming file,
line and key."""

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.settings import SettingsError, load

CONFIG = '{\n  "$schema": "https://opencode.ai/config.json",\n  "modle": "a/b",\n  "share": "Auto"\n}\n'


def run(tmp_path, *args):
    return CliRunner().invoke(main, [str(tmp_path / "opencode.json"), "--output-format", "concise", "-q", *args])


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "opencode.json").write_text(CONFIG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes(result):
    return sorted({line.split()[1] for line in result.stdout.splitlines()})


def test_yaml_settings_select_and_ignore(project):
    assert codes(run(project)) == ["OC201", "OC203"]
    (project / ".oclint.yaml").write_text("ignore: [OC201]\n")
    assert codes(run(project)) == ["OC203"]
    assert codes(run(project, "--isolated")) == ["OC201", "OC203"]
    assert codes(run(project, "--ignore", "OC203")) == ["OC201"]     # the command line wins


def test_settings_found_walking_up_and_from_pyproject(project):
    sub = project / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "opencode.json").write_text(CONFIG)
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.oclint]\nselect = ["OC203"]\n')
    result = CliRunner().invoke(main, [str(sub / "opencode.json"), "--output-format", "concise", "-q"])
    assert codes(result) == ["OC203"]


def test_severity_and_per_file_ignores(project):
    (project / ".oclint.yaml").write_text("severity:\n  OC201: warning\n  OC203: info\n"
                                          "per-file-ignores:\n  'opencode.json': [OC203]\n")
    result = run(project)
    assert codes(result) == ["OC201"] and result.exit_code == 0     # a warning does not fail
    assert run(project, "--strict").exit_code == 1


def test_rule_options_reach_the_rules(project):
    (project / "opencode.json").write_text(
        '{"$schema": "https://opencode.ai/config.json", "provider": {"selfhosted": {'
        '"npm": "@ai-sdk/openai-compatible", "options": {"baseURL": "http://10.1.2.3:3003"}, "models": {"gpt-5.1-codex": {}}}}}')
    assert codes(run(project, "--select", "MR")) == []
    (project / ".oclint.yaml").write_text("gateways: [selfhosted]\nresponses-routing: provider-npm\n")
    assert codes(run(project, "--select", "MR")) == ["MR102", "MR103"]


def test_explicit_config_path(project, tmp_path):
    other = tmp_path / "elsewhere.yaml"
    other.write_text("select: [OC201]\n")
    assert codes(run(project, "--config", str(other))) == ["OC201"]


@pytest.mark.parametrize("content,message", [
    ("selct: [OC201]\n", ".oclint.yaml:1: unknown settings key `selct`; did you mean `select`?"),
    ("ignore: [OC201]\nresponses-routing: sometimes\n",
     ".oclint.yaml:2: `responses-routing` must be one of both, api-compatibility, provider-npm"),
    ("severity:\n  OC201: loud\n", ".oclint.yaml:1: `severity` `OC201: loud`: the severity must be one of"),
    ("select: [OC201\n", ".oclint.yaml:2: broken YAML"),
    ("- a\n- b\n", ".oclint.yaml:1: settings must be a mapping"),
    ("gateways: 5\n", ".oclint.yaml:1: `gateways` must be a list of strings"),
])
def test_bad_settings_are_one_line_errors(project, content, message):
    (project / ".oclint.yaml").write_text(content)
    result = run(project)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_pyproject_settings_name_the_line(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n[tool.oclint]\nselect = ["OC1"]\nresponse-routing = "both"\n')
    with pytest.raises(SettingsError, match=r"pyproject.toml:5: unknown settings key `response-routing`; "
                                            r"did you mean `responses-routing`\?"):
        load(str(path))


def test_unknown_selector_in_settings_is_a_usage_error(project):
    (project / ".oclint.yaml").write_text("select: [XX1]\n")
    result = run(project)
    assert result.exit_code == 2 and "unknown rule selector `XX1`" in result.stderr


def severities(result):
    return {line.split()[1]: line for line in result.stdout.splitlines()}


def test_severity_takes_prefixes_and_names_and_the_most_specific_wins(project):
    (project / ".oclint.yaml").write_text("severity:\n  OC: info\n  OC2: warning\n  unknown-key: error\n")
    result = CliRunner().invoke(main, [str(project / "opencode.json"), "--output-format", "json"])
    found = {d["code"]: d["severity"] for d in __import__("json").loads(result.stdout)}
    assert found == {"OC201": "error", "OC203": "warning"}
    (project / ".oclint.yaml").write_text("severity:\n  OC2: info\n")
    assert run(project).exit_code == 0                                      # both are info now


@pytest.mark.parametrize("selector, hint", [("OC9999", ""), ("unknown-kye", "did you mean `unknown-key`?"),
                                            ("XY", "")])
def test_severity_rejects_unknown_selectors(project, selector, hint):
    (project / ".oclint.yaml").write_text(f"severity:\n  {selector}: info\n")
    result = run(project)
    assert result.exit_code == 2
    assert f"`severity`: unknown rule selector `{selector}`" in result.output and hint in result.output


def test_empty_select_selects_no_rule_with_a_notice(project):
    (project / ".oclint.yaml").write_text("select: []\n")
    result = run(project)
    assert result.exit_code == 0 and result.stdout == ""
    assert "no rules are selected" in result.stderr
    assert codes(run(project, "--select", "OC2")) == ["OC201", "OC203"]    # the command line still selects
