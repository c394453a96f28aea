from rules.i18n import _, kind_name
from linter.registry import rule
from rules.layout import entry_name
from rules.markdown import frontmatter as fm


@rule("OC505", "renaming-name", "warning", kinds=fm.MARKDOWN_KINDS)
def check(ctx):
    """`name:` in the frontmatter, which renames the agent, mode or command.

    ## What it does
    Reports a frontmatter `name` that differs from the name the file's path gives
    (`agent/review.md` is `review`, `agent/sub/x.md` is `sub/x`), or that is not a string.

    ## Why is this bad?
    OpenCode 1.18.33 spreads the frontmatter over `{name: <from the path>}`, so `name:`
    wins [B33 @104052455]. Verified with `opencode debug config`: `cc.md` with
    `name: code-reviewer` became the agent `code-reviewer`, so `@cc`, `default_agent: cc`
    or a command's `agent: cc` name nothing, and two files can end up as one agent.

    OpenCode 2, from its source only (not run): the name is always the path's
    (anomalyco/opencode `packages/core/src/config/plugin/agent.ts` and `plugin/command.ts`
    @767454d); `name:` is ignored, and in an agent file it is a key outside OpenCode 2's
    agent keys, so the file is read as an OpenCode 1 agent (see OC502).

    ## Example
    ```markdown
    ---
    name: code-reviewer
    ---
    ```
    in `agent/cc.md`.

    ## Fix safety
    No fix: rename the file or the references, whichever was meant.
    """
    doc, root = ctx.doc, ctx.root
    member = root.get("name") if root is not None and root.kind == "object" else None
    if member is None or member.value is None:
        return
    from_path = entry_name(doc.path)
    node = member.value
    what = "command" if doc.kind == "command" else "agent"
    if "legacy_agent_keys" in fm.facts(ctx):
        # OpenCode 2 (its source): the name is always the path's; an agent file with `name`
        # is read as an OpenCode 1 agent (OC502 says what that does to its other keys)
        also = _(" (and reads the file as an OpenCode 1 agent)") if what == "agent" else ""
        yield ctx.at(member, _("OpenCode 2 ignores `name`{also}: the {what} is `{from_path}`, after "
                               "its path").format(also=also, what=kind_name(what), from_path=from_path))
        return
    if node.kind != "string":
        yield ctx.at(node, _("`name` is not a string: OpenCode names the entry `{value}` anyway").format(value=node.value))
        return
    if node.value != from_path:
        yield ctx.at(node, _("`name: {value}` renames the {what} `{from_path}` (its path) to "
                             "`{value}`; references must use `{value}`").format(value=node.value, what=kind_name(what), from_path=from_path))
