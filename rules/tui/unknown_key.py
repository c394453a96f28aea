from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability
from linter.registry import rule
from linter.suggest import Suggester
from rules import schema

# keys users write for another one (documented by mistake or carried over)
FOREIGN = {(): {"keymap": "keybinds", "keybindings": "keybinds", "keys": "keybinds"}}


@rule("OC602", "tui-unknown-key", "warning", fix="unsafe", kinds=("tui",))
def check(ctx):
    """A tui.json key or keybind name OpenCode does not know; it is dropped without a word.

    ## What it does
    Reports keys the TUI config does not have, at any level (`keymap` for `keybinds`,
    `prompt.compact`, `attention.sounds.bogus`), and keybind names that are not among the
    184 the 1.18.33 TUI defines, with the closest known name.

    ## Why is this bad?
    The TUI decodes tui.json with unknown keys ignored and filters unknown keybind names
    out before it validates, so a misspelt setting or binding silently does nothing
    (verified with 1.18.33: `keymap`, a top-level `prompt_skills`, `answer_sound` vanish; #26242,
    #30322).

    ## Example
    ```jsonc
    { "keybinds": { "sesion_new": "ctrl+n" } }
    ```
    reports `unknown keybind `sesion_new`; did you mean `session_new`?`.

    ## Fix safety
    Unsafe: renames the key when exactly one known name is close and not already set. The
    binding or setting then takes effect, which is the point, but check it is the one you
    meant.
    """
    closest = Suggester()
    for finding in schema.findings(ctx):
        if finding.kind != "unknown-key":
            continue
        member = finding.target
        parent = finding.path[:-1]
        keybind = parent == ("keybinds",) or parent == ("tui", "keybinds")
        message = (_("unknown keybind `{key}`") if keybind else _("unknown key `{key}`")).format(key=member.key) + ("" if keybind or not parent
                                                        else _(" in {parent}").format(parent=schema.where(parent)))
        candidates = [c for c in finding.candidates if c != member.key]
        close = [FOREIGN[parent][member.key]] if member.key in FOREIGN.get(parent, {}) \
            else closest(member.key, candidates)[:1]
        fix = None
        if close:
            message += _("; did you mean `{close}`?").format(close=close[0])
            if member.parent.get(close[0]) is None:
                fix = edits.rename_fix(member, close[0], Applicability.UNSAFE)
        yield ctx.at(member, message, fix=fix,
                     help=_("OpenCode drops unknown tui.json keys and keybind names silently."))
