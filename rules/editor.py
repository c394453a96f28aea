"""What the editor and agent servers show beside the diagnostics, from oclint's knowledge
of OpenCode: a key's description from the schema, the keys allowed at a place, the model
references and agent names a value may take, and the Mixroute provider scaffold.

The servers (linter.lsp, linter.mcpserver) reach this through ``Knowledge.editor``; the
data is rules/data/editor.yaml.
"""

from __future__ import annotations

from rules.i18n import _
import re
from functools import cache

from rules import providers as p
from rules.data import load


def _data() -> dict:
    return load("editor")


def schema_source(doc, options) -> str | None:
    """The schema a config document is judged by for the OpenCode version in use, exactly as
    the rules choose it (``rules.schema.source_of``: OpenCode 2's, a 1.x release's, the
    user's); None for the other kinds, which editor.yaml maps to their schema."""
    if doc.kind != "config":
        return None
    from linter import engine
    from rules import schema as schemas
    return schemas.source_of(engine.Context(doc, engine.Run(options)))


@cache
def _schema(kind: str, source: str | None = None) -> tuple[dict, dict] | None:
    """(the whole schema, the subschema of a ``kind`` document's root), or None; a config
    with a ``source`` (``schema_source``) is described by that schema as a whole."""
    from rules import schema as schemas
    if source is not None and kind == "config":
        whole = schemas.load(source)
        return whole, whole
    entry = _data()["schemas"].get(kind)
    if entry is None:
        return None
    whole = schemas.load(None if entry["schema"] == "bundled" else entry["schema"])
    return whole, _pointer(whole, entry["at"])


def _pointer(whole: dict, pointer: str) -> dict:
    node = whole
    for part in [s for s in pointer.split("/") if s]:
        node = node.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}


def _resolve(whole: dict, node: dict, depth: int = 0) -> list[dict]:
    """``node`` and every subschema it stands for ($ref, allOf/anyOf/oneOf), each once."""
    if not isinstance(node, dict) or depth > 20:
        return []
    out = [node]
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        out += _resolve(whole, _pointer(whole, ref[1:]), depth + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in node.get(key) or ():
            out += _resolve(whole, sub, depth + 1)
    return out


def _children(whole: dict, nodes: list[dict], segment) -> list[dict]:
    out = []
    for node in nodes:
        if isinstance(segment, int):
            items = node.get("items")
            if isinstance(items, dict):
                out.append(items)
            continue
        props = node.get("properties") or {}
        if segment in props:
            out.append(props[segment])
            continue
        matched = [sub for pattern, sub in (node.get("patternProperties") or {}).items()
                   if re.search(pattern, segment)]
        if matched:
            out += matched
        elif isinstance(node.get("additionalProperties"), dict):
            out.append(node["additionalProperties"])
    return [r for sub in out for r in _resolve(whole, sub)]


def _at(kind: str, path: tuple, source: str | None = None) -> list[dict]:
    found = _schema(kind, source)
    if found is None:
        return []
    whole, root = found
    nodes = _resolve(whole, root)
    for segment in path:
        nodes = _children(whole, nodes, segment)
        if not nodes:
            return []
    return nodes


def describe(kind: str, path: tuple, source: str | None = None) -> str | None:
    """The schema's description of the value at ``path`` in a ``kind`` document."""
    for node in _at(kind, path, source):
        text = node.get("description")
        if isinstance(text, str) and text:
            return text
    return None


def keys(kind: str, path: tuple, source: str | None = None) -> list[tuple[str, str]]:
    """(key, description) for each key the schema names in the object at ``path``."""
    out: dict[str, str] = {}
    found = _schema(kind, source)
    if found is None:
        return []
    whole = found[0]
    for node in _at(kind, path, source):
        for key, sub in (node.get("properties") or {}).items():
            if key not in out:
                out[key] = next((s["description"] for s in _resolve(whole, sub)
                                 if isinstance(s.get("description"), str)), "")
    return sorted(out.items())


def _matches(patterns, path: tuple) -> bool:
    return any(len(pat) == len(path) and all(a == "*" or a == b for a, b in zip(pat, path))
               for pat in patterns)


def expects(kind: str, path: tuple) -> str | None:
    """``model`` where the value at ``path`` is a model reference, ``agent`` where it is an
    agent name, else None."""
    if _matches(_data()["models"].get(kind, ()), path):
        return "model"
    if _matches(_data()["agents"].get(kind, ()), path):
        return "agent"
    return None


def models(config) -> list[str]:
    """The `provider/model` references the merged ``config`` offers, then the built-in
    providers (as `provider/`)."""
    out = []
    providers_ = config.get("provider") if isinstance(config, dict) else None
    for pid, entry in (providers_ or {}).items() if isinstance(providers_, dict) else ():
        models_ = entry.get("models") if isinstance(entry, dict) else None
        for mid in (models_ or {}) if isinstance(models_, dict) else ():
            out.append(f"{pid}/{mid}")
        if not models_:
            out.append(f"{pid}/")
    out += [f"{pid}/" for pid in sorted(p.builtin()) if not any(o.startswith(pid + "/") for o in out)]
    return out


def agents(config) -> list[str]:
    """The agent names the merged ``config`` defines, then OpenCode's built-in ones."""
    out = []
    for section in ("agent", "mode"):
        entries = config.get(section) if isinstance(config, dict) else None
        if isinstance(entries, dict):
            out += [name for name in entries if name not in out]
    return out + [a for a in _data()["builtin_agents"] if a not in out]


def scaffold(path, models_=(), default=None, base_url=None, routing="both", force=False):
    """(the models added, the Mixroute provider's edit steps for the config at ``path`` as
    `oclint init mixroute` applies them, a note on the base URL or None, the text of a
    config file created for them, where the key goes). ValueError for a refused model or URL."""
    from rules import init_mixroute
    added, steps, note = init_mixroute.steps(path, models_, default, base_url, routing, force)
    return added, steps, note, init_mixroute.EMPTY_CONFIG, _("export {variable}=sk-...").format(variable=init_mixroute.env_name())


def folder_config(folder: str, home: str | None = None):
    """(the merged config OpenCode would see in ``folder``, its load context, the documents
    read, the paths of those that do not parse), or None when no config file applies: what
    `oclint config` shows and the MCP server's show_config returns."""
    import os
    from linter import files
    from rules import contexts, opencode_config
    from rules.layout import kind_or_config
    load = contexts.folder_context(folder, os.environ, home=home)
    load.paths = [p for p in load.paths if kind_or_config(p) in opencode_config.MERGED_KINDS]
    if not load.paths:
        return None
    docs = [d for d in (files.read(p)[0] for p in load.paths) if contexts.skip_reason(d) is None]
    for d in docs:
        d.kind = kind_or_config(d.path)
    # markdown with broken frontmatter still loads (the mount decides how)
    broken = [d.path for d in docs if d.encoding_error or (d.parse.errors and d.syntax != "markdown")]
    merged = opencode_config.merged([d for d in docs if d.path not in broken])
    return merged, load, docs, broken
