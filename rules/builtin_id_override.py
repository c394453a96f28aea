from rules.i18n import _
from linter.registry import rule
from rules import providers as p
from rules.data import load


@rule("OC309", "builtin-id-override", "warning")
def check(ctx):
    """A custom `baseURL` under a built-in provider id whose loader picks the API by id
    (`openai`, `azure`, `github-copilot`, ...).

    ## What it does
    Reports `options.baseURL` on a provider whose id has its own loader in OpenCode, when
    the URL points somewhere other than that provider's own service (`api.openai.com`,
    Azure's `*.openai.azure.com`, ...).

    ## Why is this bad?
    OpenCode chooses the API by provider id, not by package: under `openai` every model
    goes to the Responses API, so a chat-only proxy fails with "expected
    response.output_text.delta" (opencode #7793); `azure` brings the Azure loader
    (#9035). A config entry under a built-in id also inherits that provider's catalogue
    models and options.

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
        loader = loaders.get(prov.id)
        if loader is None:
            continue
        for node in prov.url_nodes():       # options.baseURL, else `api` and a model's provider.api
            url = p.string(node)
            if p.SUBSTITUTION.search(url):
                continue
            host = p.host(url.strip())
            if host is None or p.on_host(host, loader["hosts"]):
                continue
            yield ctx.at(node, _("baseURL to `{host}` under built-in id `{id}`: {why}").format(host=host, id=prov.id, why=_(loader['why'])))
