from rules.i18n import N_
from linter.registry import rule
from rules import versions
from rules.markdown import agent_keys


@rule("OC513", "unknown-agent-key", "warning", fix="unsafe", kinds=("config",))
def check(ctx):
    """A key of an `agent` or `mode` entry in opencode.json that OpenCode does not read.

    ## What it does
    Checks each key of each entry under `agent` and `mode` against the keys OpenCode 1 reads
    for an agent (the same facts as OC502 for agent files): a key close to a known one
    (`temprature`), and OpenCode 2 and Claude Code spellings (`disabled`, `system`,
    `permissions`, ...) with their own message. Any other key is left alone: it reaches the
    provider as a model option, which is how options such as `"reasoningEffort": "high"` are
    set at this level on purpose (as in real configs of the shared corpus). The deprecated
    `maxSteps` is OC205's.

    ## Why is this bad?
    The schema lets any key through here, so nothing else reports it. Verified with
    1.18.33 (`opencode debug config` on `{"agent": {"review": {"temprature": 0.2,
    "disabled": true}}}`): the keys are copied into the agent's `options`, which OpenCode
    merges into every model request it sends for the agent, so `temprature` never sets the
    temperature, `disabled: true` leaves the agent active, and the provider receives a field
    it may refuse.

    ## Example
    ```jsonc
    "agent": { "review": { "temprature": 0.2 } }
    ```
    reports `temprature`; did you mean `temperature`?

    ## Fix safety
    A rename to the one close known key, or from another tool's spelling to OpenCode's
    (`disabled` to `disable`), is unsafe: OpenCode then acts on a key it ignored until now.

    ## Versions
    OpenCode 1 only: an OpenCode 2 config declares agents under `agents`, which the OpenCode 2
    schema checks (OC201).
    """
    root = ctx.root
    if root is None or root.kind != "object" or versions.for_doc(ctx).v2:
        return
    for key in ("agent", "mode"):
        section = root.get(key)     # the one OpenCode keeps: an earlier one is OC103's
        if section is None or section.value is None or section.value.kind != "object":
            continue
        for entry in section.value.members():
            if entry.value is not None and entry.value.kind == "object":
                yield from agent_keys.v1_findings(ctx, entry.value, "agent",
                                                  N_("unknown key `{key}` in `{entry}`: {consequence}"),
                                                  skip=("maxSteps",), typos_only=True,
                                                  entry=f"{section.key}.{entry.key}")
