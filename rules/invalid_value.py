from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import schema


@rule("OC203", "invalid-value", "error", fix="safe")
def check(ctx):
    """A value outside what OpenCode allows: not one of the listed values, or out of range.

    ## What it does
    Reports an enum value that is not allowed (listing the allowed ones), a number out of
    range (a port of 0, negative steps) or a string that does not match its pattern.

    ## Why is this bad?
    OpenCode refuses to start: `Expected "manual" | "auto" | "disabled", got "yes"`.

    ## Example
    ```jsonc
    { "share": "Auto", "logLevel": "debug" }
    ```
    `share` must be `"auto"`; `logLevel` must be `"DEBUG"`.

    ## Fix safety
    Safe when the value differs from exactly one allowed value only in letter case; no fix
    otherwise.
    """
    for finding in schema.findings(ctx):
        if finding.kind != "invalid-value":
            continue
        fix = None
        node = finding.node
        if node is not None and node.kind == "string":
            same = [a for a in finding.allowed if isinstance(a, str) and a.lower() == node.value.lower()]
            if len(same) == 1:
                fix = Fix((edits.replace_value(node, same[0], ctx.doc),), Applicability.SAFE,
                          _("write {same!r}").format(same=same[0]).replace("'", '"'))
        yield ctx.at(finding.target, finding.message, fix=fix)
