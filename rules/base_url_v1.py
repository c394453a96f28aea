from rules.i18n import N_, _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import providers as p
from rules import urls


@rule("MR102", "base-url-v1", "error", fix="safe")
def check(ctx):
    """A Mixroute provider's `baseURL` that does not end in `/v1`.

    ## What it does
    Checks the base URL of every gateway provider (Mixroute, or one listed under the
    `gateways` setting) wherever OpenCode takes it from: `options.baseURL`, else the
    provider's `api` and each model's `provider.api`. The path must end in `/v1` (a query
    or fragment after it is OC310's), with a scheme, and with no spaces around it.

    ## Why is this bad?
    OpenCode appends `/chat/completions` (or `/responses`) to the baseURL and nothing adds
    `/v1`, so `https://console.mixroute.io` sends requests to
    `https://console.mixroute.io/chat/completions`, which is the console's web app, not
    the API. The Mixroute guide: the base URL must end in `/v1`. A URL without a scheme
    (`console.mixroute.io/v1`) is not an absolute URL: run against a loopback server,
    OpenCode 1.18.33 sends nothing and says `"127.0.0.1:PORT/v1/chat/completions" cannot
    be parsed as a URL`. `/V1` is another path (paths are case-sensitive); spaces are
    sent as `%20`. Read in the released OpenCode 1.18.33 binary: the model's URL is
    `model.provider.api ?? provider.api`, and `options.baseURL` wins when it is a
    non-empty string.

    ## Example
    ```jsonc
    "options": { "baseURL": "https://console.mixroute.io" }
    ```
    becomes `https://console.mixroute.io/v1`.

    ## Fix safety
    Safe for a trailing slash (`/v1/` to `/v1`), spaces around the URL, and a missing
    `https://` on Mixroute's own host. Unsafe when `/v1` is appended or `/V1` lower-cased,
    because a self-hosted deployment might serve the API under another path. The query
    and fragment are kept, and an endpoint after the path is dropped (OC308). No fix when
    the right URL is not clear: another version segment (`/v2`, `/v1beta`), a missing
    scheme or plain `http://` to a public host of a self-hosted gateway (whether it serves
    https is not known here); the message says which.

    ## Options
    `gateways`: more providers (ids, hosts or base URLs) to treat as gateways.
    """
    for prov in p.providers(ctx.root):
        gateway = p.gateway_of(prov, ctx.options)
        if gateway is None:
            continue
        for node in prov.url_nodes():
            url = p.string(node)
            if p.SUBSTITUTION.search(url):
                continue
            found = judge(url, gateway["hosts"], _entry_scheme(url, ctx.options))
            if found is None:
                continue
            problems, target, applicability, why_not = found
            message = _("baseURL `{url}` ").format(url=url) + "; ".join(problems)
            if target is None:
                message += _(" (no fix: {why_not})").format(why_not=why_not)
                yield ctx.at(node, message, help=_(HELP))
                continue
            yield ctx.at(node, message, help=_(HELP),
                         fix=Fix((edits.replace_value(node, target, ctx.doc),), applicability, _("write {target}").format(target=target)))


HELP = N_("Mixroute's API is at https://console.mixroute.io/v1 (a self-hosted one at "
          "http://your-server:3003/v1).")


def _entry_scheme(url: str, options) -> str | None:
    """The scheme of the `gateways` settings entry that names ``url``'s server, if it has one."""
    for entry in p.option_list(options, "gateways"):
        if isinstance(entry, str) and urls.entry_matches(entry, url) and urls.split(entry.strip()).scheme:
            return urls.split(entry.strip()).scheme.lower()
    return None


def judge(url: str, gateway_hosts, entry_scheme: str | None = None):
    """(what is wrong, the URL to write or None, how safe, why there is no fix), or None
    when ``url`` is a good gateway base URL (an endpoint after `/v1` is OC308's alone).
    ``entry_scheme``: the scheme the `gateways` entry naming this server gives."""
    problems, unsafe, why_not, note = [], False, None, ""
    text = url.strip()
    if text != url:
        problems.append(_("has spaces around it, which are sent as part of the URL"))
    parts = urls.split(text)
    host = parts.host
    known = host is not None and p.on_host(host, gateway_hosts)
    scheme = parts.scheme
    if not scheme:
        problems.append(_("has no scheme, so OpenCode cannot parse the request URL and every "
                          "request fails"))
        if known:
            scheme = "https"
        elif entry_scheme in ("http", "https") and (entry_scheme == "https" or host is None or urls.local(host)):
            scheme, unsafe = entry_scheme, True
            note = _(" (the fix writes {entry_scheme}://, as the `gateways` setting names the "
                     "server)").format(entry_scheme=entry_scheme)
        else:
            why_not = _("whether the server speaks https or http is not known here")
    elif scheme.lower() == "http" and host is not None and not urls.local(host) and known:
        scheme = "https"            # Mixroute serves https; the fix must not keep a clear-text key (OC402)
        unsafe, note = True, _(" (the fix also writes https://: the gateway serves https, and plain "
                               "http sends the key in clear text)")
    elif scheme.lower() == "http" and host is not None and not urls.local(host):
        why_not = why_not or (_("it also sends the key over plain http to a public host (OC402), "
                                "and whether the server speaks https is not known here"))
    base = parts.base_path()
    segments = base.split("/")
    last = segments[-1]
    path = base
    endpoint = parts.endpoint()
    if last == "v1":
        if endpoint is None and parts.path != base:
            problems.append(_("ends in `/v1/`; OpenCode appends `/chat/completions` itself, giving "
                              "a double slash"))
    elif last.lower() == "v1":
        problems.append(_("ends in `/{last}`; the API is under `/v1` (paths are case-sensitive)").format(last=last))
        path = "/".join(segments[:-1] + ["v1"])
        unsafe = True
    elif urls.VERSION.match(last):
        problems.append(_("ends in `/{last}`, another API version; the gateway's API is under `/v1`").format(last=last))
        why_not = why_not or _("`/{last}` may be what this server serves; replacing it is a guess").format(last=last)
    else:
        host_port = parts.netloc.rsplit("@", 1)[-1]     # the path is the point: no userinfo
        shown = f"{parts.scheme + '://' if parts.scheme else ''}{host_port}{base}"
        if endpoint:
            problems.append(_("has no `/v1` before `{endpoint}`; the API is under `{shown}/v1`").format(endpoint=endpoint, shown=shown))
        else:
            problems.append(_("has no `/v1`; OpenCode sends requests to `{shown}/chat/completions`, "
                              "which is not the API").format(shown=shown))
        path = base + "/v1"
        unsafe = True
    if not problems:
        return None
    problems[-1] += note
    if why_not is not None:
        return problems, None, Applicability.UNSAFE, why_not
    target = urls.Parts(scheme.lower(), parts.netloc, path, parts.query, parts.fragment).join()
    return problems, target, Applicability.UNSAFE if unsafe else Applicability.SAFE, None
