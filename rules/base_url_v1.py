from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import providers as p


@rule("MR102", "base-url-v1", "error", fix="safe")
def check(ctx):
    """A Mixroute provider's `baseURL` that does not end in `/v1`.

    ## What it does
    Checks `options.baseURL` of every gateway provider (Mixroute, or one listed under the
    `gateways` setting) ends in `/v1`.

    ## Why is this bad?
    OpenCode appends `/chat/completions` (or `/responses`) to the baseURL and nothing adds
    `/v1`, so `https://console.mixroute.io` sends requests to
    `https://console.mixroute.io/chat/completions`, which is the console's web app, not
    the API. The Mixroute guide: the base URL must end in `/v1`.

    ## Example
    ```jsonc
    "options": { "baseURL": "https://console.mixroute.io" }
    ```
    becomes `https://console.mixroute.io/v1`.

    ## Fix safety
    Safe for a trailing slash (`/v1/` to `/v1`). Unsafe when `/v1` is appended, because a
    self-hosted deployment might serve the API under another path.

    ## Options
    `gateways`: more providers (ids, hosts or base URLs) to treat as gateways.
    """
    for prov in p.providers(ctx.root):
        node = prov.base_url_node
        url = p.string(node)
        if url is None or p.gateway_of(prov, ctx.options) is None or p.SUBSTITUTION.search(url):
            continue
        trimmed = url.rstrip("/")
        endpoint = next((e for e in p.ENDPOINTS if trimmed.endswith(e)), None)
        if endpoint is not None:        # the endpoint itself is OC308's; the `/v1` before it is ours
            trimmed = trimmed[:-len(endpoint)].rstrip("/")
            if not trimmed.endswith("/v1"):
                yield ctx.at(node, f"baseURL `{url}` has no `/v1` before `{endpoint}`; the API is under "
                                   f"`{trimmed}/v1`", fix=Fix((edits.replace_value(node, trimmed + "/v1", ctx.doc),),
                                                             Applicability.UNSAFE, "end it in /v1"))
            continue
        if trimmed.endswith("/v1"):
            if url != trimmed:
                yield ctx.at(node, f"baseURL `{url}` ends in `/v1/`; OpenCode appends "
                                   "`/chat/completions` itself, giving a double slash",
                             fix=Fix((edits.replace_value(node, trimmed, ctx.doc),), Applicability.SAFE,
                                     "remove the trailing slash"))
            continue
        yield ctx.at(node, f"baseURL `{url}` does not end in `/v1`; OpenCode sends requests to "
                           f"`{trimmed}/chat/completions`, which is not the API",
                     help="Mixroute's API is at https://console.mixroute.io/v1 (a self-hosted one "
                          "at http://your-server:3003/v1).",
                     fix=Fix((edits.replace_value(node, trimmed + "/v1", ctx.doc),), Applicability.UNSAFE,
                             "append /v1"))
