from rules.i18n import _

from linter import precompiled
from linter.registry import rule
from linter.suggest import closest
from rules.tui import _bindings, keys

_WORD = precompiled.regex(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9_]*")


@rule("OC603", "keybind-syntax", "warning", kinds=("tui",))
def check(ctx):
    """A keybind value that does not read as the key combination it looks like.

    ## What it does
    Reads each keybind string as OpenCode 1.18.33's TUI keymap does (commas separate
    alternatives, `mod+key` strokes, `<leader>`, known names such as `escape` or `f5`, any
    other character one key) and reports:
    - strings the parser throws on (`"ctrl+"`: no key name; `"ctrl+a,,b"`: an empty
      alternative; `"ctrl+a+b x"`: two key names in one stroke; `""`);
    - a word that is not a key or modifier name and so falls apart into single keys:
      `ctlr+x` is the six-key sequence `c t l r + x`, `ctrl+esc` works (the TUI rewrites
      `esc`), but `ctrl+escpe` is `ctrl+e s c p e`;
    - `<name>` tokens other than `<leader>` (OpenCode registers no other).

    ## Why is this bad?
    A binding that throws is dropped or breaks the keymap; one that falls apart into a key
    sequence is accepted without a word and never fires as intended.

    ## Example
    ```jsonc
    { "keybinds": { "session_new": "ctlr+n" } }
    ```
    reports that `ctlr+n` reads as the key sequence `c t l r + n`; did you mean `ctrl`?

    ## Fix safety
    No fix: several spellings may be meant.
    """
    for keybinds in _bindings.keybinds(ctx.root):
        for member in keybinds.members():
            for node in _bindings.key_strings(member.value):
                yield from _check_string(ctx, node)


def _span(ctx, node, start: int, end: int):
    raw = ctx.doc.text[node.start + 1:node.end - 1]
    if raw == node.value:
        return node.start + 1 + start, node.start + 1 + end
    return node.start, node.end


def _check_string(ctx, node):
    text = node.value
    try:
        parsed = keys.parse(text)
    except keys.KeyError_ as exc:
        yield ctx.at(node, _("OpenCode cannot read this key binding: {exc}").format(exc=exc))
        return
    if not text.strip():
        yield ctx.at(node, _('an empty key binding; write `"none"` for no binding'))
        return
    names = keys.known_names()
    modifiers = ("ctrl", "alt", "shift", "meta", "super", "hyper", "option", "control")
    for offset, binding, strokes in parsed:
        for stroke in strokes:
            if stroke.token is not None and stroke.token != "leader":
                yield ctx.at(_span(ctx, node, offset + stroke.start, offset + stroke.end),
                             _("`<{token}>` is not a key token OpenCode knows (only `<leader>`)").format(token=stroke.token))
            if stroke.token is None and (any(c.isspace() for c in stroke.name)
                                         or (len(stroke.name) > 1 and stroke.name not in names
                                             and not keys.is_function_key(stroke.name))):
                yield ctx.at(_span(ctx, node, offset + stroke.start, offset + stroke.end),
                             _("`{binding}` reads as one key named `{name}`, which no key is (a "
                               "binding with both `+` and a space is read whole)").format(binding=binding, name=stroke.name))
        aliased = keys._alias(binding)
        if aliased != binding:
            continue        # offsets moved; the alias words themselves are fine
        for word in _WORD.finditer(binding):
            after_plus = word.start() > 0 and binding[word.start() - 1] == "+"
            if len(word.group()) < (2 if after_plus else 3):
                continue
            if any(s.start <= word.start() and s.end >= word.end() for s in strokes):
                continue
            inside = [s for s in strokes if s.end > word.start() and s.start < word.end()]
            shown = " ".join(keys.describe(s) for s in strokes)
            guess = closest(word.group().lower(), [*names, *modifiers])
            hint = _("; did you mean `{guess}`?").format(guess=guess[0]) if guess else ""
            yield ctx.at(_span(ctx, node, offset + word.start(), offset + word.end()),
                         _("`{binding}` reads as the key sequence `{shown}`: OpenCode has no key or "
                           "modifier named `{word}`{hint}").format(binding=binding, shown=shown, word=word.group(), hint=hint),
                         help=_("Known key names: escape, return, tab, space, backspace, delete, "
                                "up, down, left, right, home, end, pageup, pagedown, f1-f24, ... "
                                "modifiers: ctrl, alt, shift, super, hyper; `<leader>`."))
            break
