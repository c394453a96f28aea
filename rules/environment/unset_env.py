from rules.i18n import _
import os

from linter import precompiled
from linter.registry import rule
from rules.environment._text import check_env, tokens

ENV = precompiled.regex(r"\{env:([^}]+)\}")


@rule("OC731", "unset-env", "warning", kinds=("config", "tui"))
def check(ctx):
    """With `--check-env`: an `{env:NAME}` whose variable is unset or empty here.

    ## What it does
    Only when asked (`--check-env`, or `check-env: true` in the settings), reports each
    `{env:NAME}` outside comments whose variable is not set, or set to the empty string, in
    oclint's own environment. The value is never printed.

    ## Why is this bad?
    OpenCode replaces `{env:NAME}` with the variable's value, or with `""` when it is unset
    or empty, without a word (opencode-facts.md section 6). An empty `apiKey` also hides
    the key stored by `opencode auth login`, so the provider fails with "Failed to
    initialize provider ... Check credentials" or a 401.

    ## Example
    ```jsonc
    { "provider": { "mixroute": { "options": { "apiKey": "{env:MIXROUTE_API_KEY}" } } } }
    ```
    with `MIXROUTE_API_KEY` unset reports that OpenCode would send an empty key.

    ## Fix safety
    No fix: set the variable (in the shell profile OpenCode starts from).

    ## Options
    `check-env` (setting, or the `--check-env` flag): off by default, because CI machines
    and editors rarely have the user's variables.
    """
    if not check_env(ctx):
        return
    for match in tokens(ctx.doc, ENV):
        name = match.group(1)
        value = os.environ.get(name)
        state = "unset" if value is None else "empty" if value == "" else None
        if state is not None:
            yield ctx.at((match.start(), match.end()),
                         (_("`{name}` is unset here: OpenCode would put an empty string in its place")
                          if state == "unset" else
                          _("`{name}` is empty here: OpenCode would put an empty string in its place")).format(name=name),
                         help=_('OpenCode replaces {env:NAME} with "" when NAME is unset or empty.'))
