"""Every rule's fixtures: bad input with the exact diagnostics and the exact fixed text,
good input with none.

Layout: ``tests/fixtures/<CODE>/<case>.jsonc`` is an input. Beside it:
- ``<case>.expected``: one line per diagnostic of that rule, ``CODE line:col``, in order
  (missing or empty: the input must get none; name good inputs ``ok_*``);
- ``<case>.fixed.jsonc``: the text after ``--fix`` with only this rule selected (missing:
  the fix must leave the text unchanged);
- ``<case>.options.json``: optional ``{"options": {...}, "unsafe": bool, "select": [...],
  "path": "...", "context": [[path, text], ...]}``: ``path`` is the path the case is linted
  as (it decides the document kind: `.opencode/command/x.md` is a command), ``context``
  the other files of its run (merged before it, as OpenCode merges them).
  With ``"versions": [...]`` the input runs once per OpenCode release listed (as
  the `opencode-version` setting), each against ``<case>@<release>.expected`` and
  ``<case>@<release>.fixed.jsonc``: the same file with different expected diagnostics.

An input named ``<case>.tui.json`` or ``<case>.tui.jsonc`` is linted as a tui.json(c).
Markdown cases (``<case>.md``, fixed text ``<case>.fixed.md``) work the same way.
"""

import json
from pathlib import Path

import pytest

from lintkit import fix_text, lint_text

FIXTURES = Path(__file__).parent / "fixtures"
INPUTS = sorted(p for pattern in ("*/*.json*", "*/*.md") for p in FIXTURES.glob(pattern)
                if not p.name.endswith((".fixed.jsonc", ".options.json", ".fixed.json", ".fixed.md"))
                and "@" not in p.name)


def _settings(case: Path) -> dict:
    side = case.with_name(case.name.split(".")[0] + ".options.json")
    return json.loads(side.read_text()) if side.exists() else {}


CASES = [(case, version) for case in INPUTS for version in _settings(case).get("versions", [None])]


@pytest.mark.parametrize("case,version", CASES,
                         ids=lambda v: f"{v.parent.name}/{v.name}" if isinstance(v, Path) else str(v))
def test_fixture(case: Path, version):
    code = case.parent.name
    stem = case.name.split(".")[0]
    text = case.read_bytes()
    settings = _settings(case)
    selectors = settings.get("select", [code])
    options = dict(settings.get("options", {}))
    if version is not None:
        options["opencode-version"] = version
        stem += f"@{version}"
    kind = "tui" if case.name.endswith((".tui.json", ".tui.jsonc")) else None
    path = settings.get("path", str(case))
    context = [tuple(c) for c in settings.get("context", [])]
    found = [f"{d.code} {d.line}:{d.column}"
             for d in lint_text(text, selectors, options, path=path, kind=kind, context=context)]
    expected_file = case.with_name(stem + ".expected")
    expected = expected_file.read_text().split("\n") if expected_file.exists() else []
    assert found == [line for line in expected if line.strip()]
    if stem.startswith("ok_"):
        assert not found
    fixed_file = case.with_name(stem + ".fixed" + case.suffix)
    fixed, _ = fix_text(text, selectors, options, unsafe=settings.get("unsafe", False), path=path,
                        kind=kind, context=context)
    want = fixed_file.read_bytes() if fixed_file.exists() else text
    assert fixed == want
    # the fixed text is clean of this rule's fixable findings: a second fix changes nothing
    again, _ = fix_text(fixed, selectors, options, unsafe=settings.get("unsafe", False), path=path,
                        kind=kind, context=context)
    assert again == fixed


def test_every_rule_has_fixtures():
    from linter.registry import REGISTRY
    missing = [code for code in REGISTRY if not (FIXTURES / code).is_dir()]
    assert not missing, f"rules without fixtures: {missing}"
