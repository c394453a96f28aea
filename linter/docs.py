"""Rule documentation and the rule index, generated from the rules themselves.

``python -m linter.docs`` rewrites the rule table in README.md (between the
``<!-- rules:start -->`` and ``<!-- rules:end -->`` markers), docs/rules.md and the rule
index (rules/index.json, which lets a run declare every rule without importing it); the
tests fail when any of them is stale.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from linter.registry import REGISTRY, index

PACKAGE = "rules"

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def table() -> str:
    rows = ["| code | name | severity | fix | what it finds |", "|---|---|---|---|---|"]
    for rule in sorted(REGISTRY.values(), key=lambda r: r.code):
        fix = rule.fix.value if rule.fix else "-"
        rows.append(f"| [{rule.code}](docs/rules.md#{rule.code.lower()}) | `{rule.name}` | "
                    f"{rule.severity.value} | {fix} | {rule.summary} |")
    return "\n".join(rows) + "\n"


def rules_page() -> str:
    parts = ["# oclint rules", "",
             "Generated from the rules' docstrings by `python -m linter.docs`; do not edit by hand.",
             ""]
    for rule in sorted(REGISTRY.values(), key=lambda r: r.code):
        fix = f"fix: {rule.fix.value}" if rule.fix else "no fix"
        body = re.sub(r"^## ", "#### ", rule.doc, flags=re.M)
        parts += [f"## {rule.code}", "", f"`{rule.name}` · default severity {rule.severity.value} · {fix}",
                  "", body, ""]
    return "\n".join(parts)


def readme_with_table(readme: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table()}{END}{tail}"


def index_text() -> str:
    """The rule index of the rules package, as rules/index.json holds it."""
    entries = [json.dumps(entry, ensure_ascii=False) for entry in index(PACKAGE)]
    return "[\n" + ",\n".join(entries) + "\n]\n"


def main(root: str = ".") -> int:
    base = Path(root)
    text = index_text()         # imports every rule module
    (base / PACKAGE / "index.json").write_text(text, encoding="utf-8")
    readme = base / "README.md"
    readme.write_text(readme_with_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
    (base / "docs").mkdir(exist_ok=True)
    (base / "docs" / "rules.md").write_text(rules_page(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
