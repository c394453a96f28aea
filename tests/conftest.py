import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

sys.path.insert(0, str(ROOT))

# the tests expect English unless they ask for another language (tests/test_i18n.py)
for _name in ("LC_ALL", "LC_MESSAGES", "LANG"):
    if os.environ.get(_name, "").lower().startswith("zh"):
        os.environ[_name] = "C.UTF-8"


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that runs oclint in another language in this process leaves English behind."""
    yield
    from linter import i18n
    i18n.use(i18n.ENGLISH)


def corpus_manifest() -> list[dict]:
    """Rows of ../shared/corpus/MANIFEST.tsv (empty when the corpus is not beside the repo)."""
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    lines = manifest.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


@pytest.fixture
def isolated_env(tmp_path, monkeypatch):
    """HOME and XDG folders in a temporary directory, OpenCode variables unset."""
    for name in list(os.environ):
        if name.startswith("OPENCODE_") or name.startswith("XDG_") or name == "GITHUB_ACTIONS":
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    return home


def guide_sample() -> str | None:
    """The sample config of the Mixroute guide's section 3.2, as the guide prints it."""
    guide = SHARED / "mixroute-opencode-guide.txt"
    if not guide.exists():
        return None
    text = guide.read_text(encoding="utf-8")
    start = text.index("\n{", text.index("3.2")) + 1
    end = text.index("\n}", start) + 2
    return text[start:end] + "\n"
