"""How OpenCode 1.18.33 turns an agent, mode, command or skill markdown file into config.

`ConfigMarkdown.parse` [B33 @104137910] calls gray-matter; when that throws it calls it
again on `sanitize(text)`, which rewrites each top-level `key: a: b` line into a `|-`
block. gray-matter caches each text before parsing it, so when sanitizing changes nothing
the second call returns the cached, unparsed file: no frontmatter and the whole text as
the body (observed [V]: the agent loads, its prompt is the whole file). When sanitizing
changes the text and that still does not parse, the loader's `.catch(() => undefined)`
drops the file without a word. Agents are `{name: <path>, ...frontmatter, prompt: body.trim()}`
[B33 @104052455], modes the same with `mode: "primary"` forced, commands
`{name, ...frontmatter, template: body.trim()}`; every one is deep-merged under `agent`
(modes too) or `command` after the JSON of its folder [B33 @104070900].
"""

from __future__ import annotations

import re
from linter import precompiled
from linter.records import dataclass

from linter.jsonc import Member, Node
from linter.source import Document
from rules.data import load
from rules.layout import entry_name

DEFAULT_VERSION = "1.18.33"
MARKDOWN_KINDS = ("agent", "mode", "command")
ALL_KINDS = ("agent", "mode", "command", "skill")
_FENCED = precompiled.regex(r"^---\r?\n([\s\S]*?)\r?\n---")
_SANITIZE_KEY = precompiled.regex(r"^([a-zA-Z_][a-zA-Z0-9_]*)\s*:\s*(.*)$")


def facts(ctx) -> dict:
    """The frontmatter facts of the OpenCode version ``ctx.doc`` is judged against
    (rules/versions.py `for_doc`): OpenCode 2's for 2.x, 1.18.33's for every 1.x release
    (the release they were checked with)."""
    from rules import versions
    data = load("markdown")
    if not versions.for_doc(ctx).v2:
        return data[DEFAULT_VERSION]
    key = ("markdown-facts", "2.x")
    cache = ctx.run.cache
    if key not in cache:
        v2 = data["2.x"]
        cache[key] = {**{k: data[DEFAULT_VERSION][k] for k in v2.get("inherit", ())}, **v2}
    return cache[key]


def legacy_keys(root, facts) -> list[Member]:
    """The frontmatter members that make OpenCode 2 read an agent file as an OpenCode 1
    agent (any key outside its agent keys); [] when the file is read as an OpenCode 2
    agent, or under 1.x (no ``legacy_agent_keys`` in its facts)."""
    if "legacy_agent_keys" not in facts or root is None or root.kind != "object":
        return []
    keys = set(facts["agent_keys"])
    return [m for m in root.members() if m.key not in keys]


def tables() -> dict:
    return load("markdown")


def sanitize(text: str) -> str:
    """`ConfigMarkdown.sanitize` of 1.18.33, line for line."""
    m = _FENCED.match(text)
    if not m:
        return text
    block = m.group(1)
    out = []
    for line in re.split(r"\r?\n", block):
        stripped = line.strip()
        if stripped.startswith("#") or stripped == "" or re.match(r"^\s+", line):
            out.append(line)
            continue
        kv = _SANITIZE_KEY.match(line)
        if not kv:
            out.append(line)
            continue
        value = kv.group(2).strip()
        if value in ("", ">", "|") or value.startswith(('"', "'")) or ":" not in value:
            out.append(line)
            continue
        out += [f"{kv.group(1)}: |-", f"  {value}"]
    return text.replace(block, "\n".join(out), 1)


@dataclass
class View:
    """What OpenCode makes of one markdown file."""

    state: str                 # applied, sanitized, ignored (whole file is the body), dropped
    doc: Document              # the document whose tree OpenCode reads (sanitized text if so)
    data: Node | None          # the frontmatter mapping OpenCode applies (None: none)
    body: str                  # the prompt / template (trimmed)
    body_span: tuple[int, int]


def view(doc: Document) -> View:
    key = "_opencode_view"
    cached = doc.__dict__.get(key)
    if cached is not None:
        return cached
    result = _view(doc)
    doc.__dict__[key] = result
    return result


def _trimmed(text: str, start: int) -> tuple[str, tuple[int, int]]:
    body = text[start:]
    lead = len(body) - len(body.lstrip())
    stripped = body.strip()
    return stripped, (start + lead, start + lead + len(stripped))


def _view(doc: Document) -> View:
    p = doc.parse
    if not p.errors:
        body, span = _trimmed(doc.text, p.body_start)
        return View("applied", doc, doc.root if p.frontmatter is not None else None, body, span)
    cleaned = sanitize(doc.text)
    if cleaned == doc.text:
        body, span = _trimmed(doc.text, 0)
        return View("ignored", doc, None, body, span)
    again = Document(doc.path, cleaned, kind=doc.kind)
    if again.parse.errors:
        return View("dropped", doc, None, "", (0, 0))
    body, span = _trimmed(cleaned, again.parse.body_start)
    return View("sanitized", again, again.root, body, span)


def name(doc: Document) -> str | None:
    """The name OpenCode gives the agent, mode or command: `name:` from the frontmatter
    when it is a string, else the path below the folder without `.md`."""
    if "_opencode_name" not in doc.__dict__:
        doc.__dict__["_opencode_name"] = _name(doc)
    return doc.__dict__["_opencode_name"]


def _name(doc: Document) -> str | None:
    v = view(doc)
    if v.state == "dropped":
        return None
    given = v.data.get("name") if v.data is not None and v.data.kind == "object" else None
    if given is not None and given.value is not None and given.value.kind == "string":
        return given.value.value
    return entry_name(doc.path)


def section(kind: str) -> str:
    return "command" if kind == "command" else "agent"


def mount(doc: Document) -> list:
    """Where ``doc``'s tree joins the merged config (``linter.merge``'s mount)."""
    if doc.kind == "config":
        return [((), doc.root)]
    if doc.kind not in MARKDOWN_KINDS:
        return []
    if doc.kind not in MARKDOWN_KINDS or doc.root is None and not doc.parse.errors:
        return []
    v = view(doc)
    entry = name(doc)
    if entry is None:
        return []
    node = Node("object", 0, 0)
    if v.data is not None and v.data.kind == "object":
        node.children = [m for m in v.data.children if m.key != "prompt"]
    body_key = "template" if doc.kind == "command" else "prompt"
    node.children = node.children + [Member(body_key, *v.body_span, Node("string", *v.body_span, v.body), node)]
    if doc.kind == "mode":
        node.children = [m for m in node.children if m.key != "mode"]
        node.children.append(Member("mode", 0, 0, Node("string", 0, 0, "primary"), node))
    return [((section(doc.kind), entry), node)]


def context_documents(ctx) -> list[Document]:
    """The documents of ``ctx.doc``'s load context (its merged view's), itself included."""
    view = ctx.view
    docs = list(view.documents) if view is not None else []
    if not any(d is ctx.doc for d in docs):
        docs = [d for d in docs if d.path != ctx.doc.path] + [ctx.doc]
    return docs


def context_cache(ctx, name: str, build):
    """``build(documents)`` once per load context and run (keyed by the merged view)."""
    key = (name, id(ctx.view) if ctx.view is not None else id(ctx.doc))
    cache = ctx.run.cache
    if key not in cache:
        cache[key] = (ctx.view, build(context_documents(ctx)))      # the view is kept alive with it
    return cache[key][1]


def member(doc: Document, key: str) -> Member | None:
    """The frontmatter member ``key`` of a parsed document."""
    root = doc.root
    return root.get(key) if root is not None and root.kind == "object" else None


def known_agents(ctx) -> dict:
    """Agent name -> its merged entry (or {} for a built-in one), as OpenCode would see it:
    what OC506 and OC507 look agent names up in."""
    known = facts(ctx)
    out = {agent: {"mode": "subagent" if agent in known["subagents"] else "primary",
                   **({"hidden": True} if agent in known["hidden_agents"] else {})}
           for agent in known["builtin_agents"]}
    config = ctx.config if isinstance(ctx.config, dict) else {}
    if ctx.doc.kind != "config" and ctx.view is None:
        config = {}             # alone, the document's own value is not a config
    for section in ("agent", "mode"):     # each `mode` entry is merged into its agent after it
        entries = config.get(section)
        if isinstance(entries, dict):
            for agent, entry in entries.items():
                entry = dict(entry) if isinstance(entry, dict) else {}
                if section == "mode":
                    entry["mode"] = "primary"
                out[agent] = {**out.get(agent, {}), **entry}
    for doc in context_documents(ctx):
        if doc.kind in ("agent", "mode") and doc is not ctx.doc:
            agent = name(doc)
            if agent is not None and agent not in out:
                data = view(doc).data
                mode = data.get("mode") if data is not None and data.kind == "object" else None
                hidden = data.get("hidden") if data is not None and data.kind == "object" else None
                out[agent] = {"mode": "primary" if doc.kind == "mode" else
                              (mode.value.value if mode is not None and mode.value is not None else "all"),
                              "hidden": hidden is not None and hidden.value is not None and hidden.value.value is True}
    return out
