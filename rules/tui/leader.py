from rules.i18n import _
from linter.registry import rule
from rules.tui import _bindings, keys


@rule("OC604", "multi-key-leader", "error", kinds=("tui",))
def check(ctx):
    """A `leader` keybind of more than one key: the TUI exits at start with "Unexpected error".

    ## What it does
    Reports a `keybinds.leader` string that holds several alternatives (`"ctrl+a,ctrl+x"`).
    The leader must be one key. (An array of keys is not reported: the TUI takes its first.)

    ## Why is this bad?
    The schema accepts it, but the TUI's leader takes exactly one binding ("Invalid leader
    trigger: expected exactly one binding" in the keymap code): OpenCode 1.18.33 exits 1 at
    start with only `Error: Unexpected error` (verified; seven tui.json files of the corpus
    do this with `"ctrl+\\,ctrl+x"`). A single-key leader works.

    ## Example
    ```jsonc
    { "keybinds": { "leader": "ctrl+a,ctrl+x" } }
    ```
    Keep one: `"leader": "ctrl+a"`.

    ## Fix safety
    No fix: which key to keep is yours to choose.
    """
    for keybinds in _bindings.keybinds(ctx.root):
        member = keybinds.get("leader")
        if member is None or member.value is None or member.value.kind != "string":
            continue
        node = member.value
        if node.value == "none":
            continue
        try:
            parsed = keys.parse(node.value)
        except keys.KeyError_:
            continue        # OC603 reports it
        if len(parsed) > 1:
            yield ctx.at(node, _("the leader holds {count} alternatives; OpenCode takes exactly one "
                                 'key and exits at start ("Unexpected error")').format(count=len(parsed)),
                         help=_("Keep one key: {keys}.").format(keys=", ".join(f'`"{b}"`' for _a, b, _c in parsed)))
