from rules.i18n import _
import os

from linter.registry import rule
from rules.markdown import frontmatter as fm


@rule("OC509", "skill-layout", "error", kinds=("skill-stray",))
def check(ctx):
    """A skill file where OpenCode never looks for one.

    ## What it does
    Reports a markdown file directly in a `skill/` or `skills/` folder (`skills/review.md`)
    or a skill file whose name is not exactly `SKILL.md` (`skills/review/skill.md`).

    ## Why is this bad?
    OpenCode 1.18.33 finds skills with the glob `{skill,skills}/**/SKILL.md` (and
    `.claude/skills`, `.agents/skills`) [B33 @99147355]; any other file is never read, and
    nothing says so (users report it: #46781, #9621).

    OpenCode 2, from its source only (not run): it scans each skills folder with
    `{*.md,**/SKILL.md}` (anomalyco/opencode `packages/core/src/config/plugin/skill.ts`
    @00c6d90), so `skills/review.md` is the skill `review` there and is not reported;
    `skills/review/skill.md` still is.

    ## Example
    `.opencode/skills/review.md` should be `.opencode/skills/review/SKILL.md`.

    ## Fix safety
    No fix: the file has to move (`mkdir skills/review && git mv skills/review.md
    skills/review/SKILL.md`).
    """
    path = ctx.doc.path
    folder, base = os.path.split(path)
    if base == "SKILL.md":
        return
    if fm.facts(ctx).get("stray_skill_files_read") and os.path.basename(folder) in ("skill", "skills"):
        return          # OpenCode 2 scans `{*.md,**/SKILL.md}`: `skills/x.md` is the skill `x`
    if base.lower() == "skill.md":
        target = os.path.join(folder, "SKILL.md")
    else:
        target = os.path.join(folder, base[:-3], "SKILL.md")
    yield ctx.at((0, min(3, len(ctx.doc.text))),
                 _("OpenCode never reads this file as a skill: a skill is `<name>/SKILL.md`; move "
                   "it to `{target}`").format(target=os.path.relpath(target)))
