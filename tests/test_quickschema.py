"""The quick yes/no schema check must give jsonschema's verdict, always: on the corpus, on
the fixtures, on mutants of them, and keyword by keyword on generated values."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import json5
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from jsonschema import Draft202012Validator

from conftest import CORPUS, ROOT
from linter.quickschema import compile_schema
from strategies import VALUES

SCHEMA = json.loads((ROOT / "rules" / "schema" / "opencode.schema.json").read_text(encoding="utf-8"))
FULL = Draft202012Validator(SCHEMA)
QUICK = compile_schema(SCHEMA)


def documents() -> list:
    paths = sorted(CORPUS.glob("*.json*")) + sorted((ROOT / "tests" / "fixtures").rglob("*.json*"))
    out = []
    for path in paths:
        try:
            out.append(json5.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            continue
    return [d for d in out if isinstance(d, dict)]


DOCUMENTS = documents()
# values the schema cares about, so mutants land on both sides of its lines
INTERESTING = VALUES | st.sampled_from(
    ["auto", "manual", "disabled", "allow", "ask", "deny", "local", "remote", "primary", "subagent",
     "all", "responses", "chat", "@ai-sdk/openai", {"type": "local", "command": ["x"]},
     {"type": "remote", "url": "https://x"}, {"enabled": False}, -1, 0, 1, 0.5, 2.0, 200000,
     {"context": 1, "output": 1}, {"input": 1, "output": 2}, ["a"], {}, [], "", True])


def test_the_bundled_schema_compiles():
    assert QUICK is not None


def test_corpus_and_fixtures_agree():
    assert len(DOCUMENTS) > 100
    disagree = [i for i, d in enumerate(DOCUMENTS) if QUICK(d) != FULL.is_valid(d)]
    assert disagree == []
    assert any(not FULL.is_valid(d) for d in DOCUMENTS) and any(FULL.is_valid(d) for d in DOCUMENTS)


def _places(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _places(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _places(v, path + (i,))


def mutant(data, edits: int = 3, drop: bool = False):
    """A document of DOCUMENTS with 1 to ``edits`` values replaced or keys added (and, with
    ``drop``, removed), drawn by hypothesis."""
    doc = copy.deepcopy(data.draw(st.sampled_from(DOCUMENTS)))
    places = [p for p in _places(doc) if p]
    for _ in range(data.draw(st.integers(1, edits))):
        if not places:
            break
        path = data.draw(st.sampled_from(places))
        parent = doc
        try:
            for step in path[:-1]:
                parent = parent[step]
            if drop and isinstance(parent, dict) and data.draw(st.booleans()):
                parent.pop(path[-1], None)
            elif isinstance(parent, dict) and data.draw(st.booleans()):
                parent[data.draw(st.sampled_from(["enabled", "type", "name", "x", "modle"]))] = \
                    copy.deepcopy(data.draw(INTERESTING))
            else:   # a copy: the sampled values are shared, and a later edit may land inside one
                parent[path[-1]] = copy.deepcopy(data.draw(INTERESTING))
        except (KeyError, IndexError, TypeError):
            continue
    return doc


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutants_agree(data):
    doc = mutant(data)
    assert QUICK(doc) == FULL.is_valid(doc)


KEYWORD_SCHEMAS = [
    {"type": "integer"}, {"type": ["string", "null"]}, {"type": "number", "minimum": 0, "exclusiveMaximum": 10},
    {"enum": [1, "a", None, True, [1], {"a": 1}]}, {"const": 1}, {"const": False},
    {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "additionalProperties": False},
    {"patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": {"type": "string"}},
    {"propertyNames": {"pattern": "^[a-z]+$"}, "minProperties": 1, "maxProperties": 2},
    {"prefixItems": [{"type": "string"}], "items": {"type": "integer"}, "minItems": 1, "maxItems": 3},
    {"items": False}, {"anyOf": [{"type": "string"}, {"type": "integer"}]},
    {"oneOf": [{"type": "integer"}, {"minimum": 0}]}, {"not": {"type": "object"}},
    {"if": {"type": "object", "required": ["t"]}, "then": {"properties": {"t": {"const": "a"}}},
     "else": {"type": "array"}},
    {"allOf": [{"$ref": "#/$defs/s"}, {"maxLength": 3, "minLength": 1}], "$defs": {"s": {"type": "string"}}},
    {"$defs": {"tree": {"type": ["object", "integer"], "additionalProperties": {"$ref": "#/$defs/tree"}}},
     "$ref": "#/$defs/tree"},
    {"dependentRequired": {"a": ["b"]}}, {"format": "email", "description": "annotations only"},
    True, False, {},
    # found in review: NaN passes every bound in jsonschema; patterns are joined into one
    # regex to decide what is additional; pointers are percent-decoded before they are split
    {"not": {"minimum": 0}}, {"if": {"maximum": 10}, "then": {"type": "integer"}},
    {"oneOf": [{"exclusiveMinimum": 0}, {"type": "number"}]},
    {"patternProperties": {"": {}}, "additionalProperties": False},
    {"patternProperties": {"(a)\\1": {}, "(b)\\1": {}}, "additionalProperties": False},
    {"$defs": {"": {"type": "string"}}, "$ref": "#/$defs/"},
    {"$defs": {"a": {"b": {"type": "string"}}, "a/b": {}}, "$ref": "#/$defs/a%2Fb"},
    {"$defs": {"a/b": {"type": "string"}}, "$ref": "#/$defs/a~1b"},
]


SAMPLES = [1, 1.0, 2.5, -1, 0, 10, "abc", "", "x", None, True, False, [1], ["s", 1, 2], ["s", "t"], [],
           {"a": 1}, {"a": "s", "b": 1}, {"a": "s"}, {"t": "a"}, {"t": "b"}, {"x1": 1, "y": "s"}, {"x1": "s"},
           {"a": {"b": 1}}, {"a": {"b": "s"}}, {"AB": 1}, {}, {"bb": 1}, {"aa": 1},
           float("nan"), float("inf"), -float("inf")]


def test_each_keyword_agrees_with_jsonschema_on_samples():
    for schema in KEYWORD_SCHEMAS:
        quick, full = compile_schema(schema), Draft202012Validator(schema)
        assert [quick(v) for v in SAMPLES] == [full.is_valid(v) for v in SAMPLES], schema


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(KEYWORD_SCHEMAS), VALUES)
def test_each_keyword_agrees_with_jsonschema(schema, value):
    assert compile_schema(schema)(value) == Draft202012Validator(schema).is_valid(value)


@pytest.mark.parametrize("schema", [
    {"uniqueItems": True}, {"contains": {"type": "string"}}, {"unevaluatedProperties": False},
    {"$ref": "https://example.com/s.json"}, {"$dynamicRef": "#x"}, {"multipleOf": 2},
    {"properties": {"a": {"$id": "https://x/a", "type": "string"}}},
    {"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "string"}]},
    {"type": "decimal"}, {"$ref": "#/$defs/missing"},
    {"$defs": {"x": {"$anchor": "properties", "type": "string"}}, "properties": {"a": {}}, "$ref": "#properties"},
    {"$defs": {"str": {"type": "integer"}, "ext": {"$id": "https://example.com/ext", "$defs": {
        "str": {"type": "string"}}, "properties": {"m": {"$ref": "#/$defs/str"}}}},
     "$ref": "#/$defs/ext/properties/m"},
])
def test_what_it_does_not_implement_is_left_to_jsonschema(schema):
    assert compile_schema(schema) is None
