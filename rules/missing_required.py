from linter.registry import rule
from rules import schema


@rule("OC204", "missing-required", "error")
def check(ctx):
    """A required key is missing.

    ## What it does
    Reports an object that lacks a key OpenCode requires, at the key of the object:
    a command without `template`, a model `limit` without `output` (or `context`), a model
    `cost` without `input` or `output`, a local MCP server without `command`.

    ## Why is this bad?
    OpenCode refuses to start: `Missing key provider.p.models.m.limit.output`.

    ## Example
    ```jsonc
    { "command": { "review": { "description": "Review the diff" } } }
    ```
    `command.review` needs `template`.

    ## Fix safety
    No fix: the value cannot be known.
    """
    for finding in schema.findings(ctx):
        if finding.kind == "missing-required":
            yield ctx.at(finding.target, finding.message)
