"""Discovery rules (OC8xx): files OpenCode never reads, though they look meant to be read.

Each rule reports the file as a whole (at its first character) with where OpenCode looks
instead; `rules.layout.unread` holds the knowledge of which file is which.
"""

from __future__ import annotations

import os

from linter.diagnostics import Applicability, Fix
from rules.layout import unread


def report(ctx, code: str):
    """The finding of rule ``code`` on ``ctx.doc``, if the file is one it owns."""
    if ctx.doc.path in ("-", ""):
        return
    stray = unread(ctx.doc.path)
    if stray is None or stray.code != code:
        return
    fix, help_ = None, None
    if stray.target is not None:
        shown = os.path.relpath(stray.target, os.path.dirname(os.path.abspath(ctx.doc.path)))
        blocked = _file_in_the_way(stray.target)
        if os.path.lexists(stray.target):
            help_ = f"`{shown}` exists already: merge this file into it by hand"
        elif blocked is not None:
            help_ = f"move it to `{shown}` by hand: the file `{os.path.relpath(blocked, os.path.dirname(os.path.abspath(ctx.doc.path)))}` stands where a folder must be"
        else:
            fix = Fix((), Applicability.UNSAFE, f"Rename to `{shown}`", rename=stray.target)
            help_ = f"rename it to `{shown}`"
    yield ctx.at((0, 0), f"OpenCode never reads this file: {stray.why}", help=help_, fix=fix)


def _file_in_the_way(target: str) -> str | None:
    """The non-folder where one of ``target``'s folders would have to be, if any."""
    folder = os.path.dirname(os.path.abspath(target))
    while not os.path.isdir(folder):
        if os.path.lexists(folder):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return None
