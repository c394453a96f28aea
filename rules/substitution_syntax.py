from rules.i18n import _

from linter import precompiled
from linter.diagnostics import Applicability, Edit, Fix
from linter.jsonc import Member
from linter.registry import rule

# `${VAR}`; `{env: VAR}` / `{ENV:VAR}` / `{Env:VAR}` (spaces or wrong case); a whole value `$VAR`
_BRACED = precompiled.regex(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ENV_SLIP = precompiled.regex(r"\{\s*(env|ENV|Env|environment)\s*:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}")
_BARE = precompiled.regex(r"^\$([A-Za-z_][A-Za-z0-9_]*)$")
# the shell's `${VAR:-default}`, `${VAR:=x}`, `${VAR:?msg}`, `${VAR:+alt}` (with or without the `:`)
_OPERATOR = precompiled.regex(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=?+])([^}]*)\}")
# places where `$` is OpenCode's own template syntax, or a shell's
_TEMPLATE_KEYS = {"template", "prompt", "command", "description"}


@rule("OC306", "substitution-syntax", "error", fix="safe")
def check(ctx):
    """An environment variable written in a form OpenCode does not expand.

    ## What it does
    Finds `${VAR}`, `${VAR:-default}`, `{env: VAR}`, `{ENV:VAR}` and a value that is just `$VAR` in string
    values. OpenCode expands only `{env:VAR}` in config text; `${VAR}` is expanded only
    inside a provider's `baseURL` (at request time), and is left alone there. Command
    templates, prompts and commands are skipped: `$ARGUMENTS` and `$1` are OpenCode's
    own placeholders there.

    ## Why is this bad?
    The text is sent as written: `"apiKey": "${MIXROUTE_API_KEY}"` sends the literal
    string `${MIXROUTE_API_KEY}` as the key, and the gateway answers 401.

    ## Example
    ```jsonc
    "options": { "apiKey": "${MIXROUTE_API_KEY}" }
    ```
    becomes `"{env:MIXROUTE_API_KEY}"`.

    The shell's operator forms (`${VAR:-default}`, `${VAR:=x}`, `${VAR:?msg}`,
    `${VAR:+alt}`, with or without the `:`) are never expanded, not even in a `baseURL`:
    OpenCode's request-time pass looks up a variable named `VAR:-default` (read in the
    1.18.33 binary: `${...}` in a baseURL is replaced only by the variable of exactly that
    name, and left as written otherwise).

    ## Fix safety
    Safe: the variable OpenCode reads is the one the text names. `{env:VAR}` gives an
    empty string when VAR is unset or empty, so `${VAR:-}` becomes `{env:VAR}` safely,
    but a default (`${VAR:-x}`, `${VAR:=x}`) cannot be kept and `${VAR:?msg}` no longer
    stops on an unset variable: unsafe, and the message says what changes. `${VAR:+alt}`
    has no `{env:...}` spelling: no fix.
    """
    doc = ctx.doc
    for node in doc.nodes:
        if node.kind != "string" or ("$" not in node.value and "{" not in node.value):
            continue
        key = _owning_key(node)
        if key in _TEMPLATE_KEYS:
            continue
        raw = doc.text[node.start:node.end]
        notes, applicability = [], Applicability.SAFE
        fixable = True

        def operator(m):
            nonlocal applicability, fixable
            name, op, word = m.groups()
            if op.endswith("+"):
                fixable = False
                notes.append(_("`{value}` means `{word}` when {name} is set: {{env:...}} has no "
                               "such form").format(value=m.group(0), word=word, name=name))
            elif op.endswith("?"):
                applicability = Applicability.UNSAFE
                notes.append(_("`{value}`: with {{env:{name}}} an unset {name} gives an empty "
                               "string, not an error").format(value=m.group(0), name=name))
            elif word:
                applicability = Applicability.UNSAFE
                notes.append(_("`{value}`: {{env:{name}}} has no default, so an unset {name} gives "
                               "an empty string, not `{word}`").format(value=m.group(0), name=name, word=word))
            return "{env:" + name + "}"

        fixed = _OPERATOR.sub(operator, raw)            # never expanded, not even in a baseURL
        fixed = _ENV_SLIP.sub(lambda m: "{env:" + m.group(2) + "}", fixed)
        if key != "baseURL":
            fixed = _BRACED.sub(lambda m: "{env:" + m.group(1) + "}", fixed)
            bare = _BARE.match(node.value)
            if bare and raw == f'"{node.value}"':
                fixed = '"{env:' + bare.group(1) + '}"'
        if fixed == raw:
            continue
        message = _("OpenCode does not expand {raw} here; ").format(raw=_what(raw)) + \
            (_("write `{env:NAME}`") if fixable else _("it is sent as written"))
        if notes:
            message += " (" + "; ".join(notes) + ")"
        fix = Fix((Edit(node.start, node.end, fixed),), applicability, _("write {fixed}").format(fixed=fixed)) if fixable else None
        yield ctx.at(node, message, fix=fix)


def _owning_key(node):
    """The key of the nearest member holding ``node`` (through arrays)."""
    while node.parent is not None:
        if isinstance(node.parent, Member):
            return node.parent.key
        node = node.parent
    return None


def _what(raw: str) -> str:
    found = _OPERATOR.search(raw) or _ENV_SLIP.search(raw) or _BRACED.search(raw)
    return f"`{found.group(0)}`" if found else f"`{raw.strip(chr(34))}`"
