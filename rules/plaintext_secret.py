from rules.i18n import _

from linter import precompiled
from linter.redact import mask
from linter.diagnostics import Applicability, Edit, Fix
from linter.registry import rule
from rules import secrets

# what a `{env:...}` value cannot hold: OpenCode inserts it into the text unescaped
RAW_UNSAFE = precompiled.regex(r'["\\\x00-\x1f]')


@rule("OC401", "plaintext-secret", "error", fix="unsafe", kinds=("config", "agent", "mode", "command"))
def check(ctx):
    """An API key, token or password written into the config.

    ## What it does
    Finds literal credentials wherever they sit (the one definition is `rules/secrets.py`):
    the value of a credential-named key anywhere (`apiKey` and `api_key`, in `options` or
    misplaced at the provider level; `Authorization`, `Cookie` and `X-Api-Key` headers;
    `GITHUB_TOKEN`, `DB_PASSWORD` and the like in an MCP server's `environment` or a
    Claude-style `env` block; `oauth.clientSecret`), the password in a URL's userinfo
    (`postgres://app:PASSWORD@db`), a URL query parameter such as `?token=` or `?key=`,
    the argument of `--api-key`, `--token` and similar flags in a `command`, and a
    well-known key shape (`sk-...`, `ghp_...`, `AKIA...`) in any string. Values from
    `{env:...}`, `{file:...}` or `${...}`, references (`op://...`), file paths, digits only,
    and placeholders (`EMPTY`, `dummy`, `local`, `ollama`, `llama.cpp`, `sk-xxxx`,
    `changeme`) are fine. Every output format, and `oclint config`, shows at most the first
    three and last four characters of each of these values.

    ## Why is this bad?
    Config files end up in dotfiles repos, screenshots and bug reports; and when the file
    fails to parse, OpenCode prints its whole text, key included. Even OpenCode 1.18.33's
    `opencode debug config`, which masks `options` and `headers`, prints `command` arrays
    and a `DATABASE_URL` variable, password and all.

    ## Example
    ```jsonc
    "options": { "apiKey": "sk-live-4f9c...e5f" }
    ```
    becomes `"apiKey": "{env:MIXROUTE_API_KEY}"`, with `export MIXROUTE_API_KEY=...` in
    your shell profile; `"--api-key", "sk-..."` in an MCP `command` becomes
    `"--api-key", "{env:CONTEXT7_API_KEY}"`, and a URL keeps everything but its password
    (`postgres://app:{env:POSTGRES_PASSWORD}@db/app`).

    ## Fix safety
    Unsafe: OpenCode reads the variable, which you must set before the next run (the
    help shows the line); the key itself leaves the file, so copy it first. OpenCode puts
    `{env:NAME}` into the file's text before parsing it, anywhere (inside a URL or a
    command array too) and without escaping, so the fix replaces exactly the secret as
    written, escapes included, and is not offered when the value holds a quote, a
    backslash or a control character (the file would no longer parse). A key found only
    by its shape, where OpenCode reads no credential, has no fix: remove it.
    Verified with OpenCode 1.18.33 (tests/test_opencode_agreement.py): a config with a
    secret in each of these places, fixed with `oclint --fix --unsafe-fixes` and run with
    the variables set, resolves to the same `opencode debug config` as before, and its
    request reaches a stand-in gateway with the same headers. No fix in agent, mode and
    command frontmatter: OpenCode substitutes no `{env:...}` there (verified with 1.18.33:
    `description: "{env:HOME}"` stays as written), so the key can only leave by hand.
    """
    text = ctx.doc.text
    for secret in secrets.find(ctx.doc):
        node = secret.node
        if text[node.start + 1:node.end - 1] == node.value:     # no escapes: offsets carry over
            span = (node.start + 1 + secret.offset, node.start + 1 + secret.offset + len(secret.value))
        else:
            span = secrets.raw_span(text, node, secret)
        export = _("`export {env}=...` in your shell profile").format(env=secret.env)
        if ctx.doc.kind != "config":
            fix, help = None, (_("OpenCode reads markdown frontmatter as written (no `{env:...}` "
                                 "there): remove the key from the file, and revoke it if the file "
                                 "was ever shared."))
        elif not secret.placed:
            fix, help = None, (_("A key in `{where}`, where OpenCode reads no credential: remove "
                                 "it, and revoke it if the file was ever shared.").format(where=secret.where))
        elif span is None or RAW_UNSAFE.search(secret.value):
            # OpenCode puts the variable's value into the text as it is, unescaped
            fix, help = None, (_("Keep it in the environment ({export}) and write `{{env:{env}}}` "
                                 "here; no automatic fix: it holds a quote, a backslash or a "
                                 "control character, which OpenCode would insert unescaped.").format(export=export, env=secret.env))
        else:
            fix = Fix((Edit(span[0], span[1], "{env:" + secret.env + "}"),), Applicability.UNSAFE,
                      _("read it from ${env}").format(env=secret.env))
            help = _("Keep it in the environment: {export}, and write `{{env:{env}}}` here.").format(export=export, env=secret.env)
        yield ctx.at(span or (node.start, node.end), _("plaintext secret {value} in `{where}`").format(value=mask(secret.value), where=secret.where),
                     help=help, fix=fix)
