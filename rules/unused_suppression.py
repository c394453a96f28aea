from rules.i18n import _
from linter import suppress
from linter.diagnostics import Applicability, Fix
from linter.registry import REGISTRY, _specificity, rule

CODE = "OC901"


@rule(CODE, "unused-suppression", "warning", fix="safe", syntax=True, kinds=("config", "tui"))
def check(ctx):
    """A suppression comment that suppresses nothing, or names no rule.

    ## What it does
    Reports `// oclint: ignore[...]` and `// oclint: file-ignore[...]` comments, or single
    selectors in them, that matched no diagnostic in this run, and selectors that name no
    rule at all. Selectors of rules the run did not select are left alone.

    ## Why is this bad?
    A stale suppression hides the next real problem at that place; an unknown code is a
    typo that suppresses nothing.

    ## Example
    ```jsonc
    "baseURL": "https://console.mixroute.io/v1" // oclint: ignore[MR102]
    ```
    once the URL is right, the comment goes.

    ## Fix safety
    Safe: removes the comment, or only the unused codes from its list; a comment that
    also holds your own words keeps them and loses only the `oclint:` directive.
    """
    if ctx.doc.encoding_error:
        return
    for s in suppress.find(ctx.doc):
        unknown = [sel for sel in s.selectors if not any(_specificity(sel, r) for r in REGISTRY.values())]
        if unknown:
            yield ctx.at(s.comment, _("suppression names unknown rule {unknown}").format(unknown=_codes(unknown)),
                         fix=Fix(suppress.removal(ctx.doc, s, unknown), Applicability.SAFE, _("remove it")))


def postprocess(doc, found, rules):
    """Drop suppressed diagnostics; report suppressions that suppressed nothing."""
    kept, suppressions = suppress.apply(doc, found)
    selected = {r.code for r in rules}
    if CODE not in selected:
        return kept
    rule_ = REGISTRY[CODE]
    for s in suppressions:
        known = [sel for sel in s.selectors if any(_specificity(sel, r) for r in REGISTRY.values())]
        # only selectors whose every rule ran this time can be known to be unused
        unused = [sel for sel in known if sel not in s.used and all(
            r.code in selected for r in REGISTRY.values() if _specificity(sel, r))]
        if not unused:
            continue
        from linter.diagnostics import Diagnostic
        kept.append(Diagnostic(CODE, rule_.name, (_("unused suppression {unused}: nothing here is reported for it") if s.scope is not None
                                                else _("unused suppression {unused}: nothing in this file is reported for it"))
                               .format(unused=_codes(unused)),
                               rule_.severity, doc.path, s.comment[0], s.comment[1],
                               fix=Fix(suppress.removal(doc, s, unused), Applicability.SAFE,
                                       _("remove the unused suppression"))))
    return kept


def _codes(selectors) -> str:
    return ", ".join(f"`{s}`" for s in selectors)
