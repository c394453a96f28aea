"""Whole configs from the Mixroute guide: what oclint reports, and what --fix makes of them."""

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import guide_sample
from linter.cli import main
from linter.jsonc import parse
from linter.output import FORMATS
from lintkit import fix_text, lint_text

SAMPLE = guide_sample()
needs_guide = pytest.mark.skipif(SAMPLE is None, reason="../shared/mixroute-opencode-guide.txt is not beside the checkout")

KEY = "sk-live-4f9c2a7e81b34d0c9e5f6a1b2c3d4e5f"
MISTAKES = """{
  // everything the Mixroute guide warns about, in one file
  "$schema": "https://opencode.ai/config.json",
  "model": "mixroute/gpt4o", // default model
  "provider": {
    /* added by hand from the console */
    "MixRoute": {
      "name": "Mixroute",
      "npm": "@ai-sdk/openai-compatible",
      "options": {
        "baseURL": "https://console.mixroute.io",
        "apiKey": "%s" // TODO: move out
      },
      "models": {
        "gpt-4o": {"name": "gpt-4o"},
        "gpt-5.1-codex": {"name": "gpt-5.1-codex"} // for coding
      }
    }
  }
}
""" % KEY


@needs_guide
def test_guide_sample_is_clean_with_the_guides_routing():
    assert lint_text(SAMPLE, options={"responses-routing": "api-compatibility"}) == []


@needs_guide
def test_guide_sample_gets_one_mr103_whose_fix_adds_only_the_npm_override():
    found = lint_text(SAMPLE)
    assert [(d.code, SAMPLE[d.start:d.end]) for d in found] == [("MR103", '"gpt-5.1-codex"')]
    lacks = found[0].message.split("lacks ", 1)[1]
    assert lacks.startswith('`"provider": {"npm": "@ai-sdk/openai"}`:')    # only the npm part
    assert "OpenCode 1.18.33 still sends a model with only `apiCompatibility` to /chat/completions" in lacks
    fixed, applied = fix_text(SAMPLE)
    assert [d.code for d in applied] == ["MR103"]
    removed = [line for line in difflib.ndiff(SAMPLE.splitlines(), fixed.splitlines()) if line.startswith("- ")]
    added = [line[2:].strip() for line in difflib.ndiff(SAMPLE.splitlines(), fixed.splitlines())
             if line.startswith("+ ")]
    assert removed == ['-           "apiCompatibility": "responses"']
    assert added == ['"apiCompatibility": "responses",', '"provider": {', '"npm": "@ai-sdk/openai"', '}']
    assert lint_text(fixed) == []


# the reference as the guide writes it (next to a provider written `MixRoute`), and written
# with the provider's own capitals
SPELLINGS = {"mixroute": MISTAKES, "MixRoute": MISTAKES.replace('"mixroute/gpt4o"', '"MixRoute/gpt4o"')}


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_mistake_of_the_guide_is_reported(spelling):
    found = {(d.code, d.line) for d in lint_text(SPELLINGS[spelling])}
    expected = {
        ("OC303", 4),   # gpt4o next to a declared gpt-4o
        ("MR101", 7),   # provider id with capitals
        ("MR102", 11),  # baseURL without /v1
        ("OC401", 12),  # a literal sk- key
        ("MR103", 16),  # gpt-5.1-codex without any routing
    }
    if spelling == "mixroute":
        expected.add(("OC302", 4))   # `mixroute` is written `MixRoute` in the config
    assert found == expected


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_fix_unsafe_makes_it_lint_clean_touching_only_those_spans(spelling):
    text = SPELLINGS[spelling]
    fixed, applied = fix_text(text, unsafe=True)
    assert lint_text(fixed) == []
    assert sorted({d.code for d in applied}) == ["MR101", "MR102", "MR103", "OC303", "OC401"]
    comments = [text[a:b] for a, b in parse(text).comments]
    assert len(comments) == 5
    assert [fixed[a:b] for a, b in parse(fixed).comments] == comments
    changed = [(a[2:], b[2:]) for a, b in zip(
        [l for l in difflib.ndiff(text.splitlines(), fixed.splitlines()) if l.startswith("- ")],
        [l for l in difflib.ndiff(text.splitlines(), fixed.splitlines()) if l.startswith("+ ")])]
    assert changed == [
        (f'  "model": "{spelling}/gpt4o", // default model', '  "model": "mixroute/gpt-4o", // default model'),
        ('    "MixRoute": {', '    "mixroute": {'),
        ('        "baseURL": "https://console.mixroute.io",', '        "baseURL": "https://console.mixroute.io/v1",'),
        (f'        "apiKey": "{KEY}" // TODO: move out', '        "apiKey": "{env:MIXROUTE_API_KEY}" // TODO: move out'),
        ('        "gpt-5.1-codex": {"name": "gpt-5.1-codex"} // for coding',
         '        "gpt-5.1-codex": {"name": "gpt-5.1-codex", "apiCompatibility": "responses", '
         '"provider": {"npm": "@ai-sdk/openai"}} // for coding'),
    ]
    # every other line is byte for byte the same
    assert len(fixed.splitlines()) == len(text.splitlines())
    assert sum(a != b for a, b in zip(fixed.splitlines(), text.splitlines())) == len(changed)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_format_shows_a_whole_secret(tmp_path, fmt):
    f = tmp_path / "opencode.jsonc"
    f.write_text(MISTAKES)
    result = CliRunner().invoke(main, [str(f), "--output-format", fmt, "--color", "never"])
    if result.exit_code == 2 and "invalid choice" in result.output:
        pytest.skip(f"format {fmt} not built")
    shown = result.stdout + result.stderr
    assert KEY not in shown and KEY[3:-4] not in shown
    assert KEY[-12:] not in shown   # nothing past the last four characters either
    diff = CliRunner().invoke(main, [str(f), "--diff", "--unsafe-fixes"])
    assert KEY not in diff.stdout + diff.stderr


def test_mr103_follows_the_routing_setting():
    text = MISTAKES.replace('"MixRoute"', '"mixroute"')
    for routing, missing in [("both", 2), ("api-compatibility", 1), ("provider-npm", 1)]:
        fixed, _ = fix_text(text, ["MR103"], {"responses-routing": routing})
        added = fixed.count('"apiCompatibility"') + fixed.count('"@ai-sdk/openai"')
        assert added == missing


def test_bundled_example_shows_the_gateway_rules_and_fixes_clean():
    example = Path(__file__).resolve().parent.parent / "examples" / "opencode.jsonc"
    text = example.read_text(encoding="utf-8")
    found = {d.code for d in lint_text(text)}
    assert {"MR101", "MR102", "MR103", "MR104", "OC401"} <= found
    fixed, applied = fix_text(text, unsafe=True)
    assert lint_text(fixed) == []
    assert {"MR101", "MR102", "MR103", "MR104", "OC303", "OC401"} <= {d.code for d in applied}
    assert [fixed[a:b] for a, b in parse(fixed).comments] == [text[a:b] for a, b in parse(text).comments]
