"""Which config files OpenCode 1.18.33 loads for a folder, in its order, and how it merges
them (opencode-facts.md section 5)."""

from __future__ import annotations

import os

from linter import discovery
from linter.merge import merge
from rules.layout import folder_files, kind_of

CONTENT_VARIABLE = "OPENCODE_CONFIG_CONTENT"


def global_dir(env) -> str:
    from rules.contexts import machine_global_dir
    return machine_global_dir(env)


def global_files(env) -> list[str]:
    """The global folder's config files (not its tui.json(c))."""
    return [p for p in folder_files(global_dir(env), "global") if kind_of(p) == "config"]


def files(cwd: str, env) -> list[str]:
    """The config files OpenCode would load in ``cwd`` on this machine, lowest precedence first."""
    from rules.contexts import project_context
    return project_context(cwd, env, with_global=True, trees=False).paths


def _plugin_name(entry) -> str:
    spec = entry[0] if isinstance(entry, list) and entry else entry
    spec = str(spec)
    at = spec.rfind("@")
    return spec[:at] if at > 0 else spec


def _instructions(before, after):
    """Concatenated, duplicates dropped (the first stays)."""
    seen, out = set(), []
    for item, origin in before + after:
        key = repr(item)
        if key not in seen:
            seen.add(key)
            out.append((item, origin))
    return out


def _plugins(before, after):
    """Accumulated, one per package name, the later entry winning."""
    out: dict = {}
    for item, origin in before + after:
        out.pop(_plugin_name(item), None)
        out[_plugin_name(item)] = (item, origin)
    return list(out.values())


POLICIES = {("instructions",): _instructions, ("plugin",): _plugins}


MERGED_KINDS = ("config", "agent", "mode", "command")     # the kinds that make up the config


def merged(documents):
    """The config OpenCode sees: the config documents merged, with each agent, mode and
    command markdown file at its entry (tui.json(c) is the TUI's own, merged on its own).
    Documents of the other kinds (skills, tui) are listed in the view, merging nothing."""
    from rules.markdown.frontmatter import mount
    return merge(list(documents), POLICIES, mount)
