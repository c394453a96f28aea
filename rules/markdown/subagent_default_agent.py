from rules.i18n import _
from linter.registry import rule
from rules.markdown.unknown_command_agent import known_agents


@rule("OC507", "subagent-default-agent", "warning")
def check(ctx):
    """`default_agent` naming a subagent (or no agent), which OpenCode replaces.

    ## What it does
    Looks `default_agent` up among the agents OpenCode would see (built-in, the merged
    config's `agent` and `mode` entries, and the agent and mode markdown files of the
    context) and reports it when that agent's mode is `subagent` or it does not exist.

    ## Why is this bad?
    Verified with 1.18.33: OpenCode warns `agent "x" is a subagent, not a primary agent.
    Falling back to default agent` in its log only, and starts with `build` instead.

    ## Example
    ```jsonc
    { "default_agent": "explore" }
    ```
    `explore` is a built-in subagent.

    ## Fix safety
    No fix: which primary agent was meant is the author's choice.
    """
    root = ctx.root
    member = root.get("default_agent") if root is not None and root.kind == "object" else None
    if member is None or member.value is None or member.value.kind != "string":
        return
    name = member.value.value
    agents = known_agents(ctx)
    entry = agents.get(name)
    if entry is None:
        yield ctx.at(member.value, _("`default_agent` `{name}` names no agent: OpenCode falls back "
                                     "to `build`").format(name=name))
    elif entry.get("mode") == "subagent":
        yield ctx.at(member.value, _("`default_agent` `{name}` is a subagent: OpenCode falls back "
                                     "to `build`").format(name=name))
