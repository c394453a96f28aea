"""Did-you-mean: the candidates closest to a misspelt word."""

from __future__ import annotations


LONGEST = 64       # longer words get no suggestion: nobody types a 3,000-letter id by hand


def distance(a: str, b: str, bound: int | None = None) -> int:
    """Edit distance counting a swap of two neighbours as one edit (optimal string
    alignment). With ``bound``, any distance above it is reported as ``bound + 1``, which
    lets most comparisons stop after a few rows."""
    if bound is not None and abs(len(a) - len(b)) > bound:
        return bound + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        # two rows past the bound: every later cell is built from them plus something
        if bound is not None and min(cur) > bound and min(prev) > bound:
            return bound + 1
        prev2, prev = prev, cur
    return prev[len(b)] if bound is None else min(prev[len(b)], bound + 1)


def closest(word: str, candidates, limit: int = 3) -> list[str]:
    """Candidates a typo away from ``word``, best first. Case slips count as no distance; the
    allowed distance grows with the word (1 up to 4 letters, 2 up to 8, then 3)."""
    folded = word.lower()
    same_case = [c for c in candidates if c.lower() == folded and c != word]
    if same_case:
        return same_case[:limit]
    if len(word) > LONGEST:
        return []
    allowed = 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3
    scored = sorted((distance(folded, c.lower(), allowed), abs(len(c) - len(word)), c)
                    for c in candidates if c != word)
    return [c for d, _, c in scored if d <= allowed][:limit]


class Suggester:
    """``closest`` for a rule that asks once per reference: answers are remembered, and
    after ``budget`` comparisons in all it answers nothing new, so a config with hundreds
    of misspelt references stays fast (their messages just go without a suggestion)."""

    def __init__(self, budget: int = 5_000):
        self.left = budget
        self.known: dict[tuple, list[str]] = {}

    def __call__(self, word: str, candidates) -> list[str]:
        candidates = tuple(candidates)
        key = (word, candidates)
        if key not in self.known:
            if self.left < len(candidates):
                return []
            self.left -= len(candidates)
            self.known[key] = closest(word, candidates)
        return self.known[key]
