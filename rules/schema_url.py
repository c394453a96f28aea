from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import versions

SCHEMA_URL = "https://opencode.ai/config.json"


@rule("OC206", "schema-url", "warning", fix="safe")
def check(ctx):
    """`$schema` is missing or is not OpenCode's schema URL.

    ## What it does
    Checks that the config starts with `"$schema": "https://opencode.ai/config.json"`.

    ## Why is this bad?
    Without it, OpenCode rewrites the file itself the first time it loads it (inserting the
    line after the first `{`), which surprises dotfiles repos and config managers; and
    editors cannot offer completion or validation.

    ## Example
    ```jsonc
    { "model": "mixroute/gpt-5.2" }
    ```
    becomes `{"$schema": "https://opencode.ai/config.json", "model": "mixroute/gpt-5.2"}`.

    ## Fix safety
    Safe: inserts the member as the first one, or corrects the URL.

    ## Versions
    Silent for a file judged as OpenCode 2: no V2 schema is published, the URL above is
    V1's (editors pointed at it flag valid V2 configs, #50852), and whether OpenCode 2
    rewrites the file was not checked.
    """
    root = ctx.root
    if root is None or root.kind != "object" or versions.for_doc(ctx).v2:
        return
    member = root.get("$schema")
    if member is None:
        fix = Fix(edits.insert_member(ctx.doc, root, "$schema", SCHEMA_URL, first=True),
                  Applicability.SAFE, _("insert `$schema`"))
        yield ctx.at((root.start, root.start + 1), _("`$schema` is missing; OpenCode will insert it "
                                                     "into this file itself the first time it loads "
                                                     "it"), fix=fix)
    elif member.value is not None and member.value.value != SCHEMA_URL:
        fix = Fix((edits.replace_value(member.value, SCHEMA_URL, ctx.doc),), Applicability.SAFE,
                  _("write {url}").format(url=SCHEMA_URL))
        yield ctx.at(member.value, _("`$schema` is not OpenCode's schema ({url})").format(url=SCHEMA_URL), fix=fix)
