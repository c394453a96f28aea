from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import providers as p


@rule("OC308", "base-url-endpoint", "error", fix="safe")
def check(ctx):
    """A provider's `baseURL` that ends in an endpoint (`/chat/completions`, `/responses`).

    ## What it does
    Checks `options.baseURL` of every provider.

    ## Why is this bad?
    The AI SDK appends the endpoint itself, so requests go to
    `.../v1/chat/completions/chat/completions` and fail with 404.

    ## Example
    ```jsonc
    "options": { "baseURL": "https://console.mixroute.io/v1/chat/completions" }
    ```
    becomes `https://console.mixroute.io/v1`.

    ## Fix safety
    Safe: removes only the endpoint.
    """
    for prov in p.providers(ctx.root):
        node = prov.base_url_node
        url = p.string(node)
        if url is None:
            continue
        trimmed = url.rstrip("/")
        for endpoint in p.ENDPOINTS:
            if trimmed.endswith(endpoint):
                base = trimmed[: -len(endpoint)]
                yield ctx.at(node, f"baseURL ends in `{endpoint}`; OpenCode appends the endpoint "
                                   f"itself, so requests would go to `{trimmed}{endpoint}`",
                             fix=Fix((edits.replace_value(node, base, ctx.doc),), Applicability.SAFE,
                                     f"write {base}"))
                break
