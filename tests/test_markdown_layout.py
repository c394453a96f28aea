"""Where OpenCode finds agent, mode, command and skill markdown, the names it gives them,
and how they join the merged config (rules/layout.py, rules/markdown/frontmatter.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter import files
from linter.source import Document
from rules.layout import entry_name, folder_files, home_files, kind_of
from rules.markdown import frontmatter as fm
from rules.opencode_config import files as config_files, merged

OCLINT = str(Path(sys.executable).with_name("oclint"))


@pytest.mark.parametrize("path, kind, name", [
    ("/p/.opencode/agent/sub/x.md", "agent", "sub/x"),
    ("/p/.opencode/agents/x.md", "agent", "x"),
    ("/h/.config/opencode/mode/m.md", "mode", "m"),
    ("/h/.config/opencode/mode/a/m.md", None, None),        # modes are not recursive
    ("/p/.opencode/command/git/commit.md", "command", "git/commit"),
    ("/p/.opencode/skill/s/SKILL.md", "skill", None),
    ("/p/.opencode/skills/s.md", "skill-stray", None),
    ("/p/.opencode/skills/s/skill.md", "skill-stray", None),
    ("/p/.opencode/skills/s/reference.md", None, None),     # a skill's own file
    ("/p/.claude/skills/a/SKILL.md", "skill", None),
    ("/p/.claude/agents/x.md", None, None),                 # Claude Code's agents: not OpenCode's
    ("/dots/ocp/default/agent/exploration/librarian.md", "agent", "exploration/librarian"),
    ("/home/u/agents/proj/.opencode/command/x.md", "command", "x"),
    ("/p/README.md", None, None),
])
def test_kind_and_name_from_the_path(path, kind, name):
    assert kind_of(path) == kind
    if name is not None:
        assert entry_name(path) == name


def _write(root: Path, rel: str, text: str = "---\ndescription: d\n---\nBody.\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_folder_globs_as_opencode(tmp_path):
    cfg = tmp_path / ".opencode"
    _write(cfg, "opencode.json", "{}")
    for rel in ("agent/a.md", "agents/.hidden/b.md", "agent/sub/c.md", "mode/m.md", "mode/deep/n.md",
                "commands/x/y.md", "skills/s/SKILL.md", "skills/s/notes.md", "skill/flat.md", "agent/c.txt"):
        _write(cfg, rel)
    outside = tmp_path / "shared-agents"
    _write(outside, "linked.md")
    os.symlink(outside, cfg / "agent" / "link")
    got = [os.path.relpath(p, cfg) for p in folder_files(str(cfg), "dir")]
    assert got == ["opencode.json", "commands/x/y.md", "agent/a.md", "agent/link/linked.md", "agent/sub/c.md",
                   "agents/.hidden/b.md", "mode/m.md", "skill/flat.md", "skills/s/SKILL.md"]
    # a project folder: only its JSON and its .claude / .agents skills
    _write(tmp_path, ".claude/skills/r/SKILL.md")
    _write(tmp_path, ".agents/skills/q/SKILL.md")
    _write(tmp_path, "agent/not-read.md")
    got = [os.path.relpath(p, tmp_path) for p in folder_files(str(tmp_path), "project")]
    assert got == [".claude/skills/r/SKILL.md", ".agents/skills/q/SKILL.md"]
    assert [os.path.relpath(p, tmp_path) for p in home_files(str(tmp_path))] == got


def test_a_symlink_loop_is_read_once(tmp_path):
    cfg = tmp_path / ".opencode"
    _write(cfg, "agent/a.md")
    os.symlink(cfg / "agent", cfg / "agent" / "loop")
    assert [os.path.basename(p) for p in folder_files(str(cfg), "dir")] == ["a.md"]


def _docs(pairs):
    out = []
    for path, text in pairs:
        doc = Document(path, text)
        doc.kind = kind_of(path) or "config"
        out.append(doc)
    return out


def test_markdown_joins_the_merged_view():
    docs = _docs([
        ("/p/.opencode/opencode.json", '{"agent": {"review": {"model": "a/b", "color": "#000000"}}}'),
        ("/p/.opencode/command/ship.md", "---\nagent: review\n---\n  Ship it.  \n"),
        ("/p/.opencode/agent/review.md", "---\ncolor: '#FFFFFF'\n---\nYou review.\n"),
        ("/p/.opencode/agent/cc.md", "---\nname: code-reviewer\nprompt: ignored\n---\n"),
        ("/p/.opencode/mode/focus.md", "---\nmode: subagent\ntemperature: 0.2\n---\nFocus.\n"),
        ("/p/.opencode/agent/broken.md", "---\nname: x\n  bad: y\n---\nBody.\n"),
        ("/p/.opencode/skills/s/SKILL.md", "---\nname: s\n---\n"),
    ])
    view = merged(docs)
    agent = view.value["agent"]
    assert agent["review"] == {"model": "a/b", "color": "#FFFFFF", "prompt": "You review."}   # markdown after JSON
    assert agent["code-reviewer"] == {"name": "code-reviewer", "prompt": ""}     # renamed; the body wins
    assert agent["focus"] == {"temperature": 0.2, "prompt": "Focus.", "mode": "primary"}
    assert agent["broken"]["prompt"] == docs[5].text.strip()      # YAML that fails: the whole file
    assert view.value["command"] == {"ship": {"agent": "review", "template": "Ship it."}}
    assert "s" not in agent and "skill" not in view.value
    doc, node = view.origins[("agent", "review", "color")]
    assert doc is docs[2] and doc.position(node.start) == (2, 8)


def test_sanitized_and_dropped():
    assert fm.sanitize("---\ndescription: a: b\nmode: all\n---\n") == "---\ndescription: |-\n  a: b\nmode: all\n---\n"
    ok = _docs([("/p/.opencode/agent/x.md", "---\ndescription: Use for: review\n---\nB\n")])[0]
    assert fm.view(ok).state == "sanitized" and fm.view(ok).data.to_python() == {"description": "Use for: review"}
    gone = _docs([("/p/.opencode/agent/y.md", "---\ndescription: a: b\nbad: [\n---\nB\n")])[0]
    assert fm.view(gone).state == "dropped" and fm.mount(gone) == []


def test_discovery_and_config_command(tmp_path):
    project = tmp_path / "p"
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    cfg = project / ".opencode"
    _write(cfg, "opencode.json", '{"default_agent": "review"}')
    _write(cfg, "agent/review.md", "---\nmode: subagent\ncolor: blue\n---\nYou review.\n")
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config")}
    found = config_files(str(project), env)
    assert [os.path.relpath(p, project) for p in found] == [".opencode/opencode.json", ".opencode/agent/review.md"]
    lint = subprocess.run([OCLINT, "--output-format", "concise"], cwd=project, env=env, capture_output=True, text=True)
    assert ".opencode/agent/review.md:3:8: OC503" in lint.stdout
    assert "OC507" in lint.stdout and lint.returncode == 1
    shown = subprocess.run([OCLINT, "config"], cwd=project, env=env, capture_output=True, text=True)
    assert '"mode": "subagent",  // .opencode/agent/review.md:2' in shown.stdout
    assert '"prompt": "You review."  // .opencode/agent/review.md:5' in shown.stdout


@pytest.mark.parametrize("version,severity,says", [("1.18.33", "error", "fails every prompt"),
                                                   ("2.0", "warning", "falls back to `build`")])
@pytest.mark.parametrize("name,what", [("explore", "is a subagent"), ("title", "is a hidden agent"),
                                       ("nobody", "names no agent")])
def test_default_agent_verdict_by_version(version, severity, says, name, what):
    from lintkit import lint_text
    found = lint_text('{"default_agent": "%s"}' % name, ["OC507"], {"opencode-version": version})
    assert [(d.severity.value, what in d.message, says in d.message) for d in found] == [(severity, True, True)]
    assert lint_text('{"default_agent": "plan"}', ["OC507"], {"opencode-version": version}) == []


def test_a_default_agent_a_later_file_replaces_is_left_alone(tmp_path):
    """OpenCode runs with the last file's `default_agent` (observed with 1.18.33: a root
    `"explore"` under `.opencode/opencode.json`'s `"build"` runs as build)."""
    project = tmp_path / "p"
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    _write(project, "opencode.json", '{"default_agent": "explore"}')
    _write(project / ".opencode", "opencode.json", '{"default_agent": "build"}')
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config")}
    lint = subprocess.run([OCLINT, "--select", "OC507", "--output-format", "concise", "opencode.json"],
                          cwd=project, env=env, capture_output=True, text=True)
    assert "OC507" not in lint.stdout and lint.returncode == 0, lint.stdout
    (project / ".opencode" / "opencode.json").unlink()
    lint = subprocess.run([OCLINT, "--select", "OC507", "--output-format", "concise", "opencode.json"],
                          cwd=project, env=env, capture_output=True, text=True)
    assert "opencode.json:1:19: OC507" in lint.stdout, lint.stdout
