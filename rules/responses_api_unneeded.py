from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import providers as p


@rule("MR104", "responses-api-unneeded", "warning", fix="unsafe")
def check(ctx):
    """A chat-only model (claude, gemini, deepseek, qwen, glm, kimi, ...) forced onto the
    Responses API under a gateway provider.

    ## What it does
    Reports a gateway model whose wire id belongs to a chat-only family but whose entry
    says `"apiCompatibility": "responses"` or routes it through `@ai-sdk/openai`.

    ## Why is this bad?
    Gateways serve these families through Chat Completions; `/responses` answers with an
    error (Kimi and DeepSeek return 404 there, opencode issue #18050).

    ## Example
    ```jsonc
    "claude-sonnet-4-5": { "apiCompatibility": "responses", "provider": { "npm": "@ai-sdk/openai" } }
    ```

    ## Fix safety
    Unsafe: removes the routing members from the model entry; if your deployment really
    serves the model through Responses, keep them and suppress this rule.

    ## Options
    `chat-only-models` adds patterns.
    """
    table = None
    for prov in p.providers(ctx.root):
        if p.gateway_of(prov, ctx.options) is None:
            continue
        table = table or p.chat_table(ctx.options)      # built only for a config with a gateway
        for model in prov.models():
            if not p.chat_only(model.wire_id, ctx.options, table):
                continue
            forced = []
            key = model.node.get("apiCompatibility")
            if key is not None and p.string(key.value) == "responses":
                forced.append(key)
            provider = model.node.get("package" if prov.v2 else "provider")
            if model.npm == p.RESPONSES_NPM and provider is not None:
                forced.append(provider)
            if not forced:
                continue
            fix = Fix(edits.remove_members(ctx.doc, forced), Applicability.UNSAFE,
                      _("send it to Chat Completions"))
            yield ctx.at(forced[0], _("`{wire_id}` is a chat-only model; routing it to the "
                                      "Responses API makes the gateway fail").format(wire_id=model.wire_id), fix=fix)
