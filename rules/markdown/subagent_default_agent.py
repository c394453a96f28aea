from rules.i18n import _
from linter.diagnostics import Severity
from linter.registry import rule
from rules import versions
from rules import providers as p
from rules.markdown import frontmatter as fm


@rule("OC507", "subagent-default-agent", "error")
def check(ctx):
    """`default_agent` naming a subagent, a hidden agent or no agent.

    ## What it does
    Looks `default_agent` up among the agents OpenCode would see (built-in, the merged
    config's `agent` and `mode` entries, and the agent and mode markdown files of the
    context, each `mode` entry merged into its agent after it, as OpenCode merges them) and
    reports it when that agent's mode is `subagent`, it is hidden (the built-in `title`,
    `summary` and `compaction`, or `"hidden": true`), it is disabled (`"disable": true`), or
    it does not exist. A `default_agent` that a later file of the context replaces is left
    alone: the later one is OpenCode's.

    ## Why is this bad?
    OpenCode 1 refuses it. Verified with 1.18.33 (tests/test_opencode_agreement.py): with
    `"default_agent": "explore"` (or `title`, or a name no agent has), `opencode run "hi"`
    exits 1 with "Unexpected server error", its log saying `default agent "explore" is a
    subagent` (`is hidden`, `not found`, also for a disabled agent): every prompt sent
    without naming an agent fails.
    With `build` or `plan` the same run goes on to the model. (The TUI's `--agent` flag is
    another path: a subagent given there is replaced with a warning.) A config can load
    (`opencode debug config` exits 0) and still fail so: corpus 053, `"default_agent": "run"`
    with no `run` agent beside it, fails every `opencode run` the same way (`not found`); its
    agent presumably lived in the owner's agent folder, which oclint sees when it lints the
    file in that context (a dotfiles tree, `--with-global`).

    ## Example
    ```jsonc
    { "default_agent": "explore" }
    ```
    `explore` is a built-in subagent.

    ## Fix safety
    No fix: which primary agent was meant is the author's choice.

    ## Versions
    In a config judged as OpenCode 2 it is a warning: OpenCode 2's agent plugin, as
    bundled in the 1.18.33 binary (packages/core/src/plugin/agent.ts), keeps a default
    agent only when it is neither a subagent nor hidden and otherwise falls back to `build`
    without an error (from the source; no OpenCode 2 binary runs it).
    """
    node = p.member_value(ctx.root, "default_agent")
    name = p.string(node)
    if name is None:
        return
    view = ctx.view
    if view is not None and isinstance(view.value, dict) and view.value.get("default_agent") != name:
        return      # a later file of the context sets another: that one is OpenCode's
    entry = fm.known_agents(ctx).get(name)
    v2 = versions.for_doc(ctx).v2
    if entry is None:
        what = _("names no agent")
    elif entry.get("disabled" if v2 else "disable") is True:
        what = _("is a disabled agent")
    elif entry.get("mode") == "subagent":
        what = _("is a subagent")
    elif entry.get("hidden") is True:
        what = _("is a hidden agent")
    else:
        return
    if v2:
        yield ctx.at(node, _("`default_agent` `{name}` {what}: OpenCode 2 falls back to `build`").format(name=name, what=what),
                     severity=Severity.WARNING)
    else:
        yield ctx.at(node, _("`default_agent` `{name}` {what}: OpenCode fails every prompt sent without "
                             "an agent (`opencode run` exits with an error)").format(name=name, what=what))
