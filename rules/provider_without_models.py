from linter.registry import rule
from rules import providers as p


@rule("OC305", "provider-without-models", "warning")
def check(ctx):
    """A custom provider with no models left; OpenCode drops it without a word.

    ## What it does
    Reports a custom provider (not one of OpenCode's built-in ids, which bring their own
    catalogue) whose `models` is missing or empty, or whose every model is removed by
    `whitelist` / `blacklist` or `"status": "deprecated"`. A provider that discovers its
    models at run time (`discoverModels`, or a plugin option such as
    `options.modelsDiscovery`) is skipped.

    ## Why is this bad?
    OpenCode removes a provider left with no models (verified on 1.18.33: it never appears
    in `opencode models`), so every reference to it fails.

    ## Example
    ```jsonc
    "mixroute": { "npm": "@ai-sdk/openai-compatible", "options": { "baseURL": "https://console.mixroute.io/v1" } }
    ```

    ## Fix safety
    No fix: add the models you use under `models`.
    """
    builtin = p.builtin()
    for prov in p.providers(ctx.root):
        if prov.id in builtin:
            continue
        models = p.member_value(prov.node, "models")
        if models is not None and models.kind != "object":
            continue        # a type error, OC202's
        entries = list(models.members()) if models is not None else []
        value = prov.node.to_python()
        if p.discovers_models(value):
            continue        # its models come from discovery at run time
        white, black = value.get("whitelist"), value.get("blacklist")
        alive = [m for m in entries
                 if not (isinstance(white, list) and m.key not in white)
                 and not (isinstance(black, list) and m.key in black)
                 and not (m.value is not None and m.value.kind == "object"
                          and p.string(p.member_value(m.value, "status")) == "deprecated")]
        if alive:
            continue
        why = "has no models" if not entries else "has no model left after whitelist/blacklist/status"
        yield ctx.at(prov.member, f"custom provider `{prov.id}` {why}; OpenCode drops it silently")
