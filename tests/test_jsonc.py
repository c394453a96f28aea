"""The parser: spans, values, jsonc-parser's error names and places, recovery, limits."""

import pytest

from linter.jsonc import MAX_DEPTH, parse, walk
from linter.source import Document


def errors(text):
    return [(e.name, e.start, e.end) for e in parse(text).errors]


def test_spans_of_values_and_keys():
    text = '{\n  "model": "a/b",\n  "list": [1, true, null]\n}'
    p = parse(text)
    member = p.root.get("model")
    assert text[member.key_start:member.key_end] == '"model"'
    assert text[member.value.start:member.value.end] == '"a/b"'
    lst = p.root.get("list").value
    assert [text[c.start:c.end] for c in lst.children] == ["1", "true", "null"]
    assert text[lst.start:lst.end] == "[1, true, null]"
    assert (p.root.start, p.root.end) == (0, len(text))
    assert p.root.to_python() == {"model": "a/b", "list": [1, True, None]}
    assert lst.children[1].path() == ("list", 1)
    assert p.root.find(("list", 2)).kind == "null"


def test_accepts_comments_trailing_commas_crlf():
    text = '{\r\n  // line\r\n  "a": [1, 2,], /* block */\r\n  "b": {"c": 1,},\r\n}\r\n'
    p = parse(text)
    assert p.errors == [] and p.json5 == []
    assert p.root.to_python() == {"a": [1, 2], "b": {"c": 1}}
    assert [text[s:e] for s, e in p.comments] == ["// line", "/* block */"]


@pytest.mark.parametrize("text,expected", [
    ('{\n  "model": "a/b"\n  "small_model": "a/c"\n}\n', [("CommaExpected", 21, 34)]),
    ('{"a" 1}', [("ColonExpected", 5, 6)]),
    ('{"a": }', [("ValueExpected", 6, 7)]),
    ('[1 2]', [("CommaExpected", 3, 4)]),
    ('{"a": 1', [("CloseBraceExpected", 7, 7)]),
    ('[1', [("CloseBracketExpected", 2, 2)]),
    ('{} {}', [("EndOfFileExpected", 3, 4)]),
    ('"abc', [("UnexpectedEndOfString", 0, 4)]),
    ('"\\x"', [("InvalidEscapeCharacter", 0, 4)]),
    ('"\\u12"', [("InvalidUnicode", 0, 6)]),
    ('"\t"', [("InvalidCharacter", 0, 3)]),
    ('1e', [("UnexpectedEndOfNumber", 0, 2)]),
    ('1.e', [("UnexpectedEndOfNumber", 0, 2), ("InvalidSymbol", 2, 3)]),
    ('/* open', [("UnexpectedEndOfComment", 0, 7), ("ValueExpected", 7, 7)]),
    ('tru', [("InvalidSymbol", 0, 3), ("ValueExpected", 3, 3)]),
    ('{1}', [("PropertyNameExpected", 1, 2), ("ValueExpected", 2, 3)]),
    ('', [("ValueExpected", 0, 0)]),
])
def test_error_names_and_offsets_follow_jsonc_parser(text, expected):
    # the offsets were read off jsonc-parser 3.3.1 (tests/oracle/jsonc_errors.js)
    assert errors(text) == expected


def test_recovery_reports_independent_errors():
    text = '{\n  "a": 1\n  "b": [1 2],\n  "c": tru\n}'
    assert [e[0] for e in errors(text)] == ["CommaExpected", "CommaExpected", "InvalidSymbol",
                                            "ValueExpected"]


def test_bom_is_not_whitespace_to_the_parser_but_the_reader_strips_it():
    from linter.files import decode
    assert errors("\ufeff{}")[0][0] == "InvalidSymbol"
    doc = decode("x.json", b"\xef\xbb\xbf{}")
    assert doc.bom and doc.text == "{}" and doc.parse.errors == []


def test_placeholders_outside_strings_are_values():
    p = parse('{"port": {env:PORT}, "k": {file:~/key.txt}, "s": "{env:X}"}')
    assert p.errors == []
    assert [m.value.kind for m in p.root.members()] == ["placeholder", "placeholder", "string"]
    assert p.root.get("port").value.value == "{env:PORT}"


@pytest.mark.parametrize("text,what,replacement,value", [
    ("'a'", "single-quoted string", '"a"', "a"),
    ("0x1F", "hexadecimal number", "31", 31),
    ("-0x10", "hexadecimal number", "-16", -16),
    ("+1", "leading '+' sign", "1", 1),
    (".5", "leading decimal point", "0.5", 0.5),
    ("5.", "trailing decimal point", "5", 5.0),
    ("5.e2", "trailing decimal point", "5e2", 500.0),
    ("NaN", "NaN", None, None),
    ("Infinity", "Infinity", None, float("inf")),
])
def test_json5_values_are_read_and_recorded(text, what, replacement, value):
    p = parse(text)
    assert p.errors == []
    [use] = p.json5
    assert (use.what, use.replacement) == (what, replacement)
    if value is not None:
        assert p.root.value == value


def test_unquoted_key():
    p = parse("{model: 1}")
    assert p.errors == [] and p.root.to_python() == {"model": 1}
    assert [(u.what, u.replacement) for u in p.json5] == [("unquoted key", '"model"')]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_a_diagnostic_not_a_crash(depth):
    p = parse("[" * depth + "]" * depth)
    assert [e.name for e in p.errors] == ["NestingTooDeep"]
    assert sum(1 for _ in walk(p.root)) == MAX_DEPTH + 1   # the deeper part is one node


def test_nesting_at_the_limit_is_fine():
    p = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert p.errors == []


def test_positions_in_code_points_and_utf16():
    doc = Document("x", '{\n  "a": "😀é", "b": 1\n}')
    offset = doc.text.index('"b"')
    assert doc.position(offset) == (2, 14)
    assert doc.position_utf16(offset) == (2, 15)
    assert doc.position(0) == (1, 1) and doc.position(len(doc.text)) == (3, 2)


def test_crlf_positions_and_eol():
    doc = Document("x", '{\r\n  "a": 1\r\n}\r\n')
    assert doc.eol == "\r\n"
    assert doc.position(doc.text.index('"a"')) == (2, 3)
    assert doc.line_text(2) == '  "a": 1'


def test_json5_number_only_as_a_whole_token():
    # `.9` glued to `1.9` is jsonc-parser's InvalidSymbol, not a JSON5 number to "fix"
    p = parse("[-1.9.9087e+24]")
    assert p.json5 == [] and [e.name for e in p.errors] == ["InvalidSymbol"]


def test_surrogate_escapes_read_as_javascript_reads_them():
    pair, lone, reversed_pair = (parse(t).root.value for t in ['"\\ud83d\\ude00"', '"\\ud800x"', '"\\ude00\\ud83d"'])
    assert pair == "\U0001F600"
    assert lone == "\ud800x"
    assert reversed_pair == "\ude00\ud83d"      # not a pair: two lone surrogates, as in JavaScript


@pytest.mark.parametrize("text", ["1" * 5000, '{"x": ' + "1" * 5000 + "}", "[ " + "1" * 5000 + " x]",
                                  '{"x": +' + "1" * 5000 + "}", '{"x": 0x' + "f" * 4000 + "}"])
def test_numbers_longer_than_python_converts_read_as_infinity(text):
    parsed = parse(text)                     # Python refuses int() of more than 4,300 digits
    values = [n.value for n in walk(parsed.root) if n.kind == "number"]
    assert values == [float("inf")]


@pytest.mark.parametrize("text, value, replacement", [
    ('"\\x41"', "A", '"A"'),
    ('"it\\\'s"', "it's", '"it\'s"'),
    ('"\\v\\0"', "\v\0", '"\\u000b\\u0000"'),
    ('"one \\\ntwo"', "one two", '"one two"'),
    ('"one \\\r\ntwo"', "one two", '"one two"'),
    ('"a\\\u2028b"', "ab", '"ab"'),
    ("'\\x41\\''", "A'", '"A\'"'),
])
def test_json5_escapes_are_read_as_json5_reads_them(text, value, replacement):
    import json5
    p = parse(text)
    assert p.errors == [] and p.root.value == value == json5.loads(text)
    [use] = p.json5
    assert use.replacement == replacement and parse(replacement).root.value == value


@pytest.mark.parametrize("text, name", [
    ('"\\01"', "InvalidEscapeCharacter"),      # JSON5 rejects it too
    ('"\\x4"', "InvalidEscapeCharacter"),
    ('"C:\\Users"', "InvalidEscapeCharacter"),  # JSON5 reads `U`; the author meant a backslash
    ('"\\x41\t"', "InvalidCharacter"),          # any error JSON5 also makes: jsonc-parser's, unrefined
])
def test_strings_json5_does_not_clear_keep_jsonc_parser_errors(text, name):
    p = parse(text)
    assert [e.name for e in p.errors] == [name] and p.json5 == []


def test_non_ascii_unquoted_keys_are_json5():
    p = parse('{модель: 1, 名前: 2, $ключ_1: 3}')
    assert p.errors == [] and p.root.to_python() == {"модель": 1, "名前": 2, "$ключ_1": 3}
    assert [u.replacement for u in p.json5] == ['"модель"', '"名前"', '"$ключ_1"']


def test_json5_escapes_no_longer_block_the_other_fixes():
    from lintkit import fix_text
    fixed, applied = fix_text('{\n  "model": "a\\x2Fb",\n  "share": "Auto"\n}\n')
    assert {d.code for d in applied} >= {"OC102", "OC203", "OC206"}
    assert '"model": "a/b"' in fixed and '"share": "auto"' in fixed
