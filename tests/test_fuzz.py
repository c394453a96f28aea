"""Fuzzing: generated JSONC, valid and then mutated. For every input, lint and fix with every
rule raise nothing, and every fix keeps design.md's invariants.

CI runs a modest number of examples; `OCLINT_FUZZ_EXAMPLES=10000 python -m pytest
tests/test_fuzz.py` runs as many as you like.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from linter import edits, engine, files
from conftest import CORPUS
from linter.jsonc import Parse, _Parser, _well_formed, parse
from linter.registry import REGISTRY, select
from lintkit import make_run
from strategies import OBJECTS, VALUES, jsonc

import rules

EXAMPLES = int(os.environ.get("OCLINT_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ALL = select(REGISTRY.values())
KNOWLEDGE = rules.knowledge()

PROVIDERS = st.fixed_dictionaries({
    "$schema": st.just("https://opencode.ai/config.json"),
    "model": st.sampled_from(["mixroute/gpt-4o", "MixRoute/gpt4o", "x", "openai/gpt-5.2", "p/m#v"]),
    "provider": st.dictionaries(
        st.sampled_from(["mixroute", "MixRoute", "openai", "my proxy", "p"]),
        st.fixed_dictionaries({
            "npm": st.sampled_from(["@ai-sdk/openai-compatible", "@ai-sdk/openai"]),
            "options": st.fixed_dictionaries({
                "baseURL": st.sampled_from(["https://console.mixroute.io", "https://console.mixroute.io/v1/",
                                            "http://example.com/v1/chat/completions", "${X}"]),
                "apiKey": st.sampled_from(["sk-live-4f9c2a7e81b34d0c9e5f6a1b", "{env:K}", "${K}"])}),
            "models": st.dictionaries(st.sampled_from(["gpt-5.1-codex", "o3", "claude-sonnet-4-5", "gpt-4o"]),
                                      st.fixed_dictionaries({}, optional={
                                          "apiCompatibility": st.sampled_from(["responses", "Responses", "x"]),
                                          "name": st.text(max_size=5)}), max_size=3)}),
        max_size=2),
}, optional={"autoshare": st.booleans(), "modle": st.just("a/b"), "layout": st.just("auto")})


@st.composite
def mutated(draw):
    """A valid document, then damaged the ways files get damaged."""
    text = draw(st.one_of(jsonc(value=OBJECTS), jsonc(value=PROVIDERS)))[0]
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, min(len(text), i + 8)))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "cut", "insert"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "swap" and j + 1 < len(text):
            text = text[:i] + text[j] + text[i + 1:j] + text[i] + text[j + 1:]
        elif op == "cut":
            text = text[:i]
        else:
            text = text[:i] + draw(st.sampled_from(['"', "'", "//", "/*", "*/", "{", "]", ",", ":", "\x00",
                                                    "{env:X}", "\\", "\n"])) + text[i:]
    return text


def lint(doc, run):
    return engine.lint(doc, ALL, run, None, KNOWLEDGE.postprocess)


def check_invariants(text: str) -> None:
    doc = files.decode("opencode.jsonc", text.encode("utf-8", "surrogatepass"))
    run = make_run({}, [doc])
    before = lint(doc, run)
    errors_before = {(d.code, d.start) for d in before if d.severity.value == "error"}
    fixed, applied = engine.fix(doc, lambda d: lint(d, make_run({}, [d])), unsafe=True)
    if fixed.text == doc.text:
        return
    # the result parses at least as well as the input, and a second fix changes nothing
    assert len(fixed.parse.errors) <= len(doc.parse.errors)
    again, _ = engine.fix(fixed, lambda d: lint(d, make_run({}, [d])), unsafe=True)
    assert again.text == fixed.text
    # every comment of the input is still there
    for start, end in doc.parse.comments:
        comment = doc.text[start:end]
        if "oclint:" not in comment:           # OC901 removes stale suppressions, by design
            assert comment in fixed.text
    # safe fixes keep the meaning, so no new error-severity finding appears (codes counted,
    # since fixes move offsets). Unsafe fixes change behaviour on purpose: renaming `modle`
    # to `model` brings a reference to life, and its own findings with it.
    safe, _ = engine.fix(doc, lambda d: lint(d, make_run({}, [d])), unsafe=False)
    after = [d for d in lint(safe, make_run({}, [safe])) if d.severity.value == "error"]
    new_codes = {d.code for d in after} - {c for c, _ in errors_before}
    assert not new_codes, (text, safe.text, new_codes)


def check_single_fixes_touch_only_their_spans(text: str) -> None:
    doc = files.decode("opencode.jsonc", text.encode("utf-8", "surrogatepass"))
    for d in lint(doc, make_run({}, [doc])):
        if d.fix is None:
            continue
        try:
            out = edits.apply(doc.text, d.fix.edits)
        except edits.OverlapError:
            raise AssertionError(f"{d.code} made overlapping edits")
        start, end = d.fix.start, d.fix.end
        grown = len(out) - len(doc.text)
        assert out[:start] == doc.text[:start]
        assert out[end + grown:] == doc.text[end:]


@FUZZ
@given(mutated())
def test_mutated_documents(text):
    check_invariants(text)
    check_single_fixes_touch_only_their_spans(text)


@FUZZ
@given(jsonc(value=PROVIDERS))
def test_gateway_shaped_documents(case):
    text = case[0]
    assert parse(text).errors == []
    check_invariants(text)
    check_single_fixes_touch_only_their_spans(text)


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data):
    doc = files.decode("opencode.json", data)
    for d in lint(doc, make_run({}, [doc])):
        assert d.line >= 1 and d.column >= 1


def everything(parsed) -> tuple:
    """All a parse says, as plain data: the tree with every span, errors, JSON5, comments."""
    def node(n):
        if n is None:
            return None
        if n.kind == "object":
            inside = [(m.key, m.key_start, m.key_end, m.comma, m.parent is n, node(m.value)) for m in n.children]
        elif n.kind == "array":
            inside = [node(c) for c in n.children]
        else:
            inside = (n.value, type(n.value).__name__)
        return n.kind, n.start, n.end, inside

    return node(parsed.root), parsed.errors, parsed.json5, parsed.comments


def full_parse(text):
    parser = _Parser(text)
    root = parser.parse()
    return Parse(root, parser.errors, parser.json5, parser.comments)


@FUZZ
@given(st.one_of(jsonc(value=OBJECTS), jsonc(value=PROVIDERS)).map(lambda case: case[0]) | mutated()
       | st.text(alphabet='{}[]:,"\\/*\n 0123456789.-eEtrufalsn', max_size=30))
def test_the_well_formed_fast_path_reads_as_the_parser_does(text):
    fast = _well_formed(text)
    if fast is not None:
        assert everything(fast) == everything(full_parse(text))


FAST_MEMBERS = ['{"a":1,}', '{ "a" : -0.5e3 , "b":true,"c":null, "d": false }', '{"a":"{env:X}","b":"x"}',
                '{"a":[1,2],"b":{},"c":{"d":[]}}', '{"a":1 // c\n, "b":2}', '{"a":1e5,"b":10,"c":1.0}',
                '{"a": 123456789012345678901234567890}', '{"k": "v" /* c */, "l": [ {"m": 1} ]}', '{"":""}']


@pytest.mark.parametrize("text", FAST_MEMBERS + [
    '{"a":{env:X}}', '{"a":01}', '{"a":truex}', '{"a": {,}}', '{"a":"\\u00e9"}', '{"a":1 "b":2}',
    '{"a":1,,"b":2}', '{"b":"x\\"y"}'])
def test_whole_members_read_at_once_read_as_the_parser_does(text):
    fast = _well_formed(text)
    assert fast is not None or text not in FAST_MEMBERS
    if fast is not None:
        assert everything(fast) == everything(full_parse(text))


def test_the_fast_path_reads_most_of_the_corpus():
    texts = [p.read_text(encoding="utf-8").lstrip("\ufeff") for p in sorted(CORPUS.glob("*.json*"))]
    fast = [t for t in texts if _well_formed(t) is not None]
    assert all(everything(_well_formed(t)) == everything(full_parse(t)) for t in fast)
    assert len(fast) >= 0.9 * len(texts) > 0


def strictly(value):
    """``value`` with each scalar tagged by its type: 1, 1.0 and true are told apart."""
    if isinstance(value, dict):
        return ("object", [(k, strictly(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("array", [strictly(v) for v in value])
    return (type(value).__name__, repr(value))


@FUZZ
@given(st.one_of(jsonc(value=OBJECTS), jsonc(value=PROVIDERS), jsonc(value=VALUES)).map(lambda case: case[0])
       | mutated() | st.text(alphabet='{}[]:,"\\/*\n 0123456789.-eEtrufalsn', max_size=30)
       | st.sampled_from(['{"a": 1, "a": 2.0, "b": [true, 1e400, -0]}', '{"a": 123456789012345678901234567890}',
                          '{"a": "\\ud800", "\\u00e9": "x"}', '{"x": 1' + '0' * 5000 + '}']))
def test_the_fast_parse_lists_its_nodes_and_the_json_module_reads_the_same_value(text):
    """Parse.nodes (when the fast path fills it) is ``walk``'s list, node for node; the
    document's value read by the json module is the tree's, scalar type for scalar type."""
    from linter.jsonc import walk
    from linter.source import Document
    parsed = parse(text)
    if parsed.nodes is not None:
        walked = list(walk(parsed.root))
        assert len(parsed.nodes) == len(walked) and all(a is b for a, b in zip(parsed.nodes, walked))
    doc = Document("opencode.json", text)
    if doc.root is not None:
        assert strictly(doc.value) == strictly(doc.root.to_python())
