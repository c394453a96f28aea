"""Base URLs as OpenCode and the AI SDK use them: where a provider's base URL is written,
how one is taken apart, when a `gateways` settings entry names it, and which hosts are
local.

OpenCode 1.18.33 (the released binary, provider state and `Provider.getLanguage`, read
in `bin/opencode`): a model's URL is `model.provider.api ?? provider.api ?? catalog`; at
request time the base URL is the provider-level `options.baseURL` when it is a non-empty
string, else that URL; the SDK then builds `${baseURL}/chat/completions` (or
`/responses`), and nothing adds `/v1`.
"""

from __future__ import annotations

from linter import precompiled
from linter.records import dataclass

# what the AI SDK appends to a baseURL itself
ENDPOINTS = ("/chat/completions", "/responses", "/completions")
_SCHEME = precompiled.regex(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
# a path segment that names an API version: v1, V1, v2, v1beta, v1.5
VERSION = precompiled.regex(r"^[vV]\d+[A-Za-z0-9._-]*$")
DEFAULT_PORTS = {"http": 80, "https": 443}


def urlsplit(url: str):
    from urllib.parse import urlsplit      # (with ipaddress) only for a config with a URL
    return urlsplit(url)


@dataclass(frozen=True)
class Parts:
    """A URL cut into its written pieces; ``join`` gives back the text it came from."""

    scheme: str      # "" when the URL has none (`console.mixroute.io/v1`)
    netloc: str
    path: str
    query: str       # with its `?`, or ""
    fragment: str    # with its `#`, or ""

    def join(self) -> str:
        head = f"{self.scheme}://" if self.scheme else ""
        return f"{head}{self.netloc}{self.path}{self.query}{self.fragment}"

    @property
    def host(self) -> str | None:
        try:
            return (urlsplit("//" + self.netloc).hostname or "").lower() or None
        except ValueError:
            return None

    @property
    def port(self) -> int | None:
        """The port requests go to: the written one, else the scheme's default."""
        try:
            written = urlsplit("//" + self.netloc).port
        except ValueError:
            return None
        return written if written is not None else DEFAULT_PORTS.get(self.scheme.lower())

    @property
    def has_port(self) -> bool:
        try:
            return urlsplit("//" + self.netloc).port is not None
        except ValueError:
            return False

    def endpoint(self) -> str | None:
        """The endpoint the path ends in (a trailing `/` aside), if any."""
        trimmed = self.path.rstrip("/")
        return next((e for e in ENDPOINTS if trimmed.endswith(e)), None)

    def base_path(self) -> str:
        """The path without a trailing `/` and without an endpoint the SDK appends itself."""
        trimmed = self.path.rstrip("/")
        endpoint = self.endpoint()
        return trimmed[: -len(endpoint)].rstrip("/") if endpoint else trimmed


def split(url: str) -> Parts:
    match = _SCHEME.match(url)
    scheme, rest = (match.group(1), url[match.end():]) if match else ("", url.removeprefix("//"))
    rest, hash_, fragment = rest.partition("#")
    rest, mark, query = rest.partition("?")
    slash = rest.find("/")
    netloc, path = (rest, "") if slash < 0 else (rest[:slash], rest[slash:])
    return Parts(scheme, netloc, path, mark + query, hash_ + fragment)


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _prefix(path: str) -> list[str]:
    """A path's segments without the endpoint and a trailing version segment."""
    segments = _segments(Parts("", "", path, "", "").base_path())
    if segments and VERSION.match(segments[-1]):
        segments.pop()
    return segments


def entry_matches(entry: str, url: str) -> bool:
    """Whether a `gateways` settings entry written as a host, `host:port` or a base URL
    names the server ``url`` points at: the same host (and port, when the entry gives
    one), whatever the scheme, and the entry's path a prefix of the URL's once the
    version segment and endpoint are set aside. So `http://your-server:3003/v1` names
    `http://your-server:3003`, `https://your-server:3003/v1/` and
    `your-server:3003/v1/chat/completions` alike."""
    want, got = split(entry.strip()), split(url.strip())
    if want.host is None or want.host != got.host:
        return False
    if want.has_port and want.port != got.port:
        return False
    prefix = _prefix(want.path)
    return _segments(got.base_path())[: len(prefix)] == prefix


def local(host: str) -> bool:
    """Loopback, private, link-local, carrier-grade NAT (Tailscale's 100.64.0.0/10) or a
    single-label or LAN-suffixed name: where plain http does not cross the internet."""
    if host == "localhost" or host.endswith((".localhost", ".local", ".lan", ".internal", ".home.arpa")) \
            or "." not in host:
        return True
    import ipaddress        # only for a plain-http URL's host

    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local or \
        address in ipaddress.ip_network("100.64.0.0/10")
