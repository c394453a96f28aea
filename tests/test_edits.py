"""Edits look typed by the file's author, and nothing outside them changes."""

import pytest

from linter import edits
from linter.diagnostics import Edit
from linter.source import Document


def run(text, make):
    doc = Document("x.jsonc", text)
    return edits.apply(text, make(doc, doc.root))


def test_apply_refuses_overlaps():
    with pytest.raises(edits.OverlapError):
        edits.apply("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])
    assert edits.apply("abcdef", [Edit(3, 3, "1"), Edit(0, 1, "A")]) == "Abc1def"


def test_replace_value_and_rename_key():
    text = '{\n  "modle": "a/b" // typo\n}\n'
    doc = Document("x", text)
    member = doc.root.get("modle")
    out = edits.apply(text, [edits.rename_key(member, "model"), edits.replace_value(member.value, "c/d", doc)])
    assert out == '{\n  "model": "c/d" // typo\n}\n'


def test_insert_at_end_copies_indent_and_adds_comma_before_comment():
    text = '{\n    "a": 1, // one\n    "b": 2 // two\n}\n'
    out = run(text, lambda d, r: edits.insert_member(d, r, "c", 3))
    assert out == '{\n    "a": 1, // one\n    "b": 2, // two\n    "c": 3\n}\n'


def test_insert_keeps_trailing_comma_habit_and_crlf():
    text = '{\r\n\t"a": 1,\r\n\t"b": 2,\r\n}\r\n'
    out = run(text, lambda d, r: edits.insert_member(d, r, "c", {"d": [1]}))
    assert out == '{\r\n\t"a": 1,\r\n\t"b": 2,\r\n\t"c": {\r\n\t\t"d": [\r\n\t\t\t1\r\n\t\t]\r\n\t},\r\n}\r\n'


def test_insert_after_a_named_sibling():
    text = '{\n  "a": 1,\n  "b": 2\n}'
    out = run(text, lambda d, r: edits.insert_member(d, r, "x", True, after="a"))
    assert out == '{\n  "a": 1,\n  "x": true,\n  "b": 2\n}'


def test_insert_first_after_brace_comment():
    text = '{ // settings\n  "a": 1\n}'
    out = run(text, lambda d, r: edits.insert_member(d, r, "$schema", "s", first=True))
    assert out == '{ // settings\n  "$schema": "s",\n  "a": 1\n}'


def test_insert_into_empty_and_inline_objects():
    assert run('{}', lambda d, r: edits.insert_member(d, r, "a", 1)) == '{"a": 1}'
    assert run('{\n}\n', lambda d, r: edits.insert_member(d, r, "a", 1)) == '{\n  "a": 1\n}\n'
    assert run('{"x": {"a": 1}}', lambda d, r: edits.insert_member(d, r.get("x").value, "b", 2)) \
        == '{"x": {"a": 1, "b": 2}}'


def test_set_path_creates_nested_objects():
    text = '{\n  "provider": {\n    "p": {\n      "models": {\n        "m": {"name": "m"}\n      }\n    }\n  }\n}\n'
    doc = Document("x", text)
    out = edits.apply(text, edits.set_path(doc, doc.root, ("provider", "p", "options", "baseURL"), "u"))
    assert out == ('{\n  "provider": {\n    "p": {\n      "models": {\n        "m": {"name": "m"}\n'
                   '      },\n      "options": {\n        "baseURL": "u"\n      }\n    }\n  }\n}\n')


def test_remove_member_with_its_comma_keeping_comments():
    text = '{\n  // about a\n  "a": 1,\n  "b": 2, // about b\n  "c": 3\n}\n'
    doc = Document("x", text)
    out = edits.apply(text, edits.remove_member(doc, doc.root.get("a")))
    assert out == '{\n  // about a\n  "b": 2, // about b\n  "c": 3\n}\n'
    out = edits.apply(text, edits.remove_member(doc, doc.root.get("c")))
    assert out == '{\n  // about a\n  "a": 1,\n  "b": 2 // about b\n}\n'


def test_remove_inline_member():
    text = '{"a": 1, "b": 2}'
    doc = Document("x", text)
    assert edits.apply(text, edits.remove_member(doc, doc.root.get("a"))) == '{"b": 2}'
    assert edits.apply(text, edits.remove_member(doc, doc.root.get("b"))) == '{"a": 1}'


def test_remove_member_keeps_comments_inside_it():
    text = '{\n  "a": // why\n    1,\n  "b": 2\n}'
    doc = Document("x", text)
    assert edits.apply(text, edits.remove_member(doc, doc.root.get("a"))) == '{\n  // why\n  "b": 2\n}'
    text = '{"a": /* c */ 1, "b": 2}'
    doc = Document("x", text)
    assert edits.apply(text, edits.remove_member(doc, doc.root.get("a"))) == '{/* c */ "b": 2}'


def test_insert_several_members_at_once():
    text = '{\n  "name": "gpt-5.1-codex"\n}'
    out = run(text, lambda d, r: edits.insert_members(d, r, [("a", 1), ("b", {"npm": "x"})]))
    assert out == '{\n  "name": "gpt-5.1-codex",\n  "a": 1,\n  "b": {\n    "npm": "x"\n  }\n}'
    assert run('{"name": "m"}', lambda d, r: edits.insert_members(d, r, [("a", 1), ("b", 2)])) \
        == '{"name": "m", "a": 1, "b": 2}'


def test_insert_into_an_empty_object_keeps_its_comment():
    assert run('{ /* c */ }', lambda d, r: edits.insert_member(d, r, "a", 1)) == '{"a": 1  /* c */ }'
    out = run('{ /* c */\n  /* d */ }', lambda d, r: edits.insert_member(d, r, "a", 1))
    assert "/* c */" in out and "/* d */" in out and '"a": 1' in out


@pytest.mark.parametrize("text,after", [
    ("{ /*\n c */ }", None),                                   # found by the fuzzer: grew forever
    ('{\n  "a": 1, /* note\n  more */\n  "b": 2\n}\n', "a"),
    ('{\n  "a": 1 /* note\n  more */\n}\n', "a"),
])
def test_inserts_never_land_inside_a_comment_that_spans_lines(text, after):
    from linter.jsonc import parse
    doc = Document("x.json", text)
    out = edits.apply(text, edits.insert_member(doc, doc.root, "k", "v", after=after))
    parsed = parse(out)
    assert not parsed.errors and parsed.root.get("k").value.value == "v"
    assert [out[s:e] for s, e in parsed.comments] == [text[s:e] for s, e in doc.parse.comments]
