"""A fix that edits two files (OC205 moving theme / keybinds / tui into tui.json): both
written or neither, faults injected between the writes."""

import io
import os
from pathlib import Path

import pytest

import rules
from linter import app, files

CONFIG = ('{\n  "$schema": "https://opencode.ai/config.json",\n  // mine\n  "theme": "tokyonight",\n'
          '  "keybinds": { "leader": "ctrl+o" },\n  "model": "a/b"\n}\n')
FIXED = '{\n  "$schema": "https://opencode.ai/config.json",\n  // mine\n  "model": "a/b"\n}\n'
TUI = ('{\n  "$schema": "https://opencode.ai/tui.json",\n  "theme": "tokyonight",\n  "keybinds": {\n'
       '    "leader": "ctrl+o"\n  }\n}\n')


def run_fix(path: Path, unsafe=False, diff=False, extra=()):
    options = app.CheckOptions(paths=[str(path), *extra], fix=not diff, diff=diff, unsafe_fixes=unsafe,
                               select=["OC205"], quiet=True)
    out, err = io.StringIO(), io.StringIO()
    code = app.check(options, rules.knowledge(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_creates_tui_json_and_strips_the_keys(tmp_path):
    config = tmp_path / "opencode.jsonc"
    config.write_text(CONFIG)
    code, out, _ = run_fix(config)
    assert config.read_text() == FIXED
    assert (tmp_path / "tui.json").read_text() == TUI
    assert code == 0 and out == ""
    assert sorted(os.listdir(tmp_path)) == ["opencode.jsonc", "tui.json"]     # no temporary files


def test_diff_shows_both_files_and_writes_nothing(tmp_path):
    config = tmp_path / "opencode.jsonc"
    config.write_text(CONFIG)
    code, out, _ = run_fix(config, diff=True)
    assert code == 1
    assert f"--- {config}" in out and f"+++ {tmp_path / 'tui.json'}" in out
    assert '+  "theme": "tokyonight",' in out and '-  "theme": "tokyonight",' in out
    assert config.read_text() == CONFIG and not (tmp_path / "tui.json").exists()


def test_existing_tui_file_is_unsafe_and_clashes_are_left(tmp_path):
    config = tmp_path / "opencode.json"
    config.write_text('{\n  "theme": "nord",\n  "keybinds": {"app_exit": "ctrl+q"}\n}\n')
    tui = tmp_path / "tui.jsonc"      # the file the TUI applies last gets the keys
    tui.write_text('{\n  // my tui\n  "theme": "gruvbox",\n  "keybinds": {\n    "leader": "ctrl+o"\n  }\n}\n')
    run_fix(config)
    assert "theme" in config.read_text()               # safe fixes only: nothing moved
    code, out, _ = run_fix(config, unsafe=True)
    assert config.read_text() == '{\n  "theme": "nord"\n}\n'
    assert tui.read_text() == ('{\n  // my tui\n  "theme": "gruvbox",\n  "keybinds": {\n    "leader": "ctrl+o",\n'
                               '    "app_exit": "ctrl+q"\n  }\n}\n')
    assert not (tmp_path / "tui.json").exists()
    options = app.CheckOptions(paths=[str(config)], select=["OC205"], output_format="concise")
    report = io.StringIO()
    app.check(options, rules.knowledge(), stdout=report, stderr=io.StringIO())
    assert "(tui.jsonc already sets `theme`: merge by hand)" in report.getvalue()


@pytest.mark.parametrize("failing_call", [1, 2])
def test_fault_between_the_writes_changes_neither_file(tmp_path, monkeypatch, failing_call):
    config = tmp_path / "opencode.jsonc"
    config.write_text(CONFIG)
    real, calls = os.replace, []

    def flaky(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == failing_call:
            raise OSError(28, "No space left on device", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(files.FileError, match="nothing written"):
        run_fix(config)
    assert config.read_text() == CONFIG
    assert not (tmp_path / "tui.json").exists()
    assert sorted(os.listdir(tmp_path)) == ["opencode.jsonc"]      # temporaries and copies removed


def test_existing_file_restored_when_the_second_write_fails(tmp_path, monkeypatch):
    config = tmp_path / "opencode.json"
    config.write_text('{\n  "keybinds": {"app_exit": "ctrl+q"}\n}\n')
    tui = tmp_path / "tui.json"
    tui.write_text('{ "theme": "nord" }\n')
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real, calls = os.replace, []

    def flaky(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(13, "Permission denied", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(files.FileError):
        run_fix(config, unsafe=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_changed_on_disk_writes_neither(tmp_path, monkeypatch):
    config = tmp_path / "opencode.jsonc"
    config.write_text(CONFIG)
    real = files.write_together

    def meddle(changes):
        config.write_text(CONFIG + "\n")        # someone edits the file meanwhile
        return real(changes)

    monkeypatch.setattr(files, "write_together", meddle)
    with pytest.raises(files.FileError, match="changed on disk"):
        run_fix(config)
    assert config.read_text() == CONFIG + "\n" and not (tmp_path / "tui.json").exists()


def test_tui_file_named_in_the_same_run_is_linted_as_written(tmp_path):
    config = tmp_path / "opencode.jsonc"
    config.write_text(CONFIG)
    tui = tmp_path / "tui.json"
    tui.write_text('{ "mouse": false }\n')
    options = app.CheckOptions(paths=[str(config), str(tui)], fix=True, unsafe_fixes=True,
                               select=["OC205", "OC6"], quiet=True)
    assert app.check(options, rules.knowledge(), stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert tui.read_text() == ('{ "mouse": false, "theme": "tokyonight", "keybinds": {"leader": "ctrl+o"} }\n')


def test_stdin_never_writes_other_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    options = app.CheckOptions(paths=["-"], stdin_filename=str(tmp_path / "opencode.jsonc"), fix=True,
                               select=["OC205"], quiet=True)
    stdin = io.TextIOWrapper(io.BytesIO(CONFIG.encode()))
    out = io.StringIO()
    app.check(options, rules.knowledge(), stdout=out, stderr=io.StringIO(), stdin=stdin)
    assert out.getvalue() == CONFIG and not (tmp_path / "tui.json").exists()
