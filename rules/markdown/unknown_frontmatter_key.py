from rules.i18n import N_, _
from linter import edits
from linter.diagnostics import Applicability, Fix, Severity
from linter.registry import rule
from linter.suggest import Suggester
from rules.markdown import agent_keys
from rules.markdown import frontmatter as fm


@rule("OC502", "unknown-frontmatter-key", "warning", fix="unsafe", kinds=fm.MARKDOWN_KINDS)
def check(ctx):
    """A frontmatter key the OpenCode version in use does not read, and what happens to it.

    ## What it does
    Checks each top-level frontmatter key of an agent or mode against the V1 agent keys
    (`name, model, variant, prompt, description, temperature, top_p, mode, hidden, color,
    steps, maxSteps, options, permission, disable, tools`) and of a command against
    `description, agent, model, variant, subtask`, with the closest known key. OpenCode 2
    and Claude Code spellings get their own message: `disabled` (OpenCode 2 for
    `disable`), `system`, `permissions`, `maxTurns`, `allowed-tools`, `argument-hint`.
    The deprecated `maxSteps` is reported with its replacement `steps`.

    Under OpenCode 2 (`opencode-version` 2.x, or an agent file in OpenCode 2 keys only) the
    agent keys are `model, variant, request, system, description, mode, hidden, color,
    steps, disabled, permissions`: an OpenCode 1 key (`prompt`, `disable`, `temperature`,
    `top_p`, `options`, `permission`, `tools`, `maxSteps`) is reported as the OpenCode 1
    spelling with what OpenCode 2 turns it into, an unknown key as sent with every model
    request, an OpenCode 2 key in a file that one of those makes OpenCode 2 read as an
    OpenCode 1 agent as not applied, and `variant` as ignored (an OpenCode 2 agent or
    command takes the variant in `model: provider/model#variant`).

    ## Why is this bad?
    Verified with 1.18.33 (`opencode debug config`): an agent's unknown keys are moved into
    its `options`, which OpenCode merges into every model request it sends for the agent,
    so `disabled: true` leaves the agent active, `permissions:` applies no rule, and
    `category: x` is sent to the provider (which may refuse the request). A command's
    unknown keys are dropped without a word (`allowed-tools` and `argument-hint` vanish).
    Also verified with 1.18.33: `system`, `disabled`, `request`, `permissions` and `cache`
    (OpenCode 2's keys) all land in the agent's `options`, whatever their type (`request:
    5` loads), and `disabled: true` leaves the agent listed.

    OpenCode 2, from its source only (no OpenCode 2 binary is on the registry here, so none
    of this was run): anomalyco/opencode `packages/core/src/config/plugin/agent.ts`@767454d
    reads an agent file whose keys are all OpenCode 2 agent keys as an OpenCode 2 agent,
    the body as `system`; a file with any other key is read whole as an OpenCode 1 agent
    (`packages/core/src/v1/config/agent.ts`@24e0290: unknown keys into its options) and
    migrated (`packages/core/src/v1/config/migrate.ts`@767454d `migrateAgent`: `prompt` to
    `system`, `disable` to `disabled`, `temperature`, `top_p` and `options` into
    `request.body`, which is sent with every request), so one OpenCode 1 or unknown key
    turns `disabled: true` of the same file into a request field and the agent stays
    active. The OpenCode 2 agent (`packages/schema/src/config/agent.ts`@9bacfb6) has no
    `variant`; a command (`config/command.ts`@b9a1ca3) ignores unknown keys and `variant`.

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
    until now (`disable: true` turns the agent off). Under OpenCode 2, `disable` to
    `disabled` and `maxSteps` to `steps` (unsafe: the file may then be read as an OpenCode 2
    agent), and `model: p/m` with `variant: v` to `model: p/m#v` (unsafe: the variant then
    applies). `prompt` gets no rename: its text is replaced by the body in both spellings
    (OC504 moves it there).
    """
    doc, root = ctx.doc, ctx.root
    if root is None or root.kind != "object":
        return
    facts = fm.facts(ctx)
    if "legacy_agent_keys" in facts:
        yield from _v2(ctx, doc, root, facts)
        return
    yield from agent_keys.v1_findings(ctx, root, doc.kind, N_("unknown frontmatter key `{key}`: {consequence}"))


def _v2(ctx, doc, root, facts):
    """OpenCode 2 (from its source): a command ignores unknown keys; an agent file with a key
    outside OpenCode 2's agent keys is read whole as an OpenCode 1 agent and migrated."""
    present = {m.key for m in root.members()}
    if doc.kind == "command":
        known = facts["command_keys"]
        closest = Suggester()
        for member in root.members():
            key = member.key
            if key in known or key in ("template", "name"):
                continue
            if key == "variant":
                yield ctx.at(member, _("OpenCode 2 ignores a command's `variant`: write the variant "
                                       "in the model, `model: provider/model#variant`"), fix=_variant_fix(doc, root, member))
                continue
            message, fix = agent_keys.did_you_mean(doc, member, _("unknown frontmatter key `{key}`: OpenCode "
                                                        "2 drops it").format(key=key),
                                         closest(key, [k for k in known if k not in present]))
            yield ctx.at(member, message, fix=fix)
        return
    legacy = fm.legacy_keys(root, facts)
    v2_keys, v1_keys = set(facts["agent_keys"]), set(facts["legacy_agent_keys"])
    spellings = facts["spellings"]
    if legacy:
        first = legacy[0]
        because = _("`{key}` (line {start})").format(key=first.key, start=doc.position(first.start)[0])
    closest = Suggester()
    for member in root.members():
        key = member.key
        if key == "name":
            continue                    # OC505 says what OpenCode 2 does with `name`
        if key in v2_keys:
            if not legacy and key in facts["ignored_agent_keys"]:
                yield ctx.at(member, _("OpenCode 2 ignores `variant` in an agent file: write the "
                                       "variant in the model, `model: provider/model#variant`"), fix=_variant_fix(doc, root, member))
            elif legacy and key not in v1_keys:
                yield ctx.at(member, _("`{key}` is not applied: OpenCode 2 reads this file as an "
                                       "OpenCode 1 agent because of {because}, and sends `{key}` "
                                       "with every model request").format(key=key, because=because))
            continue
        entry = spellings.get(key)
        compat = _("OpenCode 2 reads a file with it as an OpenCode 1 agent")
        fix = None
        if entry is not None and key in v1_keys:
            replacement = entry.get("replacement")
            message = _("`{key}` is the {entry} spelling: {compat}").format(key=key, entry=_(entry['origin']), compat=compat)
            message += _(" (it becomes `{entry}`)").format(entry=entry['migrated']) if entry.get("migrated") else ""
            if replacement:
                message += _("; use `{replacement}`").format(replacement=replacement)
            if entry.get("note"):
                message += f" ({entry['note']})"
            if entry.get("fix") == "rename" and replacement not in present:
                fix = edits.rename_fix(member, replacement, Applicability.UNSAFE, doc)
        elif key in v1_keys:
            message = _("`{key}` is an OpenCode 1 key: {compat}").format(key=key, compat=compat)
        else:
            sends = _("{compat}, which sends `{key}` with every model request").format(compat=compat, key=key)
            if entry is not None:
                message = _("`{key}` is the {entry} spelling: {sends}").format(key=key, entry=_(entry['origin']), sends=sends)
                if entry.get("replacement"):
                    message += _("; use `{entry}`").format(entry=entry['replacement'])
                if entry.get("note"):
                    message += f" ({entry['note']})"
            else:
                message, fix = agent_keys.did_you_mean(doc, member, _("unknown frontmatter key `{key}`: "
                                                            "{sends}").format(key=key, sends=sends),
                                             closest(key, [k for k in facts["agent_keys"] if k not in present]))
        yield ctx.at(member, message, fix=fix)


def _variant_fix(doc, root, member):
    """`model: p/m` and `variant: v` -> `model: p/m#v` (unsafe: the variant then applies)."""
    model = root.get("model")
    node, variant = (model.value if model is not None else None), member.value
    if node is None or node.kind != "string" or "#" in node.value or "/" not in node.value \
            or variant is None or variant.kind != "string" or not variant.value or "#" in variant.value:
        return None
    return Fix((edits.replace_value(node, f"{node.value}#{variant.value}", doc),) + edits.remove_member(doc, member),
               Applicability.UNSAFE, _("write `model: {value}#{value2}`").format(value=node.value, value2=variant.value))
