"""A config's permission rules as OpenCode flattens them: in the order written, the global
`permission` first, then the agent's (verified with `opencode debug agent build` on 1.18.33:
`{"bash": {"rm -rf *": "deny", "*": "allow"}}` lists the deny, then the allow, then the
agent's rules)."""

from __future__ import annotations

from linter.records import dataclass

from linter.jsonc import Member, Node

ACTIONS = ("allow", "ask", "deny")


@dataclass
class Rule:
    permission: str
    pattern: str
    action: str
    node: Node                  # the action's node (where a finding goes)
    member: Member | None       # the pattern's member in a `{pattern: action}` object
    owner: str                  # "the global permission" or "agent `x`"


def rules(value: Node | None, owner: str) -> list[Rule]:
    """The rules of one `permission` value."""
    out: list[Rule] = []
    if value is None:
        return out
    if value.kind == "string" and value.value in ACTIONS:
        return [Rule("*", "*", value.value, value, None, owner)]
    if value.kind != "object":
        return out
    for member in value.members():
        node = member.value
        if node is None:
            continue
        if node.kind == "string" and node.value in ACTIONS:
            out.append(Rule(member.key, "*", node.value, node, None, owner))
        elif node.kind == "object":
            for pattern in node.members():
                if pattern.value is not None and pattern.value.kind == "string" \
                        and pattern.value.value in ACTIONS:
                    out.append(Rule(member.key, pattern.key, pattern.value.value, pattern.value,
                                    pattern, owner))
    return out


def agents(root: Node):
    """(name, permission value) of each agent (and mode) entry with a `permission`."""
    for section in ("agent", "mode"):
        member = root.get(section)
        if member is None or member.value is None or member.value.kind != "object":
            continue
        for entry in member.value.members():
            if entry.value is not None and entry.value.kind == "object":
                permission = entry.value.get("permission")
                if permission is not None and permission.value is not None:
                    yield entry.key, permission.value


def covers(later: Rule, earlier: Rule) -> bool:
    """Whether ``later`` matches every call ``earlier`` matches (OpenCode's wildcards: `*`
    matches anything; a pattern ending in one `*` matches what starts with the rest)."""
    return _covers(later.permission, earlier.permission) and _covers(later.pattern, earlier.pattern)


def _covers(glob: str, text: str) -> bool:
    if glob == "*" or glob == text:
        return True
    if glob.endswith("*") and "*" not in glob[:-1] and "?" not in glob:
        return text.startswith(glob[:-1])
    return False
