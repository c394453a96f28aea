"""Rule documentation and the rule index, generated from the rules themselves.

``python -m linter.docs`` rewrites the rule table in README.md (between the
``<!-- rules:start -->`` and ``<!-- rules:end -->`` markers), docs/rules.md and the rule
index (rules/index.json, which lets a run declare every rule without importing it); the
tests fail when any of them is stale. For each other locale of ``LOCALES`` it does the same
with the README and rules page of that locale, from the translated documentation the rules
package keeps at ``<package>/locale/<locale>/rules/<CODE>.md`` (written in the docstring's
layout: the summary's paragraph first, then the ``## `` sections).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from linter.registry import REGISTRY, index

PACKAGE = "rules"

START, END = "<!-- rules:start -->", "<!-- rules:end -->"

# locale: (README, rules page, the page's labels)
LOCALES = {
    "en": ("README.md", "docs/rules.md", {
        "title": "# oclint rules",
        "generated": "Generated from the rules' docstrings by `python -m linter.docs`; do not edit by hand.",
        "header": "| code | name | severity | fix | what it finds |",
        "severity": "default severity {}", "fix": "fix: {}", "no-fix": "no fix"}),
    "zh-CN": ("README.zh-CN.md", "docs/rules.zh-CN.md", {
        "title": "# oclint 规则",
        "generated": "由 `python -m linter.docs` 根据各规则的中文文档生成,请勿手动编辑。",
        "header": "| 代码 | 名称 | 严重级别 | 修复 | 检查内容 |",
        "severity": "默认严重级别 {}", "fix": "修复:{}", "no-fix": "无修复"}),
}


def locale_dir(locale: str) -> Path:
    """Where the rules package keeps the documentation translated into ``locale``."""
    package = sys.modules.get(PACKAGE) or __import__(PACKAGE)
    return Path(package.__file__).parent / "locale" / locale / "rules"


def rule_doc(rule, locale: str = "en") -> str:
    """The rule's documentation in ``locale`` (the docstring for English)."""
    if locale == "en":
        return rule.doc
    return (locale_dir(locale) / f"{rule.code}.md").read_text(encoding="utf-8").strip("\n")


def rule_summary(rule, locale: str = "en") -> str:
    if locale == "en":
        return rule.summary
    return rule_doc(rule, locale).splitlines()[0].strip()


def table(locale: str = "en") -> str:
    page, labels = LOCALES[locale][1], LOCALES[locale][2]
    rows = [labels["header"], "|---|---|---|---|---|"]
    for rule in sorted(REGISTRY.values(), key=lambda r: r.code):
        fix = rule.fix.value if rule.fix else "-"
        rows.append(f"| [{rule.code}]({page}#{rule.code.lower()}) | `{rule.name}` | "
                    f"{rule.severity.value} | {fix} | {rule_summary(rule, locale)} |")
    return "\n".join(rows) + "\n"


def rules_page(locale: str = "en") -> str:
    labels = LOCALES[locale][2]
    parts = [labels["title"], "", labels["generated"], ""]
    for rule in sorted(REGISTRY.values(), key=lambda r: r.code):
        fix = labels["fix"].format(rule.fix.value) if rule.fix else labels["no-fix"]
        body = re.sub(r"^## ", "#### ", rule_doc(rule, locale), flags=re.M)
        severity = labels["severity"].format(rule.severity.value)
        parts += [f"## {rule.code}", "", f"`{rule.name}` · {severity} · {fix}", "", body, ""]
    return "\n".join(parts)


def readme_with_table(readme: str, locale: str = "en") -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table(locale)}{END}{tail}"


def index_text() -> str:
    """The rule index of the rules package, as rules/index.json holds it."""
    entries = [json.dumps(entry, ensure_ascii=False) for entry in index(PACKAGE)]
    return "[\n" + ",\n".join(entries) + "\n]\n"


def main(root: str = ".") -> int:
    base = Path(root)
    text = index_text()         # imports every rule module
    (base / PACKAGE / "index.json").write_text(text, encoding="utf-8")
    (base / "docs").mkdir(exist_ok=True)
    for locale, (readme_name, page_name, _) in LOCALES.items():
        readme = base / readme_name
        if readme.exists():
            readme.write_text(readme_with_table(readme.read_text(encoding="utf-8"), locale),
                              encoding="utf-8")
        (base / page_name).write_text(rules_page(locale), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
