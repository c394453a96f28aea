from linter.registry import rule
from rules import schema


@rule("OC202", "invalid-type", "error")
def check(ctx):
    """A value of the wrong JSON type.

    ## What it does
    Reports a value whose type OpenCode's schema does not accept there, at the value:
    a string where a number goes, an object where an array goes, and so on. For values
    that may take several forms (`permission`, `formatter`, MCP entries) it names the
    forms allowed.

    ## Why is this bad?
    OpenCode refuses to start: `Configuration is invalid ... Expected number, got "big"`.

    ## Example
    ```jsonc
    { "provider": { "p": { "models": { "m": { "limit": { "context": "128k", "output": 4096 } } } } } }
    ```
    `limit.context` must be a number.

    ## Fix safety
    No fix: the intended value cannot be known.
    """
    for finding in schema.findings(ctx):
        if finding.kind == "invalid-type":
            yield ctx.at(finding.target, finding.message)
