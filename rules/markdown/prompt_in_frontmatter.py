from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Edit, Fix
from linter.registry import rule
from rules.markdown import frontmatter as fm


@rule("OC504", "prompt-in-frontmatter", "warning", fix="unsafe", kinds=("agent", "mode"))
def check(ctx):
    """`prompt:` in an agent's frontmatter, which the file's body always replaces.

    ## What it does
    Reports a `prompt` key in the frontmatter of an agent or mode file.

    ## Why is this bad?
    OpenCode 1.18.33 builds the agent as `{name, ...frontmatter, prompt: body.trim()}`
    [B33 @104052455], so the body wins even when it is empty: verified with `opencode debug
    config`, a file whose prompt is only in the frontmatter gets `prompt: ""`, and a
    `{file:...}` there is not read either (#26434, #47616).

    OpenCode 2, from its source only (not run): an agent file read as an OpenCode 2 agent
    is `{...frontmatter, system: body}` (anomalyco/opencode
    `packages/core/src/config/plugin/agent.ts`@767454d), so there `system:` is the key the
    body replaces; in a file read as an OpenCode 1 agent `prompt:` still is.

    ## Example
    ```markdown
    ---
    description: Reviews code
    prompt: You review code.
    ---
    ```
    runs with an empty prompt.

    ## Fix safety
    Unsafe, offered only when the body is empty: the prompt text moves into the body (the
    agent then really gets it, which changes what it does).
    """
    doc, root = ctx.doc, ctx.root
    if root is None or root.kind != "object":
        return
    facts = fm.facts(ctx)
    member = root.get("prompt")
    if "legacy_agent_keys" in facts and not fm.legacy_keys(root, facts):
        member = root.get("system")       # an OpenCode 2 agent file: {...frontmatter, system: body}
    if member is None:
        return
    view = fm.view(doc)
    fix = None
    node = member.value
    if not view.body and node is not None and node.kind == "string" and node.value.strip():
        text = doc.text
        lead = "" if text.endswith("\n") else doc.eol
        fix = Fix(edits.remove_member(doc, member) + (Edit(len(text), len(text), lead + node.value.strip() + doc.eol),),
                  Applicability.UNSAFE, _("move the prompt into the body"))
    where = _("the empty body") if not view.body else _("the body")
    yield ctx.at(member, _("`{key}` in the frontmatter is replaced by {where}: OpenCode never uses "
                           "it").format(key=member.key, where=where),
                 fix=fix)
