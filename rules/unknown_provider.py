import os

from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from linter.suggest import Suggester, distance
from rules import providers as p


@rule("OC302", "unknown-provider", "warning", fix="unsafe")
def check(ctx):
    """A model reference to a provider that is neither configured nor built in.

    ## What it does
    Looks up the provider part of every model reference among the providers of the
    config OpenCode would see (the merged view of the files linted together) and
    OpenCode's built-in providers, and suggests the closest one.

    ## Why is this bad?
    OpenCode fails at the first request with `Model not found: p/m` (or, for
    `small_model`, silently picks another model).

    ## Example
    ```jsonc
    { "model": "MixRoute/gpt-4o", "provider": { "mixroute": { ... } } }
    ```
    reports `MixRoute`; did you mean `mixroute`?

    ## Fix safety
    Unsafe: replaces the provider id in the reference when exactly one configured or
    built-in provider is close.
    """
    config = ctx.config if isinstance(ctx.config, dict) else {}
    configured = list((config.get("provider") or {}) if isinstance(config.get("provider"), dict) else {})
    known = set(configured) | p.builtin()
    closest, referable, builtin = Suggester(), [c for c in configured if "/" not in c], sorted(p.builtin())
    for where, node in p.references(ctx.root):
        parts = p.split_reference(node.value)
        if parts is None or p.SUBSTITUTION.search(node.value) or parts[0] in known:
            continue
        provider, model = parts
        original = p.written_as(provider, configured)
        if original is not None:
            # `mixroute/x` next to a provider `MixRoute`: MR101's rename makes it right
            yield ctx.at(node, f"`{where}` uses provider `{provider}`, but the config writes that provider "
                               f"`{original}`; renaming it to `{provider}` (MR101's fix) makes this reference work")
            continue
        # a configured provider may be a typo away; a built-in one only a letter away
        # (an id with a `/` cannot be referenced at all: a reference splits at the first `/`)
        close = closest(provider, referable) or [
            c for c in closest(provider, builtin) if distance(provider.lower(), c.lower()) <= 1]
        message = f"`{where}` uses provider `{provider}`, which is neither configured nor built in"
        fix = None
        if close:
            message += f"; did you mean `{close[0]}`?"
            if len(close) == 1:
                fix = Fix((edits.replace_value(node, close[0] + node.value[len(provider):], ctx.doc),),
                          Applicability.UNSAFE, f"use `{close[0]}`")
        else:
            message += (f"; if another config file defines it, lint them together "
                        f"(`oclint ~/.config/opencode/opencode.json {_shown(ctx.doc.path)}`, or `--with-global`)")
        help_ = ("OpenCode merges the global config (~/.config/opencode/opencode.json), OPENCODE_CONFIG and "
                 "the project files; oclint sees a provider defined in one of them when it lints them "
                 "together: name them all, run `oclint` with no path in the project, or add `--with-global`.")
        yield ctx.at(node, message, help=help_, fix=fix)


def _shown(path: str) -> str:
    """How the message names the linted file."""
    if path in ("", "-"):
        return "opencode.json"
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return rel if not rel.startswith("..") else path
