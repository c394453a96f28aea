from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules.mcp import shape


@rule("OC701", "foreign-mcp-server", "error", fix="safe")
def check(ctx):
    """An MCP server written in Claude Code's or Cursor's shape, which OpenCode rejects or drops.

    ## What it does
    Reports, once per server, an MCP entry shaped for another tool: `command` as a string
    with `args`, `env`, `"type": "stdio"` / `"sse"` / `"http"`, a `url` without `type`, or
    any server under a top-level `mcpServers`. The fix rewrites it in OpenCode's shape:
    `"type": "local"` with `command` as one array (program and arguments) and
    `environment`, or `"type": "remote"` with `url` and `headers`; servers under
    `mcpServers` move into `mcp`. Cursor's `"disabled": true` becomes `"enabled": false`.
    OC201-OC204 leave these servers to this rule, so each gets one finding, not three.

    ## Why is this bad?
    OpenCode 1.18.33 refuses the file (`Expected array, got "npx" mcp.x.command`, and the
    misleading `Missing key mcp.x.enabled`), or, for `mcpServers`, drops every server
    without a word (#41229, #37715, sveltejs/cli#768). Verified: after the fix `opencode
    debug config` loads the file and lists the servers in its shape.

    ## Example
    ```jsonc
    { "mcp": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                           "env": { "GITHUB_TOKEN": "{env:GITHUB_TOKEN}" } } } }
    ```
    becomes `{"type": "local", "command": ["npx", "-y", "@modelcontextprotocol/server-github"],
    "environment": {"GITHUB_TOKEN": "{env:GITHUB_TOKEN}"}}`.

    ## Fix safety
    Safe when every key converts with its meaning unchanged (a remote server is tried over
    Streamable HTTP, then SSE, so `sse` and `http` both become `remote`). Unsafe when the
    entry holds keys OpenCode has no place for (`autoApprove`, `alwaysAllow`, ...): the fix
    drops them and says which; and when a `command` string holds spaces (`"npx -y pkg"`),
    which the fix splits into words as a shell would. No fix when the values are not of a convertible type.
    """
    root, doc = ctx.root, ctx.doc
    for section, server in shape.servers(root):
        if not shape.foreign(section, server):
            continue
        converted, dropped, safe = shape.convert(server.value.to_python())
        where = _("`mcpServers` (Claude's key, which OpenCode drops)") if section == "mcpServers" else "`mcp`"
        message = _("MCP server `{key}` in {where} is in Claude/Cursor's shape; OpenCode wants ").format(key=server.key, where=where) \
                  + (_('`type: "remote"` with `url`') if converted and converted["type"] == "remote"
                     else _('`type: "local"` with `command` as one array and `environment`'))
        fix = None
        if converted is not None:
            split = [k for k in dropped if k.startswith("command")]
            gone = [k for k in dropped if not k.startswith("command")]
            note = (_(" (drops {value}, which OpenCode has no place for)").format(value=', '.join(f'`{k}`' for k in gone))
                    if gone else "") + (_(" (splits `command` at spaces)") if split else "")
            applicability = Applicability.SAFE if safe else Applicability.UNSAFE
            fix = _fix(doc, root, section, server, converted, applicability,
                       _("rewrite in OpenCode's shape{note}").format(note=note))
        yield ctx.at(server, message, fix=fix,
                     help=_('OpenCode\'s MCP entries: {"type": "local", "command": ["npx", "-y", '
                            '"pkg"], "environment": {...}} or {"type": "remote", "url": "..."}.'))


def _fix(doc, root, section, server, converted, applicability, message):
    if section == "mcp":
        return Fix((_rewrite(doc, server.value, converted),), applicability, message)
    section_member = root.get("mcpServers")
    mcp = root.get("mcp")
    if mcp is None:         # the section becomes `mcp`; its other servers follow, pass by pass
        return Fix((edits.rename_key(section_member, "mcp"), _rewrite(doc, server.value, converted)),
                   applicability, message + _(", under `mcp`"), isolation=("mcp-move", root.start))
    if mcp.value is None or mcp.value.kind != "object" or mcp.value.get(server.key) is not None:
        return None         # nowhere to move it without overwriting
    siblings = list(server.parent.members())
    removal = edits.remove_member(doc, section_member) if len(siblings) == 1 \
        else edits.remove_member(doc, server)
    insertion = edits.set_path(doc, mcp.value, (server.key,), converted)
    return Fix(removal + insertion, applicability, message + _(", into `mcp`"),
               isolation=("mcp-move", root.start))


def _rewrite(doc, node, converted):
    commented = any(node.start <= s and e <= node.end for s, e in doc.parse.comments)
    if edits.is_inline(doc, node) and not commented:      # keep a one-line entry on one line
        return edits.Edit(node.start, node.end, edits.dump(converted, doc, "", inline=True))
    return edits.replace_value(node, converted, doc)
