"""Merging config documents the way a tool layers them, remembering where each value came
from. Objects merge deeply; arrays and scalars are replaced by the later document, except
for keys whose policy says otherwise (supplied by the caller, which knows the tool)."""

from __future__ import annotations

from linter.records import dataclass, field
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

from linter.jsonc import Node
from linter.source import Document

# a policy combines the earlier and the later list (each a list of (item, origin) pairs)
Policy = Callable[[list, list], list]


@dataclass
class Merged:
    value: dict = field(default_factory=dict)
    origins: dict = field(default_factory=dict)     # path tuple -> (Document, Node)
    documents: list = field(default_factory=list)
    # path -> the paths directly below it that have an origin, so that forgetting what a
    # replaced value held costs what it held, not a scan of every origin
    _below: dict = field(default_factory=dict, repr=False)

    def note(self, path: tuple, origin) -> None:
        if path not in self.origins and path:
            self._below.setdefault(path[:-1], []).append(path)
        self.origins[path] = origin

    def origin(self, path) -> tuple[Document, Node] | None:
        """The document and node that set the value at ``path`` (or its nearest parent)."""
        path = tuple(path)
        while path:
            if path in self.origins:
                return self.origins[path]
            path = path[:-1]
        return None


# where a document's tree goes in the merged view: (path, object node) placements
Mount = Callable[[Document], list]


def merge(documents: list[Document], policies: dict[tuple, Policy] | None = None,
          mount: Mount | None = None) -> Merged:
    """Layer ``documents`` in order, later ones winning. Documents that do not parse to an
    object are skipped. ``mount(doc)`` (supplied by the caller, which knows the tool) says
    where each document's tree is placed: a list of ``(path, node)``, ``node`` an object
    node merged at ``path`` (created as nested objects); without it, each document's root
    is merged at the top."""
    policies = policies or {}
    merged = Merged(documents=list(documents))
    for doc in documents:
        if doc.encoding_error:
            continue
        for path, node in (mount(doc) if mount is not None else [((), doc.root)]):
            if node is None or node.kind != "object":
                continue
            target = merged.value
            for i, key in enumerate(path):
                if not isinstance(target.get(key), dict):
                    if key in target:
                        _forget(merged, tuple(path[:i + 1]))
                    target[key] = {}
                merged.origins.setdefault(tuple(path[:i + 1]), (doc, node))
                target = target[key]
            _merge_object(merged, target, node, tuple(path), doc, policies)
    return merged


def _merge_object(merged: Merged, target: dict, node: Node, path: tuple, doc: Document, policies) -> None:
    for member in node.members():
        if member.value is None:
            continue
        key, value = member.key, member.value
        here = path + (key,)
        if here in policies and value.kind == "array":
            earlier = target.get(key) if isinstance(target.get(key), list) else []
            before = [(item, merged.origins.get(here + (i,), (doc, value))) for i, item in enumerate(earlier)]
            after = [(child.to_python(), (doc, child)) for child in value.children]
            combined = policies[here](before, after)
            target[key] = [item for item, _ in combined]
            _forget(merged, here)
            merged.note(here, (doc, value))
            for i, (_, origin) in enumerate(combined):
                merged.note(here + (i,), origin)
        elif value.kind == "object":
            if not isinstance(target.get(key), dict):
                if isinstance(target.get(key), list):
                    _forget(merged, here)
                target[key] = {}
            if here not in merged.origins:
                merged.note(here, (doc, value))
            _merge_object(merged, target[key], value, here, doc, policies)
        else:
            if isinstance(target.get(key), (dict, list)):
                _forget(merged, here)
            target[key] = value.to_python()
            merged.note(here, (doc, value))
            if value.kind == "array":
                for i, child in enumerate(value.children):
                    merged.note(here + (i,), (doc, child))


def _forget(merged: Merged, path: tuple) -> None:
    """Drop the provenance under ``path`` (a value there is being replaced)."""
    stack = merged._below.pop(path, [])
    while stack:
        below = stack.pop()
        merged.origins.pop(below, None)
        stack.extend(merged._below.pop(below, ()))
