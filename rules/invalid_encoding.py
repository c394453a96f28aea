from rules.i18n import _
from linter.registry import rule


@rule("OC104", "invalid-encoding", "error", syntax=True, kinds=("config", "tui"))
def check(ctx):
    """A file that is not UTF-8 text.

    ## What it does
    Reports a file with bytes that are not UTF-8, a UTF-16 file, or binary data (NUL
    bytes), at the first offending character.

    ## Why is this bad?
    OpenCode reads config as UTF-8. Anything else fails to parse with a confusing error, or
    loads with mangled strings.

    ## Example
    A file saved as UTF-16 by a Windows editor.

    ## Fix safety
    No fix: re-save the file as UTF-8.
    """
    doc = ctx.doc
    if doc.encoding_error:
        start = doc.encoding_offset
        yield ctx.at((start, min(start + 1, len(doc.text))), _("not UTF-8 text: {encoding_error}").format(encoding_error=doc.encoding_error),
                     help=_("Re-save the file as UTF-8 (without a BOM, or with one: both load)."))
