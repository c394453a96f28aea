from rules.i18n import _
from linter.diagnostics import Applicability, Edit, Fix
from linter.registry import rule


@rule("OC102", "json5-syntax", "error", fix="safe", syntax=True, kinds=("config", "tui"))
def check(ctx):
    r"""JSON5-only syntax that OpenCode's JSONC parser rejects.

    ## What it does
    Finds single-quoted strings, unquoted keys (ASCII or not: `{модель: 1}`), the escapes
    only JSON5 has (`\x41`, `\'`, `\v`, `\0`, a `\` that continues the string on the next
    line), hexadecimal numbers, a leading `+`, a leading or trailing decimal point, and
    `NaN` / `Infinity`. A string JSON5 would read differently from what its author
    evidently meant (`"C:\Users"`, where JSON5's `\U` is just `U`) or rejects too (`"\01"`)
    stays OC101's.

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
    package in the tests): `"\x41"` becomes `"A"`, `"\v"` becomes `"\u000b"`, a line
    continuation joins the lines. `NaN` and `Infinity` have no JSON spelling and get no fix.
    Every other fix in the file waits until the syntax is JSON, so fixing these first lets
    the rest apply in the same run.
    """
    if ctx.doc.encoding_error:
        return
    for use in ctx.doc.parse.json5:
        fix = None
        if use.replacement is not None:
            fix = Fix((Edit(use.start, use.end, use.replacement),), Applicability.SAFE,
                      _("write {replacement}").format(replacement=use.replacement))
        text = ctx.doc.text[use.start:use.end]
        line = text.splitlines()[0] if text else text
        shown = line if len(line) <= 40 and line == text else line[:37] + "..."
        help_ = None if fix else _("JSON has no NaN or Infinity; use a large number or remove the "
                                   "key.")
        yield ctx.at((use.start, use.end),
                     _("{what} `{shown}` is JSON5, which OpenCode's JSONC parser rejects").format(what=use.what, shown=shown),
                     help=help_, fix=fix)
