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
    doc: object = None          # the document the action is written in
    placed: Node | None = None  # the object whose order placed this rule's pattern (merged)


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


def layers(documents) -> dict:
    """The permission values ``documents`` write (a load context's files in merge order, or
    one file), in that order, by whose they are: None for the global permission,
    ``("agent", name)`` and ``("mode", name)`` for an entry's; each a (document, node)."""
    from rules.markdown.frontmatter import mount
    out: dict = {}

    def add(owner, doc, entry) -> None:
        found = entry.get("permission") if entry is not None else None
        if found is not None and found.value is not None:
            out.setdefault(owner, []).append((doc, found.value))
    for doc in documents:
        for path, node in mount(doc):
            if node is None:
                continue
            if path != ():
                add(path, doc, node)    # an agent or mode file, at its entry
                continue
            add(None, doc, node)
            for section in ("agent", "mode"):
                entries = node.get(section)
                members = entries.value.members() if entries is not None and entries.value is not None else ()
                for key, entry in {m.key: m for m in members}.items():     # a repeated name: the last
                    add((section, key), doc, entry.value)
    return out


def merged_global(layers_: dict, owner: str) -> list[Rule]:
    """The global permission rules, merged as OpenCode merges them."""
    return _merge(layers_.get(None, []), owner)


def merged_agent(layers_: dict, name: str, owner: str) -> list[Rule]:
    """Agent ``name``'s own rules: its `agent` entries of every file, then its `mode` entries
    (OpenCode merges each mode into its agent after the files are merged)."""
    return _merge([*layers_.get(("agent", name), []), *layers_.get(("mode", name), [])], owner)


def merged_agent_names(config: dict) -> list[str]:
    """The agents (and modes) of a merged config (a plain value) that have a `permission`."""
    names: dict[str, None] = {}
    for section in ("agent", "mode"):
        entries = config.get(section)
        if isinstance(entries, dict):
            names.update((name, None) for name, entry in entries.items()
                         if isinstance(entry, dict) and "permission" in entry)
    return list(names)


def _merge(layers: list[tuple], owner: str) -> list[Rule]:
    """The rules of permission values merged in order, as remeda's `mergeDeep` merges them
    after OpenCode has made each whole-string permission `{"*": action}`: a key stays where
    the first value that has it put it (an object with its patterns merged the same way), a
    later value replaces it there, new keys come after."""
    table: dict = {}        # permission -> Rule | None, or {pattern: Rule | None}
    placed: dict[str, Node] = {}    # permission -> the object whose order its patterns keep
    for doc, value in layers:
        if value.kind == "string":
            members = [("*", value)]
        elif value.kind == "object":
            members = [(m.key, m.value) for m in value.members() if m.value is not None]
        else:
            continue
        for key, node in members:
            if node.kind == "object":
                inner = table.get(key)
                if not isinstance(inner, dict):
                    inner = table[key] = {}
                    placed[key] = node      # this object's order is the merged one's
                for pattern in node.members():
                    action = pattern.value
                    inner[pattern.key] = Rule(key, pattern.key, action.value, action, pattern, owner, doc) \
                        if action is not None and action.kind == "string" and action.value in ACTIONS else None
            else:
                table[key] = Rule(key, "*", node.value, node, None, owner, doc) \
                    if node.kind == "string" and node.value in ACTIONS else None
    out: list[Rule] = []
    for key, entry in table.items():
        if isinstance(entry, dict):
            for r in entry.values():
                if r is not None:
                    r.placed = placed[key]
                    out.append(r)
        elif entry is not None:
            out.append(entry)
    return out


def covers(later: Rule, earlier: Rule) -> bool:
    """Whether ``later`` matches every call ``earlier`` matches (OpenCode's wildcards: `*`
    matches anything; a pattern ending in one `*` matches what starts with the rest, and
    one ending in ` *` also the rest without its space: 1.18.33's wildcard turns a
    trailing ` .*` into `( .*)?`)."""
    return _covers(later.permission, earlier.permission) and _covers(later.pattern, earlier.pattern)


def _covers(glob: str, text: str) -> bool:
    if glob == "*" or glob == text:
        return True
    if glob.endswith("*") and "*" not in glob[:-1] and "?" not in glob:
        # OpenCode's wildcard makes a trailing ` *` optional: `git *` matches `git` too
        return text.startswith(glob[:-1]) or (glob.endswith(" *") and text == glob[:-2])
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
    """The keys that ``_covers`` lets cover ``text``: itself, `text *` when it has no
    wildcard, and `p*` for each prefix p of it free of wildcards and at most ``reach`` long
    (no longer such key is in the table)."""
    out = [text] if "*" in text or "?" in text else [text, text + " *"]
    for k in range(min(len(text), reach) + 1):
        prefix = text[:k]
        if "*" in prefix or "?" in prefix:
            break
        out.append(prefix + "*")
    return out
