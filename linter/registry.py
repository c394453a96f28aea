"""Rule metadata, the registry, and which rules a run selects.

A rule is a function ``check(ctx)`` yielding diagnostics, registered with ``@rule``. Its
docstring is its documentation (headings: What it does / Why is this bad? / Example /
Fix safety / Options); its first line is the summary.

Selection follows flake8 and ruff: a selector is a code (``OC103``), a prefix (``OC1``,
``MR``), a name (``duplicate-key``) or ``ALL``; for each rule the most specific matching
selector decides, and ``--ignore`` wins a tie.
"""

from __future__ import annotations

from linter.i18n import _
from collections.abc import Callable, Iterable

from linter.diagnostics import Applicability, Severity


def cleandoc(doc: str) -> str:
    """A docstring without its indentation, as ``inspect.cleandoc`` gives it (importing
    ``inspect`` costs a tenth of a run)."""
    lines = doc.expandtabs().split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.lstrip()]
    margin = min(indents) if indents else 0
    lines = [lines[0].lstrip()] + [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


class Rule:
    """A rule's metadata, and its check function and documentation, which are loaded (by
    importing the rule's module) only when a run first calls or shows them: a run pays for
    the rules it runs, not for the ones it has."""

    __slots__ = ("code", "name", "severity", "fix", "syntax", "kinds", "module", "function",
                 "_summary", "_check", "_doc")

    def __init__(self, code: str, name: str, severity: Severity, fix: Applicability | None,
                 check: Callable | None = None, doc: str | None = None, syntax: bool = False,
                 kinds: tuple[str, ...] = ("config",), module: str = "", function: str = "check",
                 summary: str | None = None):
        self.code, self.name, self.severity, self.fix = code, name, severity, fix
        self.syntax = syntax
        self.kinds = tuple(kinds)               # the document kinds it checks (``Document.kind``)
        self.module, self.function = module or getattr(check, "__module__", ""), function
        self._check, self._doc, self._summary = check, doc, summary

    def _load(self) -> None:
        if self._check is None:
            __import__(self.module)         # its @rule attaches the function
            if self._check is None:
                raise RuntimeError(f"rule {self.code}: {self.module} does not register it "
                                   "(the rule index is stale: run `python -m linter.docs`)")

    @property
    def check(self) -> Callable:
        self._load()
        return self._check

    @property
    def doc(self) -> str:
        if self._doc is None:
            self._load()
        if self._doc is None:       # cleaned when first shown, not when registered
            self._doc = cleandoc(self._check.__doc__ or "")
        return self._doc

    @property
    def loaded(self) -> bool:
        return self._check is not None

    @property
    def summary(self) -> str:
        if self._summary is None:
            doc = self.doc
            self._summary = doc.splitlines()[0].strip() if doc else ""
        return self._summary

    def metadata(self) -> dict:
        """What the rule index keeps of this rule (see ``declare``)."""
        return {"code": self.code, "name": self.name, "severity": self.severity.value,
                "fix": self.fix.value if self.fix else None, "syntax": self.syntax,
                "kinds": list(self.kinds), "module": self.module, "function": self.function,
                "summary": self.summary}

    def __repr__(self) -> str:
        return f"Rule({self.code}, {self.name})"


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity | str, fix: Applicability | str | None = None,
         syntax: bool = False, kinds: Iterable[str] = ("config",)):
    """Register ``check`` as rule ``code``, for documents of ``kinds``. The decorated
    function is returned unchanged. A rule the index already declared (``declare``) gets
    its function and documentation (and, should the index be stale, the decorator's
    metadata)."""

    def register(check: Callable) -> Callable:
        found = Rule(code, name, Severity(severity), Applicability(fix) if fix else None, check, None,
                     syntax, tuple(kinds), check.__module__, check.__name__)
        known = REGISTRY.get(code)
        if known is None:
            REGISTRY[code] = found
        elif known.loaded:
            raise ValueError(f"rule {code} registered twice")
        else:   # declared by the index (tests/test_rule_index.py keeps it in step)
            for slot in Rule.__slots__:
                setattr(known, slot, getattr(found, slot))
        return check

    return register


def declare(entries: Iterable[dict]) -> None:
    """Register rules from their index entries (``Rule.metadata``) without importing them."""
    for e in entries:
        if e["code"] not in REGISTRY:
            REGISTRY[e["code"]] = Rule(e["code"], e["name"], Severity(e["severity"]),
                                       Applicability(e["fix"]) if e["fix"] else None, None, None,
                                       e["syntax"], tuple(e["kinds"]), e["module"], e["function"],
                                       e["summary"])


def discover(package: str) -> list[str]:
    """Import every module of ``package`` and its sub-packages (registering every rule in
    them); the names imported. For the index generator and its test, never a run."""
    import importlib
    import pkgutil

    root = importlib.import_module(package)
    names = [package]
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        importlib.import_module(info.name)
        names.append(info.name)
    return names


def index(package: str) -> list[dict]:
    """The rule index of ``package``: every rule its modules register, in code order."""
    discover(package)
    return [r.metadata() for r in sorted(REGISTRY.values(), key=lambda r: r.code)
            if r.loaded and (r.module == package or r.module.startswith(package + "."))]


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
            hint = _("; did you mean `{close}`?").format(close=close[0]) if close else ""
            raise SelectorError(_("unknown rule selector `{selector}`{hint}").format(selector=selector, hint=hint))


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


def severity_of(rule_: Rule, severities) -> str | None:
    """The severity the `severity` setting gives ``rule_``: its entries are selectors
    (codes, prefixes, names, ALL) like `select`'s, and the most specific one that names
    the rule wins (`MR: info` with `MR102: error` makes MR102 an error)."""
    best, chosen = 0, None
    for selector, level in severities.items():
        rank = _specificity(selector, rule_)
        if rank > best:
            best, chosen = rank, level
    return chosen


def find(selector: str) -> Rule | None:
    """The rule named by an exact code or name."""
    for rule_ in REGISTRY.values():
        if selector.upper() == rule_.code or selector == rule_.name:
            return rule_
    return None
