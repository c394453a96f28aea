"""Hypothesis strategies: JSON values and JSONC texts written the way people write them."""

from __future__ import annotations

import json

from hypothesis import strategies as st

KEYS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8) | st.sampled_from(
    ["model", "provider", "options", "baseURL", "a.b", "x/y", "$schema", ""])
SCALARS = (st.none() | st.booleans() | st.integers(-10**12, 10**12)
           | st.floats(allow_nan=False, allow_infinity=False, width=64)
           | st.text(max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=4), max_leaves=20)

COMMENTS = st.sampled_from(["", "", " ", "\n", "\r\n", " // note\n", " /* c */ ", "\n  // x\n  ",
                            "/**/", "\t"])


@st.composite
def jsonc(draw, value=VALUES, json5=False):
    """(text, value, comments): ``value`` written as JSONC with random comments, spacing and
    trailing commas (and, with ``json5``, JSON5-only spellings)."""
    comments: list[str] = []

    def gap():
        g = draw(COMMENTS)
        if "//" in g or "/*" in g:
            comments.append(g.strip())
        return g

    def scalar(v):
        if json5 and isinstance(v, str) and "'" not in v and "\\" not in v and draw(st.booleans()):
            return "'" + json.dumps(v, ensure_ascii=False)[1:-1].replace('\\"', '"') + "'"
        if json5 and isinstance(v, int) and not isinstance(v, bool) and v >= 0 and draw(st.booleans()):
            return draw(st.sampled_from([hex(v), "+" + str(v)]))
        return json.dumps(v, ensure_ascii=False)

    def key(k):
        if json5 and k.isidentifier() and k.isascii() and draw(st.booleans()):
            return k
        return json.dumps(k, ensure_ascii=False)

    def write(v):
        if isinstance(v, dict):
            parts = [f"{gap()}{key(k)}{gap()}:{gap()}{write(x)}{gap()}" for k, x in v.items()]
            trail = "," if parts and draw(st.booleans()) else ""
            return "{" + ",".join(parts) + trail + gap() + "}"
        if isinstance(v, list):
            parts = [f"{gap()}{write(x)}{gap()}" for x in v]
            trail = "," if parts and draw(st.booleans()) else ""
            return "[" + ",".join(parts) + trail + gap() + "]"
        return scalar(v)

    v = draw(value)
    return gap() + write(v) + gap(), v, comments


OBJECTS = st.dictionaries(KEYS, VALUES, min_size=0, max_size=5)
