"""Which config files OpenCode 1.18.33 loads for a folder, in its order, and how it merges
them (opencode-facts.md section 5)."""

from __future__ import annotations

import os

from linter import discovery
from linter.merge import merge
from rules.layout import folder_files, kind_of

MANAGED_DIRS = ("/etc/opencode", "/Library/Application Support/opencode")
CONTENT_VARIABLE = "OPENCODE_CONFIG_CONTENT"


def global_dir(env) -> str:
    base = env.get("XDG_CONFIG_HOME") or os.path.join(discovery.home(env), ".config")
    return os.path.join(base, "opencode")


def global_files(env) -> list[str]:
    """The global folder's config files (not its tui.json(c))."""
    return [p for p in folder_files(global_dir(env), "global") if kind_of(p) == "config"]


def files(cwd: str, env) -> list[str]:
    """The config files OpenCode would load in ``cwd``, lowest precedence first."""
    out = list(folder_files(global_dir(env), "global"))
    if env.get("OPENCODE_CONFIG"):
        out.append(os.path.abspath(env["OPENCODE_CONFIG"]))
    if env.get("OPENCODE_TUI_CONFIG") and os.path.isfile(env["OPENCODE_TUI_CONFIG"]):
        out.append(os.path.abspath(env["OPENCODE_TUI_CONFIG"]))
    project = not env.get("OPENCODE_DISABLE_PROJECT_CONFIG")
    top = discovery.worktree(cwd)
    folders = discovery.upward(cwd, top)
    if project:
        for folder in reversed(folders):            # the farthest folder first
            out.extend(folder_files(folder, "project"))
    dirs = [os.path.join(f, ".opencode") for f in folders] if project else []   # closest first, as 1.18.33
    dirs.append(os.path.join(discovery.home(env), ".opencode"))
    if env.get("OPENCODE_CONFIG_DIR"):
        dirs.append(env["OPENCODE_CONFIG_DIR"])
    for folder in discovery.unique(dirs):
        out.extend(folder_files(folder, "dir"))
    for folder in MANAGED_DIRS:
        out.extend(folder_files(folder, "project"))
    return discovery.unique(out)


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


def merged(documents):
    """The config OpenCode sees: the config documents merged (tui.json(c) is the TUI's own,
    merged on its own)."""
    return merge([d for d in documents if d.kind == "config"], POLICIES)
