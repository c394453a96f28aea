"""Minimal text edits on the YAML of a markdown file's frontmatter (``linter.yamltree``).

Like the JSONC edits, each helper returns ``Edit``s on the original text and touches
nothing outside them: a scalar keeps its quoting style, a renamed key its quotes, an
inserted key takes its siblings' indentation, a removed key goes with its lines while the
comments in them stay. Nothing is ever re-dumped.
"""

from __future__ import annotations

from linter.i18n import _
import json

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

from linter import precompiled
from linter.diagnostics import Edit
from linter.edits import _anchor, line_end as _line_end, line_start as _line_start
from linter.jsonc import Member, Node
from linter.yamltree import resolve

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = frozenset(",[]{}")


def _next_line(text: str, offset: int) -> int:
    """Offset of the line after the one holding ``offset`` (or the end of the text)."""
    end = text.find("\n", offset)
    return len(text) if end < 0 else end + 1


def _eol(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def plain_ok(value: str, flow: bool = False) -> bool:
    """Whether ``value`` can be written as a plain scalar and read back as this string."""
    if not value or value != value.strip(" \t") or value[0] in _INDICATORS:
        return False
    if any(c in value for c in "\n\r\t") or ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and any(c in _FLOW_UNSAFE for c in value):
        return False
    if any(ord(c) < 32 or c in "\x7f\ufeff" for c in value):
        return False
    return resolve(value) == ("string", value)


def scalar(value: Any, style: str | None = None, flow: bool = False) -> str:
    """YAML text for a scalar, in ``style`` (plain, ' or ") when it can hold the value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        return json.dumps(value)
    text = str(value)
    if style == "'" and "\n" not in text and all(ord(c) >= 32 for c in text):
        return "'" + text.replace("'", "''") + "'"
    if style in (None, "plain", "|", ">") and plain_ok(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def _dump(value: Any, indent: str, unit: str, eol: str) -> str:
    """The lines (each with its break first) of ``value`` written as a block under a key."""
    if isinstance(value, dict) and value:
        out = []
        for k, v in value.items():
            key = scalar(str(k))
            if isinstance(v, (dict, list)) and v:
                out.append(f"{eol}{indent}{key}:{_dump(v, indent + unit, unit, eol)}")
            else:
                out.append(f"{eol}{indent}{key}: {_inline(v)}")
        return "".join(out)
    if isinstance(value, list) and value:
        out = []
        for v in value:
            if isinstance(v, (dict, list)) and v:
                out.append(f"{eol}{indent}- {_inline(v)}")
            else:
                out.append(f"{eol}{indent}- {_inline(v)}")
        return "".join(out)
    return " " + _inline(value)


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(str(k), flow=True)}: {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return scalar(value, flow=True)


def indent_unit(text: str, root: Node | None) -> str:
    """The frontmatter's indentation step: the first nested block's, else two spaces."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if node.kind != "object" or _is_flow(text, node):
            continue
        for m in node.children:
            child = m.value
            if child is not None and child.kind in ("object", "array") and not _is_flow(text, child) and child.children:
                outer = m.key_start - _line_start(text, m.key_start)
                inner = child.start - _line_start(text, child.start)
                if inner > outer:
                    return " " * (inner - outer)
            if child is not None:
                stack.append(child)
    return "  "


def _is_flow(text: str, node: Node) -> bool:
    return text[node.start:node.start + 1] in ("{", "[")


def _member_of(node: Node) -> Member | None:
    return node.parent if isinstance(node.parent, Member) else None


def _column(text: str, offset: int) -> str:
    return " " * (offset - _line_start(text, offset))


def replace_value(doc, node: Node, value: Any) -> Edit:
    """Replace a value. A scalar keeps the old one's quoting where it can hold the new
    value; a mapping or list under a block mapping's key is written as a block below it."""
    text = doc.text
    member = _member_of(node)
    parent = member.parent if member is not None else node.parent
    in_flow = parent is not None and isinstance(parent, Node) and _is_flow(text, parent)
    if isinstance(value, (dict, list)) and value and member is not None and not in_flow:
        colon = text.find(":", member.key_end)
        unit = indent_unit(text, doc.root)
        indent = _column(text, member.key_start) + unit
        # the old value's comments (inside a block value) are kept after the new block
        kept = [text[s:e] for s, e in doc.parse.comments if node.start <= s and e <= node.end]
        eol = _eol(text)
        block = _dump(value, indent, unit, eol)
        if kept:
            block += "".join(eol + indent + c for c in kept)
        if "\n" in text[colon:node.start]:
            # the old value is a block below its key: replace its lines, keeping the key's
            # line (and a comment on it) as it is
            return Edit(_line_start(text, node.start), node.end, block[len(eol):])
        return Edit(colon + 1, node.end, block)
    if isinstance(value, (dict, list)):
        return Edit(node.start, node.end, _inline(value))
    kept = [text[s:e] for s, e in doc.parse.comments if node.start <= s and e <= node.end]
    new = scalar(value, node.style, flow=in_flow)
    if node.kind == "null" and node.start == node.end and not text[node.start - 1:node.start] in (" ",):
        new = " " + new
    if kept:
        new += " " + " ".join(kept)
    return Edit(node.start, node.end, new)


def rename_key(doc, member: Member, new_key: str) -> Edit:
    """Rename a key, keeping its quotes when it had them."""
    old = doc.text[member.key_start:member.key_end]
    style = old[0] if old[:1] in ("'", '"') else None
    in_flow = _is_flow(doc.text, member.parent)
    return Edit(member.key_start, member.key_end, scalar(new_key, style, flow=in_flow))


def _member_last_line_end(text: str, member: Member) -> int:
    end = member.end
    return _line_end(text, end)


def insert_member(doc, obj: Node, key: str, value: Any, after: str | None = None,
                  first: bool = False) -> tuple[Edit, ...]:
    return insert_members(doc, obj, [(key, value)], after, first)


def insert_members(doc, obj: Node, items: list[tuple[str, Any]], after: str | None = None,
                   first: bool = False) -> tuple[Edit, ...]:
    """Insert ``key: value`` lines into a mapping: last, after ``after``, or first; with
    the siblings' indentation (a flow mapping gets ``, key: value`` before its brace)."""
    text, eol = doc.text, _eol(doc.text)
    members = list(obj.members())
    if _is_flow(text, obj):
        body = ", ".join(f"{scalar(k, flow=True)}: {_inline(v)}" for k, v in items)
        if not members:
            return (Edit(obj.start + 1, obj.end - 1, body),)
        if first:
            return (Edit(members[0].start, members[0].start, body + ", "),)
        anchor = _anchor(members, after)
        return (Edit(anchor.end, anchor.end, ", " + body),)
    unit = indent_unit(text, doc.root)
    if members:
        indent = _column(text, members[0].key_start)
    else:
        indent = _column(text, obj.start) if obj.parent is not None else ""
    lines = "".join(f"{indent}{scalar(k)}:{_dump(v, indent + unit, unit, eol)}{eol}" for k, v in items)
    if not members:
        if obj.parent is None and getattr(doc.parse, "frontmatter", True) is None:
            return (Edit(0, 0, f"---{eol}{lines}---{eol}"),)     # no frontmatter yet
        if obj.parent is None:
            # an empty top-level mapping: the frontmatter's first line
            at = _line_start(text, obj.start) if obj.start > 0 and text[obj.start - 1:obj.start] == "\n" \
                else _next_line(text, obj.start)
            at = min(at, len(text))
            return (Edit(at, at, lines),)
        # `key:` with nothing under it: the member's value is a null node
        return (Edit(obj.start, obj.end, lines),)
    if first:
        at = _line_start(text, members[0].key_start)
        return (Edit(at, at, lines),)
    anchor = _anchor(members, after)
    at = _next_line(text, _member_last_line_end(text, anchor))
    if at == len(text) and not text.endswith("\n"):
        return (Edit(at, at, eol + lines[:-len(eol)]),)
    return (Edit(at, at, lines),)


def remove_member(doc, member: Member) -> tuple[Edit, ...]:
    """Remove ``key: value`` with its lines; the comments in them stay, each on its line."""
    return remove_members(doc, [member])


def remove_members(doc, members: list[Member]) -> tuple[Edit, ...]:
    text = doc.text
    eol = _eol(text)
    out = []
    for member in members:
        obj = member.parent
        if _is_flow(text, obj):
            siblings = list(obj.members())
            i = siblings.index(member)
            if i + 1 < len(siblings):
                out.append(Edit(member.start, siblings[i + 1].start, ""))
            elif i > 0:
                out.append(Edit(siblings[i - 1].end, member.end, ""))
            else:
                out.append(Edit(member.start, member.end, ""))
            continue
        start = _line_start(text, member.key_start)
        lead = text[start:member.key_start]
        end = _next_line(text, _member_last_line_end(text, member))
        # comment lines indented under the member belong to its block: left in place after
        # a block scalar (`name: |`) they would become part of its text
        while end < len(text):
            line = text[end:_next_line(text, end)]
            body = line.lstrip(" ")
            if not body.startswith("#") or len(line) - len(body) <= len(lead):
                break
            end = _next_line(text, end)
        kept = [text[s:e] for s, e in doc.parse.comments if start <= s and e <= end]
        indent = lead if lead.strip(" ") == "" else _column(text, member.key_start)
        if lead.strip(" ") != "":
            # `- key: v` or a key after other text: only the member itself
            out.append(Edit(member.key_start, _line_end(text, member.end), ""))
            continue
        replacement = "".join(indent + c + eol for c in kept)
        if end == len(text) and not text.endswith("\n") and replacement:
            replacement = replacement[:-len(eol)]
        out.append(Edit(start, end, replacement))
    return tuple(out)


_PLAIN_KEY = precompiled.regex(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def set_path(doc, root: Node, path: tuple, value: Any) -> tuple[Edit, ...]:
    """Set ``path`` to ``value``, creating the missing mappings as one nested block."""
    node = root
    for i, key in enumerate(path):
        member = node.get(key) if node.kind == "object" else None
        if member is None or member.value is None:
            nested: Any = value
            for outer in reversed(path[i + 1:]):
                nested = {outer: nested}
            return insert_member(doc, node, key, nested)
        node = member.value
        if i < len(path) - 1 and node.kind == "null":
            nested = value
            for outer in reversed(path[i + 1:]):
                nested = {outer: nested}
            return (replace_value(doc, node, nested),)
        if i < len(path) - 1 and node.kind != "object":
            raise ValueError(_("{path} is not a mapping").format(path='.'.join(map(str, path[:i + 1]))))
    return (replace_value(doc, node, value),)
