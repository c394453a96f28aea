from rules.i18n import _, ngettext
import os

from linter.registry import rule


@rule("OC605", "tui-json-and-jsonc", "warning", kinds=("tui",))
def check(ctx):
    """tui.json and tui.jsonc in one folder: both apply, tui.jsonc last.

    ## What it does
    Reports a tui.json whose folder also holds a tui.jsonc, naming the settings of the
    tui.json that the tui.jsonc overrides.

    ## Why is this bad?
    OpenCode reads both files of a folder and deep-merges them, tui.jsonc after tui.json
    (verified with 1.18.33 and `--print-logs`: `applying tui config path=.../tui.json
    order=1`, then `.../tui.jsonc order=2`). Two files for one folder are easy to lose
    track of: the TUI writes a tui.json when it migrates `theme` / `keybinds` out of
    opencode.json and never looks for a tui.jsonc (#38167), so its keys land beside the
    ones you keep in tui.jsonc, and an edit to the wrong file has no effect.

    ## Example
    A folder with `tui.json` `{"theme": "tokyonight"}` and `tui.jsonc` `{"theme": "nord"}`:
    the theme is nord, and tui.json's `theme` does nothing.

    ## Fix safety
    No fix: merge the two files into one by hand.
    """
    path = ctx.doc.path
    if os.path.basename(path) != "tui.json" or ctx.root is None or ctx.root.kind != "object":
        return
    sibling = os.path.join(os.path.dirname(os.path.abspath(path)), "tui.jsonc")
    if not os.path.isfile(sibling):
        return
    other = _value(ctx, sibling)
    mine = ctx.doc.value if isinstance(ctx.doc.value, dict) else {}
    overridden = sorted(_overlap(mine, other)) if isinstance(other, dict) else []
    start = ctx.root.start
    message = _("this folder also has a tui.jsonc; OpenCode applies both, tui.jsonc last")
    if overridden:
        message += ngettext(", so {keys} here is overridden", ", so {keys} here are overridden", len(overridden)).format(
            keys=", ".join(f"`{k}`" for k in overridden[:6]) + (" ..." if len(overridden) > 6 else ""))
    yield ctx.at((start, start + 1), message,
                 help=_("Keep the TUI settings of a folder in one file."))


def _value(ctx, path):
    """The sibling as its load context holds it (the run's own text when it is linted
    too), else as read from disk."""
    for doc in (ctx.view.documents if ctx.view is not None else ()):
        if os.path.abspath(doc.path) == path:
            return doc.value
    from linter import files
    try:
        doc, _data = files.read(path)
    except files.FileError:
        return None
    return doc.value if not doc.parse.errors else None


def _overlap(a: dict, b: dict, prefix: str = ""):
    """Dotted paths of the leaf values of ``a`` that ``b`` replaces when merged over it."""
    for key, value in a.items():
        if key not in b:
            continue
        if isinstance(value, dict) and isinstance(b[key], dict):
            yield from _overlap(value, b[key], f"{prefix}{key}.")
        else:
            yield prefix + key
