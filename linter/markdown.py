"""Markdown with YAML frontmatter, split as gray-matter splits it, read into the JSONC tree.

The frontmatter is the text after a first line ``---`` up to the next line that starts
with ``---`` (the rest of the file when there is none); a file starting with ``----`` has
none. Its YAML is read by ``linter.yamltree`` into a ``Node`` tree whose offsets index
the whole file, so rules written against nodes run on it as on JSONC. The body is what
follows the closing line. A file without frontmatter (or with an empty one) has an empty
object as its root.
"""

from __future__ import annotations

from linter.records import dataclass, field

from linter.jsonc import Node, ParseError
from linter.yamltree import parse as parse_yaml

NOT_A_MAPPING = "frontmatter is not a mapping"


@dataclass(slots=True)
class MarkdownParse:
    root: Node | None
    errors: list[ParseError]
    comments: list[tuple[int, int]]
    frontmatter: tuple[int, int] | None     # the YAML text's span, without the fences
    body_start: int
    json5: list = field(default_factory=list)      # always empty (the JSONC Parse's shape)

    def body(self, text: str) -> str:
        return text[self.body_start:]


def split(text: str) -> tuple[int, int, int] | None:
    """(yaml start, yaml end, body start) of ``text``'s frontmatter, or None."""
    if not text.startswith("---") or text[3:4] == "-":
        return None
    first_break = text.find("\n")
    if first_break < 0:
        return 3, 3, len(text)          # `---` alone: an empty, unclosed block
    if text[3:first_break].strip(" \t\r"):
        return None                     # `---lang`: a language other than YAML (gray-matter's)
    start = first_break
    close = text.find("\n---", start)
    if close < 0:
        return start, len(text), len(text)
    body = close + 4
    if text.startswith("\r", body):
        body += 1
    if text.startswith("\n", body):
        body += 1
    return start, close, body


def parse(text: str) -> MarkdownParse:
    """Never raises on any input."""
    parts = split(text)
    if parts is None:
        return MarkdownParse(Node("object", 0, 0), [], [], None, 0)
    start, end, body = parts
    yaml = parse_yaml(text, start, end)
    root, errors = yaml.root, list(yaml.errors)
    if root is None and not errors:
        at = start + 1 if start < end else start
        root = Node("object", at, at)
    elif root is not None and root.kind != "object" and not errors:
        errors.append(ParseError(NOT_A_MAPPING, root.start, root.end))
    return MarkdownParse(root, errors, yaml.comments, (start, end), body)
