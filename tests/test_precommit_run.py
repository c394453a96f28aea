"""A real pre-commit run: a temporary git repo whose hooks come from this checkout.

pre-commit clones the hook repository and pip-installs it into its own virtual
environment, so this needs the package registry; without it the test is skipped, saying so.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
BAD = '{\n  "$schema": "https://opencode.ai/config.json",\n  "model": \'mixroute/gpt-4o\'\n  "share": "auto"\n}\n'
FIXABLE = '{\n  "$schema": "https://opencode.ai/config.json",\n  "share": \'auto\'\n}\n'
CLEAN = '{\n  "$schema": "https://opencode.ai/config.json",\n  "share": "auto"\n}\n'
IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info", "build")


def git(cwd, *args, check=True):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """This checkout as it is on disk, committed into a throwaway repository (and a
    pre-commit cache shared by the tests, so the hook is installed once)."""
    src = tmp_path_factory.mktemp("hooks") / "oclint"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    git(src, "init", "-q")
    git(src, "add", "-A")
    git(src, "commit", "-q", "-m", "snapshot")
    return src, git(src, "rev-parse", "HEAD").stdout.strip(), src.parent / "pre-commit-cache"


@pytest.fixture
def project(tmp_path, hook_repo, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    for key, value in {"HOME": str(home), "PRE_COMMIT_HOME": str(hook_repo[2]),
                       "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                       "NO_COLOR": "1"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    repo = tmp_path / "dotfiles"
    repo.mkdir()
    git(repo, "init", "-q")
    src, rev, _ = hook_repo

    def configure(hook_id):
        (repo / ".pre-commit-config.yaml").write_text(
            f"repos:\n  - repo: {src}\n    rev: {rev}\n    hooks:\n      - id: {hook_id}\n")
        git(repo, "add", ".pre-commit-config.yaml")
    configure("oclint")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install-hooks"], cwd=repo,
                               capture_output=True, text=True)
    if installed.returncode != 0:
        log = installed.stdout + installed.stderr
        if any(s in log for s in ("Could not find a version", "Failed to establish", "No matching distribution",
                                  "Temporary failure in name resolution", "ConnectionError")):
            pytest.skip("pre-commit could not install the hook from the package registry: " + log[-300:])
        raise AssertionError(log)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, check=True, capture_output=True)
    return repo, configure


def commit(repo, name, text):
    (repo / name).write_text(text)
    git(repo, "add", name)
    return git(repo, "commit", "-q", "-m", "config", check=False)


def test_a_bad_config_fails_the_commit_with_oclints_diagnostics(project):
    repo, _ = project
    result = commit(repo, "opencode.jsonc", BAD)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "opencode.jsonc:3:12: OC102" in out and "opencode.jsonc:4:3: OC101" in out
    assert git(repo, "log", "--oneline", check=False).stdout == ""


def test_a_clean_config_commits(project):
    repo, _ = project
    result = commit(repo, "opencode.jsonc", CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "oclint" in result.stdout + result.stderr and "Passed" in result.stdout + result.stderr


def test_config_json_outside_an_opencode_folder_is_not_checked(project):
    repo, _ = project
    result = commit(repo, "config.json", "{ not json")
    assert result.returncode == 0


def test_oclint_fix_fixes_the_file_and_reports_it_changed(project):
    repo, configure = project
    configure("oclint-fix")
    (repo / ".opencode").mkdir()
    path = repo / ".opencode" / "opencode.jsonc"
    path.write_text(FIXABLE)
    git(repo, "add", ".opencode/opencode.jsonc")
    run = subprocess.run([sys.executable, "-m", "pre_commit", "run", "oclint-fix", "--files",
                          ".opencode/opencode.jsonc"], cwd=repo, capture_output=True, text=True)
    assert run.returncode == 1
    assert "files were modified by this hook" in run.stdout
    assert path.read_text() == CLEAN
    git(repo, "add", ".opencode/opencode.jsonc")
    again = subprocess.run([sys.executable, "-m", "pre_commit", "run", "oclint-fix", "--files",
                            ".opencode/opencode.jsonc"], cwd=repo, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout
