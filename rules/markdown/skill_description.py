from rules.i18n import _
from linter.registry import rule


@rule("OC511", "skill-description", "warning", kinds=("skill",))
def check(ctx):
    """A skill without a `description`, which the model is never shown.

    ## What it does
    Reports a SKILL.md whose frontmatter has no string `description`, or an empty one.

    ## Why is this bad?
    The model picks a skill by its description. OpenCode 1.18.33's built-in skill text
    says skills without one "are filtered out and never surfaced to the model"
    [B33 @104018247], although `opencode debug skill` still lists them (verified).

    ## Example
    ```markdown
    ---
    name: release
    ---
    ```

    ## Fix safety
    No fix: only the author can describe the skill.
    """
    root = ctx.root
    if root is None or root.kind != "object":
        return
    member = root.get("description")
    if member is None:
        yield ctx.at((0, min(3, len(ctx.doc.text))), _("the skill has no `description`: the model "
                                                       "never sees it"))
    elif member.value is None or member.value.kind != "string" or not member.value.value.strip():
        yield ctx.at(member, _("the skill's `description` is empty or not a string: the model never "
                               "sees it"))
