"""Providers and models as OpenCode resolves them: which are built in, which are gateways,
a model's wire id, the API a model is routed to, and where model references are written."""

from __future__ import annotations

import json
import re
from linter import precompiled
from linter.records import dataclass
from fnmatch import translate
from functools import lru_cache
from collections.abc import Iterator

from linter.jsonc import Member, Node
from rules.data import load
from rules.urls import ENDPOINTS, entry_matches  # noqa: F401  (ENDPOINTS: for the rules)

SUBSTITUTION = precompiled.regex(r"\{(?:env|file):[^}]*\}|\$\{[^}]*\}")
RESPONSES_NPM = "@ai-sdk/openai"
COMPATIBLE_NPM = "@ai-sdk/openai-compatible"


def builtin() -> frozenset[str]:
    return frozenset(load("providers")["builtin"])


def gateways() -> dict:
    return load("providers")["gateways"]


def member_value(node: Node | None, key: str) -> Node | None:
    """The value node of ``node[key]``, when ``node`` is an object that has it."""
    if node is None or node.kind != "object":
        return None
    member = node.get(key)
    return member.value if member is not None else None


def string(node: Node | None) -> str | None:
    return node.value if node is not None and node.kind == "string" else None


@dataclass
class Provider:
    id: str
    member: Member          # `"id": {...}` under `provider` (OpenCode 2: `providers`)
    node: Node              # its object
    v2: bool = False        # written in OpenCode 2's spellings

    @property
    def options(self) -> Node | None:
        """The options handed to the AI SDK factory: `options`, in OpenCode 2 `settings`
        (its aisdk.ts spreads them into the factory's options)."""
        return member_value(self.node, "settings" if self.v2 else "options")

    @property
    def base_url_node(self) -> Node | None:
        return member_value(self.options, "baseURL")

    def url_nodes(self) -> list[Node]:
        """The string nodes OpenCode takes a base URL from: `options.baseURL` when it is a
        non-empty string (it then wins for every model), else the provider's `api` and
        each model's `provider.api` (a model's own wins for that model)."""
        written = self.base_url_node
        if string(written) or self.v2:      # OpenCode 2 has no `api` keys
            return [written] if string(written) else []
        found = [member_value(self.node, "api")]
        found += [member_value(member_value(m.node, "provider"), "api") for m in self.models()]
        return [n for n in found if string(n)]

    @property
    def npm_key(self) -> str:
        return "package" if self.v2 else "npm"

    @property
    def npm(self) -> str | None:
        return string(member_value(self.node, self.npm_key))

    def models(self) -> Iterator["Model"]:
        models = member_value(self.node, "models")
        if models is None or models.kind != "object":
            return
        for member in models.members():
            if member.value is not None and member.value.kind == "object":
                yield Model(self, member.key, member, member.value)


@dataclass
class Model:
    provider: Provider
    key: str
    member: Member
    node: Node

    @property
    def wire_id(self) -> str:
        """The id sent to the API: `id` (OpenCode 2: `modelID`) if set, else the key."""
        return string(member_value(self.node, "modelID" if self.provider.v2 else "id")) or self.key

    @property
    def npm(self) -> str | None:
        """The model's own package: `provider.npm`; in OpenCode 2 the model's `package`."""
        if self.provider.v2:
            return string(member_value(self.node, "package"))
        return string(member_value(member_value(self.node, "provider"), "npm"))

    @property
    def api_compatibility(self) -> Node | None:
        return None if self.provider.v2 else member_value(self.node, "apiCompatibility")

    def routed_to_responses(self) -> bool:
        """Whether OpenCode 1.18.33 sends this model to /responses: only the npm package
        decides (model level, else provider level); `apiCompatibility` does not."""
        return (self.npm or self.provider.npm) == RESPONSES_NPM


def section(config) -> str:
    """Where a config keeps its providers: `providers` when it is written in OpenCode 2's
    spellings (a `providers` section and no `provider`; a root Node or a plain dict), else
    `provider`. A 1.x file with a stray `providers` keeps `provider` (OC201 reports it)."""
    if isinstance(config, dict):
        has = config.__contains__
    elif config is not None and config.kind == "object":
        has = lambda key: config.get(key) is not None     # noqa: E731
    else:
        return "provider"
    return "providers" if has("providers") and not has("provider") else "provider"


def providers(root: Node | None) -> Iterator[Provider]:
    name = section(root)
    entries = member_value(root, name)
    if entries is None or entries.kind != "object":
        return
    for member in entries.members():
        if member.value is not None and member.value.kind == "object":
            yield Provider(member.key, member, member.value, name == "providers")


# The ids OpenCode's /connect dialog accepts (opencode-facts.md section 8).
VALID_ID = precompiled.regex(r"^[a-z0-9][a-z0-9_-]*$")


def normalise_id(provider_id: str) -> str:
    """The id MR101 renames a provider to: lower case, other characters to `-`; "" when
    nothing valid is left."""
    new = re.sub(r"[^a-z0-9_-]+", "-", provider_id.lower()).strip("-_")
    return new if VALID_ID.match(new) else ""


def written_as(provider: str, configured) -> str | None:
    """The configured id that ``provider`` is the normalised form of (`MixRoute` for a
    reference to `mixroute`), when MR101's rename would make the reference work."""
    for candidate in configured:
        if candidate != provider and not VALID_ID.match(candidate) and normalise_id(candidate) == provider:
            return candidate
    return None


def urlsplit(url: str):
    from urllib.parse import urlsplit      # (with ipaddress) only for a config with a URL
    return urlsplit(url)


def host(url: str | None) -> str | None:
    if not url or SUBSTITUTION.search(url.split("//", 1)[-1].split("/", 1)[0]):
        return None
    try:
        return (urlsplit(url if "//" in url else "//" + url).hostname or "").lower() or None
    except ValueError:
        return None


def on_host(h: str | None, hosts) -> bool:
    """Whether host ``h`` is one of ``hosts`` or a subdomain of one."""
    return bool(h) and any(h == g or h.endswith("." + g) for g in hosts)


# -- settings --------------------------------------------------------------------------
# The settings loader validates these; a rule still never trusts them blindly (a bad value
# read here is skipped, never a crash).

ROUTINGS = ("both", "api-compatibility", "provider-npm")
SEVERITIES = ("error", "warning", "info")


def option_list(options, key: str) -> list:
    value = options.get(key) if hasattr(options, "get") else None
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, (list, tuple)) else []


def routing(options) -> str:
    """The `responses-routing` setting: both (default), api-compatibility or provider-npm."""
    value = options.get("responses-routing") if hasattr(options, "get") else None
    return value if value in ROUTINGS else "both"


def gateway_of(provider: Provider, options) -> dict | None:
    """The gateway a provider points at (its data), or None. Settings' `gateways` entries
    are provider ids, or hosts, `host:port` or base URLs of self-hosted deployments
    (matched by host and port whatever the scheme, see ``urls.entry_matches``)."""
    urls = [string(n) for n in provider.url_nodes()]
    name = string(member_value(provider.node, "name")) or ""
    hosts = [host(u) for u in urls]
    for gateway in gateways().values():
        if any(on_host(h, gateway["hosts"]) for h in hosts):
            return gateway
        if gateway["name"] in provider.id.lower() or gateway["name"] in name.lower():
            return gateway
    for entry in option_list(options, "gateways"):
        if not isinstance(entry, str) or not entry.strip():
            continue
        entry = entry.strip()
        if entry == provider.id or any(entry_matches(entry, u) for u in urls
                                       if not SUBSTITUTION.search(u)):
            return next(iter(gateways().values()))
    return None


def _patterns(options, key: str, data_key: str, default: str):
    """(entries, matcher) for a pattern list: the bundled data, then the settings' entries
    (a pattern or ``{pattern, severity}``; anything else is skipped)."""
    extra = option_list(options, key)
    return _compiled(data_key, default, json.dumps(extra, default=str) if extra else "[]")


@lru_cache(maxsize=64)
def _compiled(data_key: str, default: str, extra: str):
    """(lower-case pattern, severity) pairs in order, and one regex with a group per entry,
    so a match names the first entry that fits: the cost of a lookup stays flat as models
    multiply. ``extra`` is the settings' entries as JSON (a hashable cache key)."""
    entries = []
    for entry in [*load("models")[data_key], *json.loads(extra)]:
        pattern, severity = (entry.get("pattern"), entry.get("severity", default)) if isinstance(entry, dict) \
            else (entry, default)
        if isinstance(pattern, str) and pattern:
            entries.append((pattern.lower(), severity if severity in SEVERITIES else default))
    matcher = re.compile("|".join(f"({translate(pattern)})" for pattern, _ in entries)) if entries else None
    return tuple(entries), matcher


def _first_match(wire_id: str, table) -> str | None:
    entries, matcher = table
    if matcher is None:
        return None
    wid = wire_id.lower()
    found = matcher.match(wid)
    if "/" in wid and (other := matcher.match(wid.rpartition("/")[2])) is not None:
        found = other if found is None or other.lastindex < found.lastindex else found
    return entries[found.lastindex - 1][1] if found is not None else None


def responses_table(options):
    """The Responses-only patterns (bundled, then the settings'): for ``responses_only``,
    taken once per run of a rule rather than once per model."""
    return _patterns(options, "responses-only-models", "responses_only", "error")


def chat_table(options):
    return _patterns(options, "chat-only-models", "chat_only", "error")


def responses_only(wire_id: str, options, table=None) -> str | None:
    """The severity ("error"/"warning"/"info") when the model is served through Responses
    only; the first pattern that fits the wire id (or its last `/` part) decides."""
    return _first_match(wire_id, table or responses_table(options))


def chat_only(wire_id: str, options, table=None) -> bool:
    return _first_match(wire_id, table or chat_table(options)) is not None


def discovers_models(entry) -> bool:
    """Whether a provider entry (plain value) asks for its models to be discovered at run
    time (`discoverModels`, or a plugin's option such as `options.modelsDiscovery`): the
    models it declares are then not all it has."""
    if not isinstance(entry, dict):
        return False
    places = [entry, entry.get("options") if isinstance(entry.get("options"), dict) else {}]
    for place in places:
        for key, value in place.items():
            if "discover" in key.lower():
                if isinstance(value, dict):
                    value = value.get("enabled", True)
                if value not in (False, None, 0, "false"):
                    return True
    return False


# -- model references ------------------------------------------------------------------

REFERENCE_SECTIONS = ("agent", "mode", "command")
V2_REFERENCE_SECTIONS = ("agents", "commands")


def references(root: Node | None) -> Iterator[tuple[str, Node]]:
    """(where, node) for every model reference written as a string: `model`, `small_model`,
    and the `model` of each agent, mode and command entry (in a config written in OpenCode
    2's spellings: `model` and the `model` of each `agents` and `commands` entry)."""
    v2 = section(root) == "providers"
    for key in ("model",) if v2 else ("model", "small_model"):
        node = member_value(root, key)
        if node is not None and node.kind == "string":
            yield key, node
    for name in V2_REFERENCE_SECTIONS if v2 else REFERENCE_SECTIONS:
        entries = member_value(root, name)
        if entries is None or entries.kind != "object":
            continue
        for entry in entries.members():
            node = member_value(entry.value, "model")
            if node is not None and node.kind == "string":
                yield f"{name}.{entry.key}.model", node


def variant_of(ref: str) -> str | None:
    """The `#variant` of an OpenCode 2 reference (`provider/model#variant`), if any."""
    head, sep, variant = ref.partition("#")
    return variant if sep and "/" in head else None


def split_reference(ref: str) -> tuple[str, str] | None:
    """OpenCode's parse: the provider is up to the first `/`, the model is the rest."""
    provider, sep, model = ref.partition("/")
    if not sep or not provider or not model:
        return None
    return provider, model.split("#", 1)[0]
