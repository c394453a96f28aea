"""The Simplified Chinese documentation: one translated doc per rule, kept in step with the English.

A rule's English documentation is its docstring; its Chinese one is
rules/locale/zh-CN/rules/<CODE>.md. The translation may reword everything but what a reader
copies: its headings are the English ones translated (same sections, same order), its code
blocks are the English ones byte for byte, and it names the same code spans (keys, values,
paths, rule codes), so an example or a key cannot drift from the English text.
README.zh-CN.md opens with README.md's two commands (docs/rules.zh-CN.md and the README's
rule table are checked for staleness with the English ones, in tests/test_docs.py).
"""

import re
from pathlib import Path

import pytest

import rules  # noqa: F401  (registers the rules)
from linter import docs
from linter.registry import REGISTRY

ROOT = Path(__file__).parent.parent
LOCALE = "zh-CN"
ZH_DIR = docs.locale_dir(LOCALE)

HEADINGS = {
    "What it does": "作用",
    "Why is this bad?": "为什么这是问题",
    "Example": "示例",
    "Fix safety": "修复安全性",
    "Options": "选项",
    "Versions": "版本",
}


def split_blocks(text: str) -> tuple[list[str], str]:
    """The fenced code blocks of a markdown text, and the text outside them."""
    found, prose, current = [], [], None
    for line in text.split("\n"):
        if current is None:
            if line.lstrip().startswith("```"):
                current = [line]
            else:
                prose.append(line)
        else:
            current.append(line)
            if line.strip() == "```":
                found.append("\n".join(current))
                current = None
    assert current is None, "unclosed code block"
    return found, "\n".join(prose)


def headings(text: str) -> list[str]:
    return re.findall(r"^## (.+?)\s*$", split_blocks(text)[1], flags=re.M)


def code_spans(text: str) -> set[str]:
    """The inline code spans outside the code blocks, whitespace (line wraps) normalised."""
    prose = split_blocks(text)[1]
    return {" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose)}


def zh_doc(code: str) -> str:
    return (ZH_DIR / f"{code}.md").read_text(encoding="utf-8")


CODES = sorted(REGISTRY)


def test_every_rule_has_a_chinese_doc():
    missing = [code for code in CODES if not (ZH_DIR / f"{code}.md").is_file()]
    assert not missing, f"no zh-CN doc for {missing} (write {ZH_DIR}/<CODE>.md)"


def test_no_chinese_doc_for_a_rule_that_does_not_exist():
    stray = sorted(p.stem for p in ZH_DIR.glob("*.md") if p.stem not in REGISTRY)
    assert not stray, f"zh-CN docs for rules that do not exist: {stray}"
    others = sorted(p.name for p in ZH_DIR.iterdir() if p.suffix != ".md")
    assert not others, f"files in {ZH_DIR} that are not rule docs: {others}"


@pytest.mark.parametrize("code", CODES)
def test_headings_are_the_english_ones_translated(code):
    english = headings(REGISTRY[code].doc)
    assert all(h in HEADINGS for h in english), f"{code}: a heading with no translation in HEADINGS"
    assert headings(zh_doc(code)) == [HEADINGS[h] for h in english]


@pytest.mark.parametrize("code", CODES)
def test_code_blocks_are_the_english_ones_byte_for_byte(code):
    assert split_blocks(zh_doc(code))[0] == split_blocks(REGISTRY[code].doc)[0]


@pytest.mark.parametrize("code", CODES)
def test_names_the_same_code_spans(code):
    english, chinese = code_spans(REGISTRY[code].doc), code_spans(zh_doc(code))
    assert not chinese - english, f"{code}: code spans the English does not have"
    assert not english - chinese, f"{code}: code spans of the English left out"


@pytest.mark.parametrize("code", CODES)
def test_opens_with_its_summary_in_chinese(code):
    first = zh_doc(code).split("\n", 1)[0]
    assert first.strip() and not first.startswith("#")
    assert re.search(r"[\u4e00-\u9fff]", zh_doc(code)), f"{code}: no Chinese in the zh-CN doc"


def ci_command(readme: str, name: str) -> str:
    """The command in the ```sh block after ``<!-- ci:NAME -->``, as .ci/run reads it."""
    match = re.search(rf"^<!-- ci:{name} -->\n```sh\n(.*?)\n```$", readme, flags=re.M | re.S)
    assert match, f"no ci:{name} command"
    return match.group(1)


@pytest.mark.parametrize("name", ["install", "test"])
def test_readme_opens_with_the_english_readme_commands(name):
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    chinese = (ROOT / docs.LOCALES[LOCALE][0]).read_text(encoding="utf-8")
    assert ci_command(chinese, name) == ci_command(english, name)
    assert chinese.index(f"<!-- ci:{name} -->") < chinese.index("## "), "not at the opening"


def test_english_readme_links_the_chinese_one():
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    assert "(README.zh-CN.md)" in head


def test_the_chinese_docs_are_package_data():
    """An installed oclint (not only a checkout) has the docs `oclint rule` prints."""
    import tomllib
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["rules"]
    package = ZH_DIR.parents[2]
    for path in ZH_DIR.glob("*.md"):
        relative = path.relative_to(package)
        assert any(relative.match(p) and len(relative.parts) == len(Path(p).parts) for p in patterns), \
            f"{relative} is not in pyproject.toml's package-data"


def readme_usage(text: str) -> str:
    """README.md from its start to its Layout section: what README.zh-CN.md translates."""
    return text.split("\n## Layout", 1)[0]


def uncommented(block: str) -> str:
    """A code block with its `# ...` comments taken off (README.zh-CN.md translates them)."""
    return "\n".join(re.sub(r"\s+#( .*)?$", "", line).rstrip() for line in block.split("\n"))


def test_readme_keeps_every_command_and_name_of_the_english_one():
    """What the English README shows (code blocks, comments aside; code spans) is in the
    Chinese one too, so a section the English README gains fails here until it is translated."""
    english = readme_usage((ROOT / "README.md").read_text(encoding="utf-8"))
    chinese = (ROOT / docs.LOCALES[LOCALE][0]).read_text(encoding="utf-8")
    blocks = {uncommented(b) for b in split_blocks(chinese)[0]}
    missing = [b for b in split_blocks(english)[0] if uncommented(b) not in blocks]
    assert not missing, f"README.md code blocks missing from README.zh-CN.md: {missing}"
    assert not code_spans(english) - code_spans(chinese), "README.md code spans missing from README.zh-CN.md"
