import ipaddress

from linter.registry import rule
from rules import providers as p


@rule("OC402", "insecure-base-url", "warning")
def check(ctx):
    """A provider `baseURL` over plain `http://` to a public host.

    ## What it does
    Reports `http://` base URLs whose host is neither loopback (`localhost`, 127.0.0.0/8,
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
        node = prov.base_url_node
        url = p.string(node)
        if not url or not url.lower().startswith("http://"):
            continue
        host = p.host(url)
        if host is None or _local(host):
            continue
        yield ctx.at(node, f"baseURL `{url}` sends the API key unencrypted to `{host}`; use https://")


def _local(host: str) -> bool:
    if host == "localhost" or host.endswith((".localhost", ".local", ".lan", ".internal", ".home.arpa")) \
            or "." not in host:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local or \
        address in ipaddress.ip_network("100.64.0.0/10")    # carrier-grade NAT, as Tailscale uses
