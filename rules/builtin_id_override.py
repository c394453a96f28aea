from linter.registry import rule
from rules import providers as p
from rules.data import load


@rule("OC309", "builtin-id-override", "warning")
def check(ctx):
    """A custom `baseURL` under a built-in provider id whose loader picks the API by id
    (`openai`, `azure`, `github-copilot`, ...).

    ## What it does
    Reports `options.baseURL` on a provider whose id has its own loader in OpenCode.

    ## Why is this bad?
    OpenCode chooses the API by provider id, not by package: under `openai` every model
    goes to the Responses API, so a chat-only proxy fails with "expected
    response.output_text.delta" (opencode #7793); `azure` brings the Azure loader
    (#9035).

    ## Example
    ```jsonc
    "provider": { "openai": { "options": { "baseURL": "https://my-proxy.example/v1" } } }
    ```
    Give the proxy its own id (`my-proxy`) with `"npm": "@ai-sdk/openai-compatible"`.

    ## Fix safety
    No fix: renaming the provider changes which credentials apply.
    """
    loaders = load("providers")["loaders"]
    for prov in p.providers(ctx.root):
        node = prov.base_url_node
        if prov.id in loaders and p.string(node):
            yield ctx.at(node, f"custom baseURL under built-in id `{prov.id}`: {loaders[prov.id]}")
