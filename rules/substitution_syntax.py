import re

from linter.diagnostics import Applicability, Edit, Fix
from linter.jsonc import Member
from linter.registry import rule

# `${VAR}`; `{env: VAR}` / `{ENV:VAR}` / `{Env:VAR}` (spaces or wrong case); a whole value `$VAR`
_BRACED = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ENV_SLIP = re.compile(r"\{\s*(env|ENV|Env|environment)\s*:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}")
_BARE = re.compile(r"^\$([A-Za-z_][A-Za-z0-9_]*)$")
# places where `$` is OpenCode's own template syntax, or a shell's
_TEMPLATE_KEYS = {"template", "prompt", "command", "description"}


@rule("OC306", "substitution-syntax", "error", fix="safe")
def check(ctx):
    """An environment variable written in a form OpenCode does not expand.

    ## What it does
    Finds `${VAR}`, `{env: VAR}`, `{ENV:VAR}` and a value that is just `$VAR` in string
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

    ## Fix safety
    Safe: the variable OpenCode reads is the one the text names.
    """
    doc = ctx.doc
    for node in doc.nodes:
        if node.kind != "string" or ("$" not in node.value and "{" not in node.value):
            continue
        key = _owning_key(node)
        if key in _TEMPLATE_KEYS:
            continue
        raw = doc.text[node.start:node.end]
        fixed = _ENV_SLIP.sub(lambda m: "{env:" + m.group(2) + "}", raw)
        if key != "baseURL":
            fixed = _BRACED.sub(lambda m: "{env:" + m.group(1) + "}", fixed)
            bare = _BARE.match(node.value)
            if bare and raw == f'"{node.value}"':
                fixed = '"{env:' + bare.group(1) + '}"'
        if fixed == raw:
            continue
        yield ctx.at(node, f"OpenCode does not expand {_what(raw)} here; write `{{env:NAME}}`",
                     fix=Fix((Edit(node.start, node.end, fixed),), Applicability.SAFE, f"write {fixed}"))


def _owning_key(node):
    """The key of the nearest member holding ``node`` (through arrays)."""
    while node.parent is not None:
        if isinstance(node.parent, Member):
            return node.parent.key
        node = node.parent
    return None


def _what(raw: str) -> str:
    found = _ENV_SLIP.search(raw) or _BRACED.search(raw)
    return f"`{found.group(0)}`" if found else f"`{raw.strip(chr(34))}`"
