"""The real configs in ../shared/corpus: syntax verdicts match OpenCode's, nothing crashes."""

import pytest

from conftest import CORPUS, corpus_manifest
from linter import files
from lintkit import lint_text

ROWS = corpus_manifest()
pytestmark = pytest.mark.skipif(not ROWS, reason="../shared/corpus is not beside the checkout")
SYNTAX = {"OC101", "OC102", "OC104"}


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["file"])
def test_syntax_verdict_matches_opencode(row):
    data = (CORPUS / row["file"]).read_bytes()
    found = {d.code for d in lint_text(data, ["OC1"], path=row["file"])} & SYNTAX
    assert bool(found) == (row["opencode_loads"] == "syntax"), found


def test_syntax_errors_where_opencode_reports_them():
    # line and column of the first error, where the manifest notes place the parse failure
    expected = {"216.json": (126, 4), "218.json": (11, 5), "220.jsonc": (11, 3), "222.jsonc": (123, 1)}
    for name, position in expected.items():
        first = lint_text((CORPUS / name).read_bytes(), ["OC101"], path=name)[0]
        assert (first.line, first.column) == position


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["file"])
def test_every_rule_runs_without_a_crash(row):
    data = (CORPUS / row["file"]).read_bytes()
    doc = files.decode(row["file"], data)
    assert doc.encoding_error is None
    for d in lint_text(data, ["ALL"], path=row["file"]):
        assert d.line >= 1 and d.column >= 1


@pytest.mark.parametrize("row", [r for r in ROWS if r["opencode_loads"] != "syntax"], ids=lambda r: r["file"])
def test_no_type_value_or_required_error_on_configs_opencode_loads(row):
    data = (CORPUS / row["file"]).read_bytes()
    found = [f"{d.code} {d.line}:{d.column} {d.message}" for d in lint_text(data, ["OC202", "OC203", "OC204"])]
    assert found == []


def test_guide_sample_has_no_schema_error():
    from conftest import guide_sample
    sample = guide_sample()
    if sample is None:
        pytest.skip("../shared/mixroute-opencode-guide.txt is not beside the checkout")
    assert '"gpt-5.1-codex"' in sample
    assert [d for d in lint_text(sample, ["OC2"]) if d.severity.value == "error"] == []
