"""The YAML frontmatter reader and its edits: both readers agree, values are js-yaml's,
edits are minimal (properties on generated frontmatter, and a few fixed cases)."""

import json
import math

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from linter import edits, yamltree
from linter.markdown import parse as parse_markdown, split
from linter.source import Document

settings.register_profile("default", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")

KEYS = st.sampled_from(["name", "mode", "model", "description", "tools", "a-b", "x_y", "Temp", "k.v", "odd key"])
TEXT = st.text(alphabet="abcXYZ 019-_./:#'\"\\@!é", min_size=0, max_size=12)
SCALARS = st.one_of(TEXT, st.integers(-1000, 100000), st.booleans(), st.none(),
                    st.sampled_from([0.5, 1.25, -3.5]))
STYLES = st.sampled_from(["plain", "'", '"'])


def _tree(node):
    if node is None:
        return None
    if node.kind == "object":
        return ("o", node.start, node.end, [(m.key, m.key_start, m.key_end, _tree(m.value)) for m in node.children])
    if node.kind == "array":
        return ("a", node.start, node.end, [_tree(c) for c in node.children])
    value = "nan" if isinstance(node.value, float) and math.isnan(node.value) else node.value
    return (node.kind, node.start, node.end, value, node.style)


@st.composite
def frontmatter(draw, depth=0):
    """(yaml text, the value it holds, the comments written in it)."""
    from linter.yamledits import scalar
    value, lines, comments = {}, [], []
    indent = "  " * depth
    for key in draw(st.lists(KEYS, min_size=1, max_size=5, unique=True)):
        shape = draw(st.sampled_from(["scalar", "scalar", "map", "list", "flow", "block", "maps"]) if depth < 2
                     else st.just("scalar"))
        written_key = key if " " not in key or draw(st.booleans()) else json.dumps(key)
        comment = draw(st.sampled_from(["", "", f"# note {len(comments)}"])) if shape != "block" else ""
        tail = f"  {comment}" if comment else ""
        if comment:
            comments.append(comment)
        if shape == "scalar":
            v = draw(SCALARS)
            text = scalar(v, draw(STYLES)) if isinstance(v, str) else scalar(v)
            if isinstance(v, str) and text == v and draw(st.booleans()) is False:
                text = json.dumps(v, ensure_ascii=False)
            value[key] = v
            lines.append(f"{indent}{written_key}: {text}{tail}")
        elif shape == "map":
            inner, inner_lines, inner_comments = draw(frontmatter(depth + 1))
            value[key] = inner
            comments += inner_comments
            lines.append(f"{indent}{written_key}:{tail}")
            lines += inner_lines
        elif shape == "list":
            items = draw(st.lists(SCALARS, min_size=1, max_size=3))
            value[key] = items
            lines.append(f"{indent}{written_key}:{tail}")
            lines += [f"{indent}  - {scalar(v)}" for v in items]
        elif shape == "maps":
            items = draw(st.lists(st.dictionaries(st.sampled_from(["id", "on", "x-y"]), SCALARS, min_size=1,
                                                  max_size=3), min_size=1, max_size=3))
            value[key] = items
            lines.append(f"{indent}{written_key}:{tail}")
            for item in items:
                for j, (k, v) in enumerate(item.items()):
                    lines.append(f"{indent}{'  - ' if j == 0 else '    '}{k}: {scalar(v)}")
        elif shape == "flow":
            items = draw(st.lists(st.sampled_from(["read", "grep", 1, True, "a b"]), max_size=3))
            value[key] = items
            lines.append(f"{indent}{written_key}: [{', '.join(scalar(v, flow=True) for v in items)}]{tail}")
        else:
            body = draw(st.lists(st.text(alphabet="ab c:#", min_size=1, max_size=8).filter(lambda s: s.strip() == s),
                                 min_size=1, max_size=3))
            style = draw(st.sampled_from(["|", "|-", ">", ">-"]))
            lines.append(f"{indent}{written_key}: {style}")
            lines += [f"{indent}  {b}" for b in body]
            joined = "\n".join(body) if style[0] == "|" else " ".join(body)
            value[key] = joined + ("" if style.endswith("-") else "\n")
        if draw(st.integers(0, 6)) == 0:
            note = f"# line {len(comments)}"
            comments.append(note)
            lines.append(f"{indent}{note}")
    if depth == 0:
        lines.append("# end")       # a block scalar never ends the text (it would lose its break)
        comments.append("# end")
    return value, lines, comments


@st.composite
def documents(draw):
    value, lines, comments = draw(frontmatter())
    body = draw(st.sampled_from(["", "Body text.\n", "# Heading\n\nText.\n"]))
    eol = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    text = "---" + eol + eol.join(lines) + eol + "---" + eol + body.replace("\n", eol)
    if eol == "\r\n":
        value = json.loads(json.dumps(value).replace("\\n", "\\n"))
    return text, value, comments


def _full_value(text):
    start, end, _ = split(text)
    root, errors = yamltree._full(text, start, end)
    assert not errors, errors
    return root


@given(documents())
def test_line_reader_and_event_reader_give_the_same_tree(case):
    text, value, _ = case
    start, end, _ = split(text)
    reader = yamltree._LineReader(text, start, end)
    try:
        root = reader.read()
    except yamltree._Unsupported:
        assume(False)
    assert not reader.errors
    assert _tree(root) == _tree(_full_value(text))


@given(documents())
def test_values_and_comments(case):
    text, value, comments = case
    doc = Document("agent/x.md", text)
    assert not doc.parse.errors
    if "\r\n" not in text:
        assert doc.value == value
    found = [text[s:e] for s, e in doc.parse.comments]
    assert found == comments


@given(st.text(alphabet="ab: -#'\"[]{}|>\n\t&*!%@`,?~0x.", max_size=60))
def test_any_text_never_raises(body):
    doc = Document("agent/x.md", "---\n" + body + "\n---\nbody\n")
    doc.parse
    assert doc.root is not None or doc.parse.errors


@given(documents(), st.data())
def test_replacing_a_scalar_keeps_everything_else(case, data):
    text, _, comments = case
    doc = Document("agent/x.md", text)
    member = data.draw(st.sampled_from(list(doc.root.members())))
    new = data.draw(SCALARS)
    edit = edits.replace_value(member.value, new, doc)
    fixed = edits.apply(text, [edit])
    assert fixed[:edit.start] == text[:edit.start]
    assert fixed[edit.start + len(edit.content):] == text[edit.end:]
    after = Document("agent/x.md", fixed)
    assert not after.parse.errors, fixed
    assert after.value[member.key] == new or (new != new)
    others = {k: v for k, v in doc.value.items() if k != member.key}
    assert {k: v for k, v in after.value.items() if k != member.key} == others
    for comment in comments:
        assert comment in fixed
    old = member.value
    if old.style in ("'", '"') and isinstance(new, str) and "\n" not in new:
        assert fixed[edit.start] == old.style


@given(documents(), st.data())
def test_insert_rename_remove(case, data):
    text, _, comments = case
    doc = Document("agent/x.md", text)
    members = list(doc.root.members())
    key = data.draw(st.sampled_from(["steps", "color", "new-key"]))
    assume(doc.root.get(key) is None)
    value = data.draw(st.one_of(SCALARS, st.dictionaries(st.sampled_from(["read", "bash"]), st.booleans(), min_size=1)))
    after_key = data.draw(st.sampled_from([None] + [m.key for m in members]))
    inserted = edits.apply(text, edits.insert_member(doc, doc.root, key, value, after=after_key))
    new = Document("agent/x.md", inserted)
    assert not new.parse.errors, inserted
    assert new.value == {**doc.value, key: value} or value != value
    for comment in comments:
        assert comment in inserted
    # rename
    member = data.draw(st.sampled_from(members))
    renamed = edits.apply(text, [edits.rename_key(member, key, doc)])
    r = Document("agent/x.md", renamed)
    assert not r.parse.errors, renamed
    assert r.value[key] == doc.value[member.key] or doc.value[member.key] != doc.value[member.key]
    # remove: the others stay, and so do all the comments
    removed = edits.apply(text, edits.remove_member(doc, member))
    gone = Document("agent/x.md", removed)
    assert not gone.parse.errors, removed
    rest = {k: v for k, v in doc.value.items() if k != member.key}
    assert (gone.value or {}) == rest
    for comment in comments:
        assert comment in removed


def test_js_yaml_scalars():
    cases = {"yes": "yes", "no": "no", "on": "on", "True": True, "NULL": None, "~": None, "0x1F": 31,
             "017": 15, "0b11": 3, "1_000": 1000, "1:30": 90, "+5": 5, ".5": 0.5, "1e3": 1000.0,
             "2024-01-02": "2024-01-02", "0.1": 0.1, "-.inf": float("-inf"), "08": "08"}
    for text, want in cases.items():
        kind, value = yamltree.resolve(text)
        assert value == want and (kind != "string" or isinstance(want, str)), text
    assert yamltree.resolve("2024-01-02")[0] == "timestamp"


def test_frontmatter_split_as_gray_matter():
    assert split("no front\n") is None
    assert split("----\na: 1\n----\n") is None
    text = "---\na: 1\n---\nbody\n"
    start, end, body = split(text)
    assert text[start:end] == "\na: 1" and text[body:] == "body\n"
    assert split("---\na: 1\n")[2] == len("---\na: 1\n")     # never closed: all frontmatter
    crlf = "---\r\na: 1\r\n---\r\nbody"
    assert crlf[split(crlf)[2]:] == "body"


def test_errors_and_fallbacks():
    bad = parse_markdown("---\nname: x\n  indented: y\n---\n")
    assert bad.errors
    dup = parse_markdown("---\na: 1\na: 2\n---\n")
    assert [e.name for e in dup.errors] == ["duplicated mapping key"]
    assert dup.errors[0].start == dup.root.children[1].key_start
    alias = parse_markdown("---\nbase: &b {x: 1}\nother: *b\n---\n")
    assert not alias.errors and alias.root.to_python() == {"base": {"x": 1}, "other": {"x": 1}}
    scalar = parse_markdown("---\njust text\n---\n")
    assert scalar.errors and scalar.errors[0].name == "frontmatter is not a mapping"
    multi = parse_markdown("---\ndescription: one\n  two\n---\n")
    assert not multi.errors and multi.root.to_python() == {"description": "one two"}
    unterminated = parse_markdown('---\ndescription: "open\nmode: all\n---\n')
    assert unterminated.errors


def test_replacing_a_block_keeps_the_comment_on_its_key_line():
    # found by tests/test_yaml_fixes.py: the comment after `tools:` went with the old list
    text = "---\ntools:  # from Claude Code\n  - Read\n# after\n---\n"
    doc = Document("agent/x.md", text)
    edit = edits.replace_value(doc.root.get("tools").value, {"read": True}, doc)
    assert edits.apply(text, [edit]) == "---\ntools:  # from Claude Code\n  read: true\n# after\n---\n"


@given(st.lists(st.sampled_from(["a: 1", "b: x y", "  c: 2", "{{X}}", "skill:true", "- i", "  - j", "d:",
                                 "g: a: b", "h: x:", "- k: 1", "  l: 2", "  - m: 3",
                                 "e: [1, 2]", "# c", "", "plain words", "  more words", "f: |", "   lit"]),
                min_size=1, max_size=8))
def test_where_the_line_reader_sees_an_error_the_full_reader_does_too(lines):
    text = "\n" + "\n".join(lines) + "\n"
    try:
        yamltree._LineReader(text, 0, len(text)).read()
    except yamltree._Invalid:
        assert yamltree._full(text, 0, len(text))[1]
    except yamltree._Unsupported:
        pass


def test_removing_a_member_after_a_block_scalar_keeps_its_comment_out_of_the_scalar():
    """A comment indented under the removed member, left in place after `name: |`, would
    become part of the scalar's text (found by hypothesis)."""
    text = '---\nname: |\n  :\nmode:\n  name: null\n  # line 0\n# line 1\nmodel: ""\n---\n'
    doc = Document("agent/x.md", text)
    mode = next(m for m in doc.root.members() if m.key == "mode")
    removed = edits.apply(text, edits.remove_member(doc, mode))
    assert removed == '---\nname: |\n  :\n# line 0\n# line 1\nmodel: ""\n---\n'
    assert Document("agent/x.md", removed).value == {"name": ":\n", "model": ""}
