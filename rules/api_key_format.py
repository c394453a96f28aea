from rules.i18n import _
import re

from linter.redact import mask
from linter.registry import rule
from rules import providers as p


@rule("MR107", "api-key-format", "warning")
def check(ctx):
    """A literal Mixroute API key that is not shaped like one (`sk-...`).

    ## What it does
    Checks a gateway provider's literal `options.apiKey` against the gateway's key shape
    (Mixroute: `sk-` followed by letters and digits). Keys from `{env:...}` or `{file:...}`
    are not checked.

    ## Why is this bad?
    A pasted console URL, a key with a stray space or quote, or another provider's key is
    refused with an authentication error only at the first request.

    ## Example
    ```jsonc
    "options": { "apiKey": "mixroute-key-123" }
    ```

    ## Fix safety
    No fix: get the key from the Mixroute console. (Keep it out of the file: see OC401.)
    """
    for prov in p.providers(ctx.root):
        gateway = p.gateway_of(prov, ctx.options)
        node = p.member_value(prov.options, "apiKey")
        key = p.string(node)
        if gateway is None or key is None or p.SUBSTITUTION.search(key) or not gateway.get("key_pattern"):
            continue
        if not re.match(gateway["key_pattern"], key):
            problem = _("has spaces") if key != key.strip() else _("does not look like `sk-...`")
            yield ctx.at(node, _("the API key for `{id}` ({key}) {problem}; Mixroute keys look like "
                                 "sk-xxxxxxxxxxxxx").format(id=prov.id, key=mask(key), problem=problem))
