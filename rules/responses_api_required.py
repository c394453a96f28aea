from rules.i18n import N_, _
from linter import edits
from linter.diagnostics import Applicability, Fix, Severity
from linter.registry import rule
from rules import providers as p


@rule("MR103", "responses-api-required", "error", fix="safe")
def check(ctx):
    """A Responses-only model (gpt-5.1-codex, o3, o4-mini, ...) under a gateway provider that
    is not routed to the Responses API.

    ## What it does
    For each model of a gateway provider whose wire id (`id`, else the key) is
    Responses-only, checks the model entry carries what the `responses-routing` setting
    requires: `"apiCompatibility": "responses"` (the Mixroute guide's recipe) and/or the
    model-level `"provider": {"npm": "@ai-sdk/openai"}`. Codex and computer-use models are
    errors; o3, o3-pro, o4-mini and the o4 series are warnings, since only some
    deployments serve them through Responses alone. Under the default `both`, a model the
    npm override already routes but that lacks the guide's key is only info: it works,
    so it never fails a run.

    ## Why is this bad?
    The request goes to `/chat/completions` and the gateway answers "The chatCompletion
    operation does not work with the specified model". Observed on OpenCode 1.18.33
    against a logging server: a model with only `apiCompatibility` still goes to
    `/v1/chat/completions` (OpenCode drops the key); only the model-level npm override
    `@ai-sdk/openai` sends it to `/v1/responses`, and that override alone is enough, with
    or without the key. tests/test_opencode_agreement.py holds both against the released
    binary and a loopback server standing in for the gateway.

    ## Example
    ```jsonc
    "gpt-5.1-codex": { "name": "gpt-5.1-codex", "apiCompatibility": "responses" }
    ```
    gains `"provider": {"npm": "@ai-sdk/openai"}` (with the default setting).

    ## Fix safety
    Safe: adds only the missing members to the model entry (or turns a model-level
    `@ai-sdk/openai-compatible` into `@ai-sdk/openai`). Unsafe when the model names another
    package in `provider.npm`: the fix replaces it.

    ## Options
    `responses-routing`: `both` (default; the npm override that OpenCode 1.18.33 actually
    routes by is required, and the guide's key is added with it or reported as info when
    only the key is missing), `api-compatibility` (the guide's key alone) or
    `provider-npm` (the override alone). `responses-only-models` adds patterns to the
    built-in ones: a glob matched against the wire id (`my-codex-*`, an error), or
    `{pattern: "o5*", severity: warning}`. `gateways` adds providers to check (ids, hosts
    or base URLs of self-hosted deployments).

    ## Versions
    In a config written in OpenCode 2's spellings (`providers`, `package`, `settings`) the
    model needs its own `"package": "@ai-sdk/openai"`, whatever `responses-routing` says
    (OpenCode 2 has no `apiCompatibility`). From OpenCode 2's source only, not run: its
    `AISDK.language` (packages/core/src/aisdk.ts@05a8b01) builds the SDK from the model's
    package and calls `sdk.languageModel(modelID)` unless a provider plugin's language hook
    picks the API (the documented hooks do so by provider id, `openai` and `xai` calling
    `responses`); `@ai-sdk/openai-compatible`'s `languageModel` is its chat model and
    `@ai-sdk/openai`'s is the Responses model, as 1.18.33 showed for the same packages. What
    could not be verified: how a released OpenCode 2 routes (no V2 binary is on the
    registry), and whether `capabilities.endpoints` (named in config/provider.ts, not in the
    model.ts read) changes the route.
    """
    routing = p.routing(ctx.options)
    table = None
    for prov in p.providers(ctx.root):
        if p.gateway_of(prov, ctx.options) is None:
            continue
        table = table or p.responses_table(ctx.options)      # built only for a config with a gateway
        for model in prov.models():
            severity = p.responses_only(model.wire_id, ctx.options, table)
            if severity is None:
                continue
            has_key = model.api_compatibility is not None     # a wrong value is MR105's
            has_npm = model.routed_to_responses()
            if prov.v2:
                if not has_npm:
                    yield ctx.at(model.member, _message_v2(model), severity=Severity(severity),
                                 fix=_fix_v2(ctx.doc, model))
                continue
            missing = []
            if routing in ("both", "api-compatibility") and not has_key:
                missing.append(("apiCompatibility", "responses"))
            if routing in ("both", "provider-npm") and not has_npm:
                missing.append(("provider", {"npm": p.RESPONSES_NPM}))
            if not missing:
                continue
            if routing == "both" and has_npm:
                severity = "info"       # routed already (the agreement tier shows it): the guide's key is a nicety
            yield ctx.at(model.member, _message(model, [k for k, _ in missing], has_key, has_npm),
                         severity=Severity(severity), fix=_fix(ctx.doc, model, missing))


KEY = '`"apiCompatibility": "responses"`'
NPM = '`"provider": {"npm": "@ai-sdk/openai"}`'
NOTE = N_("OpenCode 1.18.33 still sends a model with only `apiCompatibility` to /chat/completions")


def _message(model, missing, has_key, has_npm) -> str:
    head = _("`{wire_id}` is served only through the Responses API, but this entry lacks ").format(wire_id=model.wire_id)
    if missing == ["apiCompatibility"]:
        if not has_npm:     # responses-routing: api-compatibility
            return (head + _("{key}, the Mixroute guide's recipe; note that {note} "
                             "(`responses-routing: both` adds the npm override that routes it)").format(key=KEY, note=_(NOTE)))
        return (_("`{wire_id}` is routed to the Responses API by its npm override; the Mixroute "
                  "guide also asks for {key} (OpenCode ignores the key; info only)").format(wire_id=model.wire_id, key=KEY))
    if missing == ["provider"]:
        if has_key:
            return head + _("{npm}: {note}, and only the npm override routes it to /responses").format(npm=NPM, note=_(NOTE))
        return head + _("{npm}, so OpenCode sends it to /chat/completions ({note})").format(npm=NPM, note=_(NOTE))
    return (head + _("{key} and {npm}, so OpenCode sends it to /chat/completions (the key is the "
                     "guide's recipe, but {note}; the npm override routes it to /responses)").format(key=KEY, npm=NPM, note=_(NOTE)))


def _message_v2(model) -> str:
    return (_("`{wire_id}` is served only through the Responses API, but this OpenCode 2 entry "
              'lacks `"package": "{package}"`, so it goes through the provider\'s `{npm}` '
              "(Chat Completions; from OpenCode 2's source)").format(wire_id=model.wire_id, package=p.RESPONSES_NPM, npm=model.provider.npm or p.COMPATIBLE_NPM))


def _fix_v2(doc, model):
    chosen = p.member_value(model.node, "package")
    if chosen is not None:
        unsafe = p.string(chosen) != p.COMPATIBLE_NPM
        return Fix((edits.replace_value(chosen, p.RESPONSES_NPM, doc),),
                   Applicability.UNSAFE if unsafe else Applicability.SAFE, _("route it to the Responses API"))
    return Fix(tuple(edits.insert_members(doc, model.node, [("package", p.RESPONSES_NPM)])),
               Applicability.SAFE, _("route it to the Responses API"))


def _fix(doc, model, missing):
    items = list(missing)
    provider_node = p.member_value(model.node, "provider")
    changes, applicability = [], Applicability.SAFE
    if provider_node is not None and ("provider", {"npm": p.RESPONSES_NPM}) in items:
        if provider_node.kind != "object":
            return None
        items.remove(("provider", {"npm": p.RESPONSES_NPM}))
        chosen = p.member_value(provider_node, "npm")
        if chosen is not None and p.string(chosen) != "@ai-sdk/openai-compatible":
            applicability = Applicability.UNSAFE      # replaces another package the author chose
        changes.extend(edits.set_path(doc, provider_node, ("npm",), p.RESPONSES_NPM))
    if items:
        changes.extend(edits.insert_members(doc, model.node, items))
    return Fix(tuple(changes), applicability, _("route it to the Responses API"))
