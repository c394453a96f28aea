"""What OC502 (agent, mode and command frontmatter) and OC513 (agent and mode entries of
opencode.json) share: the judgement of an OpenCode 1 agent's or command's keys, with the
facts of rules/data/markdown.yaml for the version in use."""

from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Severity
from linter.suggest import Suggester
from rules.markdown import frontmatter as fm


def v1_findings(ctx, obj, kind: str, unknown: str, skip=(), typos_only=False, **names):
    """The findings on the keys of ``obj`` (an agent's or a command's object, ``kind``
    `agent`/`mode`/`command`) as OpenCode 1.18.33 reads it; ``unknown`` is the message
    template for an unknown key (placeholders ``key``, ``consequence`` and ``names``);
    keys in ``skip`` are another rule's; ``typos_only``: an unknown key is reported only
    when it is close to a known one (others may be meant for the provider)."""
    doc = ctx.doc
    facts = fm.facts(ctx)
    known = facts["command_keys"] if kind == "command" else facts["agent_keys"]
    spellings = facts["spellings"]
    closest = Suggester()
    present = {m.key for m in obj.members()}
    for member in obj.members():
        key = member.key
        if key in known and key != "maxSteps" or key in skip:
            continue
        if kind == "command" and key in ("template", "name"):
            continue
        consequence = (_("OpenCode drops it") if kind == "command" else
                       _("OpenCode moves it into the agent's `options`, sent with every model "
                         "request"))
        entry = spellings.get(key)
        fix = None
        if entry is not None:
            origin, replacement = entry["origin"], entry.get("replacement")
            if key == "maxSteps" and kind != "command":
                message = _("`maxSteps` is deprecated; use `steps` (the same setting)")
                if "steps" not in present:
                    fix = edits.rename_fix(member, "steps", Applicability.SAFE, doc)
                yield ctx.at(member, message, fix=fix, severity=Severity.WARNING)
                continue
            if origin == "OpenCode 2":
                message = _("`{key}` is an OpenCode 2 key; OpenCode 1.18.33 does not read it: "
                            "{consequence}").format(key=key, consequence=consequence)
                if replacement and (kind != "command" or replacement in known):
                    message += _("; OpenCode 1 spells it `{replacement}`").format(replacement=replacement)
            else:
                message = _("`{key}` is the {origin} spelling; OpenCode 1.18.33 does not read it: "
                            "{consequence}").format(key=key, origin=_(origin), consequence=consequence)
                if replacement and (kind != "command" or replacement in known):
                    message += _("; use `{replacement}`").format(replacement=replacement)
            if entry.get("note"):
                message += f" ({_(entry['note'])})"
            if entry.get("fix") == "rename" and replacement not in present and replacement in known:
                fix = edits.rename_fix(member, replacement, Applicability.UNSAFE, doc)
            yield ctx.at(member, message, fix=fix)
            continue
        close = closest(key, [k for k in known if k not in present and k != "maxSteps"])
        if typos_only and not close:
            continue
        message, fix = did_you_mean(doc, member, _(unknown).format(key=key, consequence=consequence, **names), close)
        yield ctx.at(member, message, fix=fix)


def did_you_mean(doc, member, message, close):
    """The message with the close known keys, and the rename to the one close key."""
    if not close:
        return message, None
    fix = edits.rename_fix(member, close[0], Applicability.UNSAFE, doc) if len(close) == 1 else None
    return message + _("; did you mean `{close}`?").format(close=close[0]), fix
