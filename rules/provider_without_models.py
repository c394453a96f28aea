from rules.i18n import _
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

    OpenCode 2 (a config in its spellings, `providers`), from its source only (not run):
    the config adds a provider's models from its `models` entries and turns a model with
    `disabled: true` off (anomalyco/opencode `packages/core/src/config/plugin/provider.ts`
    @767454d), and it has no `whitelist`/`blacklist`; so a custom provider with no models,
    or every one disabled, offers none to choose. Whether OpenCode 2 then also hides the
    provider was not established, and the message does not say so.

    ## Example
    ```jsonc
    "mixroute": { "npm": "@ai-sdk/openai-compatible", "options": { "baseURL": "https://console.mixroute.io/v1" } }
    ```

    ## Fix safety
    No fix: add the models you use under `models`.
    """
    builtin = p.builtin()
    config = ctx.config if isinstance(ctx.config, dict) else {}
    v2 = p.section(config) == "providers"
    merged = config.get(p.section(config)) if isinstance(config.get(p.section(config)), dict) else {}
    for prov in p.providers(ctx.root):
        if prov.id in builtin:
            continue
        # what OpenCode sees: this entry merged with the same provider in the other files
        value = merged.get(prov.id) if isinstance(merged.get(prov.id), dict) else prov.node.to_python()
        models = value.get("models", {})
        if not isinstance(models, dict):
            continue        # a type error, OC202's
        if p.discovers_models(value):
            continue        # its models come from discovery at run time
        if v2:
            alive = [key for key, model in models.items() if not (isinstance(model, dict) and model.get("disabled") is True)]
            if not alive:
                why = _("has no models") if not models else _("has every model `disabled`")
                yield ctx.at(prov.member, _("custom provider `{id}` {why}; OpenCode 2 takes a "
                                            "custom provider's models from its `models` only, so "
                                            "none of it can be chosen").format(id=prov.id, why=why))
            continue
        white, black = value.get("whitelist"), value.get("blacklist")
        alive = [key for key, model in models.items()
                 if not (isinstance(white, list) and key not in white)
                 and not (isinstance(black, list) and key in black)
                 and not (isinstance(model, dict) and model.get("status") == "deprecated")]
        if alive:
            continue
        why = _("has no models") if not models else _("has no model left after whitelist/blacklist/status")
        yield ctx.at(prov.member, _("custom provider `{id}` {why}; OpenCode drops it silently").format(id=prov.id, why=why))
