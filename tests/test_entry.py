"""linter.main.entry, the installed command, ends the process without tearing the
interpreter down: the same output, the same exit status as ``sys.exit(main())``, exit
handlers run, everything written reaches a pipe."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

PROBE = ("import atexit, sys\nsys.path.insert(0, {root!r})\n"
         "atexit.register(lambda: sys.stderr.write('handlers ran\\n'))\n"
         "from linter.main import {function}\nsys.argv = ['oclint', *{args!r}]\n"
         "sys.exit({function}())\n")


def run(function: str, args: list[str], cwd) -> subprocess.CompletedProcess:
    code = PROBE.format(root=str(ROOT), function=function, args=args)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)


MANY = json.dumps({"instructions": [f"${{DIR_{i}}}/notes.md" for i in range(300)]})


@pytest.mark.parametrize("args", [["--isolated", "clean.json"], ["--isolated", "bad.json"],
                                  ["--isolated", "many.json"], ["--isolated", "--output-format", "json", "bad.json"],
                                  ["--isolated", "absent.json"], ["--version"], ["--bogus"], ["rule", "OC103"],
                                  ["--isolated", "--exit-zero", "bad.json"]], ids=str)
def test_entry_ends_as_sys_exit_of_main_would(tmp_path, args):
    (tmp_path / "clean.json").write_text('{"$schema": "https://opencode.ai/config.json"}\n')
    (tmp_path / "bad.json").write_text('{"modle": "x", "share": "yes"}')
    (tmp_path / "many.json").write_text(MANY)       # a long report: all of it reaches the pipe
    fast, plain = run("entry", args, tmp_path), run("main", args, tmp_path)
    assert (fast.returncode, fast.stdout, fast.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    assert fast.stderr.endswith("handlers ran\n")
    if "many.json" in args:
        assert fast.stdout.count("OC306") >= 300


def test_other_threads_still_running_end_the_ordinary_way(tmp_path):
    """A thread that is still running when the check has finished (it starts its last
    step only then) gets to finish it: its line comes after the report."""
    (tmp_path / "clean.json").write_text("{}")
    code = ("import sys, threading, time\nsys.path.insert(0, %r)\nimport linter.main as m\n"
            "done = threading.Event()\nchecked = m.main\n"
            "def main():\n    try:\n        checked()\n    finally:\n        done.set()\n"
            "m.main = main\n"
            "threading.Thread(target=lambda: (done.wait(), time.sleep(0.2), print('thread done', flush=True))).start()\n"
            "sys.argv = ['oclint', '--isolated', '--exit-zero', 'clean.json']\nm.entry()\n") % str(ROOT)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0 and "OC206" in out.stdout and out.stdout.rstrip().endswith("thread done")


def test_the_installed_command_is_entry():
    import tomllib
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["oclint"] == "linter.main:entry"
