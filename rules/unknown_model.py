from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix, Severity
from linter.registry import rule
from linter.suggest import Suggester
from rules import providers as p


@rule("OC303", "unknown-model", "error", fix="unsafe", kinds=("config", "agent", "mode", "command"))
def check(ctx):
    """A model reference to a model the custom provider does not declare.

    ## What it does
    For references to a custom provider (configured, and not one of OpenCode's built-in
    providers, whose catalogue oclint does not carry), checks the model part is a key
    of that provider's `models`, and is not filtered out by `whitelist` / `blacklist`.
    Suggests the closest declared model. A provider that discovers its models at run time
    (`discoverModels`, or a plugin option such as `options.modelsDiscovery`) is skipped. In
    a config written in OpenCode 2's spellings (`providers`), a `provider/model#variant`
    reference must name a variant the model declares (`variants: [{"id": ...}]`); that is
    from OpenCode 2's source (`Model.Ref.parse`, config/provider.ts), not checked by running it.

    ## Why is this bad?
    OpenCode fails at the first request with `Model not found: mixroute/gpt4o`; a
    `small_model` that is not found is silently replaced by another model.

    ## Example
    ```jsonc
    { "model": "mixroute/gpt4o", "provider": { "mixroute": { "models": { "gpt-4o": {} } } } }
    ```
    reports `gpt4o`; did you mean `gpt-4o`?

    ## Fix safety
    Unsafe: replaces the model id when exactly one declared model is close.
    """
    config = ctx.config if isinstance(ctx.config, dict) else {}
    declared = config.get(p.section(config)) if isinstance(config.get(p.section(config)), dict) else {}
    builtin = p.builtin()
    closest = Suggester()
    for where, node in p.references(ctx.root):
        parts = p.split_reference(node.value)
        if parts is None or p.SUBSTITUTION.search(node.value):
            continue
        provider, model = parts
        entry, shown = declared.get(provider), provider
        if entry is None and provider not in builtin:
            # `mixroute/x` next to a provider `MixRoute`, which MR101 renames to `mixroute`
            # or `MixRoute/x` next to a provider `mixroute`, which OC302 points at
            same = [c for c in declared if c.lower() == provider.lower()]
            shown = p.written_as(provider, declared) or (same[0] if len(same) == 1 else provider)
            entry = declared.get(shown)
        if provider in builtin or not isinstance(entry, dict) or p.discovers_models(entry):
            continue        # a built-in catalogue, or models discovered at run time
        models = entry.get("models") if isinstance(entry.get("models"), dict) else {}
        severity = Severity.WARNING if where == "small_model" else None
        filtered = _filtered(entry, model)
        if model in models and not filtered:
            variant = p.variant_of(node.value)
            declared_variants = _variants(models[model])
            if variant is not None and declared_variants is not None and variant not in declared_variants:
                shown_variants = ", ".join(f"`{v}`" for v in declared_variants) or _("none")
                yield ctx.at(node, _("`{where}`: model `{model}` of `{shown}` declares no variant "
                                     "`{variant}` (it declares {shown_variants})").format(where=where, model=model, shown=shown, variant=variant, shown_variants=shown_variants), severity=severity)
            continue
        if filtered:
            yield ctx.at(node, _("`{where}`: model `{model}` of `{shown}` is removed by the "
                                 "provider's {filtered}").format(where=where, model=model, shown=shown, filtered=filtered), severity=severity)
            continue
        close = closest(model, list(models))
        message = _("`{where}`: provider `{shown}` declares no model `{model}`").format(where=where, shown=shown, model=model)
        fix = None
        if close:
            message += _("; did you mean `{close}`?").format(close=close[0])
            if len(close) == 1:
                fix = Fix((edits.replace_value(node, f"{provider}/{close[0]}", ctx.doc),),
                          Applicability.UNSAFE, _("use `{provider}/{close}`").format(provider=provider, close=close[0]))
        elif models:
            message += _(" (it declares {models})").format(
                models=", ".join(f"`{m}`" for m in list(models)[:5]) + (", ..." if len(models) > 5 else ""))
        found = ctx.at(node, message, fix=fix, severity=severity)
        origin = ctx.view.origins.get(("provider", shown)) if ctx.view is not None else None
        if origin is None and ctx.root is not None:
            own = ctx.root.find(("provider", shown))
            origin = (ctx.doc, own) if own is not None else None
        if origin is not None:
            where_doc, defined = origin
            member = defined.member
            start, end = (member.key_start, member.key_end) if member else (defined.start, defined.end)
            found.related.append((where_doc.path, start, end, _("provider `{shown}` is defined here").format(shown=shown)))
        yield found


def _variants(model) -> list[str] | None:
    """The variant ids an OpenCode 2 model entry declares (`variants: [{id}]`), or None when
    the entry is not in that form (V1 `variants` is an object of overrides)."""
    if not isinstance(model, dict) or not isinstance(model.get("variants", []), list):
        return None
    return [v["id"] for v in model.get("variants", []) if isinstance(v, dict) and isinstance(v.get("id"), str)]


def _filtered(entry: dict, model: str) -> str | None:
    white, black = entry.get("whitelist"), entry.get("blacklist")
    if isinstance(white, list) and model not in white:
        return "`whitelist`"
    if isinstance(black, list) and model in black:
        return "`blacklist`"
    return None
