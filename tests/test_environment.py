"""OC721 (instructions found as OpenCode finds them) and the --check-env rules, on real
folders."""

import os
import subprocess
import sys
from pathlib import Path

OCLINT = str(Path(sys.executable).with_name("oclint"))


def concise(args, cwd=None, env=None):
    proc = subprocess.run([OCLINT, "--output-format", "concise", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    return proc.returncode, [line for line in proc.stdout.splitlines() if ": OC" in line]


def test_project_instructions_are_searched_up_to_the_git_root(tmp_path):
    project = tmp_path / "p"
    (project / ".git").mkdir(parents=True)
    (project / "docs").mkdir()
    (project / "docs" / "style.md").write_text("x")
    (project / ".opencode").mkdir()
    config = project / ".opencode" / "opencode.json"
    # relative to the project folder, not to .opencode/: docs/style.md is found, ../docs is not
    config.write_text('{\n  "instructions": ["docs/style.md", "docs/*.md", "../docs/style.md", "rules.md"]\n}\n')
    _, lines = concise(["--select", "OC721", str(config)])
    assert lines == [f"{config}:2:50: OC721 `../docs/style.md` matches no file: OpenCode looks in {project}",
                     f"{config}:2:70: OC721 `rules.md` matches no file: OpenCode looks in {project}"]


def test_global_instructions_beside_the_file_are_not_where_opencode_looks(tmp_path):
    folder = tmp_path / "dotfiles" / ".config" / "opencode"
    folder.mkdir(parents=True)
    (folder / "rules.md").write_text("x")
    config = folder / "opencode.json"
    config.write_text('{ "instructions": ["rules.md", "elsewhere.md"] }\n')
    _, lines = concise(["--select", "OC721", str(config)])
    assert lines == [f"{config}:1:20: OC721 `rules.md` is beside this file, but OpenCode looks for it "
                     "from the folder it starts in (up to the git root), not here; write "
                     "`~/.config/opencode/rules.md`"]
    subprocess.run([OCLINT, "--fix", "--unsafe-fixes", "--select", "OC721", str(config)], capture_output=True)
    assert config.read_text() == '{ "instructions": ["~/.config/opencode/rules.md", "elsewhere.md"] }\n'


def test_check_env_is_opt_in(tmp_path):
    config = tmp_path / "opencode.json"
    config.write_text('{ "provider": { "p": { "options": { "apiKey": "{env:OCLINT_TEST_KEY}" } } },\n'
                      '  "mcp": { "x": { "type": "local", "command": ["oclint-no-such-program"] } } }\n')
    env = {k: v for k, v in os.environ.items() if k != "OCLINT_TEST_KEY"}
    _, lines = concise(["--select", "OC73", str(config)], env=env)
    assert lines == []
    _, lines = concise(["--select", "OC73", "--check-env", str(config)], env=env)
    assert [line.split(": ")[1].split()[0] for line in lines] == ["OC731", "OC732"]
    _, lines = concise(["--select", "OC73", "--check-env", str(config)], env={**env, "OCLINT_TEST_KEY": "sk-x"})
    assert [line.split(": ")[1].split()[0] for line in lines] == ["OC732"]
    (tmp_path / ".oclint.yaml").write_text("check-env: true\n")
    _, lines = concise(["--select", "OC731", str(config)], env=env)
    assert len(lines) == 1 and "`OCLINT_TEST_KEY` is unset here" in lines[0]
    (tmp_path / ".oclint.yaml").write_text("check-env: yes please\n")
    proc = subprocess.run([OCLINT, str(config)], capture_output=True, text=True, env=env)
    assert proc.returncode == 2 and "check-env" in proc.stderr


def test_tilde_is_the_dotfiles_trees_home(tmp_path):
    """In a dotfiles tree, `~/` in instructions is the tree's home (the load context's), so
    a file committed beside the config is found; the tree's global config is global."""
    tree = tmp_path / "dotfiles"
    (tree / ".git").mkdir(parents=True)
    folder = tree / ".config" / "opencode"
    folder.mkdir(parents=True)
    (folder / "rules.md").write_text("x")
    config = folder / "opencode.json"
    config.write_text('{ "instructions": ["~/.config/opencode/rules.md", "~/.config/opencode/gone.md", '
                      '"rules.md"] }\n')
    _, lines = concise(["--select", "OC721", str(config)], cwd=tmp_path)
    messages = [line.split(": ", 1)[1] for line in lines]
    assert len(messages) == 2
    assert messages[0].startswith("OC721 `~/.config/opencode/gone.md` matches no file")
    assert messages[1].startswith("OC721 `rules.md` is beside this file")
    assert str(folder) in lines[0]      # where OpenCode looks, in the tree
