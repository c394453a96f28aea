from linter import edits
from linter.diagnostics import Applicability, Fix, Severity
from linter.registry import rule
from linter.suggest import Suggester
from rules.markdown import frontmatter as fm


@rule("OC502", "unknown-frontmatter-key", "warning", fix="unsafe", kinds=fm.MARKDOWN_KINDS)
def check(ctx):
    """A frontmatter key OpenCode 1.18.33 does not read, and what happens to it.

    ## What it does
    Checks each top-level frontmatter key of an agent or mode against the V1 agent keys
    (`name, model, variant, prompt, description, temperature, top_p, mode, hidden, color,
    steps, maxSteps, options, permission, disable, tools`) and of a command against
    `description, agent, model, variant, subtask`, with the closest known key. OpenCode 2
    and Claude Code spellings get their own message: `disabled` (OpenCode 2 for
    `disable`), `system`, `permissions`, `maxTurns`, `allowed-tools`, `argument-hint`.
    The deprecated `maxSteps` is reported with its replacement `steps`.

    ## Why is this bad?
    Verified with 1.18.33 (`opencode debug config`): an agent's unknown keys are moved into
    its `options`, which OpenCode merges into every model request it sends for the agent,
    so `disabled: true` leaves the agent active, `permissions:` applies no rule, and
    `category: x` is sent to the provider (which may refuse the request). A command's
    unknown keys are dropped without a word (`allowed-tools` and `argument-hint` vanish).

    ## Example
    ```markdown
    ---
    description: Reviews code
    disabled: true
    ---
    ```
    reports `disabled` (OpenCode 2's name): OpenCode 1.18.33 reads `disable`.

    ## Fix safety
    `maxSteps` to `steps` is safe (the same setting). `disabled` to `disable`, and a rename
    to the one close known key, are unsafe: they make OpenCode act on a key it ignored
    until now (`disable: true` turns the agent off).
    """
    doc, root = ctx.doc, ctx.root
    if root is None or root.kind != "object":
        return
    facts = fm.facts(ctx.options)
    known = facts["command_keys"] if doc.kind == "command" else facts["agent_keys"]
    spellings = facts["spellings"]
    closest = Suggester()
    present = {m.key for m in root.members()}
    for member in root.members():
        key = member.key
        if key in known and key != "maxSteps":
            continue
        if doc.kind == "command" and key in ("template", "name"):
            continue
        consequence = ("OpenCode drops it" if doc.kind == "command" else
                       "OpenCode moves it into the agent's `options`, sent with every model request")
        entry = spellings.get(key)
        fix = None
        if entry is not None:
            origin, replacement = entry["origin"], entry.get("replacement")
            if key == "maxSteps":
                if doc.kind == "command":
                    pass
                else:
                    message = "`maxSteps` is deprecated; use `steps` (the same setting)"
                    if "steps" not in present:
                        fix = Fix((edits.rename_key(member, "steps", doc),), Applicability.SAFE, "rename to `steps`")
                    yield ctx.at(member, message, fix=fix, severity=Severity.WARNING)
                    continue
            message = f"`{key}` is the {origin} spelling; OpenCode 1.18.33 does not read it: {consequence}"
            if replacement and (doc.kind != "command" or replacement in known):
                message += f"; use `{replacement}`"
            if entry.get("note"):
                message += f" ({entry['note']})"
            if entry.get("fix") == "rename" and replacement not in present and replacement in known:
                fix = Fix((edits.rename_key(member, replacement, doc),), Applicability.UNSAFE,
                          f"rename to `{replacement}`")
            yield ctx.at(member, message, fix=fix)
            continue
        close = closest(key, [k for k in known if k not in present and k != "maxSteps"])
        message = f"unknown frontmatter key `{key}`: {consequence}"
        if close:
            message += f"; did you mean `{close[0]}`?"
            if len(close) == 1:
                fix = Fix((edits.rename_key(member, close[0], doc),), Applicability.UNSAFE, f"rename to `{close[0]}`")
        yield ctx.at(member, message, fix=fix)
