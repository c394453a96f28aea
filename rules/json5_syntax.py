from linter.diagnostics import Applicability, Edit, Fix
from linter.registry import rule


@rule("OC102", "json5-syntax", "error", fix="safe", syntax=True, kinds=("config", "tui"))
def check(ctx):
    """JSON5-only syntax that OpenCode's JSONC parser rejects.

    ## What it does
    Finds single-quoted strings, unquoted keys, hexadecimal numbers, a leading `+`, a
    leading or trailing decimal point, and `NaN` / `Infinity`.

    ## Why is this bad?
    Editors and other tools often accept JSON5, so the file looks fine, but OpenCode parses
    JSONC (JSON with comments and trailing commas) and refuses the file at startup.

    ## Example
    ```jsonc
    { model: 'mixroute/gpt-5.2', "server": { "port": 0x1F90 } }
    ```
    becomes `{ "model": "mixroute/gpt-5.2", "server": { "port": 8080 } }`.

    ## Fix safety
    Safe: the JSON spelling has exactly the value JSON5 gives (checked against the json5
    package in the tests). `NaN` and `Infinity` have no JSON spelling and get no fix.
    """
    if ctx.doc.encoding_error:
        return
    for use in ctx.doc.parse.json5:
        fix = None
        if use.replacement is not None:
            fix = Fix((Edit(use.start, use.end, use.replacement),), Applicability.SAFE,
                      f"write {use.replacement}")
        text = ctx.doc.text[use.start:use.end]
        shown = text if len(text) <= 40 else text[:37] + "..."
        help_ = None if fix else "JSON has no NaN or Infinity; use a large number or remove the key."
        yield ctx.at((use.start, use.end),
                     f"{use.what} `{shown}` is JSON5, which OpenCode's JSONC parser rejects",
                     help=help_, fix=fix)
