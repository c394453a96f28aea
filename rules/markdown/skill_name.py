from rules.i18n import _

from linter import edits, precompiled
from linter.diagnostics import Applicability, Fix, Severity
from linter.registry import rule
from rules.layout import skill_folder
from rules.markdown import frontmatter as fm

NAME = precompiled.regex(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@rule("OC510", "skill-name", "error", fix="unsafe", kinds=("skill",))
def check(ctx):
    """A skill's `name`: missing (the skill is dropped), not lowercase, or not its folder's.

    ## What it does
    Checks that a SKILL.md has a string `name` in its frontmatter (an error when not),
    that it is lowercase letters, digits and single hyphens, and that it equals the name of
    the folder holding the file (warnings).

    ## Why is this bad?
    Verified with 1.18.33 (`opencode debug skill`): a skill without a string `name` (or
    without frontmatter) is not listed, and nothing is logged. The other two are not
    enforced by 1.18.33 (`mism/SKILL.md` with `name: other-name` loaded as `other-name`,
    `Good-Skill` loaded), but the Agent Skills format requires them, OpenCode has a
    `SkillNameMismatchError` for the second, and the skill is listed under a name other
    than its folder's.

    OpenCode 2, from its source only (not run): `name` is optional, a skill without it is
    named after its folder (anomalyco/opencode `packages/core/src/config/plugin/skill-file.ts`
    @0f00c7b), so a missing `name` is not reported; one that is not a string still drops
    the skill.

    ## Example
    ```markdown
    ---
    description: Release checklist
    ---
    ```
    in `skills/release/SKILL.md` is never listed.

    ## Fix safety
    Unsafe: a missing name, or one that differs from a valid folder name, becomes the
    folder's name (a missing one makes the skill appear, which changes what the model sees).
    """
    doc, root = ctx.doc, ctx.root
    folder = skill_folder(doc.path)
    member = root.get("name") if root is not None and root.kind == "object" else None
    folder_ok = bool(NAME.match(folder))
    v2 = "skill_name_required" in fm.facts(ctx)
    if member is None and v2:
        return          # OpenCode 2 names a skill without `name` after its folder
    if member is None or member.value is None or member.value.kind != "string":
        fix = None
        if folder_ok:
            if member is not None and member.value is not None:
                fix = Fix((edits.replace_value(member.value, folder, doc),), Applicability.UNSAFE,
                          _("name it `{folder}` after its folder").format(folder=folder))
            elif member is None:
                fix = Fix(edits.insert_member(doc, root, "name", folder, first=True), Applicability.UNSAFE,
                          _("name it `{folder}` after its folder").format(folder=folder))
        target = member if member is not None else (0, min(3, len(doc.text)))
        what = _("has no `name`") if member is None or member.value is None or member.value.kind == "null" \
            else _("has a `name` that is not a string")
        yield ctx.at(target, (_("the skill {what}: OpenCode 2 drops it without a word") if v2 else
                               _("the skill {what}: OpenCode drops it without a word")).format(what=what), fix=fix)
        return
    name = member.value.value
    if not NAME.match(name):
        yield ctx.at(member.value, _("skill name `{name}` is not lowercase letters, digits and "
                                     "hyphens").format(name=name),
                     severity=Severity.WARNING)
    if name != folder:
        fix = Fix((edits.replace_value(member.value, folder, doc),), Applicability.UNSAFE,
                  _("name it `{folder}` after its folder").format(folder=folder)) if folder_ok else None
        yield ctx.at(member.value, _("skill name `{name}` differs from its folder `{folder}`: "
                                     "OpenCode lists it as `{name}`").format(name=name, folder=folder), severity=Severity.WARNING, fix=fix)
