from rules.i18n import N_, _
from linter.registry import rule

MAX_REPORTED = 50

EXPLAIN = {
    "InvalidSymbol": N_("unexpected `{text}`"),
    "InvalidNumberFormat": N_("invalid number"),
    "PropertyNameExpected": N_("expected a property name in double quotes"),
    "ValueExpected": N_("expected a value"),
    "ColonExpected": N_("expected `:` after the property name"),
    "CommaExpected": N_("expected `,` before this"),
    "CloseBraceExpected": N_("expected `}}` to close the object"),
    "CloseBracketExpected": N_("expected `]` to close the array"),
    "EndOfFileExpected": N_("expected the end of the file: the top-level value is already complete"),
    "InvalidCommentToken": N_("comments are not allowed here"),
    "UnexpectedEndOfComment": N_("block comment `/*` is never closed"),
    "UnexpectedEndOfString": N_("string is not closed before the end of the line"),
    "UnexpectedEndOfNumber": N_("number ends too early"),
    "InvalidUnicode": N_("`\\u` must be followed by four hexadecimal digits"),
    "InvalidEscapeCharacter": N_("invalid escape sequence in a string"),
    "InvalidCharacter": N_("control character inside a string; write it as an escape such as `\\t`"),
    "NestingTooDeep": N_("nested more than 128 levels deep; OpenCode's parser runs out of stack on "
                         "deep nesting and oclint does not analyse deeper"),
}

HELP = {
    "CommaExpected": N_("Members of an object and items of an array are separated by commas."),
    "PropertyNameExpected": N_('Property names are strings in double quotes: `"model": ...`.'),
    "EndOfFileExpected": N_("A config file holds one object; remove what follows its closing `}`."),
}


@rule("OC101", "syntax-error", "error", syntax=True, kinds=("config", "tui"))
def check(ctx):
    """JSONC that OpenCode's parser rejects.

    ## What it does
    Parses the file exactly as OpenCode does (jsonc-parser with comments and trailing
    commas allowed) and reports each error with jsonc-parser's name for it
    (`CommaExpected`, `CloseBraceExpected`, ...) at its line and column. The parser
    recovers, so independent errors are all reported in one run.

    ## Why is this bad?
    OpenCode refuses to start with `Config file at ... is not valid JSON(C)` and prints
    the whole file, secrets included, in the error.

    ## Example
    ```jsonc
    {
      "model": "mixroute/gpt-5.2"
      "small_model": "mixroute/gpt-4o-mini"
    }
    ```
    reports `CommaExpected` at 3:3. Add the comma after `"mixroute/gpt-5.2"`.

    ## Fix safety
    No fix: the intended text cannot be known.
    """
    if ctx.doc.encoding_error:
        return
    if ctx.doc.kind == "tui" and not ctx.doc.text.strip(" \t\r\n"):
        return      # the TUI reads an empty tui.json as no settings (verified, 1.18.33)
    errors = ctx.doc.parse.errors
    empty = not ctx.doc.text.strip(" \t\r\n")
    last_start = None
    reported = 0
    for error in errors:
        if error.start == last_start:
            continue          # a follow-on error at the same token
        last_start = error.start
        reported += 1
        if reported > MAX_REPORTED:
            yield ctx.at((error.start, error.end),
                         _("{count} more syntax errors not shown").format(count=len(errors) - MAX_REPORTED))
            return
        if empty:
            yield ctx.at((0, 0), _("ValueExpected: the file is empty; OpenCode needs a JSON object"),
                         help=_("Write `{}` (or delete the file)."))
            return
        text = ctx.doc.text[error.start:error.end][:40]
        message = _(EXPLAIN[error.name]).format(text=text) if error.name in EXPLAIN else _("syntax error")
        yield ctx.at((error.start, error.end), f"{error.name}: {message}", help=_(HELP[error.name]) if error.name in HELP else None)
