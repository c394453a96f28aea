"""The fix invariants of design.md on markdown frontmatter: fixes are idempotent, keep
comments, leave a file that parses, and touch no byte outside their edits (hypothesis)."""

from hypothesis import HealthCheck, given, settings, strategies as st

from linter import edits
from linter.source import Document
from lintkit import fix_text, lint_text
from test_yaml import documents

settings.register_profile("default", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")

PATH = "/p/.opencode/agent/review.md"
# what people copy from Claude Code and OpenCode 2, each a line OpenCode 1.18.33 refuses or ignores
PROBLEMS = ["tools: Read, Grep, Glob", "tools: [Read, Bash]", "color: blue", "color: '#abc'", "mode: sub-agent",
            "mode: command", "disabled: true  # v2", "maxSteps: 3", "temperature: \"0.5\"", "top_p: hot",
            "hidden: \"yes\"", "steps: 0", "description:", "categroy: x", "description: Use for: reviews",
            "permission:\n  write: false\n  bash:\n    \"*\": nope  # keep me"]


@st.composite
def broken_agents(draw):
    text, _, comments = draw(documents())
    lines = text.split("\n")
    close = lines.index("---", 1) if "---" in lines[1:] else len(lines) - 1
    for problem in draw(st.lists(st.sampled_from(PROBLEMS), min_size=1, max_size=4, unique=True)):
        key = problem.split(":", 1)[0]
        if any(line.startswith(key + ":") for line in lines[1:close]):
            continue
        # before a top-level line (or the closing fence), so the YAML around stays as it was
        spots = [i for i in range(1, close + 1) if not lines[i][:1].isspace()]
        at = draw(st.sampled_from(spots))
        lines[at:at] = problem.split("\n")
        close += problem.count("\n") + 1
    if "\r\n" in text:
        return None
    return "\n".join(lines), comments + (["# keep me"] if any("keep me" in l for l in lines) else [])


@given(broken_agents())
def test_fixes_are_idempotent_keep_comments_and_parse(case):
    if case is None:
        return
    text, comments = case
    fixed, applied = fix_text(text, ["ALL"], unsafe=True, path=PATH)
    assert fix_text(fixed, ["ALL"], unsafe=True, path=PATH)[0] == fixed
    doc = Document(PATH, fixed)
    assert not doc.parse.errors, fixed
    refused = [d for d in lint_text(fixed, ["OC5"], path=PATH) if d.severity.value == "error"]
    assert refused == [], (fixed, [d.message for d in refused])
    for comment in comments:
        if comment != "# keep me" or '"*": nope' not in text:
            assert comment in fixed, (comment, fixed)


@given(broken_agents())
def test_each_fix_touches_only_its_edits(case):
    if case is None:
        return
    text, _ = case
    for d in lint_text(text, ["ALL"], path=PATH):
        if d.fix is None:
            continue
        out = edits.apply(text, d.fix.edits)
        ordered = sorted(d.fix.edits, key=lambda e: e.start)
        pos = 0
        for edit in ordered:            # every byte between the edits is where it was
            kept = text[pos:edit.start]
            assert out.startswith(kept, pos + sum(len(e.content) - (e.end - e.start) for e in ordered
                                                  if e.end <= pos and e is not edit))
            pos = edit.end
        assert out.endswith(text[ordered[-1].end:])
        assert not Document(PATH, out).parse.errors or Document(PATH, text).parse.errors


@given(st.text(alphabet="ab: -#'\"[]{}|>\n\t&*!%@`,?~0x.\r\\", max_size=80),
       st.sampled_from(["/p/.opencode/agent/a.md", "/p/.opencode/mode/m.md", "/p/.opencode/command/c.md",
                        "/p/.opencode/skills/s/SKILL.md", "/p/.opencode/skills/s.md"]),
       st.sampled_from(["---\n", "---\r\n", "", "---"]))
def test_any_frontmatter_lints_and_fixes_without_an_exception(body, path, fence):
    text = fence + body + ("\n---\nBody\n" if fence else "")
    for d in lint_text(text, ["ALL"], path=path):
        assert d.line >= 1 and d.column >= 1
    fixed, _ = fix_text(text, ["ALL"], unsafe=True, path=path)
    assert len(Document(path, fixed).parse.errors) <= len(Document(path, text).parse.errors) or fixed == text
