from rules.i18n import _
import os

from linter.registry import rule
from rules.markdown import frontmatter as fm


@rule("OC508", "agent-collision", "warning", kinds=fm.MARKDOWN_KINDS)
def check(ctx):
    """Two markdown files that define the same agent, mode or command.

    ## What it does
    Reports an agent, mode or command file whose name (from its path, or its `name:`)
    another markdown file of its load context also gives: `agent/x.md` and `agents/x.md`, the same
    agent in the global folder and in `.opencode`, a mode and an agent of one name, or a
    `name:` that renames one file onto another.

    ## Why is this bad?
    OpenCode 1.18.33 deep-merges every such file into one entry, in folder order (the
    global folder, then each `.opencode`; within a folder commands, agents, then modes)
    [B33 @104070900]: the later file's keys and its body win, the earlier file's other keys
    leak in. Nothing tells you which file an agent came from.

    ## Example
    `.opencode/agent/review.md` and `.opencode/agents/review.md`.

    ## Fix safety
    No fix: rename or remove one of the files.
    """
    doc = ctx.doc
    section = fm.section(doc.kind)
    name = fm.name(doc)
    if name is None:
        return
    index = fm.context_cache(ctx, "agent-collision", _index)
    mine = os.path.realpath(doc.path)
    others = [d for d in index.get((section, name), []) if d is not doc and index[id(d)][1] != mine]
    if not others:
        return
    order = index.get(id(doc), (0, ""))[0]
    later = [d for d in others if index[id(d)][0] > order]
    target = ctx.root.get("name") if ctx.root is not None and ctx.root.kind == "object" else None
    span = target.value if target is not None and target.value is not None else (0, min(3, len(doc.text)))
    paths = ", ".join(os.path.relpath(d.path) for d in others)
    if later:
        message = _("`{name}` is also defined by {paths}, merged after this file: its keys and body "
                    "win").format(name=name, paths=paths)
    else:
        message = _("`{name}` is also defined by {paths}; this file is merged over it: keys only "
                    "the other file sets stay").format(name=name, paths=paths)
    yield ctx.at(span, message)


def _index(documents) -> dict:
    """(section, name) -> its markdown documents, and id(doc) -> (position, real path)."""
    out: dict = {}
    for i, d in enumerate(documents):
        if d.kind in fm.MARKDOWN_KINDS:
            name = fm.name(d)
            if name is not None:
                out.setdefault((fm.section(d.kind), name), []).append(d)
                out[id(d)] = (i, os.path.realpath(d.path))
    return out
