from rules.i18n import _
import os

from linter import discovery, edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule


@rule("OC721", "missing-instruction", "warning", fix="unsafe")
def check(ctx):
    """An `instructions` entry that matches no file where OpenCode looks for it.

    ## What it does
    Resolves each entry of `instructions` as OpenCode 1.18.33 does (`Instruction.systemPaths`):
    a URL is left alone (OpenCode fetches it; oclint does not), `~/` is the home folder, an
    absolute path may have a glob in its last part only, and a relative path or glob is
    searched from the folder OpenCode starts in up to the git root, not from the config
    file's folder. For a project config the start is its folder (the folder above
    `.opencode/`); an entry that matches nothing there is reported with the folders
    searched. For the global config (as its load context says: `~/.config/opencode`, or
    the global folder of a dotfiles tree, whose home `~/` then stands for) the start is
    whichever project you open, so only an entry that names a file beside
    the config itself is reported: OpenCode will not look there.

    ## Why is this bad?
    Misses are silent: the instructions just never reach the model, and users conclude
    that `instructions` does not work (#11532, rwlove/home-ops PR #13289).

    ## Example
    ```jsonc
    // ~/.config/opencode/opencode.json, with rules.md beside it
    { "instructions": ["rules.md"] }
    ```
    is searched for in each project, not in `~/.config/opencode`; write
    `"~/.config/opencode/rules.md"`.

    ## Fix safety
    Unsafe: for a global config entry that names a file beside the config, replaces it
    with the `~/` path of that file (the file is then found from every project, which is
    the point, but check that is what you meant; with `XDG_CONFIG_HOME` set, the global
    folder is elsewhere). No fix otherwise.
    """
    root = ctx.root
    if root is None or root.kind != "object":
        return
    member = root.get("instructions")
    if member is None or member.value is None or member.value.kind != "array":
        return
    path = os.path.abspath(ctx.doc.path)
    folder = os.path.dirname(path)
    home = ctx.home or discovery.home(os.environ)       # a dotfiles tree's home, from the context
    role = getattr(ctx.load, "role", None)
    is_global = role == "global" if role in ("global", "project") else os.path.basename(folder) == "opencode"
    start = os.path.dirname(folder) if os.path.basename(folder) == ".opencode" else folder
    for node in member.value.children:
        if node.kind != "string" or "{" in node.value:
            continue
        entry = node.value
        if entry.startswith(("http://", "https://")):
            continue
        if entry.startswith("~/") or os.path.isabs(entry):
            full = os.path.join(home, entry[2:]) if entry.startswith("~/") else entry
            if not _matches(os.path.dirname(full), os.path.basename(full), whole=False):
                yield ctx.at(node, _("`{entry}` matches no file (OpenCode looks in {full}, where "
                                     "only the last part may be a glob)").format(entry=entry, full=os.path.dirname(full)))
            continue
        if is_global:
            if _matches(folder, entry):
                # where the global config lives once installed (a dotfiles copy included)
                shown = "~/.config/opencode/" + entry.removeprefix("./")
                fix = Fix((edits.replace_value(node, shown, ctx.doc),), Applicability.UNSAFE,
                          _("write `{shown}`").format(shown=shown))
                yield ctx.at(node, _("`{entry}` is beside this file, but OpenCode looks for it from "
                                     "the folder it starts in (up to the git root), not here; write "
                                     "`{shown}`").format(entry=entry, shown=shown), fix=fix)
            continue
        top = discovery.worktree(start)
        # `**/x` from the top covers it from every folder below: one search, not one per folder
        folders = [top] if entry.startswith("**/") else discovery.upward(start, top)
        if not any(_matches(f, entry) for f in folders):
            where = start if top == start else _("{start} and each folder above it up to {top}").format(start=start, top=top)
            yield ctx.at(node, _("`{entry}` matches no file: OpenCode looks in {where}").format(entry=entry, where=where),
                         help=_("Relative instructions are found from the folder OpenCode starts in "
                                "up to the git root, not from the config file's folder."))


def _has_magic(text: str) -> bool:
    """``glob.has_magic``: whether ``text`` holds one of glob's special characters."""
    return "*" in text or "?" in text or "[" in text


def _matches(folder: str, entry: str, whole: bool = True) -> bool:
    pattern = os.path.join(folder, entry)
    if _has_magic(entry if whole else os.path.basename(entry)):
        import glob     # only for a pattern: its import (and its regexes) would cost every run
        return any(os.path.isfile(p) for p in glob.iglob(pattern, recursive=True))
    return os.path.isfile(pattern)

