"""Adversarial cases of load contexts, dotfiles trees, `oclint DIR` and the OC8xx renames,
each run through the real `oclint` command on a fake repository (HOME a temp folder)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

OCLINT = str(Path(sys.executable).with_name("oclint"))
SHM = Path("/dev/shm")


def oclint(folder, *args, home=None):
    env = {**os.environ, "HOME": str(home or folder), "XDG_CONFIG_HOME": str(Path(home or folder) / ".xdg")}
    env.pop("OPENCODE_CONFIG", None)
    proc = subprocess.run([OCLINT, "--isolated", "--output-format", "concise", *args], cwd=folder,
                          capture_output=True, text=True, timeout=120, env=env)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def git_repo(folder: Path, files: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def test_a_rename_blocked_by_a_file_leaves_the_run_going(tmp_path):
    """`.opencode` is a file: the stray cannot move there; the other file still moves,
    the report is written and the exit status is the report's."""
    folder = git_repo(tmp_path / "r", {".opencod/opencode.json": "{}\n", ".opencode": "x\n",
                                        "b/.opencod/opencode.json": "{}\n"})
    status, out, err = oclint(folder, "--select", "OC8", "--fix", "--unsafe-fixes", ".")
    assert status == 0, err
    assert (folder / "b/.opencode/opencode.json").is_file()
    assert (folder / ".opencod/opencode.json").is_file() and (folder / ".opencode").read_text() == "x\n"
    assert "`../.opencode` stands where a folder must be" in oclint(folder, "--select", "OC8", "--output-format", "full", ".")[1]


def test_move_reports_a_file_in_the_way_and_keeps_going(tmp_path):
    from linter import files
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "block").write_text("x")
    with pytest.raises(files.FileError, match="stands where the folder"):
        files.move(str(tmp_path / "a.json"), str(tmp_path / "block" / "a.json"))
    assert (tmp_path / "a.json").read_text() == "{}" and (tmp_path / "block").read_text() == "x"


@pytest.mark.skipif(not SHM.is_dir() or os.stat(SHM).st_dev == os.stat("/tmp").st_dev,
                    reason="needs a second file system at /dev/shm")
def test_a_rename_across_file_systems_copies(tmp_path):
    other = SHM / f"oclint-test-{os.getpid()}"
    other.mkdir()
    try:
        folder = git_repo(tmp_path / "r", {".opencod/opencode.json": '{"a": 1}\n'})
        (folder / ".opencode").symlink_to(other)
        status, out, err = oclint(folder, "--select", "OC8", "--fix", "--unsafe-fixes", ".")
        assert status == 0, err
        assert (other / "opencode.json").read_text() == '{"a": 1}\n'
        assert not (folder / ".opencod/opencode.json").exists()
    finally:
        for p in other.iterdir():
            p.unlink()
        other.rmdir()


def test_a_relative_symlink_moved_still_names_its_file(tmp_path):
    folder = git_repo(tmp_path / "r", {"shared/x.json": '{"a": 1}\n', ".config/nvim/init.lua": ""})
    (folder / ".opencode.json").symlink_to("shared/x.json")
    status, out, err = oclint(folder, "--select", "OC8", "--fix", "--unsafe-fixes", ".opencode.json")
    moved = folder / ".config/opencode/opencode.json"
    assert moved.is_symlink() and moved.read_text() == '{"a": 1}\n'


PROVIDER = ('{"$schema": "https://opencode.ai/config.json", "provider": {"myp": {"npm": '
            '"@ai-sdk/openai-compatible", "options": {"baseURL": "http://x"}, "models": {"m1": {}}}}}\n')


def test_an_opencode_folder_of_a_project_is_no_dotfiles_tree(tmp_path):
    """A repository with its own opencode.json at the root is an OpenCode project: its
    `opencode/opencode.json` sees the root's provider."""
    folder = git_repo(tmp_path / "app", {"opencode.json": PROVIDER,
                                          "opencode/opencode.json": '{"$schema": "https://opencode.ai/config.json", "model": "myp/m1"}\n'})
    status, out, err = oclint(folder, ".")
    assert "OC302" not in out and status == 0, out
    status, out, err = oclint(folder, "--show-files", ".")
    assert "dotfiles" not in out


def test_a_bare_opencode_folder_of_a_dotfiles_repo_is_still_one(tmp_path):
    folder = git_repo(tmp_path / "dots", {"opencode/opencode.json": "{}\n", "nvim/init.lua": ""})
    assert "bare opencode/" in oclint(folder, "--show-files", ".")[1]


def test_stow_packages_share_one_home(tmp_path):
    """stow links every package of its folder into one home: a `~` file committed in
    another package exists for OpenCode; a file in none is reported, saying so."""
    cfg = ('{"$schema": "https://opencode.ai/config.json", "agent": {'
           '"a": {"prompt": "{file:~/.config/opencode/agents/a.md}"}, "b": {"prompt": "{file:~/notes/b.md}"}, '
           '"c": {"prompt": "{file:~/notes/none.md}"}}}\n')
    folder = git_repo(tmp_path / "stow", {"opencode/dot-config/opencode/opencode.json": cfg,
                                           "agents/dot-config/opencode/agents/a.md": "a\n",
                                           "notes/notes/b.md": "b\n"})
    status, out, err = oclint(folder, ".", home=tmp_path / "home")
    assert [line.split(": OC")[1][:3] for line in out.splitlines() if ": OC" in line] == ["307"], out
    assert "notes/none.md does not exist" in out and "nor in another package of its stow folder" in out


def test_a_relative_file_reference_in_chezmoi_names(tmp_path):
    cfg = ('{"$schema": "https://opencode.ai/config.json", "agent": {'
           '"a": {"prompt": "{file:./prompts/a.md}"}, "b": {"prompt": "{file:./prompts/none.md}"}}}\n')
    folder = git_repo(tmp_path / "cz", {"private_dot_config/opencode/opencode.json": cfg,
                                         "private_dot_config/opencode/private_prompts/a.md.tmpl": "a\n"})
    status, out, err = oclint(folder, ".", home=tmp_path / "home")
    assert "prompts/a.md" not in out and "prompts/none.md does not exist" in out, out


def test_oclint_dir_skips_dependency_caches_git_does_not_ignore(tmp_path):
    folder = git_repo(tmp_path / "r", {".opencode/node_modules/@x/plug/opencode.json": '{"theme": 1}\n',
                                        ".opencode/package.json": "{}\n"})
    status, out, err = oclint(folder, ".")
    assert out == "" and "no OpenCode config files found" in err and status == 0


def test_oclint_dir_enters_submodules_and_nested_repositories(tmp_path):
    sub = git_repo(tmp_path / "sub", {"opencode.json": '{"theme": 1}\n'})
    git = ["git", "-c", "user.email=a@b", "-c", "user.name=a", "-c", "protocol.file.allow=always"]
    subprocess.run([*git, "-C", str(sub), "add", "."], check=True)
    subprocess.run([*git, "-C", str(sub), "commit", "-qm", "s"], check=True)
    top = git_repo(tmp_path / "top", {"nested/n/opencode.json": '{"theme": 1}\n'})
    subprocess.run(["git", "init", "-q", str(top / "nested")], check=True)
    subprocess.run([*git, "-C", str(top), "submodule", "add", "-q", str(sub), "sub"], check=True,
                   capture_output=True)
    subprocess.run([*git, "-C", str(top), "commit", "-qm", "t"], check=True)
    out = oclint(top, "--show-files", ".")[1]
    assert "sub/opencode.json  [config]" in out and "nested/n/opencode.json  [config]" in out, out
    clone = tmp_path / "clone"          # the submodule not checked out: nothing to lint there
    subprocess.run([*git, "clone", "-q", str(top), str(clone)], check=True)
    status, out, err = oclint(clone, "--show-files", ".")
    assert status == 0 and "sub/" not in out


def test_the_fix_hint_with_unsafe_fixes_is_one_command(tmp_path):
    (tmp_path / ".opencode").mkdir()
    (tmp_path / ".opencode/config.json").write_text("{}\n")
    status, out, err = oclint(tmp_path, "--unsafe-fixes", ".opencode/config.json")
    assert "[*] 1 fixable with `oclint --fix --unsafe-fixes`." in out, out


def test_a_chezmoi_rename_is_spelled_in_source_names(tmp_path):
    """chezmoi never installs a source name that starts with a dot: `dot_opencode.json`
    moves to `dot_config/opencode/`, or into an existing `private_dot_config/`; an
    existing `private_opencode.json` there is the target that exists already."""
    folder = git_repo(tmp_path / "cz", {"dot_opencode.json": "{}\n"})
    assert "rename it to `dot_config/opencode/opencode.json`" in oclint(folder, "--output-format", "full", ".")[1]
    (folder / "private_dot_config/nvim").mkdir(parents=True)
    assert "rename it to `private_dot_config/opencode/opencode.json`" in oclint(folder, "--output-format", "full", ".")[1]
    (folder / "private_dot_config/opencode").mkdir()
    (folder / "private_dot_config/opencode/private_opencode.json").write_text("{}\n")
    out = oclint(folder, "--output-format", "full", ".")[1]
    assert "`private_dot_config/opencode/private_opencode.json` exists already" in out, out
    (folder / "private_dot_config/opencode/private_opencode.json").unlink()
    oclint(folder, "--fix", "--unsafe-fixes", ".")
    assert (folder / "private_dot_config/opencode/opencode.json").read_text() == "{}\n"
    assert not (folder / ".config").exists()


def test_one_file_through_two_names_is_judged_the_same_in_either_order(tmp_path):
    """A file reached through a link from another project: whichever order the names
    come in, it is linted once, as its own path."""
    p1 = git_repo(tmp_path / "p1", {"opencode.json": PROVIDER, "sub/opencode.json":
                                     '{"$schema": "https://opencode.ai/config.json", "model": "myp/m1"}\n'})
    p2 = git_repo(tmp_path / "p2", {})
    (p2 / "opencode.json").symlink_to(p1 / "sub/opencode.json")
    one = oclint(tmp_path, "p1/sub/opencode.json", "p2/opencode.json")
    two = oclint(tmp_path, "p2/opencode.json", "p1/sub/opencode.json")
    assert one == two and one[0] == 0 and "All checks passed!" in one[1], (one, two)
    shown = oclint(tmp_path, "--show-files", "p2/opencode.json", "p1/sub", "p1/sub/opencode.json")[1]
    assert shown.count("  [config]") == 1 and shown.startswith("p1/sub/opencode.json"), shown


def test_a_chezmoi_tui_template_is_in_its_own_context(tmp_path):
    folder = git_repo(tmp_path / "cz", {"dot_config/opencode/tui.json.tmpl": '{"theme": "x"}\n'})
    out = oclint(folder, "--show-files", ".")[1]
    assert "    1. dot_config/opencode/tui.json.tmpl" in out, out


def test_a_project_in_a_chezmoi_tree_with_exact_private_names_sees_its_global(tmp_path):
    folder = git_repo(tmp_path / "cz", {"exact_private_dot_config/opencode/opencode.json": PROVIDER,
                                         "proj/opencode.json": '{"$schema": "https://opencode.ai/config.json", "model": "myp/m1"}\n'})
    status, out, err = oclint(folder, ".", home=tmp_path / "home")
    assert "OC302" not in out and status == 0, out


def test_a_move_that_fails_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    import io
    import rules
    from linter import app, files
    for name in ("a", "b"):
        (tmp_path / name / ".opencode").mkdir(parents=True)
        (tmp_path / name / ".opencode/config.json").write_text("{}\n")
    real_move = files.move

    def move(source, target):
        if "/a/" in source:
            raise files.FileError(f"{source}: cannot move to {target}: Read-only file system")
        real_move(source, target)
    monkeypatch.setattr(files, "move", move)
    out, err = io.StringIO(), io.StringIO()
    options = app.CheckOptions(paths=[str(tmp_path / n / ".opencode/config.json") for n in "ab"],
                               output_format="concise", fix=True, unsafe_fixes=True, select=["OC8"])
    status = app.check(options, rules.knowledge(), stdout=out, stderr=err)
    assert status == 0 and "Read-only file system" in err.getvalue()
    assert (tmp_path / "b/.opencode/opencode.json").exists() and (tmp_path / "a/.opencode/config.json").exists()
    assert "Fixed 1 problem in 1 file." in out.getvalue() and "a/.opencode/config.json:1:1: OC801" in out.getvalue()


def test_show_files_names_a_missing_file_as_check_does(tmp_path):
    """`--show-files` on a path that does not exist: the error `check` gives, exit 2, and
    the other files still listed."""
    (tmp_path / "opencode.json").write_text("{}\n")
    status, out, err = oclint(tmp_path, "--show-files", "missing.json", "opencode.json")
    assert status == 2 and err == "oclint: error: missing.json: no such file\n", err
    assert "opencode.json  [config]" in out and "missing" not in out


def test_a_walk_takes_only_the_markdown_of_a_config_folder(tmp_path):
    """`oclint .` lints the agents and commands OpenCode reads (under `.opencode/`), not a
    repository's docs/agents or docs/commands pages; a file named on the command line is
    still judged by its folder."""
    folder = git_repo(tmp_path / "repo", {
        "docs/agents/x.md": "# Agents\n", "docs/commands/y.md": "# Commands\n",
        ".opencode/agents/a.md": "---\ndescription: A\n---\nYou review.\n"})
    status, out, err = oclint(folder, "--show-files", ".")
    listed = [line.split("  [")[0] for line in out.splitlines() if "  [" in line]
    assert listed == [".opencode/agents/a.md"], out
    assert "docs/agents/x.md  [agent]" in oclint(folder, "--show-files", "docs/agents/x.md")[1]
