"""A Document: one config file's text, its parse, and offset -> line/column conversion."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from linter.records import dataclass
from functools import cached_property

from linter import precompiled
from linter.jsonc import Parse, parse, walk


_ASTRAL = precompiled.regex("[\U00010000-\U0010FFFF]")


@dataclass(eq=False)
class Document:
    """Text is the decoded file without its BOM; offsets everywhere index this text."""

    path: str
    text: str
    bom: bool = False
    encoding_error: str | None = None   # why the bytes could not be decoded, if they could not
    encoding_offset: int = 0            # where the first undecodable character is
    kind: str = "config"                # what the file is to the tool (the caller decides, from its path)

    @cached_property
    def syntax(self) -> str:
        """``markdown`` (YAML frontmatter and a body) for ``.md`` files, else ``jsonc``."""
        return "markdown" if self.path.lower().endswith((".md", ".markdown")) else "jsonc"

    @cached_property
    def parse(self) -> Parse:
        if self.syntax == "markdown":
            from linter.markdown import parse as parse_markdown
            return parse_markdown(self.text)
        return parse(self.text)

    @property
    def root(self):
        return self.parse.root

    @cached_property
    def nodes(self) -> list:
        """Every node, in document order (``walk`` once, for every rule that needs them all,
        unless the parse listed them as it made them)."""
        made = getattr(self.parse, "nodes", None)
        return made if made is not None else list(walk(self.root))

    @cached_property
    def value(self):
        """The plain value of the document (None when it does not parse to anything). Text
        that is strict JSON (no comments, no trailing comma: most large files) is read by
        the json module's C parser, which gives the same value (the last of duplicate keys
        wins, in the first one's place) several times faster than the tree; anything it
        refuses is read from the tree."""
        if self.root is None:
            return None
        parsed = self.parse
        if self.syntax == "jsonc" and not parsed.errors and not parsed.json5 and not parsed.comments:
            try:
                return json.loads(self.text)
            except (ValueError, RecursionError):
                pass
        return self.root.to_python()

    @cached_property
    def memo(self) -> dict:
        """What the rules work out once per document, by whoever asks (the text never
        changes: a fix makes a new document)."""
        return {}

    def once(self, name: str, build):
        """``build()`` once for this document: for answers that depend on its text alone
        (``engine.Context.once`` for those that depend on the run's settings too)."""
        try:
            return self.memo[name]
        except KeyError:
            self.memo[name] = value = build()
            return value

    @cached_property
    def line_starts(self) -> list[int]:
        starts, text, i = [0], self.text, 0
        while True:
            i = text.find("\n", i)
            if i < 0:
                break
            i += 1
            starts.append(i)
        return starts

    @cached_property
    def eol(self) -> str:
        first = self.text.find("\n")
        return "\r\n" if first > 0 and self.text[first - 1] == "\r" else "\n"

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column), the column counted in code points."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def position_utf16(self, offset: int) -> tuple[int, int]:
        """1-based (line, column), the column counted in UTF-16 code units (SARIF, LSP)."""
        line, column = self.position(offset)
        astral = self.astral       # each character beyond U+FFFF is two units
        return line, column + bisect_left(astral, offset) - bisect_left(astral, self.line_starts[line - 1])

    @cached_property
    def astral(self) -> list[int]:
        """Offsets of the characters beyond U+FFFF (one scan, then a bisect per position)."""
        return [m.start() for m in _ASTRAL.finditer(self.text)]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def with_text(self, text: str) -> "Document":
        return Document(self.path, text, self.bom, kind=self.kind)
