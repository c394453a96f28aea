"""YAML block text into the same spanned tree as JSONC (``linter.jsonc.Node``/``Member``).

Values are read as js-yaml 3 reads them with its default safe schema (what gray-matter
uses): YAML 1.2 core scalars plus its extras (``0b``/``0x``/leading-zero octal and
``1:30`` sexagesimal integers, ``_`` separators, timestamps), a key given twice is an
error (``duplicated mapping key``).

Two readers give the same tree, spans and comments:

* a line reader for the block YAML people write in frontmatter (block mappings and
  sequences, plain and quoted scalars on one line, one-line flow collections, ``|`` and
  ``>`` block scalars, comments). It is fast (a few microseconds per line) and gives up on
  anything else by raising ``_Unsupported``;
* ruamel.yaml's event parser (imported only then) for the rest: anchors, aliases, tags,
  multi-line plain and quoted scalars, and every syntax error, with its position.

Scalar nodes carry ``style`` (``plain``, ``'``, ``"``, ``|`` or ``>``) so edits can keep
the author's quoting. Offsets index the whole text handed in (the reader works on a
slice ``start:end`` of it, so a frontmatter block keeps the file's offsets).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from linter import precompiled
from linter.records import dataclass, field

from linter.jsonc import Member, Node, ParseError

_NULLS = frozenset(("~", "null", "Null", "NULL", ""))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_FLOAT = precompiled.regex(r"^(?:[-+]?(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_DATE = precompiled.regex(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATETIME = precompiled.regex(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
                       r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$")
_SEXAGESIMAL = precompiled.regex(r"^(:[0-5]?[0-9])+$")
# a plain key: no indicator first, up to `: ` or `:` at the end of the line
_KEY = precompiled.regex(r"""([^\s\-?:,\[\]{}#&*!|>'"%@`][^\n\r#]*?|-[^\s\n\r#][^\n\r#]*?)[ \t]*:(?=[ \t]|$)""")
_PLAIN_START_BAD = frozenset("&*!|>%@`")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


@dataclass(slots=True)
class YamlParse:
    root: Node | None
    errors: list[ParseError]
    comments: list[tuple[int, int]] = field(default_factory=list)
    json5: list = field(default_factory=list)     # always empty: the JSONC Parse's shape


class _Unsupported(Exception):
    """The line reader does not handle this text: the full reader takes over."""


class _Invalid(Exception):
    """Text that is certainly not YAML, found by the line reader (no need for the full one)."""

    def __init__(self, error: ParseError):
        super().__init__(error.name)
        self.error = error


_COLON = precompiled.regex(r":(?:[ \t]|$)", re.M)


def resolve(plain: str):
    """(kind, value) of a plain scalar, as js-yaml 3's default safe schema resolves it."""
    if plain in _NULLS:
        return "null", None
    if plain in _BOOLS:
        return "boolean", _BOOLS[plain]
    first = plain[0]
    if first in "0123456789+-.":
        number = _int(plain)
        if number is not None:
            return "number", number
        if _FLOAT.match(plain) and plain[-1] != "_":
            return "number", _float(plain)
        if _DATE.match(plain) or _DATETIME.match(plain):
            return "timestamp", plain
    return "string", plain


def _int(s: str):
    body = s[1:] if s[0] in "+-" else s
    sign = -1 if s[0] == "-" else 1
    if not body or body[0] == "_" or body[-1] == "_":
        return None
    digits = body.replace("_", "")
    try:
        if body == "0":
            return 0
        if body[0] == "0":
            if body[1:2] == "b" and digits[2:] and set(digits[2:]) <= set("01"):
                return sign * int(digits[2:], 2)
            if body[1:2] == "x" and digits[2:] and all(c in "0123456789abcdefABCDEF" for c in digits[2:]):
                return sign * int(digits[2:], 16)
            if digits[1:] and set(digits[1:]) <= set("01234567"):
                return sign * int(digits[1:], 8)
            return None
        if ":" in body:
            head, _, _ = body.partition(":")
            if not head.replace("_", "").isdigit() or not head.replace("_", "").isascii() \
                    or not _SEXAGESIMAL.match(body[len(head):]):
                return None
            total = 0
            for part in digits.split(":"):
                total = total * 60 + int(part)
            return sign * total
        if digits.isdigit() and digits.isascii():
            return sign * int(digits)
    except ValueError:
        return None
    return None


def _float(s: str) -> float:
    t = s.replace("_", "").lower()
    sign = -1.0 if t[0] == "-" else 1.0
    if t[0] in "+-":
        t = t[1:]
    if t == ".inf":
        return sign * float("inf")
    if t == ".nan":
        return float("nan")
    if ":" in t:
        total = 0.0
        for part in t.split(":"):
            total = total * 60 + float(part)
        return sign * total
    value = float(t)
    return sign * value if value == value else value


# -- the line reader -----------------------------------------------------------------------


class _Lines:
    __slots__ = ("text", "starts", "ends", "indents", "blank", "n", "end")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.end = text, end
        starts, ends, indents, blank = [], [], [], []
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
            line = text[pos:line_end]
            stripped = line.lstrip(" ")
            indent = len(line) - len(stripped)
            if stripped.startswith("\t") or "\r" in line:
                if stripped.strip(" \t") and not stripped.lstrip(" \t").startswith("#"):
                    raise _Unsupported("tab indentation")
            starts.append(pos)
            ends.append(line_end)
            indents.append(indent)
            blank.append(not stripped.strip(" \t") or stripped.lstrip(" \t").startswith("#"))
            pos = stop + 1 if nl >= 0 else end
        self.starts, self.ends, self.indents, self.blank, self.n = starts, ends, indents, blank, len(starts)

    def next_content(self, i: int) -> int:
        while i < self.n and self.blank[i]:
            i += 1
        return i


class _LineReader:
    def __init__(self, text: str, start: int, end: int):
        self.text = text
        self.lines = _Lines(text, start, end)
        self.errors: list[ParseError] = []

    def read(self) -> Node | None:
        lines = self.lines
        i = lines.next_content(0)
        if i >= lines.n:
            return None
        indent = lines.indents[i]
        node, i = self.block(i, indent, None)
        if lines.next_content(i) < lines.n:
            raise _Unsupported("content after the top-level node")
        return node

    def block(self, i: int, indent: int, parent) -> tuple[Node, int]:
        content = self.text[self.lines.starts[i] + indent:self.lines.ends[i]]
        if content == "-" or content.startswith("- ") or content.startswith("-\t"):
            return self.sequence(i, indent, parent)
        if content.startswith(("---", "...")):
            raise _Unsupported("document marker")
        if _KEY.match(content) or content[0] in "\"'":
            return self.mapping(i, indent, parent)
        # a lone scalar
        if self.lines.next_content(i + 1) < self.lines.n:
            raise _Unsupported("multi-line scalar")
        start = self.lines.starts[i] + indent
        node = self.inline_value(start, self.lines.ends[i], parent)
        return node, i + 1

    def entry(self, i: int, indent: int) -> int | None:
        """The next content line at or after ``i`` if it is an entry at ``indent``."""
        lines = self.lines
        i = lines.next_content(i)
        if i >= lines.n or lines.indents[i] < indent:
            return None
        if lines.indents[i] > indent:
            raise _Unsupported("bad indentation")
        return i

    def mapping(self, i: int, indent: int, parent, inline: bool = False) -> tuple[Node, int]:
        """A block mapping at column ``indent``; ``inline``: its first entry follows a `- `
        on line ``i`` (a compact mapping in a sequence)."""
        lines, text = self.lines, self.text
        node = Node("object", lines.starts[i] + indent, lines.starts[i] + indent, parent=parent)
        seen: set = set()
        while (at := i if inline else self.entry(i, indent)) is not None:
            inline = False
            i = at
            line_start = lines.starts[i] + indent
            line_end = lines.ends[i]
            first = text[line_start]
            if first in "\"'":
                key_end = self.quoted_end(line_start, line_end)
                key = self.quoted_value(line_start, key_end)
                colon = key_end
                while colon < line_end and text[colon] in " \t":
                    colon += 1
                if colon >= line_end or text[colon] != ":" or (colon + 1 < line_end and text[colon + 1] not in " \t"):
                    raise _Unsupported("quoted key without a colon")
                key_start = line_start
            else:
                m = _KEY.match(text, line_start, line_end)
                if m is None or text[line_start] == "-":
                    if text[line_start] == "-" and (line_start + 1 == line_end or text[line_start + 1] in " \t"):
                        break    # a sequence at the mapping's indentation ends it (or errs: left to the caller)
                    if node.children and not _COLON.search(text, line_start, line_end):
                        # after an entry, at its indentation, with no `key:` anywhere: no reading
                        # of YAML continues the mapping here (js-yaml and ruamel both stop)
                        raise _Invalid(ParseError("could not find expected ':'", line_start, line_end))
                    raise _Unsupported("not a mapping entry")
                key_start, key_end = line_start, line_start + len(m.group(1))
                key = text[key_start:key_end]
                colon = m.end() - 1
                if key in _NULLS or key in _BOOLS or key[0] in "0123456789+-.":
                    kind, value = resolve(key)
                    if kind != "string":
                        raise _Unsupported("non-string key")
            member = Member(key, key_start, key_end, None, node)
            value, i = self.member_value(i, indent, colon + 1, member)
            member.value = value
            if key in seen:
                self.errors.append(ParseError("duplicated mapping key", key_start, key_end))
            seen.add(key)
            node.children.append(member)
            node.end = max(node.end, value.end if value is not None else key_end, key_end)
        return node, i

    def member_value(self, i: int, indent: int, after: int, parent) -> tuple[Node, int]:
        """The value after a `key:` (or a `- `) on line ``i``, starting at ``after``."""
        lines, text = self.lines, self.text
        line_end = lines.ends[i]
        pos = after
        while pos < line_end and text[pos] in " \t":
            pos += 1
        if pos >= line_end or text[pos] == "#":
            j = lines.next_content(i + 1)
            if j < lines.n and lines.indents[j] > indent:
                return self.block(j, lines.indents[j], parent)
            if j < lines.n and lines.indents[j] == indent and isinstance(parent, Member):
                content = text[lines.starts[j] + indent:lines.ends[j]]
                if content == "-" or content.startswith("- "):
                    return self.sequence(j, indent, parent)
            return Node("null", after, after, None, parent=parent), i + 1
        first = text[pos]
        if first in "|>":
            return self.block_scalar(i, indent, pos, parent)
        node = self.inline_value(pos, line_end, parent)
        j = lines.next_content(i + 1)
        if j < lines.n and lines.indents[j] > indent:
            raise _Unsupported("continuation line")
        return node, i + 1

    def inline_value(self, pos: int, line_end: int, parent) -> Node:
        text = self.text
        first = text[pos]
        if first in "\"'":
            end = self.quoted_end(pos, line_end)
            node = Node("string", pos, end, self.quoted_value(pos, end), parent=parent)
            node.style = first
            self.after_value(end, line_end)
            return node
        if first in "[{":
            node, end = self.flow(pos, line_end, parent)
            self.after_value(end, line_end)
            return node
        if first in _PLAIN_START_BAD or (first in "-?:" and (pos + 1 >= line_end or text[pos + 1] in " \t")):
            raise _Unsupported("indicator")
        if first == "#":
            raise _Unsupported("comment")
        end = pos
        while True:
            hash_at = text.find(" #", end, line_end)
            tab_hash = text.find("\t#", end, line_end)
            if tab_hash >= 0 and (hash_at < 0 or tab_hash < hash_at):
                hash_at = tab_hash
            stop = line_end if hash_at < 0 else hash_at
            break
        raw = text[pos:stop].rstrip(" \t")
        if ": " in raw or raw.endswith(":") or ":\t" in raw:
            # a plain value on a key's line cannot hold `: ` in block YAML (js-yaml: "bad
            # indentation of a mapping entry"; ruamel: "mapping values are not allowed here")
            colon = pos + min(i for i in (raw.find(": "), raw.find(":\t"), len(raw) - 1 if raw.endswith(":") else -1)
                              if i >= 0)
            if isinstance(parent, Member):
                raise _Invalid(ParseError("mapping values are not allowed here", colon, colon + 1))
            raise _Unsupported("colon in a plain scalar")
        kind, value = resolve(raw)
        node = Node(kind, pos, pos + len(raw), value, parent=parent)
        node.style = "plain"
        return node

    def after_value(self, end: int, line_end: int) -> None:
        rest = self.text[end:line_end]
        stripped = rest.lstrip(" \t")
        if stripped and not (stripped.startswith("#") and len(stripped) < len(rest)):
            raise _Unsupported("text after a value")

    def quoted_end(self, pos: int, line_end: int) -> int:
        text, quote = self.text, self.text[pos]
        i = pos + 1
        while i < line_end:
            c = text[i]
            if quote == "'" and c == "'":
                if i + 1 < line_end and text[i + 1] == "'":
                    i += 2
                    continue
                return i + 1
            if quote == '"':
                if c == "\\":
                    i += 2
                    continue
                if c == '"':
                    return i + 1
            i += 1
        raise _Unsupported("quoted scalar over several lines")

    def quoted_value(self, start: int, end: int) -> str:
        raw = self.text[start + 1:end - 1]
        if self.text[start] == "'":
            return raw.replace("''", "'")
        if "\\" not in raw:
            return raw
        out, i = [], 0
        while i < len(raw):
            c = raw[i]
            if c != "\\":
                out.append(c)
                i += 1
                continue
            e = raw[i + 1:i + 2]
            if e in _ESCAPES:
                out.append(_ESCAPES[e])
                i += 2
            elif e in _HEX_ESCAPES:
                digits = raw[i + 2:i + 2 + _HEX_ESCAPES[e]]
                if len(digits) != _HEX_ESCAPES[e] or not all(d in "0123456789abcdefABCDEF" for d in digits):
                    raise _Unsupported("bad escape")
                code = int(digits, 16)
                if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                    raise _Unsupported("surrogate escape")
                out.append(chr(code))
                i += 2 + len(digits)
            else:
                raise _Unsupported("bad escape")
        return "".join(out)

    def flow(self, pos: int, line_end: int, parent) -> tuple[Node, int]:
        text = self.text
        opener = text[pos]
        node = Node("array" if opener == "[" else "object", pos, pos, parent=parent)
        closer = "]" if opener == "[" else "}"
        i = pos + 1
        seen: set = set()
        while True:
            while i < line_end and text[i] in " \t":
                i += 1
            if i >= line_end:
                raise _Unsupported("flow collection over several lines")
            if text[i] == closer:
                node.end = i + 1
                return node, i + 1
            if opener == "[":
                item, i = self.flow_item(i, line_end, node, "]")
                node.children.append(item)
            else:
                if text[i] in "\"'":
                    key_end = self.quoted_end(i, line_end)
                    key = self.quoted_value(i, key_end)
                else:
                    key_end = i
                    while key_end < line_end and text[key_end] not in ",:}]{[#" :
                        key_end += 1
                    key = text[i:key_end].rstrip(" \t")
                    key_end = i + len(key)
                    if not key or key[0] in "-?&*!|>%@`'\"" or resolve(key)[0] != "string":
                        raise _Unsupported("flow key")
                member = Member(key, i, key_end, None, node)
                j = key_end
                while j < line_end and text[j] in " \t":
                    j += 1
                if j >= line_end or text[j] != ":":
                    raise _Unsupported("flow key without value")
                j += 1
                while j < line_end and text[j] in " \t":
                    j += 1
                if j < line_end and text[j] in ",}":
                    member.value = Node("null", j, j, None, parent=member)
                else:
                    member.value, j = self.flow_item(j, line_end, member, "}")
                if key in seen:
                    self.errors.append(ParseError("duplicated mapping key", i, key_end))
                seen.add(key)
                node.children.append(member)
                i = j
            while i < line_end and text[i] in " \t":
                i += 1
            if i < line_end and text[i] == ",":
                i += 1
            elif i < line_end and text[i] == closer:
                continue
            else:
                raise _Unsupported("flow separator")

    def flow_item(self, i: int, line_end: int, parent, closer: str) -> tuple[Node, int]:
        text = self.text
        c = text[i]
        if c in "\"'":
            end = self.quoted_end(i, line_end)
            node = Node("string", i, end, self.quoted_value(i, end), parent=parent)
            node.style = c
            return node, end
        if c in "[{":
            return self.flow(i, line_end, parent)
        if c in _PLAIN_START_BAD or c in "#,?:-" and (i + 1 >= line_end or text[i + 1] in " \t,]}"):
            raise _Unsupported("flow indicator")
        end = i
        while end < line_end and text[end] not in ",[]{}":
            if text[end] == ":" and (end + 1 >= line_end or text[end + 1] in " \t,]}"):
                raise _Unsupported("flow pair")
            if text[end] == "#" and text[end - 1] in " \t":
                raise _Unsupported("comment in flow")
            end += 1
        raw = text[i:end].rstrip(" \t")
        kind, value = resolve(raw)
        node = Node(kind, i, i + len(raw), value, parent=parent)
        node.style = "plain"
        return node, i + len(raw)

    def sequence(self, i: int, indent: int, parent) -> tuple[Node, int]:
        lines, text = self.lines, self.text
        node = Node("array", lines.starts[i] + indent, lines.starts[i] + indent, parent=parent)
        while (at := self.entry(i, indent)) is not None:
            i = at
            start = lines.starts[i] + indent
            content = text[start:lines.ends[i]]
            if not (content == "-" or content.startswith("- ")):
                break
            rest = content[1:].lstrip(" ")
            if rest and not rest.startswith("#") and (rest.startswith(("- ", "? ")) or rest == "-"
                                                      or rest[0] in "\"'" and
                                                      re.search(r"['\"][ \t]*:(?:[ \t]|$)", rest)):
                raise _Unsupported("compact nested collection")
            if rest and _KEY.match(rest) and rest[0] not in "\"'":
                column = indent + len(content) - len(rest)      # `- key: v`: a mapping at the key
                item, i = self.mapping(i, column, node, inline=True)
                node.children.append(item)
                node.end = max(node.end, item.end)
                continue
            item, i = self.member_value(i, indent, start + 1, node)
            node.children.append(item)
            node.end = max(node.end, item.end)
        return node, i

    def block_scalar(self, i: int, indent: int, pos: int, parent) -> tuple[Node, int]:
        lines, text = self.lines, self.text
        line_end = lines.ends[i]
        style = text[pos]
        j = pos + 1
        chomp = "clip"
        if j < line_end and text[j] in "-+":
            chomp = "strip" if text[j] == "-" else "keep"
            j += 1
        if j < line_end and text[j] in "123456789":
            raise _Unsupported("indentation indicator")
        header_end = j
        rest = text[j:line_end]
        if rest.strip(" \t") and not (rest.lstrip(" \t").startswith("#") and rest[:1] in " \t"):
            raise _Unsupported("block scalar header")
        # content: the following lines indented deeper than the parent, and blank lines
        k = i + 1
        body: list[tuple[int, int]] = []      # (line index, its indent) of the content lines
        content_indent = None
        last = i
        while k < lines.n:
            s, e = lines.starts[k], lines.ends[k]
            line = text[s:e]
            if not line.strip(" "):
                body.append((k, -1))
                k += 1
                continue
            ind = lines.indents[k]
            if content_indent is None:
                if ind <= indent:
                    break
                content_indent = ind
            elif ind < content_indent:
                if ind > indent:
                    raise _Unsupported("block scalar indentation")
                break
            body.append((k, ind))
            last = k
            k += 1
        if content_indent is None:
            if any(len(text[lines.starts[b]:lines.ends[b]]) > indent for b, _ in body):
                raise _Unsupported("blank lines wider than the parent")
            node = Node("string", pos, header_end, "", parent=parent)
            node.style = style
            return node, k if chomp == "keep" else i + 1
        chunks: list[str] = []
        for b, ind in body:
            s, e = lines.starts[b], lines.ends[b]
            if ind < 0:
                if e - s > content_indent:
                    raise _Unsupported("blank line with more spaces than the content")
                chunks.append(None)  # type: ignore[arg-type]
            else:
                chunks.append(text[s + content_indent:e])
        # trailing blank lines belong to the chomping
        trailing = 0
        while chunks and chunks[-1] is None:
            chunks.pop()
            trailing += 1
        if style == "|":
            value = "\n".join("" if c is None else c for c in chunks)
        else:
            value = self.fold(chunks)
        broken = lines.ends[last] < lines.end      # the last content line has its line break
        if chomp == "clip" and broken:
            value += "\n"
        elif chomp == "keep" and broken:
            value += "\n" + "\n" * trailing
        end = lines.ends[last]
        node = Node("string", pos, end, value, parent=parent)
        node.style = style
        if chomp == "keep" and trailing:
            raise _Unsupported("kept trailing lines")
        return node, last + 1

    @staticmethod
    def fold(chunks: list) -> str:
        if any(c is not None and c[:1] in " \t" for c in chunks):
            raise _Unsupported("more-indented folded lines")
        out: list[str] = []
        pending_blank = 0
        for c in chunks:
            if c is None:
                pending_blank += 1
                continue
            if out:
                out.append("\n" * pending_blank if pending_blank else " ")
            else:
                out.append("\n" * pending_blank)
            pending_blank = 0
            out.append(c)
        return "".join(out)


# -- comments ------------------------------------------------------------------------------


def _scalar_spans(root: Node | None) -> list[tuple[int, int]]:
    spans = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if node.kind == "object":
            for m in node.children:
                spans.append((m.key_start, m.key_end))
                if m.value is not None:
                    stack.append(m.value)
        elif node.kind == "array":
            stack.extend(node.children)
        else:
            spans.append((node.start, node.end))
    spans.sort()
    return spans


def comments(text: str, start: int, end: int, root: Node | None) -> list[tuple[int, int]]:
    """Each ``# ...`` comment (to the end of its line) outside every scalar and key."""
    if "#" not in text[start:end]:
        return []
    spans = _scalar_spans(root)
    starts = [s for s, _ in spans]
    out = []
    pos = start
    while True:
        at = text.find("#", pos, end)
        if at < 0:
            return out
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        if line_end > at and text[line_end - 1] == "\r":
            line_end -= 1
        k = bisect_right(starts, at) - 1
        inside = k >= 0 and spans[k][0] <= at < spans[k][1]
        if not inside and (at == start or text[at - 1] in " \t\n\r"):
            out.append((at, line_end))
            pos = line_end + 1
        else:
            pos = at + 1


# -- the full reader (ruamel.yaml events) ---------------------------------------------------


def _full(text: str, start: int, end: int) -> tuple[Node | None, list[ParseError]]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml import events as ev

    source = text[start:end]
    errors: list[ParseError] = []
    anchors: dict = {}
    stack: list = []       # open collections: [node, pending Member or None]
    root: list = []

    def attach(node: Node) -> None:
        if not stack:
            root.append(node)
            return
        top = stack[-1]
        container, pending = top
        if container.kind == "array":
            node.parent = container
            container.children.append(node)
        elif pending is None:
            if node.kind not in ("string", "number", "boolean", "null", "timestamp"):
                raise _ComplexKey(node.start)
            key = "" if node.value is None else (node.value if isinstance(node.value, str) else _js_key(node.value))
            top[1] = Member(key, node.start, node.end, None, container)
            if any(m.key == key for m in container.children):
                errors.append(ParseError("duplicated mapping key", node.start, node.end))
        else:
            if node.kind == "null" and node.start == node.end and node.style == "plain":
                # an empty value: spanned right after its colon, as the line reader does
                colon = text.find(":", pending.key_end)
                node.start = node.end = colon + 1 if colon >= 0 else pending.key_end
                node.style = None
            node.parent = pending
            pending.value = node
            container.children.append(pending)
            top[1] = None

    try:
        for event in YAML(typ="safe", pure=True).parse(source):
            if isinstance(event, ev.ScalarEvent):
                s, e = start + event.start_mark.index, start + event.end_mark.index
                style = event.style or "plain"
                if event.tag is not None and event.tag not in ("!", "tag:yaml.org,2002:str"):
                    raise _Tag(s, event.tag)
                if style == "plain" and event.tag is None:
                    kind, value = resolve(event.value)
                else:
                    kind, value = "string", event.value
                if style in ("|", ">"):
                    e = _trim_block_end(text, s, e)
                node = Node(kind, s, e, value)
                node.style = style
                if event.anchor:
                    anchors[event.anchor] = node
                attach(node)
            elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                if event.tag is not None:
                    raise _Tag(start + event.start_mark.index, event.tag)
                kind = "object" if isinstance(event, ev.MappingStartEvent) else "array"
                node = Node(kind, start + event.start_mark.index, start + event.start_mark.index)
                if event.anchor:
                    anchors[event.anchor] = node
                attach(node)
                stack.append([node, None])
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                node = stack.pop()[0]
                if text[node.start:node.start + 1] in ("[", "{"):      # flow: up to its bracket
                    node.end = start + event.end_mark.index
                else:                                                   # block: up to its last value
                    node.end = _last_end(node)
            elif isinstance(event, ev.AliasEvent):
                target = anchors.get(event.anchor)
                s, e = start + event.start_mark.index, start + event.end_mark.index
                if target is None:
                    errors.append(ParseError(f'unidentified alias "{event.anchor}"', s, e))
                    return None, errors
                attach(_copy(target, s, e))
    except (_Tag, _ComplexKey) as exc:
        errors.append(ParseError(str(exc), exc.offset, exc.offset + 1))
        return None, errors
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = start + (mark.index if mark is not None else 0)
        at = min(at, max(end - 1, start))
        errors.append(ParseError(" ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML",
                                 at, min(at + 1, max(end, at))))
        return None, errors
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        errors.append(ParseError(str(exc).splitlines()[0] if str(exc) else "invalid YAML", start, start))
        return None, errors
    return (root[0] if root else None), errors


class _Tag(Exception):
    def __init__(self, offset: int, tag: str):
        super().__init__(f"unknown tag {tag}")
        self.offset = offset


class _ComplexKey(Exception):
    def __init__(self, offset: int):
        super().__init__("a collection as a mapping key")
        self.offset = offset


def _js_key(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _last_end(node: Node) -> int:
    if not node.children:
        return node.start
    last = node.children[-1]
    return last.end


def _trim_block_end(text: str, start: int, end: int) -> int:
    """A block scalar's span without the trailing line breaks and blank lines ruamel counts."""
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _copy(node: Node, start: int, end: int) -> Node:
    """An alias: the anchored node's value, spanned at the alias."""
    out = Node(node.kind, start, end, node.value)
    out.style = "alias"
    if node.kind == "object":
        for m in node.children:
            out.children.append(Member(m.key, start, end, _copy(m.value, start, end) if m.value else None, out))
            if m.value is not None:
                out.children[-1].value.parent = out.children[-1]
    elif node.kind == "array":
        for child in node.children:
            c = _copy(child, start, end)
            c.parent = out
            out.children.append(c)
    return out


def parse(text: str, start: int = 0, end: int | None = None) -> YamlParse:
    """Read the YAML in ``text[start:end]``. Never raises on any input."""
    end = len(text) if end is None else end
    try:
        reader = _LineReader(text, start, end)
        root = reader.read()
        errors = reader.errors
    except _Invalid as invalid:
        root, errors = None, [invalid.error]
    except (_Unsupported, IndexError):
        root, errors = _full(text, start, end)
    return YamlParse(root, errors, comments(text, start, end, root))
