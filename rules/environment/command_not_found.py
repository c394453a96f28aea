from rules.i18n import _
import os

from linter.registry import rule
from rules.environment._text import check_env


@rule("OC732", "mcp-command-not-found", "info")
def check(ctx):
    """With `--check-env`: a local MCP server whose program is not found on this machine.

    ## What it does
    Only when asked (`--check-env`, or `check-env: true`), looks up the first word of each
    local MCP server's `command` on `PATH` (or, for a path, on disk) and reports it when it
    is not there.

    ## Why is this bad?
    OpenCode starts the server when it starts; a program that is not installed leaves the
    server failed, and its tools missing, with the reason only in the log or in `/mcp`.

    ## Example
    ```jsonc
    { "mcp": { "git": { "type": "local", "command": ["uvx", "mcp-server-git"] } } }
    ```
    on a machine without `uvx`.

    ## Fix safety
    No fix: install the program, or correct its name.

    ## Options
    `check-env` (setting, or the `--check-env` flag): off by default; the machine linting
    is often not the one OpenCode runs on.
    """
    if not check_env(ctx) or ctx.root is None or ctx.root.kind != "object":
        return
    section = ctx.root.get("mcp")
    if section is None or section.value is None or section.value.kind != "object":
        return
    for server in section.value.members():
        node = server.value
        if node is None or node.kind != "object":
            continue
        kind, command = node.get("type"), node.get("command")
        if kind is None or kind.value is None or kind.value.value != "local" or command is None \
                or command.value is None or command.value.kind != "array" or not command.value.children:
            continue
        first = command.value.children[0]
        if first.kind != "string" or "{" in first.value:
            continue
        program = os.path.expanduser(first.value)
        import shutil       # only with --check-env: its import costs every run several milliseconds
        found = os.path.exists(program) if os.sep in program else shutil.which(program) is not None
        if not found:
            yield ctx.at(first, (_("`{program}` (MCP server `{key}`) is not found on disk here") if os.sep in program
                                 else _("`{program}` (MCP server `{key}`) is not found on PATH here"))
                         .format(program=first.value, key=server.key))
