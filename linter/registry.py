"""Rule metadata, the registry, and which rules a run selects.

A rule is a function ``check(ctx)`` yielding diagnostics, registered with ``@rule``. Its
docstring is its documentation (headings: What it does / Why is this bad? / Example /
Fix safety / Options); its first line is the summary.

Selection follows flake8 and ruff: a selector is a code (``OC103``), a prefix (``OC1``,
``MR``), a name (``duplicate-key``) or ``ALL``; for each rule the most specific matching
selector decides, and ``--ignore`` wins a tie.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterable

from linter.diagnostics import Applicability, Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    fix: Applicability | None
    check: Callable
    doc: str
    syntax: bool = False   # runs on documents that do not parse (the others wait for a clean parse)
    kinds: tuple[str, ...] = ("config",)   # the document kinds it checks (``Document.kind``)

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0].strip() if self.doc else ""


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity | str, fix: Applicability | str | None = None,
         syntax: bool = False, kinds: Iterable[str] = ("config",)):
    """Register ``check`` as rule ``code``, for documents of ``kinds``. The decorated
    function is returned unchanged."""

    def register(check: Callable) -> Callable:
        if code in REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        doc = inspect.cleandoc(check.__doc__ or "")
        REGISTRY[code] = Rule(code, name, Severity(severity),
                              Applicability(fix) if fix else None, check, doc, syntax, tuple(kinds))
        return check

    return register


class SelectorError(ValueError):
    """A selector that names no rule."""


def _specificity(selector: str, rule_: Rule) -> int:
    """How specifically ``selector`` names ``rule_`` (0: not at all)."""
    if selector == "ALL":
        return 1
    if selector == rule_.name:
        return 100
    if rule_.code.startswith(selector):
        return 1 + len(selector)
    return 0


def check_selectors(selectors: Iterable[str], rules: Iterable[Rule]) -> None:
    rules = list(rules)
    for selector in selectors:
        if not any(_specificity(selector, r) for r in rules):
            known = [r.code for r in rules] + [r.name for r in rules]
            import difflib

            close = difflib.get_close_matches(selector, known, n=1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            raise SelectorError(f"unknown rule selector `{selector}`{hint}")


def select(rules: Iterable[Rule], select: Iterable[str] = ("ALL",),
           ignore: Iterable[str] = (), extend_select: Iterable[str] = ()) -> list[Rule]:
    """The rules a run uses, in code order."""
    rules = sorted(rules, key=lambda r: r.code)
    chosen = [*select, *extend_select]
    ignore = list(ignore)
    check_selectors([*chosen, *ignore], rules)
    picked = []
    for rule_ in rules:
        on = max((_specificity(s, rule_) for s in chosen), default=0)
        off = max((_specificity(s, rule_) for s in ignore), default=0)
        if on and on > off:
            picked.append(rule_)
    return picked


def find(selector: str) -> Rule | None:
    """The rule named by an exact code or name."""
    for rule_ in REGISTRY.values():
        if selector.upper() == rule_.code or selector == rule_.name:
            return rule_
    return None
