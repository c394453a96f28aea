"""`oclint server` in a real editor: headless Neovim's built-in LSP client (tests/neovim/
init.lua) opens a config, receives oclint's diagnostics, applies the OC306 quick fix,
saves, and sees the re-lint drop it. Skipped, with the reason, where Neovim is absent
(.ci/run installs Debian's `neovim` package when it can)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
NVIM = shutil.which("nvim")
INIT = Path(__file__).with_name("neovim") / "init.lua"
OCLINT = str(Path(sys.executable).with_name("oclint"))


def _usable() -> str | None:
    if NVIM is None:
        return "Neovim is not installed (apt-get install neovim)"
    try:
        version = subprocess.run([NVIM, "--version"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"Neovim does not run here: {exc}"
    first = version.splitlines()[0] if version else ""
    parts = first.removeprefix("NVIM v").split(".")
    if len(parts) < 2 or not parts[0].isdigit() or (int(parts[0]), int(parts[1])) < (0, 7):
        return f"Neovim 0.7 or newer needed for its LSP client ({first or 'no version'})"
    return None


@pytest.mark.skipif(_usable() is not None, reason=str(_usable()))
def test_neovim_receives_diagnostics_and_applies_a_fix(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    config = project / "opencode.json"
    config.write_text('{\n  "$schema": "https://opencode.ai/config.json",\n  "small_model": "${MODEL}",\n'
                      '  "modle": "x"\n}\n')
    out = tmp_path / "result.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENCODE_", "XDG_"))}
    env.update(HOME=str(tmp_path), OCLINT=OCLINT, OCLINT_RESULT=str(out))
    subprocess.run([NVIM, "--headless", "--clean", "-u", str(INIT), str(config)], env=env, cwd=project,
                   capture_output=True, timeout=120)
    result = json.loads(out.read_text())
    assert result["error"] is None, result
    assert {(d["code"], d["lnum"], d["col"]) for d in result["before"]} == {("OC306", 2, 17), ("OC201", 3, 2)}
    assert 'write "{env:MODEL}" (OC306)' in result["actions"]
    assert [d["code"] for d in result["after"]] == ["OC201"]
    assert '"small_model": "{env:MODEL}"' in config.read_text()
