"""The rule tables of the READMEs and the rules pages (docs/rules.md and each locale's) are
generated from the rules; stale is a failure."""

from pathlib import Path

import pytest

import rules  # noqa: F401  (registers the rules)
from linter import docs

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("locale", sorted(docs.LOCALES))
def test_readme_rule_table_is_current(locale):
    readme = (ROOT / docs.LOCALES[locale][0]).read_text(encoding="utf-8")
    assert docs.START in readme and docs.END in readme
    assert docs.readme_with_table(readme, locale) == readme, "run `python -m linter.docs`"


@pytest.mark.parametrize("locale", sorted(docs.LOCALES))
def test_rules_page_is_current(locale):
    page = ROOT / docs.LOCALES[locale][1]
    assert page.read_text(encoding="utf-8") == docs.rules_page(locale), "run `python -m linter.docs`"


@pytest.mark.parametrize("locale", sorted(docs.LOCALES))
def test_every_rule_is_in_the_table(locale):
    from linter.registry import REGISTRY
    table = docs.table(locale)
    assert all(f"[{code}]" in table for code in REGISTRY)
