"""Faults while writing a fix: whatever step fails, the original file stays byte for byte,
no temporary file is left behind, and the run ends with a one-line error (exit status 2)."""

import os
import tempfile

import pytest
from click.testing import CliRunner

from linter import files
from linter.cli import main

BEFORE = "{\n  // keep\n  'model': 'a/b'\n}\n"
AFTER = '{\n  // keep\n  "model": "a/b"\n}\n'


def fix(path):
    return CliRunner().invoke(main, ["--fix", "--select", "OC1", str(path)])


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "opencode.jsonc"
    path.write_text(BEFORE)
    return path


def _boom(*args, **kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["mkstemp", "write", "fsync", "chmod", "replace"])
def test_a_failing_step_leaves_the_original(config, monkeypatch, step):
    if step == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", _boom)
    elif step == "write":
        real = os.fdopen

        class Failing:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fdopen", lambda fd, mode: Failing(real(fd, mode)))
    else:
        monkeypatch.setattr(os, step, _boom)
    result = fix(config)
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert config.read_text() == BEFORE
    assert sorted(p.name for p in config.parent.iterdir()) == ["opencode.jsonc"]


def test_a_file_changed_between_read_and_write_is_not_overwritten(config, monkeypatch):
    real = files.write_atomic

    def meddle(path, data, expected=None):
        config.write_text('{"someone": "else"}\n')
        return real(path, data, expected)
    monkeypatch.setattr(files, "write_atomic", meddle)
    result = fix(config)
    assert result.exit_code == 2 and "changed on disk" in result.stderr
    assert config.read_text() == '{"someone": "else"}\n'


def test_read_only_folder(config, monkeypatch):
    # root may write anywhere, so the refusal the kernel would give is simulated at the syscall
    monkeypatch.setattr(tempfile, "mkstemp", lambda **kw: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    result = fix(config)
    assert result.exit_code == 2 and "Permission denied" in result.stderr
    assert config.read_text() == BEFORE


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; simulated above")
def test_really_read_only_folder(config):
    config.parent.chmod(0o555)
    try:
        result = fix(config)
        assert result.exit_code == 2 and config.read_text() == BEFORE
    finally:
        config.parent.chmod(0o755)


def test_permission_bits_and_symlinks_survive(tmp_path):
    target = tmp_path / "dotfiles" / "opencode.jsonc"
    target.parent.mkdir()
    target.write_text(BEFORE)
    target.chmod(0o600)
    link = tmp_path / "home" / "opencode.jsonc"
    link.parent.mkdir()
    link.symlink_to(target)
    assert fix(link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == AFTER
    assert (target.stat().st_mode & 0o777) == 0o600
