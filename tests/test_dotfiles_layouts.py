"""Dotfiles repositories of each layout (tests/fixtures/dotfiles/<layout>/, laid out as the
repositories in ../shared/corpus are): the config is that tree's global config, `~` is the
tree's home, and `oclint .` output is the golden file beside it (`<layout>.golden`,
regenerated with OCLINT_UPDATE_GOLDEN=1; the temporary folder shows as `<repo>`)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "dotfiles"
OCLINT = str(Path(sys.executable).with_name("oclint"))
LAYOUTS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def oclint(folder: Path, *args) -> str:
    proc = subprocess.run([OCLINT, "--isolated", *args], cwd=folder, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "NO_COLOR": "1"})
    out = f"$ oclint {' '.join(args)}\n{proc.stderr}{proc.stdout}exit {proc.returncode}\n"
    return out.replace(str(folder), "<repo>")


@pytest.fixture
def repo(tmp_path):
    def make(layout: str) -> Path:
        target = tmp_path / layout
        shutil.copytree(FIXTURES / layout, target)
        subprocess.run(["git", "init", "-q", str(target)], check=True)
        return target
    return make


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layout_golden(repo, layout):
    folder = repo(layout)
    text = oclint(folder, "--output-format", "concise", ".") + oclint(folder, "--show-files", ".")
    golden = FIXTURES / f"{layout}.golden"
    if os.environ.get("OCLINT_UPDATE_GOLDEN"):
        golden.write_text(text)
    assert text == golden.read_text()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_missing_prompt_is_the_only_error(repo, layout):
    """Every layout commits prompts/build.md next to the config and forgets plan.md: the
    first resolves inside the tree (never against this machine's HOME), the second is
    reported with where it was looked for."""
    folder = repo(layout)
    out = oclint(folder, "--output-format", "concise", "--select", "OC307", ".")
    assert out.count(": OC307 ") == 1 and "prompts/plan.md` does not exist" not in out
    assert "prompts/plan.md does not exist (in the dotfiles tree whose home is <repo>" in out


def test_home_option_states_the_root(tmp_path):
    """An unrecognised layout (`cfg/opencode`) with `--home` naming the tree's home."""
    home = tmp_path / "mine"
    (home / ".config" / "opencode" / "prompts").mkdir(parents=True)
    (home / ".config" / "opencode" / "prompts" / "build.md").write_text("Build.")
    config = home / ".config" / "opencode" / "opencode.json"
    config.write_text('{"agent": {"build": {"prompt": "{file:~/.config/opencode/prompts/build.md}"}}}')
    proc = subprocess.run([OCLINT, "--isolated", "--select", "OC307", "--home", str(home), str(config)],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stdout
    shown = subprocess.run([OCLINT, "config", "--home", str(home), str(config.parent)],
                           capture_output=True, text=True, timeout=60)
    assert f"// ~ is {home}" in shown.stdout


def test_config_command_in_a_dotfiles_tree(repo):
    folder = repo("chezmoi")
    proc = subprocess.run([OCLINT, "config", "dot_config/opencode"], cwd=folder, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"// context: global config of the dotfiles tree at {folder} (chezmoi)"
    assert lines[1] == f"// ~ is {folder}"
    assert any('"share": "manual"' in line and "opencode.jsonc.tmpl" in line for line in lines)
