from rules.i18n import _
from linter.registry import rule
from linter.suggest import closest
from rules import providers as p
from rules.markdown import frontmatter as fm


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
    node = p.member_value(ctx.root, "agent")
    name = p.string(node)
    if name is None:
        return
    agents = fm.known_agents(ctx)
    if name in agents:
        return
    near = closest(name, list(agents))
    hint = _("; did you mean `{near}`?").format(near=near[0]) if near else ""
    yield ctx.at(node, _("`agent: {name}` names no agent of this config{hint}").format(name=name, hint=hint))
