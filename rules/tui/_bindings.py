"""The key strings of a tui.json's keybinds, where OpenCode reads them."""

from __future__ import annotations

from linter.jsonc import Node


def keybinds(root: Node):
    """The `keybinds` objects of the file (top level, and under the legacy `tui` key)."""
    if root is None or root.kind != "object":
        return
    for path in (("keybinds",), ("tui", "keybinds")):
        node = root.find(path)
        if node is not None and node.kind == "object":
            yield node


def key_strings(value: Node):
    """The string nodes OpenCode parses as keys in one keybind's value: the value itself,
    each item of an array, and the `key` of a binding object. A bare `"none"` (and
    `false`) means no binding."""
    if value is None:
        return
    if value.kind == "string":
        if value.value != "none":
            yield value
    elif value.kind == "array":
        for item in value.children:
            if item.kind == "string":
                yield item
            elif item.kind == "object":
                key = item.find(("key",))
                if key is not None and key.kind == "string":
                    yield key
    elif value.kind == "object":
        key = value.find(("key",))
        if key is not None and key.kind == "string":
            yield key
