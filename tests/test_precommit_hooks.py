"""The hooks' ``files`` pattern against paths that must and must not match."""

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

HOOKS = YAML(typ="safe").load(Path(__file__).parent.parent.joinpath(".pre-commit-hooks.yaml").read_text())

MATCH = [
    "opencode.json", "opencode.jsonc", "sub/dir/opencode.json", ".opencode/opencode.jsonc",
    "dot_config/opencode/opencode.json", "opencode/config.json", ".config/opencode/config.json",
    ".opencode/config.json", "home/.config/opencode/opencode.jsonc",
    # chezmoi source names
    "dot_config/opencode/private_opencode.json", "dot_config/opencode/opencode.jsonc.tmpl",
    "private_dot_config/opencode/readonly_config.json", "dot_config/exact_opencode/literal_opencode.json",
    "exact_dot_opencode/exact_agents/private_review.md", "dot_config/opencode/commands/exact_git/literal_c.md",
    "dot_opencode/skills/exact_review/private_SKILL.md", "private_dot_config/opencode/private_tui.json",
    # tui.json wherever oclint lints it
    "tui.json", "tui.jsonc", ".opencode/tui.json", "dot_config/opencode/tui.jsonc.tmpl",
    # never read by OpenCode: passed to oclint so that OC801 reports them
    ".opencode.json", "home/.opencode.jsonc", "dot_opencode.json", "opencode.json5", "opencode.yaml",
    "opencode.yml", "sub/opencode.toml",
    ".opencode/agent/review.md", ".opencode/agents/sub/deep/x.md", "dot_config/opencode/agent/a.md",
    ".opencode/command/git/commit.md", ".config/opencode/commands/c.md", ".opencode/mode/focus.md",
    ".opencode/modes/m.md", ".opencode/skills/review/SKILL.md", ".opencode/skill/a/b/SKILL.md",
    ".claude/skills/review/SKILL.md", ".agents/skills/x/SKILL.md", ".opencode/skills/flat.md",
]
NO_MATCH = [
    "config.json", "src/config.json", "opencode.json.bak", "my-opencode.json",
    "notopencode/config.json", "opencode.json5.bak", "x.tmpl", "opencode/config.jsonc", "mytui.json",
    "tui.json.bak", "docs/commands/c.md",
    "opencode.json/readme.md", "package.json", "tsconfig.json",
    "agent/review.md", "docs/agents/x.md", ".opencode/agent/notes.txt", ".opencode/mode/sub/m.md",
    ".opencode/skills/review/reference.md", ".claude/agents/x.md", ".opencode/README.md",
    "README.md", ".opencode/agentx/a.md",
]


def test_hook_ids_and_entries():
    assert [h["id"] for h in HOOKS] == ["oclint", "oclint-fix"]
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert hook["types"] == ["text"]
        assert hook["entry"].startswith("oclint check")
    assert "--fix" in HOOKS[1]["entry"] and "--fix" not in HOOKS[0]["entry"]


@pytest.mark.parametrize("hook", HOOKS, ids=lambda h: h["id"])
def test_files_pattern(hook):
    pattern = re.compile(hook["files"])
    assert [p for p in MATCH if not pattern.search(p)] == []
    assert [p for p in NO_MATCH if pattern.search(p)] == []
