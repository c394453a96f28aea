"""Properties of the parser, the edits and the fix loop, on generated JSONC."""

import json

import json5
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from linter import edits
from linter.jsonc import parse
from linter.source import Document
from lintkit import fix_text, lint_text
from strategies import KEYS, OBJECTS, SCALARS, jsonc

settings.register_profile("default", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")


def _json5(text):
    try:
        return True, json5.loads(text)
    except Exception:
        return False, None


@given(jsonc())
def test_values_equal_json5_where_both_accept(case):
    text, value, _ = case
    p = parse(text)
    assert p.errors == [] and p.json5 == []
    assert p.root.to_python() == value
    ok, theirs = _json5(text)
    if ok:
        assert p.root.to_python() == theirs


@given(st.text(alphabet='{}[]:,"\'/*\n 0123456789.-+xeEtrufalsnNI\\a', max_size=40))
def test_random_text_never_raises_and_agrees_with_json5_when_clean(text):
    p = parse(text)
    if not p.errors and p.root is not None:
        ok, theirs = _json5(text)
        if ok and theirs == theirs:   # NaN is not equal to itself
            assert json.dumps(p.root.to_python(), sort_keys=True) == json.dumps(theirs, sort_keys=True)


@given(jsonc(value=OBJECTS, json5=True))
def test_json5_fix_keeps_the_value_json5_reads(case):
    text, value, comments = case
    fixed, _ = fix_text(text, ["OC102"])
    p = parse(fixed)
    assert p.errors == [] and p.json5 == []
    assert p.root.to_python() == json5.loads(text) == value
    for comment in comments:
        assert comment in fixed


@given(jsonc(value=st.dictionaries(st.sampled_from(["a", "b", "model", "c"]), SCALARS, min_size=1,
                                   max_size=4), json5=True))
def test_fixes_are_idempotent_and_keep_comments(case):
    text, value, comments = case
    doc = Document("x", text)
    # give OC103 something to do: a second member with the first key
    text = edits.apply(text, edits.insert_member(doc, doc.root, next(iter(value)), "dup"))
    fixed, applied = fix_text(text, ["ALL"], unsafe=True)
    assert applied
    assert fix_text(fixed, ["ALL"], unsafe=True)[0] == fixed
    p = parse(fixed)
    assert p.errors == [] and p.json5 == []
    assert not [d for d in lint_text(fixed, ["OC1"]) if d.severity.value == "error"]
    for comment in comments:
        assert comment in fixed


@given(jsonc(value=st.dictionaries(KEYS, SCALARS, min_size=1, max_size=5)), st.data())
def test_each_fix_leaves_bytes_outside_its_edits_unchanged(case, data):
    text, _, _ = case
    dup_key = data.draw(st.sampled_from(list(json.loads(json.dumps(parse(text).root.to_python())))))
    # append a duplicate of an existing key so OC103 fires with a real edit
    doc = Document("x", text)
    root = doc.root
    assume(root is not None and root.kind == "object")
    text2 = edits.apply(text, edits.insert_member(doc, root, dup_key, 1))
    for d in lint_text(text2, ["OC103"]):
        out = edits.apply(text2, d.fix.edits)
        start, end = d.fix.start, d.fix.end
        removed = sum(e.end - e.start - len(e.content) for e in d.fix.edits)
        assert out[:start] == text2[:start]
        assert out[end - removed:] == text2[end:]
        assert parse(out).errors == []


@given(jsonc(value=OBJECTS), KEYS, SCALARS, st.integers(0, 3))
def test_edits_keep_random_documents_parseable(case, key, value, op):
    text, original, _ = case
    doc = Document("x", text)
    root = doc.root
    members = list(root.members())
    if op == 0:
        made = edits.insert_member(doc, root, key, value)
        expected = {**original, key: value} if key not in original else None
    elif op == 1 and members:
        made = edits.remove_member(doc, members[0])
        expected = {k: v for k, v in original.items() if k != members[0].key}
    elif op == 2 and members:
        made = (edits.rename_key(members[-1], key),)
        expected = None
    elif op == 3:
        made = edits.insert_member(doc, root, key, {"nested": [value]}, first=True)
        expected = None
    else:
        return
    out = edits.apply(text, made)
    p = parse(out)
    assert p.errors == [], out
    if expected is not None:
        assert p.root.to_python() == expected
