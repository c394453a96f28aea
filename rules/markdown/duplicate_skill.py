from rules.i18n import _
import os

from linter.registry import rule
from rules.markdown import frontmatter as fm


def _name(doc):
    root = doc.root
    if doc.parse.errors or root is None or root.kind != "object":
        return None
    member = root.get("name")
    return member.value.value if member is not None and member.value is not None \
        and member.value.kind == "string" else None


def _index(documents) -> dict:
    """Skill name -> (real path, document) of each SKILL.md of the context."""
    out: dict = {}
    for d in documents:
        if d.kind == "skill" and _name(d) is not None:
            out.setdefault(_name(d), []).append((os.path.realpath(d.path), d))
    return out


@rule("OC512", "duplicate-skill", "warning", kinds=("skill",))
def check(ctx):
    """Two SKILL.md files with one name (across `.opencode`, `.claude` and `.agents`).

    ## What it does
    Reports a skill whose `name` another SKILL.md of its load context also has: the same skill
    kept in `.opencode/skills`, `.claude/skills` and `.agents/skills`, or in the global
    and the project folder.

    ## Why is this bad?
    OpenCode 1.18.33 keeps one of them and only logs a warning [B33 @99147355]; which
    copy the model gets depends on the scan order, and edits to the other copy do nothing.

    ## Example
    `.claude/skills/review/SKILL.md` and `.opencode/skills/review/SKILL.md`, both
    `name: review`.

    ## Fix safety
    No fix: remove one copy, or link one to the other.
    """
    doc = ctx.doc
    name = _name(doc)
    if name is None:
        return
    index = fm.context_cache(ctx, "duplicate-skill", _index)
    mine = os.path.realpath(doc.path)
    others = [d for real, d in index.get(name, []) if d is not doc and real != mine]
    if others:
        member = ctx.root.get("name")
        paths = ", ".join(os.path.relpath(d.path) for d in others)
        yield ctx.at(member.value, _("skill `{name}` is also defined by {paths}: OpenCode keeps "
                                     "only one").format(name=name, paths=paths))
