from rules.i18n import _
from linter.registry import rule
from rules import providers as p
from rules.markdown import frontmatter as fm


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
    node = p.member_value(ctx.root, "default_agent")
    name = p.string(node)
    if name is None:
        return
    entry = fm.known_agents(ctx).get(name)
    if entry is None:
        yield ctx.at(node, _("`default_agent` `{name}` names no agent: OpenCode falls back "
                                     "to `build`").format(name=name))
    elif entry.get("mode") == "subagent":
        yield ctx.at(node, _("`default_agent` `{name}` is a subagent: OpenCode falls back "
                                     "to `build`").format(name=name))
