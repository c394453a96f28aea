"""The real agent, mode, command and skill files in ../shared/corpus-md, against the real
OpenCode 1.18.33's verdict on each (ORACLE.tsv):

* no file makes oclint fail;
* every file OpenCode refused at startup gets an error of the markdown family (OC5xx), and
  after `--fix --unsafe-fixes` none is left;
* every file OpenCode loaded with something silently lost (frontmatter ignored, keys moved
  into `options` or dropped, a skill or mode not listed) gets a finding;
* a file OpenCode loaded whole gets no syntax, schema or markdown error (a bad model
  reference stays an error: it fails at use).

Single files are linted at the place the oracle put them (MANIFEST's `oracle placement`),
since names come from paths; the whole folders as a global config folder, as a context.
"""

import csv
import re

import pytest

import rules
from conftest import SHARED
from linter import engine, files
from linter.registry import REGISTRY, select
from lintkit import fix_text, lint_text
from rules.layout import folder_files, kind_of

CORPUS = SHARED / "corpus-md"
MARKDOWN = ("agent", "mode", "command", "skill")


def _table(name):
    path = CORPUS / name
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}


ORACLE, MANIFEST = _table("ORACLE.tsv"), _table("MANIFEST.tsv")
pytestmark = pytest.mark.skipif(not ORACLE, reason="../shared/corpus-md is not beside the checkout")
SINGLE = [f for f, r in ORACLE.items() if r["kind"] in MARKDOWN and not f.startswith("folders/")]
FOLDERS = sorted(f for f, r in ORACLE.items() if r["kind"] == "folder")


def placement(name: str) -> str:
    return "/project/" + re.search(r"oracle placement: (\S+)", MANIFEST[name]["notes"]).group(1)


def lost(row, manifest, written=None) -> list[str]:
    """What OpenCode loaded the file without, by the oracle. ``written``: the file's own
    frontmatter keys, when other files of its folder may also put keys into `options`."""
    out = []
    if row["exit"] != "0":
        return out
    if row["loaded"] == "no":
        out.append("not loaded")
    if row["frontmatter_applied"] == "no":
        out.append("frontmatter ignored")
    moved = set(filter(None, row["keys_in_options"].split(",")))
    if written is not None:
        moved &= written          # the folder's JSON may set agent options too
    if moved:
        out.append("keys moved into options: " + ",".join(sorted(moved)))
    if row["kind"] == "command" and manifest is not None:
        written = re.search(r"fm-keys: ([^|;]*)", manifest["notes"])
        kept = re.search(r"keys=([^;]*)", row["detail"])
        if written and kept:
            gone = set(written.group(1).strip().split(",")) - set(kept.group(1).split(",")) - {"name"}
            if gone:
                out.append("keys dropped: " + ",".join(sorted(gone)))
    return out


def _expect(row, manifest, found, where, written=None):
    errors = [d for d in found if d.severity.value == "error"]
    if row["exit"] == "1":
        assert [d for d in errors if d.code.startswith("OC5")], (where, row["first_error"], found)
    elif lost(row, manifest, written):
        assert [d for d in found if d.code.startswith("OC5")], (where, lost(row, manifest, written))
    else:
        wrong = [f"{d.code} {d.line}:{d.column} {d.message}" for d in errors if not d.code.startswith("OC3")]
        assert wrong == [], where


@pytest.mark.parametrize("name", SINGLE)
def test_single_file_verdict(name):
    row = ORACLE[name]
    data = (CORPUS / name).read_bytes()
    found = lint_text(data, ["ALL"], path=placement(name))
    for d in found:
        assert d.line >= 1 and d.column >= 1
    _expect(row, MANIFEST.get(name), found, name)


@pytest.mark.parametrize("name", [n for n in SINGLE if ORACLE[n]["exit"] == "1"])
def test_refused_files_are_fixed(name):
    path = placement(name)
    fixed, applied = fix_text((CORPUS / name).read_bytes(), ["ALL"], unsafe=True, path=path)
    assert applied
    left = [f"{d.code} {d.message}" for d in lint_text(fixed, ["OC5"], path=path) if d.severity.value == "error"]
    assert left == []


def _lint_folder(folder):
    docs = []
    for path in folder_files(str(folder), "global"):
        doc = files.read(path)[0]
        doc.kind = kind_of(path) or "config"
        docs.append(doc)
    knowledge = rules.knowledge()
    run = engine.Run({})
    view = knowledge.merge(docs)          # the folder is one load context: every file sees it all
    chosen = select(REGISTRY.values(), ["ALL"])
    return {doc.path: engine.lint(doc, chosen, run, None, knowledge.postprocess, view=view) for doc in docs}


def config_dir(folder: str):
    """The folder's OpenCode config folder (what the oracle installed as ~/.config/opencode)."""
    for name, row in MANIFEST.items():
        if name.startswith(folder) and row["kind"] in ("config",) + MARKDOWN:
            parts = name[len(folder):].split("/")
            surface = next((i for i, p in enumerate(parts) if p in SURFACE_NAMES), len(parts) - 1)
            return CORPUS / folder / "/".join(parts[:surface])
    return CORPUS / folder


SURFACE_NAMES = {"agent", "agents", "mode", "modes", "command", "commands", "skill", "skills"}


@pytest.mark.parametrize("folder", FOLDERS)
def test_folder_verdicts(folder):
    found = _lint_folder(config_dir(folder))
    everything = [d for ds in found.values() for d in ds]
    if ORACLE[folder]["exit"] == "1":
        assert [d for d in everything if d.severity.value == "error"], ORACLE[folder]["first_error"]
        return
    for name, row in ORACLE.items():
        if name.startswith(folder) and row["kind"] in MARKDOWN:
            path = str(CORPUS / name)
            assert path in found, f"{name}: not discovered"
            doc = files.read(path)[0]
            written = {m.key for m in doc.root.members()} if doc.root is not None else set()
            _expect(row, MANIFEST.get(name), found[path], name, written)
