from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules import versions

SECTIONS = (("agent", "agent"), ("mode", "agent"), ("agents", "agent"), ("provider", "provider"),
            ("providers", "provider"))


@rule("OC851", "mixed-versions", "error", fix="unsafe")
def check(ctx):
    """An entry that mixes OpenCode 1 and OpenCode 2 spellings.

    ## What it does
    Reports, once per object, a config, agent or provider entry holding keys only OpenCode 1
    reads (`provider`, `plugin`, `disable`, `npm`, ...) beside keys only OpenCode 2 reads
    (`providers`, `plugins`, `disabled`, `package`, ...), naming both spellings. The lists are
    `spellings` in rules/data/versions.yaml, from the 1.18.33 schema and OpenCode 2's
    `packages/schema/src/config.ts` and `config/agent.ts` (see opencode2.schema.json).

    ## Why is this bad?
    No release reads both halves: OpenCode 1 ignores or refuses the OpenCode 2 keys (see
    OC201), and OpenCode 2 has no OpenCode 1 keys, so the entry only half works whichever
    OpenCode starts it. A mixed file is judged as the newest 1.x release unless a version
    is set.

    ## Example
    ```jsonc
    { "provider": { "mixroute": { "npm": "@ai-sdk/openai-compatible" } }, "plugins": ["opencode-foo"] }
    ```
    reports that the config mixes `provider` (OpenCode 1) and `plugins` (OpenCode 2).

    ## Fix safety
    Unsafe: renames the keys of the other version to the spelling of the version in use where
    the mapping is mechanical (`provider` <-> `providers`, `plugin` <-> `plugins`, `disable` <->
    `disabled`, `npm` <-> `package`, ...), when the new name is free. The values are kept as
    they are, so an entry's inner shape may still need work (the schema rules then say what).
    """
    root = ctx.root
    if root is None or root.kind != "object":
        return
    version = versions.for_doc(ctx)
    for where, node in _entries(root):
        v1, v2 = versions.dialect([m.key for m in node.members()], where)
        if not (v1 and v2):
            continue
        pairs = versions.spellings(where)["pairs"]
        rename = pairs if version.v2 else {b: a for a, b in pairs.items()}
        other = v1 if version.v2 else v2
        changes = []
        for key in other:
            new = rename.get(key)
            member = node.get(key)
            if new and node.get(new) is None and sum(m.key == key for m in node.members()) == 1:
                changes.append(edits.rename_key(member, new))
        target = node.get(other[0])
        place = _("the config") if where == "top" else _("this {where} entry").format(where=where)
        message = (_("{place} mixes OpenCode 1 keys ({v1}) and OpenCode 2 keys ({v2}); no release "
                     "reads both (judged as OpenCode {version})").format(place=place, v1=_names(v1), v2=_names(v2), version=version))
        fix = Fix(tuple(changes), Applicability.UNSAFE,
                  _("rename to OpenCode {major}'s spelling").format(major=version.major)) if changes else None
        yield ctx.at(target, message, fix=fix)


def _names(keys) -> str:
    return ", ".join(f"`{k}`" for k in keys[:4]) + (", ..." if len(keys) > 4 else "")


def _entries(root):
    yield "top", root
    for section, where in SECTIONS:
        member = root.get(section)
        if member is None or member.value is None or member.value.kind != "object":
            continue
        for entry in member.value.members():
            if entry.value is not None and entry.value.kind == "object":
                yield where, entry.value
