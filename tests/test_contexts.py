"""One load context per file: a file's findings never depend on which other files a run
names, nor on their order; the same file named twice is linted once."""

import io
import json
import os
import shutil

import pytest
from hypothesis import given, settings, strategies as st

import rules
from conftest import CORPUS, corpus_manifest
from linter import app
from linter.diagnostics import Edit
from linter.edits import overlaps
from linter.engine import _Spans


def check(paths, *flags, **options):
    out, err = io.StringIO(), io.StringIO()
    opts = app.CheckOptions(paths=[str(p) for p in paths], output_format="json", quiet=True, **options)
    for flag in flags:
        setattr(opts, flag, True)
    knowledge = rules.knowledge()
    status = app.check(opts, knowledge, stdout=out, stderr=err)
    found = sorted((d["filename"], d["code"], d["location"]["row"], d["location"]["column"], d["message"])
                   for d in json.loads(out.getvalue()))
    return status, found


@pytest.fixture(scope="module")
def corpus_tree(tmp_path_factory):
    rows = corpus_manifest()
    if not rows:
        pytest.skip("../shared/corpus is not beside the checkout")
    top = tmp_path_factory.mktemp("corpus")
    paths = []
    for i, row in enumerate(rows):
        folder = top / f"p{i:03d}"
        folder.mkdir()
        shutil.copy(CORPUS / row["file"], folder / "opencode.json")
        paths.append(folder / "opencode.json")
    return paths


def test_corpus_in_one_run_equals_file_by_file(corpus_tree, isolated_env):
    _, together = check(corpus_tree)
    alone = sorted(f for path in corpus_tree for f in check([path])[1])
    assert together == alone
    _, reversed_ = check(list(reversed(corpus_tree)))
    assert reversed_ == together
    # and no file gets a finding that exists only because others were named with it
    assert not [f for f in together if f[1] == "OC304"] or all(
        f in alone for f in together if f[1] == "OC304")


def test_unrelated_projects_never_share_a_context(tmp_path, isolated_env):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir()
    (one / "opencode.json").write_text('{"provider": {"corp": {"models": {"m": {}}}}, "model": "corp/m"}')
    (two / "opencode.json").write_text('{"model": "corp/m", "disabled_providers": ["corp"]}')
    _, found = check([one / "opencode.json", two / "opencode.json"])
    codes = {(os.path.basename(os.path.dirname(f[0])), f[1]) for f in found}
    assert ("two", "OC302") in codes            # `corp` is defined only in the other project
    assert ("one", "OC304") not in codes        # the other project's disabled_providers
    assert check([two / "opencode.json", one / "opencode.json"])[1] == found


def test_a_parent_project_file_is_part_of_a_childs_context(tmp_path, isolated_env):
    (tmp_path / ".git").mkdir()
    (tmp_path / "opencode.json").write_text('{"provider": {"corp": {"models": {"m": {}}}}}')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "opencode.json").write_text('{"model": "corp/m"}')
    _, found = check([tmp_path / "sub" / "opencode.json"])
    assert not [f for f in found if f[1] in ("OC302", "OC303")]
    # the finding about the parent is reported once, in the parent, when both are linted
    _, both = check([tmp_path / "opencode.json", tmp_path / "sub" / "opencode.json"])
    assert all(f[0].endswith(os.path.join("sub", "opencode.json")) or "sub" not in f[0] for f in both)


def test_the_same_file_twice_or_through_a_link_is_linted_once(tmp_path, isolated_env):
    config = tmp_path / "opencode.json"
    config.write_text('{"model": "nope"}')
    link = tmp_path / "link.json"
    link.symlink_to(config)
    status_once, once = check([config])
    status, twice = check([config, config, link, str(tmp_path / "." / "opencode.json")])
    assert twice == once and status == status_once == 1


def test_fix_on_the_same_file_twice_writes_it_once(tmp_path, isolated_env):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    once, twice = tmp_path / "a" / "opencode.json", tmp_path / "b" / "opencode.json"
    for config in (once, twice):
        config.write_text('{"model": "a/b", "autoshare": true}\n')
    status_once, found_once = check([once], "fix")
    status, found = check([twice, twice, tmp_path / "b" / "." / "opencode.json"], "fix")
    assert twice.read_text() == once.read_text() != '{"model": "a/b", "autoshare": true}\n'
    assert status == status_once
    assert [f[1:] for f in found] == [f[1:] for f in found_once]


edits = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda t: Edit(t[0], t[0] + t[1], "x")),
                 min_size=1, max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.lists(edits, max_size=25))
def test_spans_choose_what_a_pairwise_overlap_check_chooses(fixes):
    """The fix loop's bisect-based choice equals the quadratic one it replaced."""
    taken, spans, naive, chosen = [], _Spans(), [], []
    for fix in fixes:
        if not any(overlaps(fix, c) for c in naive):
            naive.append(fix)
        if spans.add_all(fix):
            chosen.append(fix)
    assert chosen == naive


def test_a_folder_listing_is_decoded_once_per_run(tmp_path, monkeypatch):
    """contexts._installed_names: a run decodes a folder's names once, however many files
    ask; the next run (``discovery.forget``) sees any change to the folder's entries."""
    from linter import discovery
    from rules import contexts

    folder = tmp_path / "tree"
    folder.mkdir()
    (folder / "dot_config").mkdir()
    decoded = []
    name = contexts._name
    monkeypatch.setattr(contexts, "_name", lambda n: (decoded.append(n), name(n))[1])
    discovery.forget()
    assert contexts._installed_names(str(folder)) == {".config": "dot_config"}
    assert contexts._installed_names(str(folder)) == {".config": "dot_config"}
    assert decoded == ["dot_config"]
    (folder / "private_dot_opencode").mkdir()
    discovery.forget()
    assert contexts._installed_names(str(folder)) == {".config": "dot_config", ".opencode": "private_dot_opencode"}
    (folder / "dot_config").rename(folder / "private_dot_config")
    discovery.forget()
    assert contexts._installed_names(str(folder))[".config"] == "private_dot_config"
    (folder / "dot_config").mkdir()     # sorted first: the name as written wins, as before
    discovery.forget()
    assert contexts._installed_names(str(folder))[".config"] == "dot_config"
    assert contexts._installed_names(str(tmp_path / "absent")) == {}
