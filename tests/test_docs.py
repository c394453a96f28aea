"""The rule table in README.md and docs/rules.md are generated from the rules; stale is a failure."""

from pathlib import Path

import rules  # noqa: F401  (registers the rules)
from linter import docs

ROOT = Path(__file__).parent.parent


def test_readme_rule_table_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert docs.readme_with_table(readme) == readme, "run `python -m linter.docs`"


def test_rules_page_is_current():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == docs.rules_page(), \
        "run `python -m linter.docs`"


def test_every_rule_is_in_the_table():
    from linter.registry import REGISTRY
    table = docs.table()
    assert all(f"[{code}]" in table for code in REGISTRY)
