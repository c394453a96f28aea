"""The speed-ups give the answers of the plain code they replace (issue 17: speed never at
the cost of a verdict): each is held equal to its definition on generated input."""

from __future__ import annotations

import os

from hypothesis import given, settings, strategies as st

from linter import discovery
from rules import layout
from rules.permission import rules_list

# -- OC711's search for the rule that decides ------------------------------------------

WORDS = st.text(alphabet="ab*?", max_size=4)


def _rule(permission: str, pattern: str, action: str) -> rules_list.Rule:
    return rules_list.Rule(permission, pattern, action, None, None, "the global permission")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(WORDS, WORDS, st.sampled_from(rules_list.ACTIONS)), max_size=12))
def test_last_covering_is_the_last_later_rule_that_covers(triples):
    rules = [_rule(*t) for t in triples]
    expected = [next((later for later in reversed(rules[i + 1:]) if rules_list.covers(later, r)), None)
                for i, r in enumerate(rules)]
    assert rules_list.last_covering(rules) == expected


def test_last_covering_on_a_list_written_the_wrong_way_round():
    rules = [_rule("bash", "rm -rf *", "deny"), _rule("bash", "git *", "ask"), _rule("*", "*", "allow"),
             _rule("bash", "git push*", "deny"), _rule("bash", "rm -rf /tmp", "ask")]
    winners = rules_list.last_covering(rules)
    assert winners == [rules[2], rules[3], None, None, None] or winners[1] is rules[2]
    assert winners[0] is rules[2] and winners[1] is rules[2] and winners[2:] == [None, None, None]


# -- the run's view of the file system ---------------------------------------------------

NAMES = ("opencode.json", "a", "b.md", ".opencode", "link", "gone")


def _build(root: str, layout_: list[tuple[str, str]]) -> None:
    for relative, what in layout_:
        path = os.path.join(root, relative)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except OSError:         # a file or a link is in the way: that layout is what it is
            continue
        if os.path.lexists(path):
            continue
        if what == "file":
            open(path, "w").close()
        elif what == "dir":
            os.makedirs(path, exist_ok=True)
        elif what == "link-to-file":
            os.symlink(os.path.join(root, "opencode.json"), path)
        elif what == "link-to-dir":
            os.symlink(root, path)
        else:
            os.symlink(os.path.join(root, "nowhere"), path)     # a broken link


PATHS = st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map(lambda parts: os.path.join(*parts))
KINDS = st.sampled_from(["file", "dir", "link-to-file", "link-to-dir", "broken"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(PATHS, KINDS), max_size=8), st.lists(PATHS, min_size=1, max_size=10))
def test_the_run_view_answers_as_os_path(tmp_path_factory, layout_, asked):
    root = str(tmp_path_factory.mktemp("tree"))
    open(os.path.join(root, "opencode.json"), "w").close()
    _build(root, layout_)
    discovery.forget()
    for relative in asked:
        path = os.path.join(root, relative)
        for ours, theirs in ((discovery.isfile, os.path.isfile), (discovery.isdir, os.path.isdir),
                             (discovery.exists, os.path.exists), (discovery.lexists, os.path.lexists)):
            assert ours(path) == theirs(path), (ours.__name__, relative)
        if os.path.isdir(path):
            assert discovery.listdir(path) == sorted(os.listdir(path))


def test_a_new_run_sees_what_changed(tmp_path):
    config = tmp_path / "opencode.json"
    discovery.forget()
    assert not discovery.isfile(str(config))
    config.write_text("{}")
    assert not discovery.isfile(str(config))        # the run's view: as first listed
    discovery.forget()
    assert discovery.isfile(str(config))


def test_paths_with_dots_go_to_the_file_system(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "f").write_text("")
    discovery.forget()
    assert discovery.isfile(f"{tmp_path}/x/../f") and not discovery.isfile("relative/f")


def _walked(folder: str, recursive: bool) -> list[str]:
    """The markdown of ``folder`` by os.walk: the definition `layout._markdown` keeps."""
    if not os.path.isdir(folder):
        return []
    out, seen = [], set()
    for top, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        out += [os.path.join(top, n) for n in sorted(names)
                if n.endswith(".md") and os.path.isfile(os.path.join(top, n))]
        if not recursive:
            break
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(PATHS, KINDS), max_size=10), st.booleans())
def test_markdown_walk_is_os_walk(tmp_path_factory, layout_, recursive):
    root = str(tmp_path_factory.mktemp("tree"))
    open(os.path.join(root, "opencode.json"), "w").close()
    _build(root, layout_)
    discovery.forget()
    assert layout._markdown(root, recursive) == _walked(root, recursive)


# -- --fix: the fix loop's last lint stands for the final one when nothing else changed --

import io
import json
from pathlib import Path

import rules as knowledge_of_rules
from linter import app

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
# a project whose files see each other: a fix in one changes what the others are judged with
PROJECT = {
    "opencode.json": '{\n  "model": "Mixroute/gpt-5.1-codex",\n  "theme": "tokyonight"\n}\n',
    ".opencode/opencode.jsonc": ('{\n  // the gateway\n  "provider": {\n    "Mixroute": {\n'
                                 '      "npm": "@ai-sdk/openai-compatible",\n'
                                 '      "options": { "baseURL": "https://console.mixroute.io" },\n'
                                 '      "models": { "gpt-5.1-codex": {} }\n    }\n  }\n}\n'),
    "sub/opencode.json": '{ "small_model": "Mixroute/gpt-5.1-codex", "modle": "x/y" }\n',
}


def _check(paths, **flags) -> list[dict]:
    options = app.CheckOptions(paths=[str(p) for p in paths], output_format="json", quiet=True,
                               exit_zero=True, **flags)
    out = io.StringIO()
    app.check(options, knowledge_of_rules.knowledge(), stdout=out, stderr=io.StringIO())
    return sorted((d["filename"], d["code"], d["location"]["row"], d["location"]["column"], d["message"])
                  for d in json.loads(out.getvalue()))


def test_fix_reports_what_a_fresh_lint_of_the_fixed_files_finds(tmp_path):
    corpus = sorted((SHARED / "corpus").glob("*.json*"))[:12]
    paths = []
    for relative, text in PROJECT.items():
        paths.append(tmp_path / relative)
    for i, source in enumerate(corpus):       # real files, some in the project's folders
        paths.append(tmp_path / ("sub" if i % 2 else f"other{i}") / f"c{i}" / "opencode.json")
        paths[-1].parent.mkdir(parents=True, exist_ok=True)
        paths[-1].write_bytes(source.read_bytes())
    for relative, text in PROJECT.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    for unsafe in (False, True):
        reported = _check(paths, fix=True, unsafe_fixes=unsafe)
        assert reported == _check(paths)
    assert reported, "the fixed files still have findings to compare"
