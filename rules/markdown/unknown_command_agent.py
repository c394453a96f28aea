from rules.i18n import _
from linter.registry import rule
from linter.suggest import closest
from rules.markdown import frontmatter as fm


def known_agents(ctx) -> dict:
    """Agent name -> its merged entry (or {} for a built-in one), as OpenCode would see it."""
    facts = fm.facts(ctx)
    out = {name: {"mode": "subagent" if name in facts["subagents"] else "primary"}
           for name in facts["builtin_agents"]}
    config = ctx.config if isinstance(ctx.config, dict) else {}
    if ctx.doc.kind != "config" and ctx.view is None:
        config = {}             # alone, the document's own value is not a config
    for section in ("mode", "agent"):
        entries = config.get(section)
        if isinstance(entries, dict):
            for name, entry in entries.items():
                entry = dict(entry) if isinstance(entry, dict) else {}
                if section == "mode":
                    entry["mode"] = "primary"
                out[name] = {**out.get(name, {}), **entry}
    for doc in fm.context_documents(ctx):
        if doc.kind in ("agent", "mode") and doc is not ctx.doc:
            name = fm.name(doc)
            if name is not None and name not in out:
                data = fm.view(doc).data
                mode = data.get("mode") if data is not None and data.kind == "object" else None
                out[name] = {"mode": "primary" if doc.kind == "mode" else
                             (mode.value.value if mode is not None and mode.value is not None else "all")}
    return out


@rule("OC506", "unknown-command-agent", "warning", kinds=("command",))
def check(ctx):
    """A command's `agent:` that names no agent of the config.

    ## What it does
    Looks the `agent` of a command file up among the built-in agents (build, plan,
    general, explore, ...), the `agent` and `mode` entries of the merged config, and the
    agent and mode files of the run, with the closest name when there is one.

    ## Why is this bad?
    OpenCode 1.18.33 loads `agent: nosuchagent` without a word (verified with `opencode
    debug config`); the command then does not run with the agent its author meant.

    ## Example
    ```markdown
    ---
    description: Review the diff
    agent: reviwer
    ---
    ```

    ## Fix safety
    No fix: the intended agent cannot be known for sure.
    """
    root = ctx.root
    member = root.get("agent") if root is not None and root.kind == "object" else None
    if member is None or member.value is None or member.value.kind != "string":
        return
    name = member.value.value
    agents = known_agents(ctx)
    if name in agents:
        return
    near = closest(name, list(agents))
    hint = _("; did you mean `{near}`?").format(near=near[0]) if near else ""
    yield ctx.at(member.value, _("`agent: {name}` names no agent of this config{hint}").format(name=name, hint=hint))
