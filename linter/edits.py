"""Minimal text edits on a JSONC document (a markdown file's YAML frontmatter goes to
``linter.yamledits``, behind the same functions), shaped the way the file's author types.

Every helper returns ``Edit``s on the original text and never touches a byte outside them:
comments stay, indentation and line endings are copied from siblings, and the file's
trailing-comma habit is kept. ``apply`` refuses overlapping edits instead of merging them.
"""

from __future__ import annotations

from linter.i18n import _
from collections.abc import Iterable

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

from linter.diagnostics import Edit
from linter.jsonc import Member, Node, dumps
from linter.source import Document


class OverlapError(ValueError):
    """Two edits touch the same text; applying both would lose one of them."""


def apply(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits made on ``text``. Insertions at one point keep their given order."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    out, pos = [], 0
    for edit in ordered:
        if edit.start < pos or edit.end < edit.start:
            raise OverlapError(f"edit at {edit.start}-{edit.end} overlaps an earlier edit")
        out.append(text[pos:edit.start])
        out.append(edit.content)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def overlaps(a: Iterable[Edit], b: Iterable[Edit]) -> bool:
    """Whether any edit of ``a`` touches any edit of ``b`` (sharing a point counts)."""
    return any(x.start <= y.end and y.start <= x.end for x in a for y in b)


# -- layout of the document ------------------------------------------------------------


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    """Offset of the line break (or end of text) of the line holding ``offset``."""
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def indent_before(text: str, offset: int) -> str | None:
    """The whitespace before ``offset`` on its line, or None if anything else is there."""
    lead = text[line_start(text, offset):offset]
    return lead if lead.strip(" \t") == "" else None


def indent_unit(doc: Document) -> str:
    """The file's indentation step: a tab, or the smallest run of leading spaces."""
    widths = []
    for start in doc.line_starts[1:60]:
        line = doc.text[start:start + 40]
        if line.startswith("\t"):
            return "\t"
        spaces = len(line) - len(line.lstrip(" "))
        if 0 < spaces < len(line.rstrip("\r\n")):
            widths.append(spaces)
    return " " * min(widths) if widths else "  "


def member_indent(doc: Document, obj: Node) -> str:
    """The indentation a member of ``obj`` gets: its siblings', else one step deeper."""
    for member in obj.members():
        lead = indent_before(doc.text, member.start)
        if lead is not None:
            return lead
    opener = doc.text[line_start(doc.text, obj.start):obj.start]
    base = opener[:len(opener) - len(opener.lstrip(" \t"))]
    return base + indent_unit(doc)


def is_inline(doc: Document, node: Node) -> bool:
    """Whether the object or array is written on one line."""
    return "\n" not in doc.text[node.start:node.end]


def uses_trailing_commas(obj: Node) -> bool:
    members = list(obj.members())
    return bool(members) and members[-1].comma is not None


def dump(value: Any, doc: Document, indent: str, inline: bool = False) -> str:
    """JSON text for ``value``, indented as the file is when it spans lines."""
    if inline or not isinstance(value, (dict, list)) or not value:
        return dumps(value, separators=(", ", ": "))
    unit, eol = indent_unit(doc), doc.eol
    inner = indent + unit
    if isinstance(value, dict):
        items = [f"{inner}{dumps(k)}: {dump(v, doc, inner)}"
                 for k, v in value.items()]
        return "{" + eol + ("," + eol).join(items) + eol + indent + "}"
    items = [inner + dump(v, doc, inner) for v in value]
    return "[" + eol + ("," + eol).join(items) + eol + indent + "]"


# -- edits -----------------------------------------------------------------------------


def _yaml(doc) -> bool:
    return doc is not None and doc.syntax == "markdown"


def replace_value(node: Node, value: Any, doc: Document) -> Edit:
    """Replace a value; comments inside the old value are kept after the new one."""
    if _yaml(doc):
        from linter import yamledits
        return yamledits.replace_value(doc, node, value)
    indent = indent_before(doc.text, node.start)
    lead = indent if indent is not None else _line_indent(doc.text, node.start)
    text = dump(value, doc, lead, inline=False)
    inner = [doc.text[s:e] for s, e in doc.parse.comments if node.start <= s and e <= node.end]
    for comment in inner:
        text += " " + comment + (doc.eol + lead if comment.startswith("//") else "")
    return Edit(node.start, node.end, text)


def replace_raw(node: Node | Member, content: str) -> Edit:
    return Edit(node.start, node.end, content)


def rename_key(member: Member, new_key: str, doc: Document | None = None) -> Edit:
    if _yaml(doc):
        from linter import yamledits
        return yamledits.rename_key(doc, member, new_key)
    return Edit(member.key_start, member.key_end, dumps(new_key))


def rename_fix(member: Member, new_key: str, applicability, doc: Document | None = None, **options):
    """The fix that renames ``member``'s key to ``new_key``, titled so (a YAML member
    needs its ``doc``; ``options`` are the other fields of ``Fix``)."""
    from linter.diagnostics import Fix
    return Fix((rename_key(member, new_key, doc),), applicability,
               _("rename to `{key}`").format(key=new_key), **options)


def remove_member(doc: Document, member: Member) -> tuple[Edit, ...]:
    """Remove a member with its comma. Comments around it stay where they are, and a
    comment inside it (between key and value, or before its comma) is kept in its place."""
    if _yaml(doc):
        from linter import yamledits
        return yamledits.remove_member(doc, member)
    text, obj = doc.text, member.parent
    siblings = list(obj.members())
    index = siblings.index(member)
    start, end = member.start, member.end if member.comma is None else member.comma + 1
    edits = []
    if member.comma is None and index > 0 and siblings[index - 1].comma is not None:
        # the last member goes, so its predecessor's comma would become a trailing one
        prev = siblings[index - 1]
        if text[prev.end:member.start].strip(" \t\r\n") == ",":
            return (_removal(doc, prev.end, member.end, ""),)
        edits.append(Edit(prev.comma, prev.comma + 1, ""))
    lead = indent_before(text, start)
    tail_end = line_end(text, end)
    if lead is not None and text[end:tail_end].strip(" \t") == "":
        # the member owns its lines: take them whole
        start = line_start(text, start)
        end = tail_end + (2 if text.startswith("\r\n", tail_end) else
                          1 if tail_end < len(text) else 0)
        edits.append(_removal(doc, start, end, lead, doc.eol))
    else:
        while end < len(text) and text[end] in " \t" and text[end + 1:end + 2] not in ("\n", "\r", ""):
            end += 1
        edits.append(_removal(doc, start, end, ""))
    return tuple(edits)


def remove_members(doc: Document, members: list[Member]) -> tuple[Edit, ...]:
    """Remove several members of one object together (their edits never overlap)."""
    if _yaml(doc):
        from linter import yamledits
        return yamledits.remove_members(doc, members)
    if len(members) == 1:
        return remove_member(doc, members[0])
    obj = members[0].parent
    siblings = list(obj.members())
    doomed = {id(m) for m in members}
    survivors = [m for m in siblings if id(m) not in doomed]
    out: list[Edit] = []
    for member in members:
        start, end = member.start, member.end if member.comma is None else member.comma + 1
        lead = indent_before(doc.text, start)
        tail_end = line_end(doc.text, end)
        if lead is not None and doc.text[end:tail_end].strip(" \t") == "":
            start = line_start(doc.text, start)
            end = tail_end + (2 if doc.text.startswith("\r\n", tail_end) else
                              1 if tail_end < len(doc.text) else 0)
            out.append(_removal(doc, start, end, lead, doc.eol))
        else:
            out.append(_removal(doc, start, end, ""))
    if id(siblings[-1]) in doomed and siblings[-1].comma is None and survivors \
            and survivors[-1].comma is not None:
        comma = survivors[-1].comma
        out.append(Edit(comma, comma + 1, ""))
    return tuple(out)


def _removal(doc: Document, start: int, end: int, indent: str, eol: str = "") -> Edit:
    """Delete ``start:end`` but keep the comments inside it, each on its own line when
    the deletion takes whole lines."""
    kept = [doc.text[s:e] for s, e in doc.parse.comments if start <= s and e <= end]
    if not kept:
        return Edit(start, end, "")
    if eol:
        return Edit(start, end, "".join(indent + c + eol for c in kept))
    return Edit(start, end, "".join(c + (doc.eol if c.startswith("//") else " ") for c in kept))


def insert_member(doc: Document, obj: Node, key: str, value: Any,
                  after: str | None = None, first: bool = False) -> tuple[Edit, ...]:
    """Insert ``"key": value`` into ``obj``: last, after the member named ``after``, or first."""
    return insert_members(doc, obj, [(key, value)], after, first)


def insert_members(doc: Document, obj: Node, items: list[tuple[str, Any]],
                   after: str | None = None, first: bool = False) -> tuple[Edit, ...]:
    """Insert several members together, in the given order (see ``insert_member``)."""
    if _yaml(doc):
        from linter import yamledits
        return yamledits.insert_members(doc, obj, items, after, first)
    text = doc.text
    members = list(obj.members())
    keys = [dumps(key) for key, _ in items]
    if is_inline(doc, obj):
        body = ", ".join(f"{k}: {dump(v, doc, '', inline=True)}" for k, (_, v) in zip(keys, items))
        if not members:
            if text[obj.start + 1:obj.end - 1].strip(" \t"):       # a comment inside: keep it
                return (Edit(obj.start + 1, obj.start + 1, body + " "),)
            return (Edit(obj.start + 1, obj.end - 1, body),)
        if first:
            return (Edit(members[0].start, members[0].start, body + ", "),)
        anchor = _anchor(members, after)
        if anchor.comma is not None:
            return (Edit(anchor.comma + 1, anchor.comma + 1, " " + body + ("," if anchor is members[-1] else "")),)
        return (Edit(anchor.end, anchor.end, ", " + body),)
    indent = member_indent(doc, obj)
    eol = doc.eol
    body = ("," + eol).join(f"{indent}{k}: {dump(v, doc, indent)}" for k, (_, v) in zip(keys, items))
    trailing = uses_trailing_commas(obj)
    if not members:
        at = _past_comment(doc, line_end(text, obj.start))
        close_lead = indent_before(text, obj.end - 1)
        if close_lead is None and not text[obj.start + 1:obj.end - 1].strip(" \t\r\n"):
            # `{ }` closing on a line with content after it
            return (Edit(obj.start + 1, obj.end - 1, eol + body + eol + _line_indent(text, obj.start)),)
        return (Edit(at, at, eol + body),)
    if first:
        at = _past_comment(doc, line_end(text, obj.start))
        if text[obj.start + 1:at].strip(" \t") and not text[obj.start + 1:at].lstrip(" \t").startswith("//"):
            at = obj.start + 1
        return (Edit(at, at, eol + body + ","),)
    anchor = _anchor(members, after)
    is_last = anchor is members[-1]
    # after the anchor and any comment on its line, but never past the closing brace
    if anchor.comma is not None:
        at = min(_past_comment(doc, line_end(text, anchor.comma)), obj.end - 1)
        return (Edit(at, at, eol + body + ("," if is_last and trailing or not is_last else "")),)
    at = min(_past_comment(doc, line_end(text, anchor.end)), obj.end - 1)
    return (Edit(anchor.end, anchor.end, ","), Edit(at, at, eol + body))


def _past_comment(doc: Document, at: int) -> int:
    """``at``, or the end of the block comment it falls inside (a comment that opens on a
    line and closes on a later one): an insertion there would land in the comment."""
    for start, end in doc.parse.comments:
        if start < at < end:
            return end
    return at


def set_path(doc: Document, root: Node, path: tuple[str, ...], value: Any,
             after: str | None = None) -> tuple[Edit, ...]:
    """Set the value at ``path``, creating the missing objects on the way as one nested
    object. An existing value there is replaced."""
    if _yaml(doc):
        from linter import yamledits
        return yamledits.set_path(doc, root, path, value)
    node = root
    for i, key in enumerate(path):
        member = node.get(key) if node.kind == "object" else None
        if member is None or member.value is None:
            nested: Any = value
            for outer in reversed(path[i + 1:]):
                nested = {outer: nested}
            return insert_member(doc, node, key, nested, after=after if i == len(path) - 1 else None)
        node = member.value
        if i < len(path) - 1 and node.kind != "object":
            raise ValueError(_("{path} is not an object").format(path='.'.join(path[:i + 1])))
    return (replace_value(node, value, doc),)


def _anchor(members: list[Member], after: str | None) -> Member:
    if after is not None:
        for member in members:
            if member.key == after:
                return member
    return members[-1]


def _line_indent(text: str, offset: int) -> str:
    line = text[line_start(text, offset):offset]
    return line[:len(line) - len(line.lstrip(" \t"))]
