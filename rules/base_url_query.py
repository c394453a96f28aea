from rules.i18n import N_, _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import providers as p
from rules import urls


@rule("OC310", "base-url-query", "error", fix="unsafe")
def check(ctx):
    """A provider's base URL with a query (`?api-version=...`) or a fragment (`#...`).

    ## What it does
    Checks every provider's base URL wherever OpenCode takes it from (`options.baseURL`,
    else the provider's `api` and each model's `provider.api`) for a `?` or a `#`.

    ## Why is this bad?
    OpenCode appends the endpoint to the base URL as a string. After a query, the endpoint
    lands in the query: `https://gw.example/v1?x=1` is requested as path `/v1` with the
    query `x=1/chat/completions`. After a fragment it lands in the fragment, which is never
    sent: `https://gw.example/v1#main` is requested as `/v1`. Either way every request
    misses the API. Query parameters belong in `options.queryParams`, which
    `@ai-sdk/openai-compatible` adds to every request URL; `@ai-sdk/openai` (the package
    that sends a model to `/responses`) takes no such option.

    Verified with the released OpenCode 1.18.33 binary against a stand-in server on
    127.0.0.1 (the agreement tier): the paths above as received, `options.queryParams`
    `{"x": "1"}` received as `/v1/chat/completions?x=1`, and the same option ignored for a
    model on `@ai-sdk/openai` (`/v1/responses`, no query).

    ## Example
    ```jsonc
    "options": { "baseURL": "https://gw.example.com/v1?api-version=2024-10-01" }
    ```
    becomes
    ```jsonc
    "options": { "baseURL": "https://gw.example.com/v1", "queryParams": {"api-version": "2024-10-01"} }
    ```

    ## Fix safety
    A fragment is dropped (safe: it was never sent, and it swallowed the endpoint). A query
    moves to `options.queryParams` (unsafe: the requests then carry the parameters, which
    they never did), only for an `options.baseURL` of a provider on
    `@ai-sdk/openai-compatible` (the default for a custom provider) with no model on
    another package and no `queryParams` written yet; otherwise there is no fix and the
    message says why. OpenCode 2's `settings` are not fixed (not verified on a binary).
    """
    for prov in p.providers(ctx.root):
        for node in prov.url_nodes():
            url = p.string(node)
            if p.SUBSTITUTION.search(url):
                continue
            parts = urls.split(url)
            if not parts.query and not parts.fragment:
                continue
            base = urls.Parts(parts.scheme, parts.netloc, parts.path, "", "").join()
            if parts.query:
                message = (_("baseURL `{url}` has a query (`{query}`); OpenCode appends the "
                             "endpoint to the whole URL, so requests go to `{path}` with the "
                             "endpoint in the query").format(url=url, query=parts.query, path=parts.path or '/'))
                fix, why_not = _query_fix(ctx, prov, node, base, parts.query)
            else:
                message = (_("baseURL `{url}` has a fragment (`{fragment}`); OpenCode appends the "
                             "endpoint inside it, and a fragment is never sent, so requests go to "
                             "`{path}`").format(url=url, fragment=parts.fragment, path=parts.path or '/'))
                fix = Fix((edits.replace_value(node, base, ctx.doc),), Applicability.SAFE, _("write {base}").format(base=base))
                why_not = None
            if why_not:
                message += _(" (no fix: {why_not})").format(why_not=why_not)
            yield ctx.at(node, message, help=_(HELP), fix=fix)


HELP = N_("Query parameters go in `options.queryParams`, an object @ai-sdk/openai-compatible adds to "
          "every request URL.")


def _query_fix(ctx, prov, node, base: str, query: str):
    """(the fix moving the query to `options.queryParams`, None) or (None, why not)."""
    import json
    from urllib.parse import parse_qsl
    if prov.v2:
        return None, _("OpenCode 2's `settings.queryParams` is not verified here")
    if node is not prov.base_url_node:
        return None, _("move the URL to `options.baseURL` and the query to `options.queryParams`")
    if prov.npm is None and prov.id in p.builtin():
        return None, _("the built-in `{id}` provider's package may take no `queryParams`").format(id=prov.id)
    packages = {prov.npm or p.COMPATIBLE_NPM} | {m.npm for m in prov.models() if m.npm}
    if packages != {p.COMPATIBLE_NPM}:
        other = sorted(packages - {p.COMPATIBLE_NPM})[0]
        return None, _("`{other}` takes no `queryParams`").format(other=other)
    if p.member_value(prov.options, "queryParams") is not None:
        return None, _("`options.queryParams` is already written; merge the query into it")
    pairs = dict(parse_qsl(query[1:], keep_blank_values=True))
    changes = (edits.replace_value(node, base, ctx.doc),
               *edits.insert_member(ctx.doc, prov.options, "queryParams", pairs, after="baseURL"))
    return Fix(changes, Applicability.UNSAFE, _("write {base} and `queryParams` {pairs}").format(base=base, pairs=json.dumps(pairs))), None
