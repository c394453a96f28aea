"""tui.json(c): discovery, the OC6xx family against the real OpenCode's verdicts on the tui
files of ../shared/corpus-md/, and the key-string reader."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import SHARED
from lintkit import lint_text

CORPUS_MD = SHARED / "corpus-md"
OCLINT = str(Path(sys.executable).with_name("oclint"))


def _oracle() -> list[dict]:
    table = CORPUS_MD / "ORACLE.tsv"
    if not table.exists():
        return []
    lines = table.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]
    # the single files (folder rows exit for their opencode.json's sake, not the tui file's)
    return [r for r in rows if r["kind"] == "tui" and r["file"].startswith("tui-")]


def test_corpus_tui_verdicts():
    """Every tui file OpenCode skips, or that makes the TUI exit, gets an error; a file it
    applies and runs with gets none."""
    rows = _oracle()
    if not rows:
        pytest.skip("../shared/corpus-md is not beside the checkout")
    wrong = []
    for row in rows:
        text = (CORPUS_MD / row["file"]).read_bytes()
        name = "tui.jsonc" if row["file"].endswith(".jsonc") else "tui.json"
        errors = [d for d in lint_text(text, path=name) if d.severity.value == "error"]
        broken = row["loaded"] == "no" or row["exit"] == "1"
        if broken != bool(errors):
            wrong.append((row["file"], row["first_error"], [(d.code, d.message) for d in errors]))
    assert wrong == []
    assert sum(r["loaded"] == "no" for r in rows) >= 1 and sum(r["exit"] == "1" for r in rows) >= 1


def test_skipped_file_is_oc601():
    row = next(r for r in _oracle() if r["loaded"] == "no") if _oracle() else None
    if row is None:
        pytest.skip("../shared/corpus-md is not beside the checkout")
    found = lint_text((CORPUS_MD / row["file"]).read_bytes(), path="tui.json")
    assert [d.code for d in found if d.severity.value == "error"] == ["OC601"]
    assert "scroll_acceleration" in found[0].message and "ignores this whole tui file" in found[0].message


def test_kinds_and_folder_files(tmp_path, monkeypatch):
    from rules.layout import folder_files, kind_of, kind_or_config
    for name in ("opencode.json", "tui.json", "tui.jsonc", "other.json"):
        (tmp_path / name).write_text("{}")
    assert kind_of(str(tmp_path / "tui.json")) == "tui" and kind_of(str(tmp_path / "tui.jsonc")) == "tui"
    assert kind_of(str(tmp_path / "other.json")) is None
    assert [os.path.basename(p) for p in folder_files(str(tmp_path), "project")] == \
        ["opencode.json", "tui.json", "tui.jsonc"]
    monkeypatch.setenv("OPENCODE_TUI_CONFIG", str(tmp_path / "other.json"))
    assert kind_or_config(str(tmp_path / "other.json")) == "tui"


def test_discovery_and_merge_keep_tui_apart(tmp_path, isolated_env, monkeypatch):
    """`oclint` with no path lints the tui files OpenCode reads (global, OPENCODE_TUI_CONFIG,
    project, .opencode), each as a tui file; the merged config holds no tui keys."""
    from rules import opencode_config
    from linter import files as files_
    project = tmp_path / "p"
    (project / ".git").mkdir(parents=True)
    (project / ".opencode").mkdir()
    glob_dir = isolated_env / ".config" / "opencode"
    glob_dir.mkdir(parents=True)
    (glob_dir / "tui.json").write_text('{"theme": "nord"}')
    (project / "tui.json").write_text('{"scroll_speed": "fast"}')
    (project / ".opencode" / "tui.jsonc").write_text('{"mouse": false}')
    (project / "opencode.json").write_text('{"model": "a/b"}')
    custom = tmp_path / "custom-tui.json"
    custom.write_text('{"keybinds": {"leader": "ctrl+a,ctrl+b"}}')
    monkeypatch.setenv("OPENCODE_TUI_CONFIG", str(custom))
    found = opencode_config.files(str(project), os.environ)
    assert found == [str(glob_dir / "tui.json"), str(custom), str(project / "opencode.json"),
                     str(project / "tui.json"), str(project / ".opencode" / "tui.jsonc")]
    docs = [files_.read(p)[0] for p in found]
    from rules.layout import kind_or_config
    for doc in docs:
        doc.kind = kind_or_config(doc.path)
    assert opencode_config.merged(docs).value == {"model": "a/b"}
    proc = subprocess.run([OCLINT, "--output-format", "concise", "--select", "OC6"], cwd=project,
                          capture_output=True, text=True, env=os.environ.copy())
    lines = sorted(line.split(": ")[0] + " " + line.split(": ")[1].split()[0]
                   for line in proc.stdout.splitlines() if ": OC" in line)
    assert lines == sorted([f"{custom}:1:25 OC604", f"{project / 'tui.json'}:1:18 OC601"])
    assert proc.returncode == 1


def test_both_files_in_a_folder(tmp_path):
    """OC605 at the tui.json, naming what tui.jsonc overrides (OpenCode applies both,
    tui.jsonc second: verified with --print-logs)."""
    (tmp_path / "tui.json").write_text('{\n  "theme": "tokyonight",\n  "mouse": false\n}\n')
    (tmp_path / "tui.jsonc").write_text('{ "theme": "nord" }\n')
    proc = subprocess.run([OCLINT, "--output-format", "concise", "--select", "OC605",
                           str(tmp_path / "tui.json"), str(tmp_path / "tui.jsonc")],
                          capture_output=True, text=True)
    assert proc.stdout.splitlines()[0] == (
        f"{tmp_path / 'tui.json'}:1:1: OC605 this folder also has a tui.jsonc; OpenCode applies "
        "both, tui.jsonc last, so `theme` here is overridden")
    assert "tui.jsonc:" not in proc.stdout
    (tmp_path / "tui.jsonc").unlink()
    alone = subprocess.run([OCLINT, "--select", "OC605", str(tmp_path / "tui.json")],
                           capture_output=True, text=True)
    assert alone.returncode == 0 and "OC605" not in alone.stdout


def test_empty_tui_file_is_fine():
    assert lint_text(b"", path="tui.json") == []
    assert [d.code for d in lint_text(b"", path="opencode.json")] == ["OC101"]


def test_config_rules_do_not_run_on_tui():
    found = lint_text(b'{"theme": "nord", "model": "nope"}', path="tui.json")
    assert [d.code for d in found] == ["OC602"]        # `model` is not a tui key; no OC301


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ctrlaltshift+<>{}, xq-_.\\1", max_size=24))
def test_key_reader_never_crashes(text):
    from rules.tui import keys
    try:
        parsed = keys.parse(text)
    except keys.KeyError_:
        return
    for offset, binding, strokes in parsed:
        assert text[offset:offset + len(binding)] == binding
        for s in strokes:
            assert s.token is not None or s.name


def test_key_reader_matches_opencode_readings():
    from rules.tui import keys

    def read(text):
        return [[keys.describe(s) for s in strokes] for _, _, strokes in keys.parse(text)]

    assert read("ctrl+c,ctrl+d,<leader>q") == [["ctrl+c"], ["ctrl+d"], ["<leader>", "q"]]
    assert read("ctrl+alt+shift+k") == [["ctrl+meta+shift+k"]]
    assert read("shift+f12") == [["shift+f12"]]
    assert read("ctlr+x") == [["c", "t", "l", "r", "+", "x"]]
    assert read("esc") == [["escape"]]
    assert read("ctrl+a x") == [["ctrl+a x"]]
    with pytest.raises(keys.KeyError_):
        keys.parse("ctrl+")
