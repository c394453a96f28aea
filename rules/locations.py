"""Where a key sits in an OpenCode config, in the words the rules' data use."""

from __future__ import annotations

from linter.jsonc import Node


def kind(path: tuple) -> str | None:
    """``top``, ``provider``, ``model``, ``agent`` or ``mcp`` for the object at ``path``."""
    if path == ():
        return "top"
    if len(path) == 2 and path[0] == "provider":
        return "provider"
    if len(path) == 4 and path[0] == "provider" and path[2] == "models":
        return "model"
    if len(path) == 2 and path[0] in ("agent", "mode", "agents"):
        return "agent"
    if len(path) == 2 and path[0] == "mcp":
        return "mcp"
    return None


def objects(root: Node):
    """(path, kind, node) for every object oclint names a location kind for."""
    if root is None or root.kind != "object":
        return
    yield (), "top", root
    for section, where in (("provider", "provider"), ("agent", "agent"), ("mode", "agent"),
                           ("agents", "agent")):
        member = root.get(section)
        if member is None or member.value is None or member.value.kind != "object":
            continue
        for entry in member.value.members():
            if entry.value is not None and entry.value.kind == "object":
                yield (section, entry.key), where, entry.value
                if section == "provider":
                    models = entry.value.get("models")
                    if models is not None and models.value is not None and models.value.kind == "object":
                        for model in models.value.members():
                            if model.value is not None and model.value.kind == "object":
                                yield (section, entry.key, "models", model.key), "model", model.value
