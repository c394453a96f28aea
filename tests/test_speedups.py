"""The speed-ups give the answers of the plain code they replace (issue 17: speed never at
the cost of a verdict): each is held equal to its definition on generated input."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import example, given, settings, strategies as st

from linter import discovery
from rules import layout
from rules.permission import rules_list

# -- OC711's search for the rule that decides ------------------------------------------

# with a space, and often a word and the same word with ` *` (a trailing ` *` is optional)
WORDS = st.one_of(st.text(alphabet="ab *?", max_size=4), st.sampled_from(["a", "a *", "ab", "ab *", "*"]))


def _rule(permission: str, pattern: str, action: str) -> rules_list.Rule:
    return rules_list.Rule(permission, pattern, action, None, None, "the global permission")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(WORDS, WORDS, st.sampled_from(rules_list.ACTIONS)), max_size=12))
@example([("bash", "git", "deny"), ("bash", "git *", "allow")])
def test_last_covering_is_the_last_later_rule_that_covers(triples):
    rules = [_rule(*t) for t in triples]
    expected = [next((later for later in reversed(rules[i + 1:]) if rules_list.covers(later, r)), None)
                for i, r in enumerate(rules)]
    got = rules_list.last_covering(rules)        # the very rule (equal rules may repeat)
    assert len(got) == len(expected) and all(a is b for a, b in zip(got, expected))


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


# -- found in review: what os.path answers without an error, the view answers so too ----


def test_links_that_loop_are_no_files(tmp_path):
    project = tmp_path / "p"
    (project / ".opencode" / "agent").mkdir(parents=True)
    (project / "opencode.json").write_text('{"$schema": "https://opencode.ai/config.json"}\n')
    os.symlink("opencode.jsonc", project / "opencode.jsonc")                 # beside the config
    os.symlink("loop.md", project / ".opencode" / "agent" / "loop.md")       # among the agents
    os.symlink("sub", project / ".opencode" / "agent" / "sub")               # a folder that loops
    discovery.forget()
    assert not discovery.isfile(str(project / "opencode.jsonc"))
    assert not discovery.exists(str(project / "opencode.jsonc"))
    assert layout._markdown(str(project / ".opencode" / "agent"), True) == []
    code, out = _report([project / "opencode.json"], 1, "concise")
    assert code == 0, out


def test_a_folder_listed_but_not_searchable_is_asked_of_the_file_system(tmp_path, monkeypatch):
    (tmp_path / "opencode.json").write_text("{}")
    asked = []
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    monkeypatch.setattr(os.path, "isfile", lambda path: asked.append(path) or False)
    discovery.forget()
    assert not discovery.isfile(str(tmp_path / "opencode.json"))
    assert asked == [str(tmp_path / "opencode.json")]


def test_no_worker_outlives_a_failing_run():
    import time
    parent = os.getpid()

    def work(i):
        if os.getpid() != parent:
            time.sleep(30)          # a worker busy with a big file
        elif i != 0:
            raise ValueError("this process's own share fails")
        return i
    started = time.monotonic()
    try:
        parallel.each(work, 6, 2)
    except ValueError:
        pass
    else:
        raise AssertionError("the failure was lost")
    assert time.monotonic() - started < 10
    try:
        assert os.waitpid(-1, os.WNOHANG) == (0, 0) and False, "a worker is still running"
    except ChildProcessError:
        pass                        # no child left


def test_a_warning_said_once_per_run_is_said_once_with_workers(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "p" / ".opencode" / "agent").mkdir(parents=True)
    agent = tmp_path / "p" / ".opencode" / "agent" / "a.md"
    agent.write_text("---\ndescription: hi\n---\nbody\n")
    configs = []
    for name in ("p", "q", "r"):
        configs.append(tmp_path / name / "opencode.json")
        configs[-1].parent.mkdir(exist_ok=True)
        configs[-1].write_text('{"model": "anthropic/claude-sonnet-4-5"}\n')
    import subprocess
    import sys
    oclint = os.path.join(os.path.dirname(sys.executable), "oclint")
    for jobs in ("1", "2"):
        proc = subprocess.run([oclint, "--isolated", "-q", "--exit-zero", "--schema", "http://127.0.0.1:9/s.json",
                               str(agent), *map(str, configs)], capture_output=True, text=True,
                              env={**os.environ, "OCLINT_JOBS": jobs, "XDG_CACHE_HOME": str(tmp_path / "cache")})
        assert proc.stderr.count("cannot fetch") == 1, (jobs, proc.stderr)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="elsewhere every missing name is asked")
def test_a_name_the_listing_has_in_another_case_is_asked_of_the_file_system(tmp_path, monkeypatch):
    """On Linux a name the listing lacks is no file, unless another spelling of it is there
    (a vfat or case-folding mount would match it): then the file system answers."""
    (tmp_path / "OpenCode.json").write_text("{}")
    asked = []
    real = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", lambda path: asked.append(path) or real(path))
    discovery.forget()
    assert not discovery.isfile(str(tmp_path / "tui.json")) and asked == []
    assert discovery.isfile(str(tmp_path / "opencode.json")) == real(str(tmp_path / "opencode.json"))
    assert asked == [str(tmp_path / "opencode.json")]
