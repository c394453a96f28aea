from rules.i18n import _

from linter import precompiled
from linter.registry import rule
from rules.environment._text import tokens

CRED = precompiled.regex(r"\{cred:[^}]*\}")


@rule("OC733", "cred-placeholder", "error")
def check(ctx):
    """A `{cred:...}` placeholder: OpenCode has no such substitution.

    ## What it does
    Reports `{cred:NAME}` outside comments.

    ## Why is this bad?
    OpenCode substitutes only `{env:NAME}` and `{file:PATH}` (opencode-facts.md section 6),
    so `{cred:mixroute}` reaches the provider as those very characters: the request is
    refused (a 401, "Failed to initialize provider"). Stored credentials need no
    placeholder at all: leave `apiKey` out and OpenCode uses the key `opencode auth login`
    saved.

    ## Example
    ```jsonc
    { "provider": { "mixroute": { "options": { "apiKey": "{cred:mixroute}" } } } }
    ```
    Remove `apiKey` (to use the stored key) or write `{env:MIXROUTE_API_KEY}`.

    ## Fix safety
    No fix: which of the two is meant cannot be known.
    """
    for match in tokens(ctx.doc, CRED):
        yield ctx.at((match.start(), match.end()),
                     _("`{match}` is not a substitution OpenCode knows: it is sent as written").format(match=match.group()),
                     help=_("OpenCode substitutes {env:NAME} and {file:PATH} only; a key saved with "
                            "`opencode auth login` is used when `apiKey` is left out."))
