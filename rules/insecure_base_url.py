from rules.i18n import _
from linter.registry import rule
from rules import providers as p
from rules import urls


@rule("OC402", "insecure-base-url", "warning")
def check(ctx):
    """A provider `baseURL` over plain `http://` to a public host.

    ## What it does
    Reports `http://` base URLs (`options.baseURL`, else the provider's `api` and each
    model's `provider.api`, as OpenCode reads them) whose host is neither loopback (`localhost`, 127.0.0.0/8,
    `::1`) nor a private, link-local or carrier-grade NAT address (100.64.0.0/10, which
    Tailscale uses), nor a single-label LAN name.

    ## Why is this bad?
    The API key travels in clear text with every request.

    ## Example
    ```jsonc
    "options": { "baseURL": "http://api.example.com/v1" }
    ```
    should be `https://`.

    ## Fix safety
    No fix: whether the server speaks HTTPS is not known here.
    """
    for prov in p.providers(ctx.root):
        for node in prov.url_nodes():
            url = p.string(node).strip()
            if not url.lower().startswith("http://"):
                continue
            host = p.host(url)
            if host is None or urls.local(host):
                continue
            yield ctx.at(node, _("baseURL `{url}` sends the API key unencrypted to `{host}`; use "
                                 "https://").format(url=url, host=host))
