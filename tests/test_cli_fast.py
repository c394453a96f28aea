"""`oclint PATHS` is parsed without click (linter.main.parse_check); click parses the rest.
The fast parser must hand the check command exactly what click would, or step aside."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig

import click
import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT
from linter import cli
from linter.main import FLAGS, VALUES, defaults, parse_check


def click_params(args: list[str]) -> dict | None:
    """What click hands the check command for ``args`` (None: click refuses them, or runs
    another command)."""
    if args and args[0] in cli.main.commands:
        if args[0] != "check":
            return None
        args = args[1:]
    elif args and args[0] in ("--help", "-h", "--version"):
        return None
    try:
        ctx = cli.check.make_context("check", list(args))
    except (click.exceptions.Exit, click.ClickException):
        return None
    return ctx.params


def test_the_fast_parser_knows_the_check_commands_options():
    options = {opt: p.name for p in cli.check.params if isinstance(p, click.Option) for opt in p.opts}
    handled = {**FLAGS, **VALUES}
    assert {opt: options[opt] for opt in handled} == handled     # same names, same parameters
    assert set(options) - set(handled) == {"-o", "--output-file", "--config"}
    assert set(defaults()) == {p.name for p in cli.check.params}


COMMON = [[], ["opencode.json"], ["a.json", "b.jsonc"], ["-q", "--exit-zero", "--output-format", "concise", "x"],
          ["check", "x.json", "--fix"], ["--select", "OC2,MR", "--ignore=OC201", "x"], ["-"],
          ["--stdin-filename", "opencode.json", "-"], ["--color", "never", "--statistics", "."],
          ["--schema", "s.json", "--extend-select", "OC9", "--extend-select", "MR1", "x"]]


@pytest.mark.parametrize("args", COMMON)
def test_common_invocations_take_the_fast_path_with_clicks_parameters(args):
    assert parse_check(args) is not None
    assert parse_check(args) == click_params(args)


TOKENS = st.sampled_from([*FLAGS, *VALUES, "-o", "--config", "--help", "-h", "--version", "--", "-x",
                          "--fix=1", "--select=", "--output-format=json", "--color=always", "--color=red",
                          "json", "full", "sarif", "auto", "never", "OC201", "-", "a.json", "check", "rule",
                          "config", "--nope", "-qq", ""])


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=7))
def test_the_fast_parser_agrees_with_click_or_steps_aside(args):
    fast = parse_check(args)
    if fast is not None:
        assert fast == click_params(args)


def test_an_unreadable_path_is_left_to_click(tmp_path):
    secret = tmp_path / "opencode.json"
    secret.write_text("{}")
    secret.chmod(0)
    try:
        if os.access(secret, os.R_OK):
            pytest.skip("running as a user who reads everything")
        assert parse_check([str(secret)]) is None
    finally:
        secret.chmod(0o600)


def test_the_fast_path_does_not_import_click(tmp_path):
    (tmp_path / "opencode.json").write_text('{"share": "yes"}')
    code = ("import sys\nfrom linter.main import main\nsys.argv = ['oclint', '--isolated', 'opencode.json']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    print('exit', exc.code)\n"
            "print('click' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert "OC203" in out.stdout and out.stdout.strip().splitlines()[-2:] == ["exit 1", "False"]


HEAVY = ("click", "jsonschema", "referencing", "dataclasses", "inspect", "typing", "pathlib", "difflib",
         "hashlib", "urllib", "ipaddress", "ruamel", "json5", "importlib.util", "subprocess", "shutil",
         "glob", "copy")


@pytest.mark.parametrize("text", ['{"modle": "a/b", "share": "yes", "command": {"c": {}}, "autoupdate": 3}',
                                  (ROOT.parent / "shared" / "corpus" / "011.jsonc").read_text()
                                  if (ROOT.parent / "shared" / "corpus" / "011.jsonc").exists() else "{}"])
def test_the_check_path_imports_nothing_heavy(tmp_path, text):
    """What a run on a config without URLs needs from outside the engine: no click, no
    jsonschema, no dataclasses/inspect/typing/pathlib (each a share of the start-up)."""
    (tmp_path / "opencode.jsonc").write_text(text)
    # -S: no site, so no editable-install finder importing half the standard library first
    paths = [str(ROOT), sysconfig.get_path("purelib")]
    code = (f"import sys\nsys.path[:0] = {paths!r}\nbefore = set(sys.modules)\nimport json\n"
            "from linter.main import main\n"
            "sys.argv = ['oclint', '--isolated', '--output-format', 'concise', 'opencode.jsonc']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print(json.dumps(sorted(m for m in set(sys.modules) - before "
            f"if m.split('.')[0] in {HEAVY!r} or m in {HEAVY!r})))")
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
