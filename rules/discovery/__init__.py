"""Discovery rules (OC8xx): files OpenCode never reads, though they look meant to be read.

Each rule reports the file as a whole (at its first character) with where OpenCode looks
instead; `rules.layout.unread` holds the knowledge of which file is which.
"""

from __future__ import annotations

from rules.i18n import _
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
            help_ = _("`{shown}` exists already: merge this file into it by hand").format(shown=shown)
        elif blocked is not None:
            help_ = _("move it to `{shown}` by hand: the file `{blocked}` stands where a folder "
                      "must be").format(shown=shown, blocked=os.path.relpath(blocked, os.path.dirname(os.path.abspath(ctx.doc.path))))
        else:
            fix = Fix((), Applicability.UNSAFE, _("Rename to `{shown}`").format(shown=shown), rename=stray.target)
            help_ = _("rename it to `{shown}`").format(shown=shown)
    yield ctx.at((0, 0), _("OpenCode never reads this file: {why}").format(why=stray.why), help=help_, fix=fix)


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
