"""A config's permission rules as OpenCode flattens them: in the order written, the global
`permission` first, then the agent's (verified with `opencode debug agent build` on 1.18.33:
`{"bash": {"rm -rf *": "deny", "*": "allow"}}` lists the deny, then the allow, then the
agent's rules). Across the files of a load context, in the order of the merged config: a
key stays where the first file that has it wrote it, with the value of the last, and keys
new to a later file come after (remeda's `mergeDeep`; verified the same way with a global
and a project config, tests/test_opencode_agreement.py)."""

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
    doc: object = None          # the document the action is written in (None: the one linted)
    path: tuple = ()            # in a merged view: where the action is


def rules(value: Node | None, owner: str, doc=None) -> list[Rule]:
    """The rules of one `permission` value (written in ``doc``)."""
    out: list[Rule] = []
    if value is None:
        return out
    if value.kind == "string" and value.value in ACTIONS:
        return [Rule("*", "*", value.value, value, None, owner, doc)]
    if value.kind != "object":
        return out
    for member in value.members():
        node = member.value
        if node is None:
            continue
        if node.kind == "string" and node.value in ACTIONS:
            out.append(Rule(member.key, "*", node.value, node, None, owner, doc))
        elif node.kind == "object":
            for pattern in node.members():
                if pattern.value is not None and pattern.value.kind == "string" \
                        and pattern.value.value in ACTIONS:
                    out.append(Rule(member.key, pattern.key, pattern.value.value, pattern.value,
                                    pattern, owner, doc))
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


def merged_rules(view, path: tuple, owner: str) -> list[Rule]:
    """The rules of the `permission` value at ``path`` of a merged view, in its order, each
    with the document and node that set its action."""
    value = view.value
    for step in path:
        value = value.get(step) if isinstance(value, dict) else None
    out: list[Rule] = []

    def add(permission: str, pattern: str, action, where: tuple, member: bool) -> None:
        origin = view.origins.get(where)
        if action in ACTIONS and origin is not None and origin[1].kind == "string":
            doc, node = origin
            out.append(Rule(permission, pattern, action, node, node.member if member else None, owner, doc, where))
    if isinstance(value, str):
        add("*", "*", value, path, False)
    elif isinstance(value, dict):
        for permission, entry in value.items():
            if isinstance(entry, str):
                add(permission, "*", entry, path + (permission,), False)
            elif isinstance(entry, dict):
                for pattern, action in entry.items():
                    if isinstance(action, str):
                        add(permission, pattern, action, path + (permission, pattern), True)
    return out


def merged_agents(view):
    """(section, name) of each agent (and mode) entry of a merged view with a `permission`."""
    for section in ("agent", "mode"):
        entries = view.value.get(section)
        if isinstance(entries, dict):
            for name, entry in entries.items():
                if isinstance(entry, dict) and "permission" in entry:
                    yield section, name


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


def last_covering(rules: list[Rule]) -> list[Rule | None]:
    """For each rule, the last rule after it that ``covers`` it (None if none does): what
    decides every call the rule matches. One pass from the end, each rule looked up by the
    globs that could cover its permission and its pattern (a long list compared each rule
    with every later one)."""
    latest: dict[str, dict[str, tuple[int, Rule]]] = {}    # permission -> pattern -> last rule
    reach: dict[str | None, int] = {}   # the longest prefix of a `prefix*` key in each table (None: of permissions)
    out: list[Rule | None] = [None] * len(rules)
    for i in range(len(rules) - 1, -1, -1):
        rule = rules[i]
        best_at, best = -1, None
        for permission in _globs(rule.permission, reach[None] if None in reach else -1):
            by_pattern = latest.get(permission)
            if by_pattern:
                for pattern in _globs(rule.pattern, reach[permission]):
                    later = by_pattern.get(pattern)
                    if later is not None and later[0] > best_at:
                        best_at, best = later
        out[i] = best
        if rule.permission not in latest:
            latest[rule.permission] = {}
            reach[rule.permission] = -1
            _reaches(reach, None, rule.permission)
        if rule.pattern not in latest[rule.permission]:
            latest[rule.permission][rule.pattern] = (i, rule)
            _reaches(reach, rule.permission, rule.pattern)
    return out


def _reaches(reach: dict[str | None, int], table: str | None, key: str) -> None:
    if key.endswith("*") and "*" not in key[:-1] and "?" not in key:
        reach[table] = max(reach[table] if table in reach else -1, len(key) - 1)


def _globs(text: str, reach: int) -> list[str]:
    """The keys that ``_covers`` lets cover ``text``: itself, and `p*` for each prefix p of
    it free of wildcards and at most ``reach`` long (no longer such key is in the table)."""
    out = [text]
    for k in range(min(len(text), reach) + 1):
        prefix = text[:k]
        if "*" in prefix or "?" in prefix:
            break
        out.append(prefix + "*")
    return out
