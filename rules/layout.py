"""What a file is to OpenCode, from its path: the document kind of each file oclint lints,
and which files of a config folder OpenCode reads.

One place serves discovery (``oclint DIR``, the files of a load context), the engine
(``Document.kind``, which selects the rules that run on a document) and the pre-commit
pattern tests. Kinds so far: ``config`` (opencode.json(c), and config.json in the global
folder) and ``tui`` (tui.json(c)). Each new surface (agent/mode/command/skill markdown, tui.json) adds its kind to
``kind_of`` and its files to ``folder_files``.
"""

from __future__ import annotations

import os

CONFIG_NAMES = ("opencode.json", "opencode.jsonc")     # within a folder .jsonc is applied last
GLOBAL_NAMES = ("config.json", "opencode.json", "opencode.jsonc")   # the global folder's order
TUI_NAMES = ("tui.json", "tui.jsonc")     # both are read, .jsonc applied last [B33 @104081484 `h`]


def kind_of(path: str) -> str | None:
    """The document kind of ``path``, or None when OpenCode reads no such file as config."""
    name = os.path.basename(path)
    if name in CONFIG_NAMES:
        return "config"
    if name in TUI_NAMES:
        return "tui"
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    if name == "config.json" and folder == "opencode":
        return "config"
    return None


def kind_or_config(path: str) -> str:
    """The kind for a file named on the command line: what ``kind_of`` says (the file
    ``OPENCODE_TUI_CONFIG`` names is tui, whatever its name), else config."""
    custom = os.environ.get("OPENCODE_TUI_CONFIG")
    if custom and path != "-" and os.path.realpath(path) == os.path.realpath(custom):
        return "tui"
    return kind_of(path) or "config"


def folder_files(folder: str, where: str) -> list[str]:
    """The files OpenCode reads from one folder, in the order it applies them.

    ``where`` is ``"global"`` (the global config folder), ``"project"`` (a folder from the
    worktree root down to the start folder) or ``"dir"`` (a ``.opencode`` folder, ``~/.opencode``,
    ``OPENCODE_CONFIG_DIR``). The TUI reads tui.json(c) from each of them too (global
    folder, project folders walking up, `.opencode` folders and ``OPENCODE_CONFIG_DIR``),
    after that folder's config files in this list; the two kinds merge separately."""
    names = (GLOBAL_NAMES if where == "global" else CONFIG_NAMES) + TUI_NAMES
    return [os.path.join(folder, n) for n in names if os.path.isfile(os.path.join(folder, n))]
