from rules.i18n import _
from linter.registry import rule
from rules import providers as p


@rule("OC304", "disabled-provider", "error", kinds=("config", "agent", "mode", "command"))
def check(ctx):
    """A model reference to a provider that `disabled_providers` or `enabled_providers`
    switches off.

    ## What it does
    Checks the provider of every model reference against `disabled_providers` (which wins
    when a provider is in both lists) and, when it is set, `enabled_providers`.

    ## Why is this bad?
    OpenCode does not load the provider, even with a key, so the reference fails with
    `Model not found`.

    ## Example
    ```jsonc
    { "model": "openai/gpt-5.2", "disabled_providers": ["openai"] }
    ```

    ## Fix safety
    No fix: either the reference or the list is wrong.
    """
    config = ctx.config if isinstance(ctx.config, dict) else {}
    disabled = config.get("disabled_providers")
    enabled = config.get("enabled_providers")
    for where, node in p.references(ctx.root):
        parts = p.split_reference(node.value)
        if parts is None or p.SUBSTITUTION.search(node.value):
            continue
        provider = parts[0]
        if isinstance(disabled, list) and provider in disabled:
            yield ctx.at(node, _("`{where}` uses provider `{provider}`, which `disabled_providers` "
                                 "turns off").format(where=where, provider=provider))
        elif isinstance(enabled, list) and provider not in enabled:
            yield ctx.at(node, _("`{where}` uses provider `{provider}`, which is not in "
                                 "`enabled_providers`").format(where=where, provider=provider))
