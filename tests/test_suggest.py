"""Did-you-mean: distances, the bound that lets comparisons stop early, and the budget."""

from hypothesis import given, strategies as st

from linter.source import Document
from linter.suggest import Suggester, closest, distance

WORDS = st.text(alphabet="abcde", max_size=9)


def test_distance_counts_a_swap_as_one_edit():
    assert distance("modle", "model") == 1
    assert distance("kitten", "sitting") == 3


@given(WORDS, WORDS, st.integers(0, 4))
def test_a_bound_changes_nothing_within_it(a, b, bound):
    full = distance(a, b)
    assert distance(a, b, bound) == (full if full <= bound else bound + 1)


def test_no_suggestion_for_absurdly_long_words():
    assert closest("p" * 3000, ["p" * 2999]) == []


def test_the_suggester_remembers_and_stops_at_its_budget():
    suggest = Suggester(budget=6)
    assert suggest("modle", ["model", "mode", "small"]) == ["model", "mode"]
    assert suggest("modle", ["model", "mode", "small"]) == ["model", "mode"]   # remembered: free
    assert suggest("agnet", ["agent", "x", "y"]) == ["agent"]
    assert suggest("shrae", ["share"]) == []                                   # budget spent


def test_utf16_columns_count_astral_characters_twice():
    doc = Document("x", "a\U0001F600b\n\U0001F600\U0001F600c")
    assert [doc.position_utf16(i) for i in range(len(doc.text) + 1)] == [
        (1, 1), (1, 2), (1, 4), (1, 5), (2, 1), (2, 3), (2, 5), (2, 6)]
