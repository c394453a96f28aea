"""Did-you-mean: the candidates closest to a misspelt word."""

from __future__ import annotations


def distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbours as one edit (optimal string alignment)."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def closest(word: str, candidates, limit: int = 3) -> list[str]:
    """Candidates a typo away from ``word``, best first. Case slips count as no distance; the
    allowed distance grows with the word (1 up to 4 letters, 2 up to 8, then 3)."""
    folded = word.lower()
    same_case = [c for c in candidates if c.lower() == folded and c != word]
    if same_case:
        return same_case[:limit]
    allowed = 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3
    scored = sorted((distance(folded, c.lower()), abs(len(c) - len(word)), c) for c in candidates if c != word)
    return [c for d, _, c in scored if d <= allowed][:limit]
