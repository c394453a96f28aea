from rules.i18n import _
from linter.registry import rule
from linter.diagnostics import Severity
from rules import providers as p, versions


@rule("OC301", "invalid-model-ref", "error", kinds=("config", "agent", "mode", "command"))
def check(ctx):
    """A model reference that is not `provider/model`.

    ## What it does
    Checks `model`, `small_model`, and the `model` of agents, modes and commands: OpenCode
    splits a reference at the first `/` into the provider id and the model id, so both
    parts must be there. A `#variant` suffix (OpenCode V2 syntax) is reported too.

    ## Why is this bad?
    `"model": "gpt-5.2"` names no provider; OpenCode fails at the first request with
    `Model not found` (or, for `small_model`, silently picks another model).

    ## Example
    ```jsonc
    { "model": "gpt-5.2" }
    ```
    should be `"mixroute/gpt-5.2"`.

    ## Fix safety
    No fix: the provider cannot be guessed.
    """
    version = versions.for_doc(ctx)
    behaviour, named = versions.v2_keys(version)
    for where, node in p.references(ctx.root):
        ref = node.value
        if p.SUBSTITUTION.search(ref):
            continue
        if "#" in ref and p.split_reference(ref):
            if version.v2:
                continue        # `provider/model#variant` is OpenCode 2's own syntax
            what = (_("OpenCode {named} cuts it off").format(named=named) if behaviour == "lowering" and named
                    else _("OpenCode 1 has no `#variant` syntax"))
            yield ctx.at(node, _("`{where}` `{ref}`: the `#variant` suffix is OpenCode 2 syntax; "
                                 "{what} (use the `variant` key)").format(where=where, ref=ref, what=what), severity=Severity.WARNING)
        elif p.split_reference(ref) is None:
            yield ctx.at(node, _("`{where}` is `{ref}`, not `provider/model`").format(where=where, ref=ref),
                         help=_("Write the provider id, a slash, and the model id: "
                                "`mixroute/gpt-5.2`."))
