"""The rules' YAML data: parsed once, cached as JSON keyed by content."""

import json

from rules import data


def test_load_caches_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data.load.cache_clear()
    first = data.load("deprecated")
    cached = list((tmp_path / "oclint").glob("data-deprecated-*.json"))
    assert len(cached) == 1 and json.loads(cached[0].read_text()) == first
    # a stale or broken cache entry is never trusted over the YAML: it is keyed by content
    cached[0].write_text("{broken")
    data.load.cache_clear()
    assert data.load("deprecated") == first
    data.load.cache_clear()


def test_unwritable_cache_still_loads(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))     # a file where a folder should be
    data.load.cache_clear()
    assert data.load("foreign-keys")[0]["key"] == "providers"
    data.load.cache_clear()
