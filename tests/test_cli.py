"""The command line: options, exit statuses, stdin, fixing files, rule docs."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

BAD = '{\n  "model": "a/b"\n  "small_model": "a/c"\n}\n'
JSON5 = "{\n  // keep me\n  'model': 'a/b',\n}\n"


def oclint(*args, input=None, env=None):
    runner = CliRunner()
    result = runner.invoke(main, list(args), input=input, env={"NO_COLOR": "1", "GITHUB_ACTIONS": None, **(env or {})})
    return result


def test_issue_example_through_a_real_process():
    exe = Path(sys.executable).with_name("oclint")
    proc = subprocess.run([str(exe), "-", "--stdin-filename", "opencode.json", "--output-format", "concise"],
                          input=BAD, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == "opencode.json:3:3: OC101 CommaExpected: expected `,` before this"
    assert sum("OC101" in line for line in proc.stdout.splitlines()) == 1


def test_check_is_the_default_command(tmp_path):
    f = tmp_path / "opencode.json"
    f.write_text(BAD)
    assert oclint(str(f)).exit_code == 1
    assert oclint("check", str(f)).exit_code == 1


def test_a_folder_without_config_files_says_so_and_exits_zero(tmp_path):
    (tmp_path / "notes.md").write_text("hi")
    result = oclint(str(tmp_path))
    assert result.exit_code == 0
    assert f"no OpenCode config files found under {tmp_path}" in result.stderr


def test_clean_file_exits_zero(tmp_path):
    f = tmp_path / "opencode.json"
    f.write_text('{"$schema": "https://opencode.ai/config.json"}\n')
    result = oclint(str(f), "--select", "OC1")
    assert result.exit_code == 0, result.output
    assert "All checks passed!" in result.output


@pytest.mark.parametrize("args,message", [
    (["/nonexistent/opencode.json"], "no such file"),
    (["--select", "XX9", "{file}"], "unknown rule selector `XX9`"),
])
def test_usage_and_io_errors_are_one_line_and_exit_2(tmp_path, args, message):
    f = tmp_path / "opencode.json"
    f.write_text("{}")
    args = [a.format(tmp=tmp_path, file=f) for a in args]
    result = oclint(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unreadable_file_is_exit_2(tmp_path, monkeypatch):
    f = tmp_path / "opencode.json"
    f.write_text("{}")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    import linter.files
    monkeypatch.setattr(linter.files, "open", deny, raising=False)
    result = oclint(str(f))
    assert result.exit_code == 2 and "permission denied" in result.stderr


def test_fix_writes_and_keeps_comments(tmp_path):
    f = tmp_path / "opencode.jsonc"
    f.write_text(JSON5)
    result = oclint("--fix", str(f), "--select", "OC1")
    assert result.exit_code == 0, result.output
    assert f.read_text() == '{\n  // keep me\n  "model": "a/b",\n}\n'
    assert "Fixed 2 problems in 1 file." in result.output


def test_fix_on_stdin_writes_the_fixed_text_to_stdout():
    result = oclint("-", "--fix", "--stdin-filename", "opencode.jsonc", "--select", "OC1", input=JSON5)
    assert result.exit_code == 0
    assert result.stdout == '{\n  // keep me\n  "model": "a/b",\n}\n'


def test_diff_writes_nothing_and_exits_1(tmp_path):
    f = tmp_path / "opencode.jsonc"
    f.write_text(JSON5)
    result = oclint("--diff", str(f), "--select", "OC1")
    assert result.exit_code == 1
    assert f.read_text() == JSON5
    assert "-  'model': 'a/b',\n+  \"model\": \"a/b\",\n" in result.stdout


def test_diff_counts_the_fixes_it_shows(tmp_path):
    """--diff says how many problems the shown changes fix (not how many files change)."""
    f = tmp_path / "opencode.jsonc"
    f.write_text((Path(__file__).parent / "fixtures" / "OC308" / "query_and_api.jsonc").read_text())
    result = oclint("--isolated", "--diff", str(f), "--select", "OC308")
    assert result.exit_code == 1
    assert "Would fix 4 problem(s) in 1 file(s)." in result.stderr


def test_unsafe_fixes_need_the_flag(tmp_path):
    f = tmp_path / "opencode.json"
    f.write_text('{"a": 1, "a": 2}\n')
    assert oclint("--fix", str(f), "--select", "OC103").exit_code == 1
    assert f.read_text() == '{"a": 1, "a": 2}\n'
    assert oclint("--fix", "--unsafe-fixes", str(f), "--select", "OC103").exit_code == 0
    assert f.read_text() == '{"a": 2}\n'


def test_exit_zero_and_exit_non_zero_on_fix(tmp_path):
    f = tmp_path / "opencode.json"
    f.write_text(BAD)
    assert oclint(str(f), "--exit-zero").exit_code == 0
    f.write_text(JSON5)
    assert oclint("--fix", str(f), "--select", "OC1", "--exit-non-zero-on-fix").exit_code == 1
    assert oclint("--fix", str(f), "--select", "OC1", "--exit-non-zero-on-fix").exit_code == 0


def test_show_fixes_lists_what_was_fixed(tmp_path):
    f = tmp_path / "opencode.jsonc"
    f.write_text(JSON5)
    result = oclint("--fix", "--show-fixes", str(f), "--select", "OC1")
    assert f"Fixed in {f}:\n  2 × OC102 (json5-syntax)\n" in result.output


def test_select_ignore_longest_prefix_wins(tmp_path):
    f = tmp_path / "opencode.jsonc"
    f.write_text("{'a': 1, 'a': 2}")
    def codes(*args):
        return sorted({line.split()[1] for line in oclint(str(f), "--output-format", "concise", "-q", *args)
                       .stdout.splitlines()})
    assert codes("--select", "OC1", "--ignore", "OC10") == []
    assert codes("--select", "OC1", "--ignore", "OC10", "--extend-select", "OC103") == ["OC103"]
    assert codes("--select", "duplicate-key") == ["OC103"]
    assert codes("--select", "OC1", "--ignore", "json5-syntax") == ["OC103"]


def test_strict_fails_on_warnings(tmp_path):
    # OC103 at warning severity via the programmatic options; --strict turns it into a failure
    from linter import app
    f = tmp_path / "opencode.json"
    f.write_text('{"a": 1, "a": 2}')
    import rules
    options = app.CheckOptions(paths=[str(f)], select=["OC103"], severity={"OC103": "warning"})
    assert app.check(options, rules.knowledge(), stdout=open(os.devnull, "w")) == 0
    options.strict = True
    assert app.check(options, rules.knowledge(), stdout=open(os.devnull, "w")) == 1


def test_color(tmp_path):
    f = tmp_path / "opencode.json"
    f.write_text(BAD)
    assert "\x1b[" in oclint(str(f), "--color", "always").stdout
    assert "\x1b[" not in oclint(str(f), "--color", "never").stdout
    assert "\x1b[" not in oclint(str(f)).stdout     # not a terminal, and NO_COLOR is set


def test_quiet_prints_no_summary(tmp_path):
    f = tmp_path / "opencode.json"
    f.write_text(BAD)
    out = oclint(str(f), "-q", "--output-format", "concise").stdout
    assert out.count("\n") == 1 and "Found" not in out


def test_json_format(tmp_path):
    import json
    f = tmp_path / "opencode.jsonc"
    f.write_text(JSON5)
    items = json.loads(oclint(str(f), "--output-format", "json", "--select", "OC1").stdout)
    assert [(i["code"], i["location"], i["fix"]["applicability"]) for i in items] == [
        ("OC102", {"row": 3, "column": 3}, "safe"), ("OC102", {"row": 3, "column": 12}, "safe")]
    assert items[0]["fix"]["edits"] == [{"content": '"model"', "location": {"row": 3, "column": 3},
                                        "end_location": {"row": 3, "column": 10}}]


def test_rule_docs():
    result = oclint("rule", "OC103")
    assert result.exit_code == 0
    assert result.stdout.startswith("# duplicate-key (OC103)")
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert heading in result.stdout
    assert oclint("rule", "duplicate-key").stdout == result.stdout
    assert oclint("rule", "NOPE").exit_code == 2
    everything = oclint("rule", "--all").stdout
    assert "# syntax-error (OC101)" in everything and "# invalid-encoding (OC104)" in everything


def test_every_rule_documents_itself():
    from linter.registry import REGISTRY
    for rule in REGISTRY.values():
        for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
            assert heading in rule.doc, (rule.code, heading)
        assert rule.summary and not rule.summary.startswith("#")


def test_writes_through_symlinks_and_keeps_permissions(tmp_path):
    target = tmp_path / "dotfiles" / "opencode.jsonc"
    target.parent.mkdir()
    target.write_text(JSON5)
    os.chmod(target, 0o640)
    link = tmp_path / "opencode.jsonc"
    link.symlink_to(target)
    assert oclint("--fix", str(link), "--select", "OC1").exit_code == 0
    assert link.is_symlink()
    assert '"model"' in target.read_text()
    assert (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["opencode.jsonc"]   # no temp file left


def test_bom_and_crlf_survive_a_fix(tmp_path):
    f = tmp_path / "opencode.jsonc"
    f.write_bytes(b"\xef\xbb\xbf{\r\n  'model': 1\r\n}\r\n")
    assert oclint("--fix", str(f), "--select", "OC1").exit_code == 0
    assert f.read_bytes() == b'\xef\xbb\xbf{\r\n  "model": 1\r\n}\r\n'


def test_never_writes_a_result_that_does_not_parse(tmp_path):
    f = tmp_path / "opencode.jsonc"
    text = "{\n  'model': 'a/b'\n  \"x\": 1\n}\n"     # a fixable JSON5 string, and a missing comma
    f.write_text(text)
    result = oclint("--fix", str(f), "--select", "OC1")
    assert result.exit_code == 1
    assert f.read_text() == text
    assert "not fixed: it would still not parse" in result.stderr


def test_no_path_and_no_config_found_says_so(isolated_env, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = oclint(env={"HOME": str(isolated_env)})
    assert result.exit_code == 0
    assert "no OpenCode config files found" in result.stderr


def test_a_bug_is_one_line_and_exit_2_not_a_traceback(tmp_path, monkeypatch):
    f = tmp_path / "opencode.json"
    f.write_text("{}")
    import linter.app

    def broken(*args, **kwargs):
        raise RuntimeError("rule exploded")
    monkeypatch.setattr(linter.app, "check", broken)
    result = oclint(str(f))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [
        "oclint: error: internal error (RuntimeError: rule exploded); please report it, with OCLINT_DEBUG=1 "
        "for the traceback"]
    result = oclint(str(f), env={"OCLINT_DEBUG": "1"})
    assert isinstance(result.exception, RuntimeError)


def test_fixes_a_broken_file_cannot_take_are_not_promised(tmp_path):
    f = tmp_path / "opencode.jsonc"
    text = "{\n  'model': 'a/b'\n  \"x\": 1\n}\n"     # fixable JSON5 strings, and a missing comma
    f.write_text(text)
    for args in ([], ["--fix"]):
        result = oclint(*args, str(f), "--select", "OC1")
        assert result.exit_code == 1
        assert "fixable with `oclint --fix`" not in result.stdout
        assert "2 fixable once the syntax errors (OC101) in 1 file are fixed by hand" in result.stdout
    # --diff has nothing to show, but --fix would fix nothing: it fails, and says why
    result = oclint("--diff", str(f), "--select", "OC1")
    assert result.exit_code == 1 and result.stdout == "" and "would still not parse" in result.stderr
    assert f.read_text() == text
    f.write_text("{\n  'model': 'a/b'\n}\n")
    assert oclint("--diff", str(f), "--select", "OC1").exit_code == 1         # a diff: exit 1 as before
    f.write_text('{\n  "model": "a/b"\n}\n')
    assert oclint("--diff", str(f), "--select", "OC1").exit_code == 0


def test_stdin_filename_reads_standard_input_as_ruff_does(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "opencode.json").write_text('{"$schema": "https://opencode.ai/config.json"}')
    result = oclint("--isolated", "--stdin-filename", "x.json", "--output-format", "concise", "-q",
                    input='{"model": 1}')
    assert result.stdout.startswith("x.json:1:") and "opencode.json" not in result.stdout
    result = oclint("--isolated", "--stdin-filename", "x.json", "opencode.json", "--output-format", "concise",
                    "-q", input='{"model": 1}')
    assert result.stdout.startswith("x.json:1:") and "ignoring opencode.json in favour of standard input" in result.stderr


def test_stdin_given_twice_is_read_once():
    result = oclint("--isolated", "-", "-", "--output-format", "concise", "-q", input='{"model": "a"}')
    assert result.stdout.count("OC301") == 1


def test_options_before_a_subcommand_are_a_usage_error_not_a_file():
    result = oclint("--isolated", "rule", "OC103")
    assert result.exit_code == 2 and "write `oclint rule OC103`" in result.output
    assert "./rule" in result.output
    taken = oclint("--select", "rule", "-", input="{}")         # `rule` as an option's value: a selector
    assert taken.exit_code == 2 and "unknown rule selector `rule`" in taken.output
    assert "duplicate-key" in oclint("rule", "OC103").output
    from linter.main import parse_check      # the fast parser leaves it to click
    assert parse_check(["--isolated", "rule", "OC103"]) is None
    assert parse_check(["--isolated", "./rule"])["paths"] == ("./rule",)
    real = subprocess.run([str(Path(sys.executable).with_name("oclint")), "--isolated", "rule", "OC103"],
                          capture_output=True, text=True)
    assert real.returncode == 2 and "write `oclint rule OC103`" in real.stderr


def test_config_json_with_no_config_is_still_a_json_document(isolated_env, tmp_path, monkeypatch):
    import json
    monkeypatch.chdir(tmp_path)
    result = oclint("config", "--output-format", "json", env={"HOME": str(isolated_env)})
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"config": {}, "provenance": {}, "files": []}
    assert "no OpenCode config files found" in result.stderr
