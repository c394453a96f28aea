"""`oclint init mixroute`: the provider entry the Mixroute guide describes, written so that
oclint's own rules pass (Responses-only models routed as MR103 requires)."""

from __future__ import annotations

from rules import providers as p
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


def env_name() -> str:
    return load("providers")["gateways"]["mixroute"]["env"]
