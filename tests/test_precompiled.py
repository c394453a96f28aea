"""linter.precompiled: a pattern from the cache is the pattern re.compile gives (same
pattern, flags, groups and code: Pattern equality compares them), generated code from the
cache is the code compile gives, new entries reach the file at exit, and a damaged,
foreign or unwritable cache only costs the time."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT
from linter import precompiled

# every pattern oclint's own modules compile at import, with their flags
PATTERNS = [(r"\{(?:env|file):[^}]+\}", 0), (r"(?P<word>[A-Za-z_$][A-Za-z0-9_$]*)=(?P=word)", 0),
            (r"""[ \t\r\n]*(?:"([^"\\\x00-\x1f]*)"|(\{)(?!(?:env|file):[^}]+\})|(//[^\r\n]*|/\*.*?\*/))""",
             re.X | re.S), (r"^(Bearer|Basic|Token)\s+(\S+)$", re.I), ("[\U00010000-\U0010FFFF]", 0),
            (r"^\s*#", re.M), (rb"ab+c", 0)]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder, and the module's in-memory cache reset (restored after)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(precompiled, "_CACHE", None)
    monkeypatch.setattr(precompiled, "_NEW", {})
    return tmp_path


def reload_from_file(monkeypatch):
    precompiled.save()
    monkeypatch.setattr(precompiled, "_CACHE", None)
    monkeypatch.setattr(precompiled, "_NEW", {})


@pytest.mark.parametrize("pattern, flags", PATTERNS)
def test_a_cached_pattern_is_the_pattern_re_compiles(cache, monkeypatch, pattern, flags):
    fresh = precompiled.regex(pattern, flags)
    assert fresh == re.compile(pattern, flags)
    reload_from_file(monkeypatch)
    assert os.path.exists(precompiled.path())
    cached = precompiled.regex(pattern, flags)
    assert not precompiled._NEW                 # read from the file, not compiled again
    expected = re.compile(pattern, flags)
    assert cached == expected
    assert (cached.flags, cached.groups, cached.groupindex) == (expected.flags, expected.groups,
                                                                expected.groupindex)


@pytest.mark.filterwarnings("ignore::FutureWarning")     # "possible nested set" in generated patterns
@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab()[]|*+?.^$\\-{}0123", max_size=12), st.sampled_from([0, re.I, re.M, re.S, re.X]))
def test_any_pattern_from_the_cache_matches_as_re_does(pattern, flags):
    try:
        expected = re.compile(pattern, flags)
    except re.error:
        with pytest.raises(re.error):
            precompiled.regex(pattern, flags)
        return
    precompiled._CACHE.pop(("re", pattern, int(flags)), None) if precompiled._CACHE else None
    first = precompiled.regex(pattern, flags)
    again = precompiled.regex(pattern, flags)       # from the in-memory cache
    precompiled._NEW.pop(("re", pattern, int(flags)), None)   # never written by a test
    assert first == expected and again == expected
    for text in ("", "ab", "a(b)c", "0123", "AB\nab"):
        assert [m.span() for m in again.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_cached_code_is_the_code_compile_gives(cache, monkeypatch):
    source = "def __init__(self, a, b=_d):\n    self.a = a\n    self.b = b\n"
    first = precompiled.code(source, "<record T>")
    reload_from_file(monkeypatch)
    cached = precompiled.code(source, "<record T>")
    assert not precompiled._NEW
    assert cached == compile(source, "<record T>", "exec")
    namespace = {"_d": 3}
    exec(cached, namespace)
    assert namespace["__init__"].__code__.co_varnames[:3] == ("self", "a", "b")
    assert first == cached


def test_a_damaged_cache_is_ignored_and_replaced(cache, monkeypatch):
    target = precompiled.path()
    os.makedirs(os.path.dirname(target))
    with open(target, "wb") as handle:
        handle.write(b"\x00not marshal")
    assert precompiled.regex(r"a+b") == re.compile(r"a+b")
    # an entry with the wrong shape: compiled again, not trusted
    monkeypatch.setattr(precompiled, "_CACHE", {("re", "x+", 0): ("junk",), ("code", "pass\n", "f"): b"junk"})
    assert precompiled.regex("x+") == re.compile("x+")
    assert precompiled.code("pass\n", "f") == compile("pass\n", "f", "exec")
    reload_from_file(monkeypatch)
    with open(target, "rb") as handle:
        data = marshal.loads(handle.read())
    assert ("re", "a+b", 0) in data and data[("re", "x+", 0)] != ("junk",)


def test_the_file_is_this_interpreters_own(cache):
    name = os.path.basename(precompiled.path())
    assert sys.implementation.cache_tag in name and f"{sys.hexversion:x}" in name


def test_an_unwritable_cache_folder_costs_only_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("")          # a file where the folder would be
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(precompiled, "_CACHE", None)
    monkeypatch.setattr(precompiled, "_NEW", {})
    assert precompiled.regex("c+d") == re.compile("c+d")
    precompiled.save()              # no exception, nothing left behind
    assert sorted(os.listdir(tmp_path)) == ["file"]


def test_a_run_writes_the_cache_and_the_next_run_reads_it(tmp_path):
    """Two runs on one file: the same output; the second parses (compiles) almost no
    pattern itself (the standard library's own still do)."""
    (tmp_path / "opencode.json").write_text('{"modle": "a/b", "share": "yes"}')
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    probe = ("import re, sys\nsys.path.insert(0, %r)\ncount = [0]\norig = re._parser.parse\n"
             "def parse(*a):\n    count[0] += 1\n    return orig(*a)\nre._parser.parse = parse\n"
             "from linter.main import main\nsys.argv = ['oclint', '--isolated', 'opencode.json']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\nprint('compiled', count[0])") % str(ROOT)
    outs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env)
            for _ in range(2)]
    reports = [out.stdout.rsplit("compiled", 1) for out in outs]
    assert "OC203" in reports[0][0] and reports[0][0] == reports[1][0]
    assert os.listdir(tmp_path / "cache" / "oclint")
    first, second = int(reports[0][1]), int(reports[1][1])
    assert second <= 12 < first, (first, second)
