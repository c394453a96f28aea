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
# what may be asked: also `.`, `..`, empty parts (`a//b`) and a trailing slash
ASKED = st.lists(st.sampled_from(NAMES + (".", "..", "")), min_size=1, max_size=4).map("/".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(PATHS, KINDS), max_size=8), st.lists(ASKED, min_size=1, max_size=10))
def test_the_run_view_answers_as_os_path(tmp_path_factory, layout_, asked):
    root = str(tmp_path_factory.mktemp("tree"))
    open(os.path.join(root, "opencode.json"), "w").close()
    os.mkdir(os.path.join(root, ".opencode"))
    _build(root, layout_)
    discovery.forget()
    for relative in asked:
        path = root + "/" + relative
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


# -- many files on every core: the same report as one process ---------------------------

from linter import parallel


def test_each_gives_the_results_in_order_whatever_the_processes():
    for processes in (1, 2, 3, 7):
        assert parallel.each(lambda i: (i, i * i), 20, processes) == [(i, i * i) for i in range(20)]


def test_a_failing_worker_costs_only_time():
    parent = os.getpid()

    def work(i):
        if os.getpid() != parent and i % 3 == 1:
            raise RuntimeError("a worker's trouble")
        return str(i)
    assert parallel.each(work, 30, 3) == [str(i) for i in range(30)]

    def dies(i):
        if os.getpid() != parent:
            os._exit(3)
        return i
    assert parallel.each(dies, 10, 2) == list(range(10))

    def unpicklable(i):
        return (lambda: i) if os.getpid() != parent else i
    assert parallel.each(unpicklable, 10, 2) == list(range(10))


def test_jobs_never_forks_beside_a_thread_or_for_a_few_files():
    import threading
    assert parallel.jobs(0, parallel.MIN_FILES - 1) == 1
    assert parallel.jobs(1, 1000) == 1 and parallel.jobs(4, 3) == 3
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.jobs(4, 1000) == 1
    finally:
        stop.set()
        thread.join()


def _report(paths, jobs, output_format="json") -> tuple[int, str]:
    options = app.CheckOptions(paths=[str(p) for p in paths], output_format=output_format, jobs=jobs)
    out = io.StringIO()
    code = app.check(options, knowledge_of_rules.knowledge(), stdout=out, stderr=io.StringIO())
    return code, out.getvalue()


def test_many_files_on_two_processes_give_one_process_report(tmp_path):
    """The corpus in project folders (contexts overlap, secrets to mask in other files of a
    context): every format's report byte for byte as one process makes it."""
    corpus = sorted((SHARED / "corpus").glob("*.json*"))
    paths = []
    for i, source in enumerate(corpus):
        folder = tmp_path / f"p{i % 9}" / ("." if i % 3 else f"sub{i}")
        path = folder / ("opencode.json" if i % 2 else "opencode.jsonc")
        if path.exists():
            path = folder / f"d{i}" / "opencode.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source.read_bytes())
        paths.append(path)
    assert len(paths) >= parallel.MIN_FILES
    for output_format in ("json", "full", "concise", "sarif"):
        one = _report(paths, 1, output_format)
        assert _report(paths, 2, output_format) == one
    assert '"OC401"' in _report(paths, 2)[1] or "OC401" in one[1]


def test_a_secret_of_a_file_only_read_as_context_is_masked_by_the_workers(tmp_path):
    secret = "hunter2-plain-passw0rd-xyz"
    (tmp_path / "p" / ".opencode").mkdir(parents=True)
    (tmp_path / "p" / ".opencode" / "opencode.json").write_text(
        '{"provider": {"gw": {"npm": "@ai-sdk/openai-compatible", "options": {"apiKey": "%s", '
        '"baseURL": "https://gw.example/v1"}, "models": {"m": {}}}}}\n' % secret)
    named = tmp_path / "p" / "opencode.json"
    named.write_text('{"model": "%s/m"}\n' % secret)
    other = tmp_path / "q" / "opencode.json"
    other.parent.mkdir()
    other.write_text('{"modle": "x"}\n')
    one = _report([named, other], 1, "concise")
    assert "OC302" in one[1]                            # the reference is reported...
    assert secret not in one[1]                         # ...with the secret masked
    assert _report([named, other], 2, "concise") == one


def test_a_server_session_sees_files_created_since_its_last_lint(tmp_path):
    """The servers lint in one long process: each lint is a run of its own, so a provider
    defined in a `.opencode/opencode.json` written after the first lint counts at the next."""
    from linter.session import Linting

    config = tmp_path / "opencode.json"
    text = '{"$schema": "https://opencode.ai/config.json", "model": "gw/m"}\n'
    config.write_text(text)
    linting = Linting(knowledge_of_rules.knowledge())
    linting.buffers[str(config)] = linting.document(str(config), text)
    assert "OC302" in {d.code for d in linting.lint(str(config)).diagnostics}
    (tmp_path / ".opencode").mkdir()
    (tmp_path / ".opencode" / "opencode.json").write_text(
        '{"provider": {"gw": {"npm": "@ai-sdk/openai-compatible", "options": {"baseURL": '
        '"https://gw.example/v1"}, "models": {"m": {}}}}}\n')
    assert "OC302" not in {d.code for d in linting.lint(str(config)).diagnostics}
