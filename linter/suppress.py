"""Suppression comments, in the comments JSONC allows.

* `// oclint: ignore[MR102]` after code on a line covers that line;
* the same comment alone on its line covers the next member (all of it, if an object);
* `// oclint: file-ignore[OC201]` anywhere covers the whole file;
* a reason may follow: `// oclint: ignore[OC401] -- a public test key`.

Block comments work the same way. Selectors are codes, prefixes or rule names.
"""

from __future__ import annotations

from linter import precompiled
from linter.records import dataclass, field

from linter.diagnostics import Diagnostic, Edit
from linter.source import Document

PATTERN = precompiled.regex(r"oclint:\s*(ignore|file-ignore)\[([^\]]*)\](?:\s*--\s*(.*?))?\s*(?:\*/)?\s*$")


@dataclass
class Suppression:
    kind: str                       # ignore / file-ignore
    selectors: list[str]
    comment: tuple[int, int]        # the comment's span
    list_span: tuple[int, int]      # the span of the text between the brackets
    directive: tuple[int, int]      # `oclint: ignore[...] -- reason` inside the comment
    reason: str | None
    scope: tuple[int, int] | None   # offsets covered (None: the whole file)
    used: set = field(default_factory=set)

    def covers(self, d: Diagnostic) -> bool:
        return self.scope is None or self.scope[0] <= d.start < self.scope[1]


def find(doc: Document) -> list[Suppression]:
    out = []
    text = doc.text
    for start, end in doc.parse.comments:
        body = text[start:end]
        match = PATTERN.search(body)
        if not match:
            continue
        selectors = [s.strip() for s in match.group(2).split(",") if s.strip()]
        list_span = (start + match.start(2), start + match.end(2))
        directive = (start + match.start(), start + (match.end(3) if match.group(3) is not None else match.end(2) + 1))
        if match.group(1) == "file-ignore":
            scope = None
        else:
            scope = _scope(doc, start, end)
        out.append(Suppression(match.group(1), selectors, (start, end), list_span, directive, match.group(3),
                               scope))
    return out


def _scope(doc: Document, start: int, end: int) -> tuple[int, int]:
    text = doc.text
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        # after code: that line
        line_end = text.find("\n", end)
        return line_start, len(text) if line_end < 0 else line_end
    # alone on its line: the next member (or value) after the comment
    following = None
    for node in doc.nodes:
        candidates = [m for m in node.members()] if node.kind == "object" else []
        for item in [node, *candidates]:
            if item.start >= end and (following is None or item.start < following.start):
                following = item
    if following is None:
        return start, start
    return following.start, max(following.end, following.start + 1)


def matches(selector: str, d: Diagnostic) -> bool:
    return selector == d.name or (selector and d.code.startswith(selector)) or selector == "ALL"


def apply(doc: Document, diagnostics: list[Diagnostic]) -> tuple[list[Diagnostic], list[Suppression]]:
    """The diagnostics no suppression covers, and the suppressions (with what each used)."""
    suppressions = find(doc)
    kept = []
    for d in diagnostics:
        hit = False
        for s in suppressions:
            if s.covers(d):
                for selector in s.selectors:
                    if matches(selector, d):
                        s.used.add(selector)
                        hit = True
        if not hit:
            kept.append(d)
    return kept, suppressions


def removal(doc: Document, s: Suppression, unused: list[str]) -> tuple[Edit, ...]:
    """Edits that drop the ``unused`` selectors: the directive when none is left, and the
    whole comment when nothing else is written in it."""
    left = [sel for sel in s.selectors if sel not in unused]
    if left:
        return (Edit(s.list_span[0], s.list_span[1], ", ".join(left)),)
    text = doc.text
    start, end = s.comment
    other = text[start + 2:s.directive[0]] + text[s.directive[1]:end]
    if other.strip().removesuffix("*/").strip():        # the author's own words: keep them
        cut = s.directive[0]
        while cut > start + 2 and text[cut - 1] in " \t":
            cut -= 1
        return (Edit(cut, s.directive[1], ""),)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        return (Edit(line_start, min(line_end + 1, len(text)), ""),)     # the comment's own line
    while start > line_start and text[start - 1] in " \t":
        start -= 1
    return (Edit(start, end, ""),)
