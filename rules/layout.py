"""What a file is to OpenCode, from its path: the document kind of each file oclint lints.

One table serves discovery (``oclint DIR``), the engine (``Document.kind``, which selects
the rules that run on a document) and the pre-commit pattern tests. Kinds: ``config``
(opencode.json(c), and config.json in the global folder); later surfaces add theirs here.
"""

from __future__ import annotations

import os

CONFIG_NAMES = ("opencode.json", "opencode.jsonc")
GLOBAL_ONLY_NAMES = ("config.json",)       # read in the global config folder only


def kind_of(path: str) -> str | None:
    """The document kind of ``path``, or None when OpenCode reads no such file as config.

    Explicitly named files that match nothing are still linted as ``config`` by the
    caller (``kind_or_config``), as before; discovery uses ``kind_of`` to decide."""
    name = os.path.basename(path)
    if name in CONFIG_NAMES:
        return "config"
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    if name in GLOBAL_ONLY_NAMES and folder == "opencode":
        return "config"
    return None


def kind_or_config(path: str) -> str:
    """The kind for a file named on the command line: what ``kind_of`` says, else config."""
    return kind_of(path) or "config"
