from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import providers as p
from rules import urls


@rule("OC308", "base-url-endpoint", "error", fix="safe")
def check(ctx):
    """A provider's `baseURL` that ends in an endpoint (`/chat/completions`, `/responses`).

    ## What it does
    Checks every provider's base URL wherever OpenCode takes it from: `options.baseURL`,
    else the provider's `api` and each model's `provider.api` (read in the released
    OpenCode 1.18.33 binary: `model.provider.api ?? provider.api`, and a non-empty
    `options.baseURL` wins). A query or fragment after the endpoint does not hide it.

    ## Why is this bad?
    The AI SDK appends the endpoint itself, so requests go to
    `.../v1/chat/completions/chat/completions` and fail with 404.

    ## Example
    ```jsonc
    "options": { "baseURL": "https://console.mixroute.io/v1/chat/completions" }
    ```
    becomes `https://console.mixroute.io/v1`.

    ## Fix safety
    Safe: removes only the endpoint (and a slash after it); a query or fragment is kept
    (and reported by OC310).
    """
    for prov in p.providers(ctx.root):
        for node in prov.url_nodes():
            url = p.string(node)
            parts = urls.split(url)
            endpoint = parts.endpoint()
            if endpoint is None:
                continue
            base = urls.Parts(parts.scheme, parts.netloc, parts.base_path(), parts.query, parts.fragment).join()
            sent = urls.Parts(parts.scheme, parts.netloc, parts.path.rstrip("/"), "", "").join()
            yield ctx.at(node, _("baseURL ends in `{endpoint}`; OpenCode appends the endpoint "
                                 "itself, so requests would go to `{sent}{endpoint}`").format(endpoint=endpoint, sent=sent),
                         fix=Fix((edits.replace_value(node, base, ctx.doc),), Applicability.SAFE,
                                 _("write {base}").format(base=base)))
