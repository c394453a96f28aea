from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability
from linter.registry import rule
from linter.suggest import closest
from rules.data import load
from rules.permission import rules_list


@rule("OC712", "unknown-permission", "warning", fix="unsafe")
def check(ctx):
    """A permission key that is a misspelling or another tool's name of one OpenCode has.

    ## What it does
    Reports a key of `permission` (global, or an agent's) that OpenCode has no tool for but
    that is close to one it has (`web_fetch` for `webfetch`, `edits` for `edit`), or that
    other tools use for one (`write` and `patch` are `edit` in OpenCode).

    ## Why is this bad?
    OpenCode accepts any permission key (MCP and plugin tools have their own names), so a
    misspelt key is kept and never matches a tool: the rule you wrote does nothing.

    ## Example
    ```jsonc
    { "permission": { "web_fetch": "deny" } }
    ```
    reports `web_fetch`; did you mean `webfetch`?

    ## Fix safety
    Unsafe: renames the key when that key is not already set. The rule then applies, which
    is the point, but check it is the tool you meant.
    """
    root = ctx.root
    if root is None or root.kind != "object":
        return
    data = load("permissions")
    known, aliases = data["keys"], data["aliases"]
    values = []
    top = root.get("permission")
    if top is not None and top.value is not None:
        values.append(top.value)
    values += [value for _, value in rules_list.agents(root)]
    for value in values:
        if value.kind != "object":
            continue
        for member in value.members():
            key = member.key
            if key in known or "*" in key or "?" in key:
                continue
            guess = aliases.get(key) or next(iter(closest(key, known)), None)
            if guess is None:
                continue
            fix = None
            if value.get(guess) is None:
                fix = edits.rename_fix(member, guess, Applicability.UNSAFE,
                                       isolation=("permission-key", value.start, guess))
            yield ctx.at(member, _("permission `{key}` matches no OpenCode tool; did you mean "
                                   "`{guess}`?").format(key=key, guess=guess),
                         fix=fix, help=_("OpenCode keeps any permission key (MCP tools have their "
                                         "own names), so a misspelt one silently matches nothing."))
