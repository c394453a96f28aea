"""The MCP server shapes of Claude Code / Claude Desktop / Cursor and OpenCode's, and the
conversion between them (opencode-facts.md section 1: McpLocal, McpRemote).

OpenCode: `{"type": "local", "command": [program, ...args], "environment": {...}, "cwd",
"enabled", "timeout"}` or `{"type": "remote", "url", "headers", "oauth", "enabled",
"timeout"}`. A remote server is tried over Streamable HTTP, then SSE (1.18.33,
[B33 @99126271]), so `"type": "sse"` and `"type": "http"` both mean `remote`.
"""

from __future__ import annotations


TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

from rules.i18n import _
from linter.jsonc import Member, Node

FOREIGN_TYPES = {"stdio": "local", "sse": "remote", "http": "remote", "streamable-http": "remote",
                 "streamableHttp": "remote"}
LOCAL_KEYS = {"type", "command", "args", "env", "cwd", "enabled", "disabled", "timeout", "environment"}
REMOTE_KEYS = {"type", "url", "headers", "enabled", "disabled", "timeout", "oauth"}


def servers(root: Node):
    """(section, member) for every server entry: under `mcp`, and under a top-level
    `mcpServers` (Claude's key, which OpenCode drops)."""
    if root is None or root.kind != "object":
        return
    for section in ("mcp", "mcpServers"):
        member = root.get(section)
        if member is None or member.value is None or member.value.kind != "object":
            continue
        for entry in member.value.members():
            if entry.value is not None and entry.value.kind == "object":
                yield section, entry


def foreign(section: str, server: Member) -> bool:
    """Whether the entry is written in another tool's shape."""
    node = server.value
    if section == "mcpServers":
        return True
    value = node.to_python()
    kind = value.get("type")
    if isinstance(kind, str) and kind in FOREIGN_TYPES:
        return True
    if "args" in value or "env" in value:
        return True
    if isinstance(value.get("command"), str):
        return True
    return "type" not in value and "url" in value


def claimed(root: Node, path: tuple) -> bool:
    """Whether ``path`` lies in (or is) a server entry written in another tool's shape (or
    is a top-level `mcpServers`): OC701 reports those, once per server."""
    if not path:
        return False
    if path[0] == "mcpServers":
        return True
    if path[0] != "mcp" or len(path) < 2:
        return False
    node = root.find(path[:2])
    return node is not None and node.kind == "object" and node.member is not None \
        and foreign("mcp", node.member)


def convert(value: dict) -> tuple[dict | None, list[str], bool]:
    """OpenCode's form of a foreign server: (entry, what was dropped or changed, safe).
    None when it cannot be converted (no command and no url, or values of the wrong type)."""
    kind = value.get("type")
    remote = FOREIGN_TYPES.get(kind) == "remote" if isinstance(kind, str) else \
        ("url" in value and "command" not in value)
    if kind == "local" or kind == "remote":
        remote = kind == "remote"
    out: dict[str, Any] = {}
    notes: list[str] = []
    if remote:
        if not isinstance(value.get("url"), str):
            return None, [], False
        out["type"] = "remote"
        out["url"] = value["url"]
        allowed = REMOTE_KEYS
    else:
        command = value.get("command")
        args = value.get("args", [])
        split = False
        if isinstance(command, str):
            import shlex
            try:
                parts = shlex.split(command)
            except ValueError:
                return None, [], False
            split = len(parts) > 1       # "npx -y pkg" in one string: a guess at the words
            command = parts if split else [command]
        if not (isinstance(command, list) and command and all(isinstance(c, str) for c in command)):
            return None, [], False
        if not (isinstance(args, list) and all(isinstance(a, str) for a in args)):
            return None, [], False
        out["type"] = "local"
        out["command"] = command + args
        allowed = LOCAL_KEYS
    for key, item in value.items():
        if key in ("type", "command", "args", "url"):
            continue
        if key == "env" or key == "environment":
            if not (isinstance(item, dict) and all(isinstance(v, str) for v in item.values())):
                return None, [], False
            out.setdefault("environment", {}).update(item)
        elif key == "disabled":
            if not isinstance(item, bool):
                return None, [], False
            out["enabled"] = not item
        elif key in allowed:
            out[key] = item
        else:
            notes.append(key)
    if not remote and split:
        notes.append(_("command (split at spaces)"))
    return out, notes, not notes
