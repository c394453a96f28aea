from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from linter.suggest import Suggester, distance
from rules import providers as p


@rule("OC302", "unknown-provider", "warning", fix="unsafe", kinds=("config", "agent", "mode", "command"))
def check(ctx):
    """A model reference to a provider that is neither configured nor built in.

    ## What it does
    Looks up the provider part of every model reference among the providers of the
    config OpenCode would see with this file (the merged view of its load context: the
    global config, the project files from the worktree root down to its folder, the
    `.opencode` folders) and OpenCode's built-in providers, and suggests the closest one.
    This machine's global config is part of the context with `--with-global`, or when
    `oclint` runs with no path; a dotfiles repository's own global folder always is.

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
    configured = list((config.get(p.section(config)) or {}) if isinstance(config.get(p.section(config)), dict) else {})
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
            yield ctx.at(node, _("`{where}` uses provider `{provider}`, but the config writes that "
                                 "provider `{original}`; renaming it to `{provider}` (MR101's fix) "
                                 "makes this reference work").format(where=where, provider=provider, original=original))
            continue
        # a configured provider may be a typo away; a built-in one only a letter away
        # (an id with a `/` cannot be referenced at all: a reference splits at the first `/`)
        close = closest(provider, referable) or [
            c for c in closest(provider, builtin) if distance(provider.lower(), c.lower()) <= 1]
        message = _("`{where}` uses provider `{provider}`, which is neither configured nor built in").format(where=where, provider=provider)
        fix = None
        if close:
            message += _("; did you mean `{close}`?").format(close=close[0])
            if len(close) == 1:
                fix = Fix((edits.replace_value(node, close[0] + node.value[len(provider):], ctx.doc),),
                          Applicability.UNSAFE, _("use `{close}`").format(close=close[0]))
        elif ctx.load is not None and ctx.load.missing:
            message += _("; if {value} defines it, {missing}").format(value=ctx.load.missing.split(' (')[0], missing=_how(ctx.load.missing))
        help_ = (_("Each file is judged with what OpenCode loads together with it: the global "
                   "config, the project files from the worktree root down to its folder and the "
                   "`.opencode` folders on that path (`oclint --show-files` lists them)."))
        yield ctx.at(node, message, help=help_, fix=fix)


def _how(missing: str) -> str:
    """The remedy in ``missing``'s parentheses (`add --with-global`)."""
    return missing[missing.find("(") + 1:missing.rfind(")")] if "(" in missing else _("lint with it")
