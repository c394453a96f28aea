from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import providers as p


@rule("MR106", "gateway-npm", "error", fix="safe")
def check(ctx):
    """A Mixroute provider without `"npm": "@ai-sdk/openai-compatible"`, or with another
    package at provider level.

    ## What it does
    Checks the provider-level `npm` of every gateway provider.

    ## Why is this bad?
    A custom id without `npm` only works by OpenCode's fallback; another package changes
    how every model of the provider is called (`@ai-sdk/openai` sends all of them, chat
    models included, to `/responses`). Route single models with a model-level
    `provider.npm` instead (see MR103).

    ## Example
    ```jsonc
    "mixroute": { "npm": "@ai-sdk/openai", "options": { "baseURL": "https://console.mixroute.io/v1" } }
    ```
    becomes `"npm": "@ai-sdk/openai-compatible"`.

    ## Fix safety
    Safe: inserts or corrects the provider-level package.

    ## Versions
    In a config written in OpenCode 2's spellings (`providers`) the key is `package`
    (packages/schema/src/config/provider.ts); that is from OpenCode 2's source only.
    """
    for prov in p.providers(ctx.root):
        gateway = p.gateway_of(prov, ctx.options)
        if gateway is None:
            continue
        want = gateway["npm"]
        member = prov.node.get(prov.npm_key)
        key = prov.npm_key      # OpenCode 2: `package`
        if member is None:
            after_name = prov.node.get("name") is not None
            fix = Fix(edits.insert_member(ctx.doc, prov.node, key, want, after="name" if after_name else None,
                                          first=not after_name), Applicability.SAFE, _('add "{key}": "{want}"').format(key=key, want=want))
            yield ctx.at(prov.member, _('gateway provider `{id}` has no `{key}`; it needs "{want}"').format(id=prov.id, key=key, want=want),
                         fix=fix)
        elif p.string(member.value) != want:
            fix = Fix((edits.replace_value(member.value, want, ctx.doc),), Applicability.SAFE, _('write "{want}"').format(want=want))
            shown = edits.dump(member.value.to_python(), ctx.doc, "", inline=True)
            yield ctx.at(member.value, _('gateway provider `{id}` uses {shown}; it needs "{want}" '
                                         "(route single models with a model-level `{value}`)").format(id=prov.id, shown=shown, want=want, value='package' if prov.v2 else 'provider.npm'), fix=fix)

