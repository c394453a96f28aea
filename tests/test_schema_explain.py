"""The quick engine's explanations of a schema error must be jsonschema's: error for error
(validator, path, schema path, message, context) on every keyword, and diagnostic for
diagnostic (OC201-OC204: code, span, message) on the corpus, the fixtures and mutants of
them. jsonschema is the oracle; a run never imports it for the bundled schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from jsonschema import Draft202012Validator

from conftest import CORPUS, ROOT
from lintkit import lint_text
from linter.quickschema import compile_schema
from rules import schema as schema_rules
from strategies import VALUES
from test_quickschema import DOCUMENTS, KEYWORD_SCHEMAS, SAMPLES, SCHEMA, mutant

SCHEMA_RULES = ("OC201", "OC202", "OC203", "OC204")
TUI_SCHEMA_RULES = ("OC601", "OC602")       # the same engine on another bundled schema
QUICK, FULL = compile_schema(SCHEMA), Draft202012Validator(SCHEMA)


def _shape(error) -> tuple:
    return (error.validator, tuple(error.absolute_path), tuple(error.relative_schema_path), error.message,
            sorted((_shape(e) for e in error.context), key=repr))


def _same_errors(compiled, full, value) -> None:
    # jsonschema visits additional properties through a set: its order follows the hash seed
    ours = sorted((_shape(e) for e in compiled.errors(value)), key=repr)
    theirs = sorted((_shape(e) for e in full.iter_errors(value)), key=repr)
    assert ours == theirs


def test_each_keyword_explains_as_jsonschema_on_samples():
    for schema in KEYWORD_SCHEMAS:
        compiled, full = compile_schema(schema), Draft202012Validator(schema)
        for value in SAMPLES:
            _same_errors(compiled, full, value)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(KEYWORD_SCHEMAS), VALUES)
def test_each_keyword_explains_as_jsonschema(schema, value):
    _same_errors(compile_schema(schema), Draft202012Validator(schema), value)


def test_the_bundled_schema_explains_the_corpus_and_fixtures_as_jsonschema():
    invalid = [d for d in DOCUMENTS if not FULL.is_valid(d)]
    assert len(invalid) > 20
    for doc in DOCUMENTS:
        _same_errors(QUICK, FULL, doc)


def _diagnostics(text: str, oracle: bool, kind: str | None = None) -> list[tuple]:
    schema_rules.ORACLE = oracle
    try:
        found = lint_text(text, TUI_SCHEMA_RULES if kind == "tui" else SCHEMA_RULES, kind=kind,
                          path="tui.json" if kind == "tui" else "opencode.jsonc")
        return [(d.code, d.start, d.end, d.message) for d in found]
    finally:
        schema_rules.ORACLE = False


def _texts() -> list[tuple[str, str | None]]:
    """(text, kind) of every config and tui.json of the corpora and the fixtures."""
    paths = sorted(CORPUS.glob("*.json*")) + sorted((CORPUS.parent / "corpus-md").glob("tui-*.json*")) \
        + sorted((ROOT / "tests" / "fixtures").rglob("*.json*"))
    return [(p.read_text(encoding="utf-8", errors="replace"),
             "tui" if p.name.startswith("tui-") or ".tui." in p.name else None)
            for p in paths if not p.name.endswith(".options.json")]


TEXTS = _texts()


@pytest.mark.parametrize("kind", [None, "tui"])
def test_schema_diagnostics_are_jsonschemas_on_corpus_and_fixtures(kind):
    found = 0
    for text in (text for text, its_kind in TEXTS if its_kind == kind):
        ours = _diagnostics(text, False, kind)
        assert ours == _diagnostics(text, True, kind)
        found += len(ours)
    assert found >= 20


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_schema_diagnostics_are_jsonschemas_on_mutants(data):
    doc = mutant(data, edits=4, drop=True)
    text = json.dumps(doc, indent=data.draw(st.sampled_from([None, 2])))
    assert _diagnostics(text, False) == _diagnostics(text, True)


def test_a_run_with_schema_errors_does_not_import_jsonschema(tmp_path):
    bad = tmp_path / "opencode.json"
    bad.write_text('{"modle": "a/b", "share": "yes", "command": {"c": {}}, "autoupdate": 3}')
    code = ("import sys, runpy; sys.argv = ['oclint', '--isolated', '-q', '--exit-zero', %r]\n"
            "try:\n    runpy.run_module('linter.main', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'referencing', 'click')))"
            % str(bad))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert "OC201" in out.stdout and "OC202" in out.stdout and "OC203" in out.stdout and "OC204" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("schema", [{"uniqueItems": True}, {"$ref": "https://example.com/s.json"}])
def test_a_schema_the_quick_engine_does_not_implement_is_explained_by_jsonschema(schema, tmp_path):
    named = tmp_path / "s.json"
    named.write_text(json.dumps({**schema, "type": "object", "properties": {"share": {"enum": ["auto"]}}}))
    found = lint_text('{"share": "yes"}', SCHEMA_RULES, options={"schema": str(named)})
    assert [(d.code, d.message) for d in found] == [("OC203", '`share` is "yes"; allowed: "auto"')]
