from linter.app import mask
from linter.diagnostics import Applicability, Edit, Fix
from linter.registry import rule
from rules import secrets


@rule("OC401", "plaintext-secret", "error", fix="unsafe")
def check(ctx):
    """An API key or token written into the config.

    ## What it does
    Finds literal keys and tokens in a provider's `options.apiKey` and `options.headers`,
    a model's `headers`, and an MCP server's `headers`, `environment` and
    `oauth.clientSecret`. Values taken
    from `{env:...}` or `{file:...}`, and obvious placeholders, are fine. Every output
    format shows at most the first three and last four characters of the value.

    ## Why is this bad?
    Config files end up in dotfiles repos, screenshots and bug reports; and when the file
    fails to parse, OpenCode prints its whole text, key included.

    ## Example
    ```jsonc
    "options": { "apiKey": "sk-live-4f9c...e5f" }
    ```
    becomes `"apiKey": "{env:MIXROUTE_API_KEY}"`, with `export MIXROUTE_API_KEY=...` in
    your shell profile.

    ## Fix safety
    Unsafe: OpenCode reads the variable, which you must set before the next run (the
    help shows the line); the key itself leaves the file, so copy it first.
    """
    for secret in secrets.find(ctx.root):
        raw = ctx.doc.text[secret.start:secret.end]
        fix = None
        if raw == secret.value:        # no escapes inside: the span is exactly the secret
            fix = Fix((Edit(secret.start, secret.end, "{env:" + secret.env + "}"),), Applicability.UNSAFE,
                      f"read it from ${secret.env}")
        yield ctx.at((secret.start, secret.end),
                     f"plaintext secret {mask(secret.value)} in `{secret.where}`",
                     help=f"Keep it in the environment: `export {secret.env}=...` in your shell profile, "
                          f"and write `{{env:{secret.env}}}` here.",
                     fix=fix)
