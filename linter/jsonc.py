"""JSONC scanner and parser: one pass gives the values and a tree of spanned nodes.

It follows Microsoft's jsonc-parser (what OpenCode uses, with ``allowTrailingComma``) token
for token: the same tokens, the same error names at the same offsets, the same recovery.
Two additions, both recorded rather than silently accepted:

* JSON5-only syntax (single quotes, unquoted keys, hex, ``+1``, ``.5``, ``5.``, NaN,
  Infinity) is read as JSON5 reads it and listed in ``Parse.json5`` instead of as errors,
  so a rule can explain it and offer the JSON spelling.
* ``{env:NAME}`` and ``{file:path}`` written outside a string are placeholder values,
  because OpenCode substitutes them in the raw text before it parses.

Offsets are indices into the text (code points). Nesting deeper than ``MAX_DEPTH`` is one
error (``NestingTooDeep``) and the deeper part becomes a single ``invalid`` node, so no
input can exhaust the stack.
"""

from __future__ import annotations

from linter.i18n import _
import json
import re

from linter import precompiled
from linter.records import dataclass, field
from collections.abc import Iterator

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

MAX_DEPTH = 128

# token kinds
OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COMMA, COLON = range(6)
NULL, TRUE, FALSE, STRING, NUMBER, PLACEHOLDER, UNKNOWN, EOF = range(6, 14)
LITERALS = {NULL: None, TRUE: True, FALSE: False}

_PUNCT = {"{": OPEN_BRACE, "}": CLOSE_BRACE, "[": OPEN_BRACKET, "]": CLOSE_BRACKET,
          ",": COMMA, ":": COLON}
_SEPARATORS = frozenset(' \t\r\n{}[]":,/')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_JSON5_ESCAPES = {"'": "'", "v": "\v", "0": "\0"}
_PLACEHOLDER = precompiled.regex(r"\{(?:env|file):[^}]+\}")
_INT = precompiled.regex(r"-?(?:0|[1-9][0-9]*)")
_JSON_NUMBER = precompiled.regex(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_JSON5_NUMBER = precompiled.regex(r"[+-]?(?:0[xX][0-9a-fA-F]+|Infinity|NaN|"
                           r"(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")
_IDENTIFIER = precompiled.regex(r"[A-Za-z_$][A-Za-z0-9_$]*")
_WHITESPACE = precompiled.regex(r"[ \t\r\n]+")
_SIMPLE_STRING = precompiled.regex(r'"([^"\\\x00-\x1f]*)"')
_LINE_REST = precompiled.regex(r"[^\r\n]*")
_LOW_SURROGATE = precompiled.regex(r"\\u(d[c-f][0-9a-f]{2})", re.I)
_WORD = precompiled.regex(r'[^ \t\r\n{}\[\]":,/]+')
# The common tokens in one match, after whitespace. Numbers and literals only as a whole
# word, as the scanner reads words; `{` only when it does not open a placeholder; strings
# without `\u` escapes or control characters. The scanner's fast path and ``_well_formed``
# both read through it; anything else goes the long way.
_END_OF_WORD = r"""(?![^ \t\r\n{}\[\]":,/])"""
_TOKEN = precompiled.regex(r"""[ \t\r\n]*(?:
    "([^"\\\x00-\x1f]*)"
  | (\{)(?!(?:env|file):[^}]+\})
  | (\[)
  | (,)
  | (:)
  | ([}\]])
  | (-?(?:0|[1-9][0-9]*)) ((?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)""" + _END_OF_WORD + r"""
  | (true|false|null)""" + _END_OF_WORD + r"""
  | (//[^\r\n]*|/\*.*?\*/)
  | ("(?:[^"\\\x00-\x1f]|\\["\\/bfnrt])*")
  | (\Z)
)""", re.X | re.S)
# The commonest member, `"key": value,` with a plain string key and a plain scalar value (or
# the `{`/`[` that opens one), in one match: ``_well_formed`` reads most of a file with it.
_MEMBER = precompiled.regex(r"""[ \t\r\n]*"([^"\\\x00-\x1f]*)"[ \t\r\n]*:[ \t\r\n]*(?:
    "([^"\\\x00-\x1f]*)"
  | (-?(?:0|[1-9][0-9]*)) ((?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)""" + _END_OF_WORD + r"""
  | (true|false|null)""" + _END_OF_WORD + r"""
  | (\{)(?!(?:env|file):[^}]+\})
  | (\[)
)(?:[ \t\r\n]*,)?""", re.X)
_M_STRING, _M_INT, _M_NUMBER, _M_WORD, _M_OPEN_BRACE, _M_OPEN_BRACKET = range(2, 8)
(_T_STRING, _T_OPEN_BRACE, _T_OPEN_BRACKET, _T_COMMA, _T_COLON, _T_CLOSE, _T_INT, _T_NUMBER, _T_WORD,
 _T_COMMENT, _T_ESCAPED, _T_END) = range(1, 13)
_T_KINDS = {_T_OPEN_BRACE: OPEN_BRACE, _T_OPEN_BRACKET: OPEN_BRACKET, _T_COMMA: COMMA, _T_COLON: COLON}
_KEYWORDS = {"true": TRUE, "false": FALSE, "null": NULL}
_WORD_NODES = {"true": ("boolean", True), "false": ("boolean", False), "null": ("null", None)}


@dataclass(slots=True)
class ParseError:
    """A syntax error, named as jsonc-parser names it."""

    name: str
    start: int
    end: int


@dataclass(slots=True)
class Json5Use:
    """JSON5-only syntax that OpenCode rejects: what it is and its JSON spelling."""

    what: str          # "single-quoted string", "unquoted key", "hexadecimal number", ...
    start: int
    end: int
    replacement: str | None   # the JSON text with the same value, or None if JSON has none


@dataclass(slots=True, eq=False)
class Node:
    """A value in the tree. ``kind`` is object, array, string, number, boolean, null,
    placeholder or invalid. Objects hold ``Member``s, arrays hold ``Node``s."""

    kind: str
    start: int
    end: int
    value: Any = None
    children: list = field(default_factory=list)
    parent: "Member | Node | None" = None
    style: str | None = None     # YAML scalars: plain, ', ", | or > (None in JSONC)

    def get(self, key: str) -> "Member | None":
        """The last member named ``key`` (the one OpenCode keeps), or None."""
        if self.kind != "object":
            return None
        for member in reversed(self.children):
            if member.key == key:
                return member
        return None

    def members(self) -> Iterator["Member"]:
        """Members in order, duplicates included."""
        return iter(self.children) if self.kind == "object" else iter(())

    def find(self, path) -> "Node | None":
        """The node at ``path`` (keys and indices), or None."""
        node = self
        for step in path:
            if node.kind == "object" and isinstance(step, str):
                member = node.get(step)
                node = member.value if member else None
            elif node.kind == "array" and isinstance(step, int) and 0 <= step < len(node.children):
                node = node.children[step]
            else:
                return None
            if node is None:
                return None
        return node

    @property
    def member(self) -> "Member | None":
        """The member whose value this node is, if any."""
        return self.parent if isinstance(self.parent, Member) else None

    def path(self) -> tuple:
        """Keys and indices from the root to this node."""
        steps, node = [], self
        while node.parent is not None:
            parent = node.parent
            if isinstance(parent, Member):
                steps.append(parent.key)
                node = parent.parent
            else:
                steps.append(parent.children.index(node))
                node = parent
        return tuple(reversed(steps))

    def to_python(self) -> Any:
        """The plain value (dicts, lists, ...). Later duplicate keys win, as in OpenCode."""
        if self.kind == "object":
            return {m.key: m.value.to_python() for m in self.children if m.value is not None}
        if self.kind == "array":
            return [child.to_python() for child in self.children]
        return self.value


@dataclass(slots=True, eq=False)
class Member:
    """``"key": value`` in an object. ``value`` is None when the value is missing."""

    key: str
    key_start: int
    key_end: int
    value: Node | None
    parent: Node
    comma: int | None = None   # offset of the comma that follows, if any

    @property
    def start(self) -> int:
        return self.key_start

    @property
    def end(self) -> int:
        return self.value.end if self.value is not None else self.key_end


@dataclass(slots=True)
class Parse:
    root: Node | None
    errors: list[ParseError]
    json5: list[Json5Use]
    comments: list[tuple[int, int]]
    # every node in document order, when the parse made them in that order (``walk`` else)
    nodes: list | None = field(default=None, repr=False, compare=False)


class _Scanner:
    __slots__ = ("text", "pos", "kind", "start", "value", "error", "json5")

    def __init__(self, text: str):
        self.text, self.pos = text, 0
        self.kind, self.start, self.value, self.error, self.json5 = EOF, 0, None, None, None

    def scan(self) -> int | str:
        """The next token, or the name of a trivia ("ws", "comment"). Sets the fields."""
        text, pos = self.text, self.pos
        m = _TOKEN.match(text, pos)
        group = m.lastindex if m is not None else None
        if group is not None and group <= _T_WORD:     # the fast path: most tokens of most files
            self.error = self.json5 = None
            self.pos = end = m.end()
            if group == _T_STRING:
                self.start, self.value, self.kind = m.start(1) - 1, m.group(1), STRING
            elif group == _T_NUMBER:
                self.start, self.kind = m.start(_T_INT), NUMBER
                self.value = float(text[self.start:end]) if m.start(_T_NUMBER) < end else _to_number(m.group(_T_INT))
            elif group == _T_WORD:
                self.start, self.value, self.kind = m.start(_T_WORD), None, _KEYWORDS[m.group(_T_WORD)]
            else:
                self.start, self.value = end - 1, None
                self.kind = _T_KINDS.get(group) or _PUNCT[text[end - 1]]
            return self.kind
        if pos < len(text) and text[pos] in " \t\r\n":      # whitespace is skipped right here
            pos = self.pos = _WHITESPACE.match(text, pos).end()
        self.start, self.value, self.error, self.json5 = pos, None, None, None
        if pos >= len(text):
            self.kind = EOF
            return EOF
        ch = text[pos]
        if ch == "{":
            m = _PLACEHOLDER.match(text, pos)
            if m:
                return self._token(PLACEHOLDER, m.end(), m.group())
        if ch in _PUNCT:
            return self._token(_PUNCT[ch], pos + 1)
        if ch == '"':
            m = _SIMPLE_STRING.match(text, pos)      # the common case: no escapes, no controls
            if m:
                return self._token(STRING, m.end(), m.group(1))
            return self._string(pos, '"')
        if ch == "/":
            nxt = text[pos + 1:pos + 2]
            if nxt == "/":
                self.pos = _LINE_REST.match(text, pos).end()
                return "comment"
            if nxt == "*":
                end = text.find("*/", pos + 2)
                if end < 0:
                    self.error, self.pos = "UnexpectedEndOfComment", len(text)
                else:
                    self.pos = end + 2
                return "comment"
            return self._token(UNKNOWN, pos + 1, "/")
        if ch == "'":
            return self._string(pos, "'")
        if ch == "-" or "0" <= ch <= "9":
            return self._number(pos)
        m = _WORD.match(text, pos)
        end = m.end() if m else pos + 1
        word = text[pos:end]
        if word in ("true", "false", "null"):
            return self._token({"true": TRUE, "false": FALSE, "null": NULL}[word], end)
        if _JSON5_NUMBER.fullmatch(word) and (pos == 0 or text[pos - 1] in _SEPARATORS):
            return self._json5_number(pos, end)     # a whole token (not `.5` glued to `1.9`)
        return self._token(UNKNOWN, end, word)

    def _token(self, kind: int, end: int, value=None) -> int:
        self.kind, self.pos, self.value = kind, end, value
        return kind

    def _number(self, pos: int) -> int:
        text = self.text
        m = _WORD.match(text, pos)
        end = m.end() if m else pos
        word = text[pos:end]
        if _JSON_NUMBER.fullmatch(word):             # the common case
            return self._token(NUMBER, end, _to_number(word))
        if _JSON5_NUMBER.fullmatch(word):
            return self._json5_number(pos, end)
        if text[pos] == "-" and (pos + 1 >= len(text) or not "0" <= text[pos + 1] <= "9"):
            return self._token(UNKNOWN, pos + 1, "-")
        end = _INT.match(text, pos).end()
        if end < len(text) and text[end] == ".":
            end += 1
            digits = end
            while end < len(text) and "0" <= text[end] <= "9":
                end += 1
            if end == digits:
                self.error = "UnexpectedEndOfNumber"
                return self._token(NUMBER, end, float(text[pos:end - 1]))
        value_end = end
        if end < len(text) and text[end] in "eE":
            end += 1
            if end < len(text) and text[end] in "+-":
                end += 1
            digits = end
            while end < len(text) and "0" <= text[end] <= "9":
                end += 1
            if end == digits:
                self.error = "UnexpectedEndOfNumber"
            else:
                value_end = end
        return self._token(NUMBER, end, _to_number(text[pos:value_end]))

    def _json5_number(self, pos: int, end: int) -> int:
        word = self.text[pos:end]
        sign = "-" if word.startswith("-") else ""
        body = word.lstrip("+-")
        if body[:2] in ("0x", "0X"):
            value, what = int(body, 16), _("hexadecimal number")
            replacement = _decimal(value)
            if replacement is None:     # too long to write in decimal: JavaScript reads Infinity
                value = float("inf")
        elif body in ("Infinity", "NaN"):
            value, what, replacement = float(body.replace("inity", "")), body, None
        else:
            what = (_("leading '+' sign") if word.startswith("+") else
                    _("leading decimal point") if body.startswith(".") else _("trailing decimal point"))
            mantissa, e, exponent = body.partition("e") if "e" in body else body.partition("E")
            mantissa = ("0" + mantissa if mantissa.startswith(".") else mantissa).rstrip(".")
            replacement = mantissa + e + exponent
            value = float(replacement) if "." in body or e else _to_number(replacement)
        if replacement is not None:
            replacement = sign + replacement
        self.json5 = Json5Use(what, pos, end, replacement)
        return self._token(NUMBER, end, -value if sign else value)

    def _string(self, pos: int, quote: str) -> int:
        text, n = self.text, len(self.text)
        parts, i, start = [], pos + 1, pos + 1
        while True:
            if i >= n:
                parts.append(text[start:i])
                self.error = "UnexpectedEndOfString"
                break
            ch = text[i]
            if ch == quote:
                parts.append(text[start:i])
                i += 1
                break
            if ch == "\\":
                parts.append(text[start:i])
                i += 1
                if i >= n:
                    self.error = "UnexpectedEndOfString"
                    break
                esc = text[i]
                i += 1
                if esc in _ESCAPES:
                    parts.append(_ESCAPES[esc])
                elif esc == "u":
                    hexa = text[i:i + 4]
                    if len(hexa) == 4 and all(c in "0123456789abcdefABCDEF" for c in hexa):
                        parts.append(chr(int(hexa, 16)))
                        i += 4
                        low = _LOW_SURROGATE.match(text, i)
                        if 0xD800 <= ord(parts[-1]) <= 0xDBFF and low:    # a pair: one character
                            parts[-1] = chr(0x10000 + ((ord(parts[-1]) - 0xD800) << 10) + int(low.group(1), 16) - 0xDC00)
                            i = low.end()
                    else:
                        self.error = "InvalidUnicode"
                elif quote == "'" and esc in _JSON5_ESCAPES:
                    parts.append(_JSON5_ESCAPES[esc])
                else:
                    self.error = "InvalidEscapeCharacter"
                start = i
                continue
            if ch <= "\x1f":
                if ch in "\r\n":
                    parts.append(text[start:i])
                    self.error = "UnexpectedEndOfString"
                    break
                self.error = "InvalidCharacter"
            i += 1
        value = "".join(parts)
        if self.error or quote == "'":
            # jsonc-parser rejects it; if JSON5 reads the whole string, record that instead
            read = _json5_string(text, pos, quote)
            if read is not None and (quote == "'" or read[2] is not None):
                value, i, escape = read
                what = _("single-quoted string") if quote == "'" else _("the escape {escape} in").format(escape=escape)
                self.json5, self.error = Json5Use(what, pos, i, _json_string(value)), None
            elif quote == "'":
                self.json5 = Json5Use(_("single-quoted string"), pos, i, None)
        return self._token(STRING, i, value)


_JSON5_SINGLE = {'"': '"', "'": "'", "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                 "t": "\t", "v": "\v"}
_HEX2 = precompiled.regex(r"[0-9a-fA-F]{2}")
_HEX4 = precompiled.regex(r"[0-9a-fA-F]{4}")


def _json5_string(text: str, pos: int, quote: str) -> tuple[str, int, str | None] | None:
    """The string at ``pos`` read as JSON5 reads it: (value, end, the first JSON5-only
    escape as shown in a message, or None), or None when JSON5 rejects it too. The escapes
    read: JSON's, `\\'`, `\\v`, `\\0` (not before a digit), `\\xHH` and a line continuation.
    An identity escape (`\\a` is `a` in JSON5) is not: `"C:\\Users"` meant a backslash, so
    no spelling of it is known to keep the author's meaning. Raw control characters are
    left to OC101 as well."""
    n, i = len(text), pos + 1
    parts, start, first = [], i, None
    while i < n:
        ch = text[i]
        if ch == quote:
            parts.append(text[start:i])
            value = "".join(parts)
            if _SURROGATE.search(value):    # `\\ud83d\\ude00` is one character, as JavaScript reads it
                value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
            return value, i + 1, first
        if ch <= "\x1f":
            return None
        if ch != "\\":
            i += 1
            continue
        parts.append(text[start:i])
        esc = text[i + 1:i + 2]
        shown = None
        if esc in _JSON5_SINGLE:
            parts.append(_JSON5_SINGLE[esc])
            shown, i = (f"`\\{esc}`" if esc in "'v" else None), i + 2
        elif esc == "u" and _HEX4.match(text, i + 2):
            parts.append(chr(int(text[i + 2:i + 6], 16)))
            i += 6
        elif esc == "x" and _HEX2.match(text, i + 2):
            parts.append(chr(int(text[i + 2:i + 4], 16)))
            shown, i = f"`{text[i:i + 4]}`", i + 4
        elif esc == "0" and not ("0" <= text[i + 2:i + 3] <= "9" and text[i + 2:i + 3]):
            parts.append("\0")
            shown, i = "`\\0`", i + 2
        elif esc in ("\r", "\n", "\u2028", "\u2029"):
            shown = _("`\\` at a line's end (a line continuation)")
            i += 3 if text[i + 1:i + 3] == "\r\n" else 2
        else:
            return None
        first = first or shown
        start = i
    return None


def _identifier(word: str) -> bool:
    """A JSON5 (ECMAScript 5.1) identifier name: letters of any script, `$`, `_`, then
    digits and combining marks too (Python's identifier rule is the same Unicode
    properties, ID_Start and ID_Continue, apart from `$`)."""
    return bool(_IDENTIFIER.fullmatch(word)) or (word.isascii() is False and word.replace("$", "_").isidentifier())


def _after_trivia(text: str, pos: int) -> str:
    """The character after whitespace and comments from ``pos`` ('' at the end)."""
    while pos < len(text):
        ch = text[pos]
        if ch in " \t\r\n":
            pos += 1
        elif text.startswith("//", pos):
            while pos < len(text) and text[pos] not in "\r\n":
                pos += 1
        elif text.startswith("/*", pos):
            end = text.find("*/", pos + 2)
            pos = len(text) if end < 0 else end + 2
        else:
            return ch
    return ""


def _to_number(word: str):
    """An int, or a float when it has a fraction or exponent, or more digits than Python
    converts (then it is as large as JavaScript reads it: Infinity)."""
    try:
        return int(word)
    except ValueError:
        return float(word)


def _decimal(value: int) -> str | None:
    """``value`` in decimal, or None when it has more digits than Python writes."""
    try:
        return str(value)
    except ValueError:
        return None


_SURROGATE = precompiled.regex("[\ud800-\udfff]")


def dumps(value: Any, **options) -> str:
    """JSON text for ``value``, non-ASCII kept as written, except a lone surrogate (which a
    `\\ud800` escape can put in a string): that stays an escape, so the text encodes."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, **options))


def _json_string(value: str) -> str:
    return dumps(value)


class _Parser:
    """jsonc-parser's ``visit`` with ``allowTrailingComma``, building nodes."""

    def __init__(self, text: str):
        self.scanner = _Scanner(text)
        self.errors: list[ParseError] = []
        self.json5: list[Json5Use] = []
        self.comments: list[tuple[int, int]] = []
        self.depth = 0

    # -- tokens --------------------------------------------------------------------------

    def error(self, name: str, skip_after=(), skip_until=()) -> None:
        s = self.scanner
        self.errors.append(ParseError(name, s.start, max(s.pos, s.start)))
        if skip_after or skip_until:
            token = s.kind
            while token != EOF:
                if token in skip_after:
                    self.next()
                    break
                if token in skip_until:
                    break
                token = self.next()

    def next(self) -> int:
        s = self.scanner
        while True:
            token = s.scan()
            if s.error:
                self.error(s.error)
            if s.json5 is not None:
                self.json5.append(s.json5)
            if token == "comment":
                self.comments.append((s.start, s.pos))
            elif token == UNKNOWN:
                if self._unquoted_key():
                    return STRING
                self.error("InvalidSymbol")
            elif token != "ws":
                return token

    def _unquoted_key(self) -> bool:
        """An identifier followed by ':' reads as a JSON5 unquoted key."""
        s = self.scanner
        word = s.value or ""
        if not _identifier(word):
            return False
        if _after_trivia(s.text, s.pos)[:1] != ":":
            return False
        s.kind, s.value = STRING, word
        self.json5.append(Json5Use(_("unquoted key"), s.start, s.pos, _json_string(word)))
        return True

    # -- grammar -------------------------------------------------------------------------

    def parse(self) -> Node | None:
        token = self.next()
        if token == EOF:
            self.error("ValueExpected")
            return None
        root = self.value(None)
        if root is None:
            self.error("ValueExpected")
        elif self.scanner.kind != EOF:
            self.error("EndOfFileExpected")
        return root

    def value(self, parent) -> Node | None:
        s = self.scanner
        token = s.kind
        if token in (OPEN_BRACE, OPEN_BRACKET):
            if self.depth >= MAX_DEPTH:
                return self.too_deep(parent)
            self.depth += 1
            try:
                return self.object(parent) if token == OPEN_BRACE else self.array(parent)
            finally:
                self.depth -= 1
        if token == STRING:
            node = Node("string", s.start, s.pos, s.value, parent=parent)
        elif token == NUMBER:
            node = Node("number", s.start, s.pos, s.value, parent=parent)
        elif token in LITERALS:
            node = Node("null" if token == NULL else "boolean", s.start, s.pos,
                        LITERALS[token], parent=parent)
        elif token == PLACEHOLDER:
            node = Node("placeholder", s.start, s.pos, s.value, parent=parent)
        else:
            return None
        self.next()
        return node

    def too_deep(self, parent) -> Node:
        s = self.scanner
        start = s.start
        self.errors.append(ParseError("NestingTooDeep", s.start, s.pos))
        depth = 0
        token = s.kind
        while token != EOF:
            if token in (OPEN_BRACE, OPEN_BRACKET):
                depth += 1
            elif token in (CLOSE_BRACE, CLOSE_BRACKET):
                depth -= 1
                if depth == 0:
                    end = s.pos
                    self.next()
                    return Node("invalid", start, end, parent=parent)
            token = self.next()
        return Node("invalid", start, s.start, parent=parent)

    def object(self, parent) -> Node:
        s = self.scanner
        node = Node("object", s.start, s.start, {}, parent=parent)
        self.next()
        needs_comma = False
        last: Member | None = None
        while s.kind not in (CLOSE_BRACE, EOF):
            if s.kind == COMMA:
                if not needs_comma:
                    self.error("ValueExpected")
                if last is not None and last.comma is None:
                    last.comma = s.start
                self.next()
                if s.kind == CLOSE_BRACE:
                    break
            elif needs_comma:
                self.error("CommaExpected")
            member = self.member(node)
            if member is None:
                self.error("ValueExpected", (), (CLOSE_BRACE, COMMA))
            else:
                node.children.append(member)
            last = member
            needs_comma = True
        if s.kind != CLOSE_BRACE:
            node.end = s.start
            self.error("CloseBraceExpected", (CLOSE_BRACE,), ())
        else:
            node.end = s.pos
            self.next()
        return node

    def member(self, obj: Node) -> Member | None:
        s = self.scanner
        word = s.text[s.start:s.pos]
        if s.kind in (NULL, TRUE, FALSE, NUMBER) and _IDENTIFIER.fullmatch(word) \
                and _after_trivia(s.text, s.pos) == ":":
            # JSON5 allows `true: 1` and `Infinity: 1`: a key, not a value
            if self.json5 and self.json5[-1].start == s.start:
                self.json5.pop()
            self.json5.append(Json5Use(_("unquoted key"), s.start, s.pos, _json_string(word)))
            s.kind, s.value = STRING, word
        if s.kind != STRING:
            self.error("PropertyNameExpected", (), (CLOSE_BRACE, COMMA))
            return None
        member = Member(s.value, s.start, s.pos, None, obj)
        self.next()
        if s.kind == COLON:
            self.next()
            member.value = self.value(member)
            if member.value is None:
                self.error("ValueExpected", (), (CLOSE_BRACE, COMMA))
        else:
            self.error("ColonExpected", (), (CLOSE_BRACE, COMMA))
        return member

    def array(self, parent) -> Node:
        s = self.scanner
        node = Node("array", s.start, s.start, parent=parent)
        self.next()
        needs_comma = False
        while s.kind not in (CLOSE_BRACKET, EOF):
            if s.kind == COMMA:
                if not needs_comma:
                    self.error("ValueExpected")
                self.next()
                if s.kind == CLOSE_BRACKET:
                    break
            elif needs_comma:
                self.error("CommaExpected")
            item = self.value(node)
            if item is None:
                self.error("ValueExpected", (), (CLOSE_BRACKET, COMMA))
            else:
                node.children.append(item)
            needs_comma = True
        if s.kind != CLOSE_BRACKET:
            node.end = s.start
            self.error("CloseBracketExpected", (CLOSE_BRACKET,), ())
        else:
            node.end = s.pos
            self.next()
        return node


def parse(text: str) -> Parse:
    """Parse JSONC text (without its BOM). Never raises on any input."""
    well_formed = _well_formed(text)
    if well_formed is not None:
        return well_formed
    parser = _Parser(text)
    root = parser.parse()
    return Parse(root, parser.errors, parser.json5, parser.comments)


def _well_formed(text: str) -> Parse | None:
    """The parse of a text without errors, JSON5 or placeholders, in one tight loop over
    ``_TOKEN``; None as soon as anything needs the parser above, which then starts over.
    The tests hold the two to the same trees, spans and comments."""
    comments: list[tuple[int, int]] = []
    nodes: list[Node] = []      # made in document order: ``walk``'s order
    match, member_match = _TOKEN.match, _MEMBER.match
    pos, stack, root, top, parent = 0, [], None, None, None
    # what may come next: a value, a key or `}`, a `,` or the close, a `:`, a value or `]`, the end
    VALUE, KEY_OR_CLOSE, COMMA_OR_CLOSE, COLON_, VALUE_OR_CLOSE, END = range(6)
    state = VALUE
    while True:
        if state == KEY_OR_CLOSE and (mm := member_match(text, pos)) is not None:
            # the whole `"key": value,` at once
            parent = Member(mm.group(1), mm.start(1) - 1, mm.end(1) + 1, None, top)
            top.children.append(parent)
            v = mm.lastindex
            end = mm.end(v)
            if v == _M_STRING:
                node = Node("string", mm.start(v) - 1, end + 1, mm.group(v), [], parent)
                end += 1
            elif v == _M_NUMBER:
                start = mm.start(_M_INT)
                number = float(text[start:end]) if mm.start(_M_NUMBER) < end else _to_number(mm.group(_M_INT))
                node = Node("number", start, end, number, [], parent)
            elif v == _M_WORD:
                kind, value = _WORD_NODES[mm.group(v)]
                node = Node(kind, mm.start(v), end, value, [], parent)
            elif len(stack) < MAX_DEPTH:
                node = Node("object" if v == _M_OPEN_BRACE else "array", end - 1, end - 1,
                            {} if v == _M_OPEN_BRACE else None, [], parent)
                nodes.append(node)
                parent.value = node
                stack.append(node)
                top = node
                state = KEY_OR_CLOSE if v == _M_OPEN_BRACE else VALUE_OR_CLOSE
                pos = end
                continue
            else:
                return None
            nodes.append(node)
            parent.value = node
            pos = mm.end()
            if text[pos - 1] == ",":
                parent.comma = pos - 1
            else:
                state = COMMA_OR_CLOSE
            continue
        m = match(text, pos)
        if m is None:
            return None
        g = m.lastindex
        pos = m.end()
        if g == _T_COMMENT:
            comments.append((m.start(g), pos))
            continue
        if state == COLON_:
            if g != _T_COLON:
                return None
            state = VALUE
            continue
        if state == COMMA_OR_CLOSE:
            if g == _T_COMMA:
                if top.kind == "object":
                    top.children[-1].comma = pos - 1
                    state = KEY_OR_CLOSE
                else:
                    state = VALUE_OR_CLOSE
                continue
            if g != _T_CLOSE or (text[pos - 1] == "}") != (top.kind == "object"):
                return None
        elif state == KEY_OR_CLOSE:
            if g == _T_STRING or g == _T_ESCAPED:
                key = m.group(g) if g == _T_STRING else json.loads(m.group(g))
                parent = Member(key, m.start(g) - (g == _T_STRING), pos, None, top)
                top.children.append(parent)
                state = COLON_
                continue
            if g != _T_CLOSE or text[pos - 1] != "}":
                return None
        elif state == END:
            return Parse(root, [], [], comments, nodes) if g == _T_END else None
        elif state == VALUE_OR_CLOSE and g == _T_CLOSE and text[pos - 1] == "]":
            pass
        else:       # a value
            if state == VALUE_OR_CLOSE:
                parent = top
            if g == _T_STRING:
                node = Node("string", m.start(g) - 1, pos, m.group(g), [], parent)
            elif g == _T_NUMBER:
                start = m.start(_T_INT)
                number = float(text[start:pos]) if m.start(g) < pos else _to_number(m.group(_T_INT))
                node = Node("number", start, pos, number, [], parent)
            elif g == _T_WORD:
                kind, value = _WORD_NODES[m.group(g)]
                node = Node(kind, m.start(g), pos, value, [], parent)
            elif g == _T_ESCAPED:
                node = Node("string", m.start(g), pos, json.loads(m.group(g)), [], parent)
            elif (g == _T_OPEN_BRACE or g == _T_OPEN_BRACKET) and len(stack) < MAX_DEPTH:
                node = Node("object" if g == _T_OPEN_BRACE else "array", pos - 1, pos - 1,
                            {} if g == _T_OPEN_BRACE else None, [], parent)
            else:
                return None
            nodes.append(node)
            if parent is None:
                root = node
            elif parent is top:
                top.children.append(node)
            else:
                parent.value = node
            if g == _T_OPEN_BRACE or g == _T_OPEN_BRACKET:
                stack.append(node)
                top = node
                state = KEY_OR_CLOSE if g == _T_OPEN_BRACE else VALUE_OR_CLOSE
            else:
                state = COMMA_OR_CLOSE if stack else END
            continue
        # a close that fits the open container
        top.end = pos
        stack.pop()
        if stack:
            top = stack[-1]
            state = COMMA_OR_CLOSE
        else:
            state = END


def walk(root: Node | None) -> Iterator[Node]:
    """Every node under ``root`` (itself included), in document order, without recursion."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        yield node
        if node.kind == "object":
            stack.extend(m.value for m in reversed(node.children) if m.value is not None)
        elif node.kind == "array":
            stack.extend(reversed(node.children))


def value_offsets(text: str, start: int, end: int) -> list[int] | None:
    """For the inside of a string literal, ``text[start:end]``: the offset in ``text`` of
    each character of its value, plus ``end`` (so a run of the value maps to a span of the
    text, escapes included). None if an escape does not decode (``\\u`` without 4 hex digits)."""
    offsets, i = [], start
    while i < end:
        if text[i] != "\\":
            offsets.append(i)
            i += 1
            continue
        esc = text[i + 1:i + 2]
        if esc == "u":
            hexa = text[i + 2:i + 6]
            if len(hexa) != 4 or not all(c in "0123456789abcdefABCDEF" for c in hexa):
                return None
            offsets.append(i)
            i += 6
            low = _LOW_SURROGATE.match(text, i)
            if 0xD800 <= int(hexa, 16) <= 0xDBFF and low and low.end() <= end:    # a pair: one character
                i = low.end()
        elif esc == "x":
            offsets.append(i)
            i += 4
        elif esc == "\r":           # a line continuation: no character
            i += 3 if text[i + 2:i + 3] == "\n" else 2
        elif esc in ("\n", "\u2028", "\u2029"):
            i += 2
        else:
            offsets.append(i)
            i += 2
    return offsets + [end]
