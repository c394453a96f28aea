"""linter.records.record must behave as dataclasses.dataclass with the same options, for
what oclint uses: construction, defaults, factories, repr (cycles too), equality, hashing,
frozen and slotted classes."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, strategies as st

from linter.records import FrozenInstanceError, field, record

OPTIONS = [{}, {"eq": False}, {"frozen": True}, {"slots": True}, {"slots": True, "eq": False},
           {"frozen": True, "slots": True}]


def pair(options: dict):
    """The same class made by dataclasses and by record."""
    made = []
    for decorate, make_field in ((dataclasses.dataclass, dataclasses.field), (record, field)):
        class Point:
            x: int
            y: str = "a"
            tags: list = make_field(default_factory=list)
            other: object = None
            hidden: int = make_field(default=0, repr=False, compare=False)

            @property
            def twice(self):
                return self.x * 2
        made.append(decorate(**options)(Point))
    return made


VALUES = st.tuples(st.integers(-3, 3), st.sampled_from(["a", "b", ""]),
                   st.lists(st.integers(0, 2), max_size=2), st.sampled_from([None, 1, "x", (1, 2)]))


@pytest.mark.parametrize("options", OPTIONS, ids=str)
@given(a=VALUES, b=VALUES, how=st.integers(0, 2))
def test_a_record_is_a_dataclass(options, a, b, how):
    theirs, ours = pair(options)

    def build(cls, values):
        if how == 0:
            return cls(*values)
        if how == 1:
            return cls(values[0], y=values[1])
        return cls(x=values[0], tags=values[2], other=values[3], hidden=values[0])

    t1, t2, o1, o2 = build(theirs, a), build(theirs, b), build(ours, a), build(ours, b)
    assert repr(o1) == repr(t1)
    assert (o1 == o2) == (t1 == t2) and (o1 == o1) == (t1 == t1) and (o1 != o2) == (t1 != t2)
    assert (theirs.__hash__ is None) == (ours.__hash__ is None)
    if theirs.__hash__ is not None and options.get("frozen"):
        try:
            expected = hash(t1)
        except TypeError:
            with pytest.raises(TypeError):
                hash(o1)
        else:
            assert hash(o1) == expected
    assert o1.twice == t1.twice
    assert hasattr(o1, "__dict__") == hasattr(t1, "__dict__")
    if options.get("frozen"):
        with pytest.raises(FrozenInstanceError):
            o1.x = 5
        with pytest.raises(AttributeError):
            del o1.x
    else:
        o1.x, t1.x = 7, 7
        assert repr(o1) == repr(t1)


def test_factories_make_a_new_value_for_each_record():
    _, ours = pair({})
    first, second = ours(1), ours(2)
    first.tags.append(1)
    assert second.tags == []


def test_cycles_are_shown_as_dots():
    theirs, ours = pair({"eq": False})
    t, o = theirs(1), ours(1)
    t.other, o.other = t, o
    assert repr(o) == repr(t)


def test_what_dataclasses_refuse_is_refused():
    with pytest.raises(ValueError):
        @record
        class Bad:
            items: list = []
    with pytest.raises(TypeError):
        @record
        class Order:
            a: int = 1
            b: int
    with pytest.raises(TypeError):
        pair({})[1]()           # x is required


@record(frozen=True)
class Frozen:
    a: int
    b: tuple = ()


@record(frozen=True, slots=True)
class FrozenSlots:
    a: int
    b: tuple = ()


@record(slots=True)
class Slots:
    a: int
    b: list = field(default_factory=list)


@pytest.mark.parametrize("cls", [Frozen, FrozenSlots, Slots])
def test_a_record_pickles_to_an_equal_record(cls):
    """Workers hand findings back pickled (linter/parallel.py): Edit and Fix are frozen and
    slotted, which a plain unpickling could not assign to."""
    import pickle
    value = cls(1, (2, "x") if cls is not Slots else [2])
    assert pickle.loads(pickle.dumps(value)) == value


def test_a_finding_with_its_fix_pickles():
    import pickle
    from linter.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity

    fix = Fix((Edit(3, 5, "x"),), Applicability.UNSAFE, "m", ("isolation", 1), rename="/a/b")
    found = Diagnostic("OC101", "name", "message", Severity.ERROR, "/p", 1, 2, "help", fix, line=1, column=2,
                       notes=["n"], related=[("/q", 0, 1, "what")])
    back = pickle.loads(pickle.dumps(found))
    assert back == found and back.fix == fix and back.fix.edits[0].content == "x"
