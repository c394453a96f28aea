"""`oclint init mixroute`: the provider entry the Mixroute guide describes, written so that
oclint's own rules pass (Responses-only models routed as MR103 requires)."""

from __future__ import annotations

from rules.i18n import _
from rules import providers as p
from rules import urls
from rules.data import load
from rules.schema_url import SCHEMA_URL

DEFAULT_MODELS = ("gpt-4o",)
EMPTY_CONFIG = '{\n  "$schema": "%s"\n}\n' % SCHEMA_URL


def provider_entry(models, base_url: str | None = None, routing: str = "both") -> dict:
    gateway = load("providers")["gateways"]["mixroute"]
    entries = {}
    for model in models:
        entry: dict = {"name": model}
        if p.responses_only(model, {}):
            if routing in ("both", "api-compatibility"):
                entry["apiCompatibility"] = "responses"
            if routing in ("both", "provider-npm"):
                entry["provider"] = {"npm": p.RESPONSES_NPM}
        entries[model] = entry
    return {
        "name": "Mixroute",
        "npm": gateway["npm"],
        "options": {"baseURL": base_url or gateway["base_url"], "apiKey": "{env:%s}" % gateway["env"]},
        "models": entries,
    }


def check_models(models) -> None:
    """Refuse an empty or blank model id (``--model ''``): OpenCode would list a model with
    no name and send an empty id."""
    for model in models:
        if not model.strip() or model != model.strip():
            raise ValueError(_("model id {model!r} (--model or --default): a model id must be "
                               "non-empty, with no spaces around it").format(model=model))


def base_url(url: str) -> tuple[str, str | None]:
    """(the base URL to write, a note on how it was normalised) for ``--base-url``, so that
    MR102 passes: `http://gpu:3003` and `http://gpu:3003/v1/` become `http://gpu:3003/v1`.
    Raises ValueError, with MR102's reason, when no right URL is clear."""
    from rules.base_url_v1 import judge
    gateway = load("providers")["gateways"]["mixroute"]
    found = judge(url, gateway["hosts"])
    if found is None:
        return url, None
    problems, target, _safety, why_not = found
    if target is None:
        parts = urls.split(url.strip())
        if "@" in parts.netloc:     # never print a password given in the URL
            parts = urls.Parts(parts.scheme, "…@" + parts.netloc.rsplit("@", 1)[1], parts.path, "", "")
        raise ValueError(_("--base-url {parts}: it {problems}; {why_not} (give the full URL, ending "
                           "in /v1)").format(parts=parts.join(), problems=problems[0], why_not=why_not))
    return target, _("baseURL written as {target} (OpenCode appends /chat/completions to it; the "
                     "API is under /v1)").format(target=target)


def same_gateway(doc, url: str) -> str | None:
    """The id of a provider already in ``doc`` that points at the same server as ``url``
    (host and port), or whose id is `mixroute` spelt another way (`MixRoute`): a second
    provider for one gateway splits models and keys between two ids."""
    want = urls.split(url)
    for prov in p.providers(doc.root):
        if prov.id == "mixroute":
            continue
        if p.normalise_id(prov.id) == "mixroute":
            return prov.id
        for node in prov.url_nodes():
            got = urls.split(p.string(node).strip())
            if got.host is not None and (got.host, got.port) == (want.host, want.port):
                return prov.id
    return None


def twin_advice(path: str, twin: str) -> str:
    """What to do about provider ``twin``, already there for the same gateway."""
    head = (_("{path} already has provider `{twin}` for the same gateway; a second one splits "
              "models and keys between two ids. ").format(path=path, twin=twin))
    if p.normalise_id(twin) == "mixroute":
        return head + (_("Rename it to `mixroute` (MR101's fix: `oclint --fix --unsafe-fixes "
                         "--select MR101 {path}`) and rerun with --force to replace it, or use "
                         "--force to add `mixroute` beside it").format(path=path))
    return head + _("Add the models to `{twin}` yourself, or use --force to add `mixroute` beside it").format(twin=twin)


def env_name() -> str:
    return load("providers")["gateways"]["mixroute"]["env"]


def steps(path: str, models=(), default: str | None = None, base_url: str | None = None,
          routing: str = "both", force: bool = False):
    """(the models added, the edit steps that add the provider to the config at ``path`` and
    set the default model, a note on the base URL or None): what `oclint init mixroute` and
    the MCP server's scaffold tool apply. ValueError for a model or base URL refused."""
    from linter import edits
    from linter.app import UsageError
    models = list(dict.fromkeys([*models, *([default] if default is not None else [])])) or list(DEFAULT_MODELS)
    note = None
    check_models(models)
    if base_url is not None:
        base_url, note = base_url_(base_url)

    def add_provider(doc):
        if doc.root.find(("provider", "mixroute")) is not None and not force:
            raise UsageError(_("{path} already has a `mixroute` provider; use --force to replace it").format(path=path))
        twin = same_gateway(doc, base_url or provider_entry([])["options"]["baseURL"])
        if twin is not None and not force:
            raise UsageError(twin_advice(path, twin))
        return edits.set_path(doc, doc.root, ("provider", "mixroute"), provider_entry(models, base_url, routing))

    def set_default(doc):
        return edits.set_path(doc, doc.root, ("model",), f"mixroute/{default}") if default else ()

    return models, [add_provider, set_default], note


base_url_ = base_url      # `steps` takes a parameter of that name
