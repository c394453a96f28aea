"""Where substitution tokens sit in a document's text, outside comments."""

from __future__ import annotations

import re


def tokens(doc, pattern: re.Pattern):
    """Matches of ``pattern`` in the text that do not lie inside a comment."""
    comments = doc.parse.comments
    for match in pattern.finditer(doc.text):
        if not any(start <= match.start() < end for start, end in comments):
            yield match


def check_env(ctx) -> bool:
    """Whether the run was asked to look at this machine's environment (`--check-env`, or
    the `check-env` setting)."""
    return bool(ctx.options.get("check-env"))
