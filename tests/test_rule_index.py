"""The rule index (rules/index.json) declares every rule without importing it; it must say
what the rule modules say, and a run must import only the rule modules it runs."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT
from linter.docs import index_text
from linter.registry import REGISTRY

INDEX = ROOT / "rules" / "index.json"


def test_the_index_is_what_the_rule_modules_register():
    # imports every module under rules/ (new families in sub-folders included)
    assert INDEX.read_text(encoding="utf-8") == index_text(), \
        "rules/index.json is stale: run `python -m linter.docs`"


def test_every_declared_rule_is_registered_by_its_module():
    index_text()
    stale = [r.code for r in REGISTRY.values() if r.module.startswith("rules") and not r.loaded]
    assert stale == []


def _modules_after(code: str, cwd) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _after_a_run(args: list[str], what: str, cwd, before: str = "") -> list[str]:
    """``what`` (an expression), evaluated after ``oclint ARGS`` ran in a fresh interpreter
    (``before`` runs first)."""
    code = ("import sys, json\nfrom linter.main import main\nfrom linter.registry import REGISTRY\n"
            f"{before}\nsys.argv = ['oclint', '--isolated', '-q', '--exit-zero', *{args!r}]\n"
            f"try:\n    main()\nexcept SystemExit:\n    pass\nprint(json.dumps({what}))")
    return _modules_after(code, cwd)


def test_a_run_imports_only_the_rules_it_selects(tmp_path):
    config = tmp_path / "opencode.json"
    config.write_text('{"modle": "x", "share": "yes"}')
    imported = _after_a_run(["--select", "OC201,invalid-value", str(config)],
                            "sorted(m for m in sys.modules if m.startswith('rules.'))", tmp_path)
    declared = {r["module"] for r in json.loads(INDEX.read_text(encoding="utf-8"))}
    assert {"rules.unknown_key", "rules.invalid_value"} <= set(imported)
    assert declared & set(imported) <= {"rules.unknown_key", "rules.invalid_value", "rules.unused_suppression"}


def test_rules_of_other_kinds_are_not_imported(tmp_path):
    config = tmp_path / "opencode.json"
    config.write_text('{"model": "a/b"}')
    # a rule for another kind of file, whose module cannot even be imported
    declare = ("import rules\nfrom linter.registry import declare\ndeclare([{'code': 'ZZ999', 'name': 'zz', "
               "'severity': 'error', 'fix': None, 'syntax': True, 'kinds': ['agent'], "
               "'module': 'rules.no_such_module', 'function': 'check', 'summary': 'zz'}])")
    assert _after_a_run([str(config)], "[REGISTRY['ZZ999'].loaded]", tmp_path, declare) == [False]
    assert _after_a_run(["--select", "ZZ999", str(config)], "[REGISTRY['ZZ999'].loaded]", tmp_path,
                        declare) == [False]


def test_selection_and_rule_docs_see_every_rule_without_importing_it():
    code = ("import json, sys\nimport rules\nfrom linter.registry import REGISTRY, select, find\n"
            "picked = [r.code for r in select(REGISTRY.values(), ['OC2'], ['deprecated-key'])]\n"
            "names = [r.name for r in REGISTRY.values()]\n"
            "before = sorted(m for m in sys.modules if m.startswith('rules.'))\n"
            "doc = find('OC201').doc\n"
            "print(json.dumps([picked, len(names), before, '## What it does' in doc]))")
    picked, count, before, documented = _modules_after(code, ROOT)
    entries = json.loads(INDEX.read_text(encoding="utf-8"))
    assert count == len(entries) and "OC201" in picked and "OC205" not in picked and "OC206" in picked
    assert before == [] and documented
