"""The discovery rules (OC8xx) on fixture repositories: `tests/fixtures/OC80x/repo/` is a
tree laid out as a repository; beside it, `expected` is `oclint . --select OC8` in concise
format, and `fixed.tree` the files after `--fix --unsafe-fixes` (renames)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
OCLINT = str(Path(sys.executable).with_name("oclint"))
CASES = sorted(p.parent.name for p in FIXTURES.glob("OC8*/repo"))


def run(folder, *args):
    proc = subprocess.run([OCLINT, "--isolated", "--output-format", "concise", "--select", "OC8", *args, "."],
                          cwd=folder, capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def tree(folder: Path) -> str:
    return "".join(str(p.relative_to(folder)) + "\n" for p in sorted(folder.rglob("*"))
                   if p.is_file() and ".git" not in p.relative_to(folder).parts)


def repo(tmp_path, code) -> Path:
    target = tmp_path / code
    shutil.copytree(FIXTURES / code / "repo", target)
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    return target


@pytest.mark.parametrize("code", CASES)
def test_discovery_fixture(tmp_path, code):
    folder = repo(tmp_path, code)
    status, out, err = run(folder)
    assert "Traceback" not in err
    assert out == (FIXTURES / code / "expected").read_text()
    assert status == 0              # warnings
    status, out, err = run(folder, "--fix", "--unsafe-fixes")
    assert tree(folder) == (FIXTURES / code / "fixed.tree").read_text()
    status, out, err = run(folder)  # a second pass finds nothing more to move
    assert all(" [*] " not in line for line in out.splitlines())


def test_renames_never_overwrite(tmp_path):
    folder = repo(tmp_path, "OC801")
    taken = folder / "taken" / ".opencode"
    before = (taken / "opencode.json").read_bytes()
    run(folder, "--fix", "--unsafe-fixes")
    assert (taken / "config.json").exists() and (taken / "opencode.json").read_bytes() == before


def test_diff_shows_renames_and_writes_nothing(tmp_path):
    folder = repo(tmp_path, "OC803")
    before = tree(folder)
    status, out, err = run(folder, "--diff", "--unsafe-fixes")
    assert status == 1
    assert "rename from .opencode/agnet/review.md\nrename to .opencode/agent/review.md\n" in out
    assert tree(folder) == before
