from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import providers as p


@rule("MR105", "invalid-api-compatibility", "error", fix="safe")
def check(ctx):
    """An `apiCompatibility` value other than `"responses"`.

    ## What it does
    Checks every model entry's `apiCompatibility`: the Mixroute guide documents exactly one
    value, `"responses"`.

    ## Why is this bad?
    Any other value means nothing to the gateway recipe, and a misspelt one hides that the
    model is not routed as intended.

    ## Example
    ```jsonc
    "gpt-5.1-codex": { "apiCompatibility": "Responses" }
    ```
    becomes `"responses"`.

    ## Fix safety
    Safe for a case slip or surrounding spaces; no fix otherwise.
    """
    for prov in p.providers(ctx.root):
        for model in prov.models():
            node = model.api_compatibility
            if node is None or p.string(node) == "responses":
                continue
            fix = None
            if node.kind == "string" and node.value.strip().lower() == "responses":
                fix = Fix((edits.replace_value(node, "responses", ctx.doc),), Applicability.SAFE,
                          _('write "responses"'))
            shown = edits.dump(node.to_python(), ctx.doc, "", inline=True)
            yield ctx.at(node, _('`apiCompatibility` is {shown}; the only value is "responses"').format(shown=shown), fix=fix)
