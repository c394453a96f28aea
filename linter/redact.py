"""Text made safe to show: every output goes through here before it is written.

Two things never reach a terminal, a log or a report: a secret (masked to at most its first
three and last four characters, however it is spelled or cut), and a character that could
rewrite what the reader sees (control characters, bidi overrides, line separators: shown
escaped, `\\u001b`). What counts as a secret is not known here: the caller passes the
values (``rules.secrets`` knows what a credential looks like).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache, lru_cache

# C0 and C1 controls, DEL, the bidi embeddings, overrides and isolates, the Arabic letter
# mark and the line and paragraph separators (a terminal, an editor or a log viewer acts on
# them); lone surrogates and U+FFFE/U+FFFF (no UTF-8 or XML 1.0 spelling). None of them is
# printable to ``str.isprintable``, which lets most text skip the pattern (compiled only for
# text that needs it: a clean run never does).
_C0 = "\x00-\x1f"
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"


@cache
def _pattern(c0: bool) -> re.Pattern:
    return re.compile(f"[{_C0 if c0 else ''}{_OTHERS}]")


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character ``printable`` escapes."""
    return not text.isprintable() and _pattern(True).search(text) is not None


def printable(text: str) -> str:
    """``text`` with every control character (and other character that changes what a
    reader sees) escaped as `\\uXXXX`: one line, shown as it is."""
    return text if text.isprintable() else _pattern(True).sub(_escape, text)


def printable_json(text: str) -> str:
    """JSON text (from ``json.dumps``) with the characters ``printable`` escapes that the
    encoder leaves raw escaped the JSON way: the same JSON value, safe on a terminal and
    valid UTF-8. They can only be inside strings, where `\\uXXXX` means the same (and the
    encoder has escaped C0 already)."""
    return text if text.isascii() else _pattern(False).sub(_escape, text)


def mask(secret: str) -> str:
    """At most the first three and the last four characters of a secret."""
    if len(secret) >= 12:
        return secret[:3] + "…" + secret[-4:]
    return "…"


PREFIX = 8     # this many characters of a long secret's start or end, or more, are masked wherever they appear


def redact(text: str, secrets: Iterable[str], cut: bool = True) -> str:
    """``text`` with every secret masked: as written, as JSON and XML escape it (the mask
    escaped the same way, so a report stays valid JSON or XML), and, unless ``cut`` is
    false, any cut-off start or end of one (a message or a line window cut mid-secret).
    Where matches overlap (two keys that start alike), the longest wins."""
    masks = _masks(frozenset(secrets))
    if not masks:
        return text
    runs = [(j, j + len(s), masks[s]) for s in masks if len(s) < 12 or not cut     # whole matches
            for j in _occurrences(text, s)]
    longs = [s for s in masks if len(s) >= 12] if cut else []
    if longs:
        runs += _cut_runs(text, {s: masks[s] for s in longs})
        size = len(text)
        runs += [(size - end, size - start, masked) for start, end, masked
                 in _cut_runs(text[::-1], {s[::-1]: masks[s] for s in longs})]
    starts, ends, chosen = [], [], []
    for start, end, masked in sorted(runs, key=lambda r: (r[0] - r[1], r[0], r[2])):
        i = bisect_left(starts, start)
        if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue            # overlaps a longer match already taken
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.insert(i, (start, end, masked))
    out, pos = [], 0
    for start, end, masked in chosen:
        out += [text[pos:start], masked]
        pos = end
    return "".join(out) + text[pos:]


@lru_cache(maxsize=64)
def _masks(secrets: frozenset) -> dict[str, str]:
    """Each spelling of the secrets and its mask (a run masks the same set many times: each
    finding's words, then the report)."""
    masks: dict[str, str] = {}
    for secret in sorted(secrets):
        if len(secret) >= 6:
            for spelling, masked in _spellings(secret):
                masks.setdefault(spelling, masked)
    return masks


def _cut_runs(text: str, masks: dict[str, str]) -> list[tuple[int, int, str]]:
    """Where ``text`` holds at least ``PREFIX`` leading characters of a spelling: for each
    place, the spelling it shares most with (a neighbour in sorted order) and how much."""
    spellings = sorted(masks)
    longest = max(map(len, spellings))
    found = []
    for head in sorted({s[:PREFIX] for s in spellings}):
        for j in _occurrences(text, head):
            window = text[j:j + longest]
            k = bisect_left(spellings, window)
            best, length = None, 0
            for candidate in spellings[max(k - 1, 0):k + 1]:
                n = len(os.path.commonprefix([window, candidate]))
                if n >= PREFIX and n > length:
                    best, length = candidate, n
            if best is not None:
                found.append((j, j + length, masks[best]))
    return found


def _occurrences(text: str, needle: str):
    """Every offset where ``needle`` starts in ``text``, overlapping ones included."""
    i = 0
    while (j := text.find(needle, i)) >= 0:
        yield j
        i = j + 1


def _spellings(secret: str) -> list[tuple[str, str]]:
    """(spelling, its mask spelled the same way): as written, JSON-escaped once and twice
    (a fix's text inside a JSON report), and XML-escaped; plainest first, so a spelling that
    escaping leaves unchanged keeps the plain mask."""
    import json
    from xml.sax.saxutils import escape

    def as_json(s: str, ascii: bool) -> str:
        return json.dumps(s, ensure_ascii=ascii)[1:-1]

    pairs = [(secret, mask(secret))]
    if printable(secret) != secret:       # as a human format shows it
        pairs.append((printable(secret), printable(mask(secret))))
    for _ in range(2):
        pairs += [(as_json(s, a), as_json(m, a)) for s, m in pairs for a in (False, True)]
    entities = {'"': "&quot;", "'": "&apos;"}
    return pairs + [(escape(s, entities), escape(m, entities)) for s, m in pairs]
