from rules.i18n import _, kind_name
import re

from linter import edits, precompiled
from linter.diagnostics import Applicability, Fix, Severity
from linter.registry import rule
from linter.suggest import closest
from rules.markdown import frontmatter as fm

HEX = precompiled.regex(r"^#[0-9a-fA-F]{6}$")
SHORT_HEX = precompiled.regex(r"^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$")
STRINGS = {"agent": ("name", "model", "variant", "prompt", "description"),
           "command": ("description", "agent", "model", "variant"),
           "agent2": ("model", "variant", "system", "description")}     # an OpenCode 2 agent file
BOOLEANS = {"agent": ("hidden", "disable"), "command": ("subtask",), "agent2": ("hidden", "disabled")}
_TRUTHY = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


@rule("OC503", "invalid-frontmatter-value", "error", fix="unsafe", kinds=fm.MARKDOWN_KINDS)
def check(ctx):
    """A frontmatter value of the wrong type or out of range: OpenCode refuses to start.

    ## What it does
    Checks the frontmatter of agents and modes against OpenCode 1.18.33's V1 agent schema
    and of commands against its command schema: strings (`description`, `model`,
    `variant`, `prompt`, a command's `agent`), numbers (`temperature`, `top_p`), `mode`
    (`subagent`, `primary` or `all`), `color` (`#RRGGBB` or a theme colour: primary,
    secondary, accent, success, warning, error, info), `steps` and `maxSteps` (an
    integer above 0), booleans (`hidden`, `disable`, a command's `subtask`), `options` (a
    mapping), `tools` (a mapping of booleans) and `permission` (an action `allow`, `ask`
    or `deny`, or per tool an action or a mapping of pattern to action). An empty value
    (`description:`) is null, which none of them accepts.

    ## Why is this bad?
    Verified with 1.18.33 (`opencode debug config`, isolated HOME): each of these stops
    OpenCode, the TUI included, with exit 1 and `Configuration is invalid at <file>`:
    `↳ Expected object | undefined, got "Read, Grep, Glob" tools` (Claude Code's tool list),
    `got "blue" color`, `got "sub-agent" mode`, `Expected a value greater than 0, got 0
    steps`, `Expected an integer, got 2.5 steps`, `Expected PermissionRuleConfig, got false
    permission.write`, `Expected string | undefined, got null description`. An invalid mode
    file is not fatal: the mode is dropped without a word.

    OpenCode 2, from its source only (not run): a value that does not decode drops the
    agent, mode or command without a word (anomalyco/opencode
    `packages/core/src/config/plugin/agent.ts` and `plugin/command.ts`@767454d, decode to
    an Option). An agent file read as an OpenCode 2 agent is checked against
    `packages/schema/src/config/agent.ts`@9bacfb6: `system` a string, `disabled` and
    `hidden` booleans, `color` `#RRGGBB` only (no theme colour), `request` a mapping of
    `headers` and `body`, `permissions` a list of rules; one read as an OpenCode 1 agent
    (see OC502) against the OpenCode 1 types, its OpenCode 2 keys going into its options.

    ## Example
    ```markdown
    ---
    description: Reviews code
    tools: Read, Grep
    color: blue
    ---
    ```

    ## Fix safety
    Unsafe, and each fix says what it changes: Claude Code's `tools: Read, Grep` becomes
    `tools: {read: true, grep: true}` (OpenCode keeps the other tools enabled: Claude's
    list was an allow-list); a CSS colour name becomes its `#RRGGBB`; a near-miss mode
    its closest value; `"yes"`/`"no"` and `true`/`false` become booleans or actions; a value
    with no mechanical correction is removed, so OpenCode uses its default.
    """
    doc, root = ctx.doc, ctx.root
    if root is None or root.kind != "object":
        return
    facts = fm.facts(ctx)
    tables = fm.tables()
    kind = "command" if doc.kind == "command" else "agent"
    consequence = (_("OpenCode drops this mode without a word") if doc.kind == "mode"
                   else _("OpenCode refuses to start"))
    skip = ()
    if facts.get("invalid_value") == "drops":                 # OpenCode 2, from its source
        consequence = _("OpenCode 2 drops this {value} without a word").format(value=kind_name('command' if kind == 'command' else doc.kind))
        if kind == "agent" and fm.legacy_keys(root, facts):
            # read as an OpenCode 1 agent: its types, and OpenCode 2's keys go into its options
            facts = {**facts, "theme_colors": facts["legacy_theme_colors"]}
            skip = tuple(k for k in facts["agent_keys"] if k not in facts["legacy_agent_keys"])
        elif kind == "agent":
            kind = "agent2"
    for member in root.members():
        node = member.value
        if node is None or member.key in skip:
            continue
        for target, problem, fix in _problems(doc, kind, member, node, facts, tables):
            yield ctx.at(target, f"{problem}: {consequence}", fix=fix)


def _remove(doc, member, why):
    return Fix(edits.remove_member(doc, member), Applicability.UNSAFE, _("remove `{key}` ({why})").format(key=member.key, why=why))


def _replace(doc, node, value, what):
    return Fix((edits.replace_value(node, value, doc),), Applicability.UNSAFE, what)


def _show(node) -> str:
    if node.kind == "null":
        return _("null (an empty value)")
    if node.kind in ("object", "array"):
        return _("a mapping") if node.kind == "object" else _("a list")
    text = str(node.value)
    return f"`{text[:60]}`" if node.kind != "string" else f"\"{text[:60]}\""


def _problems(doc, kind, member, node, facts, tables):
    key = member.key
    default = _("OpenCode uses its default")
    if key in STRINGS[kind]:
        if node.kind != "string":
            yield node, _("`{key}` must be a string, not {node}").format(key=key, node=_show(node)), _remove(doc, member, default)
        return
    if key in BOOLEANS[kind]:
        if node.kind != "boolean":
            word = _TRUTHY.get(str(node.value).lower()) if node.kind == "string" else None
            fix = _replace(doc, node, word, _("write the boolean `{word}`").format(word=str(word).lower())) if word is not None \
                else _remove(doc, member, default)
            yield node, _("`{key}` must be true or false, not {node}").format(key=key, node=_show(node)), fix
        return
    if kind == "command":
        return
    if key in ("temperature", "top_p"):
        if node.kind != "number" or isinstance(node.value, bool):
            number = _number(node)
            fix = _replace(doc, node, number, _("write the number {number}").format(number=number)) if number is not None \
                else _remove(doc, member, default)
            yield node, _("`{key}` must be a number, not {node}").format(key=key, node=_show(node)), fix
    elif key == "mode":
        modes = facts["modes"]
        if node.kind != "string" or node.value not in modes:
            norm = str(node.value).lower().replace("-", "").replace("_", "").replace(" ", "")
            near = ([norm] if norm in modes else closest(norm, modes)) if node.kind == "string" else []
            fix = _replace(doc, node, near[0], _("use mode `{near}`").format(near=near[0])) if near \
                else _remove(doc, member, _("the mode becomes `all`"))
            yield node, _("`mode` is {node}; allowed: {modes}").format(node=_show(node), modes=', '.join(modes)), fix
    elif key == "color":
        colors = facts["theme_colors"]
        if node.kind != "string" or not (HEX.match(node.value) or node.value in colors):
            value = str(node.value).strip().lower() if node.kind == "string" else ""
            short = SHORT_HEX.match(value)
            hex_ = tables["named_colors"].get(value) or (
                "#" + "".join(c * 2 for c in short.groups()).upper() if short else None)
            fix = _replace(doc, node, hex_, _("use `{hex}` (the same colour as #RRGGBB)").format(hex=hex_)) if hex_ \
                else _remove(doc, member, _("OpenCode picks the colour"))
            allowed = _("`#RRGGBB` or a theme colour ({colors})").format(colors=', '.join(colors)) if colors else \
                _("`#RRGGBB` (an OpenCode 2 agent file takes no theme colour)")
            yield node, _("`color` is {node}; it must be {allowed}").format(node=_show(node), allowed=allowed), fix
    elif key in ("steps", "maxSteps"):
        if node.kind != "number" or isinstance(node.value, bool) or not float(node.value).is_integer() \
                or node.value < 1:
            yield node, _("`{key}` must be a whole number above 0, not {node}").format(key=key, node=_show(node)), \
                _remove(doc, member, _("no step limit"))
    elif key == "options":
        if node.kind != "object":
            yield node, _("`options` must be a mapping, not {node}").format(node=_show(node)), _remove(doc, member, _("no options"))
    elif key == "tools":
        yield from _tools(doc, member, node, tables)
    elif key == "permission" and kind == "agent":
        yield from _permission(doc, member, node, facts)
    elif key == "request" and kind == "agent2":
        if node.kind != "object":
            yield node, _("`request` must be a mapping (`headers`, `body`), not {node}").format(node=_show(node)), \
                _remove(doc, member, _("no request settings"))
        else:
            for m in node.members():
                if m.key in ("headers", "body") and m.value is not None and m.value.kind != "object":
                    yield m.value, _("`request.{key}` must be a mapping, not {value}").format(key=m.key, value=_show(m.value)), \
                        _remove(doc, m, _("no request {key}").format(key=m.key))
    elif key == "permissions" and kind == "agent2":
        if node.kind != "array" or any(c.kind != "object" for c in node.children):
            what = _show(node) if node.kind != "array" else _("a list holding other things")
            yield node, (_("`permissions` must be a list of rules (mappings of `action`, "
                           "`resource`, `effect`), not {what}").format(what=what)), _remove(doc, member, _("no agent rules"))


def _number(node):
    if node.kind == "string":
        try:
            value = float(node.value)
        except ValueError:
            return None
        return int(value) if value.is_integer() and "." not in node.value else value
    return None


def _tools(doc, member, node, tables):
    if node.kind == "object":
        for m in node.members():
            v = m.value
            if v is not None and v.kind != "boolean":
                word = _TRUTHY.get(str(v.value).lower()) if v.kind == "string" else None
                fix = _replace(doc, v, word, _("write the boolean `{word}`").format(word=str(word).lower())) if word is not None \
                    else _remove(doc, m, _("the tool keeps its default"))
                yield v, _("`tools.{key}` must be true or false, not {value}").format(key=m.key, value=_show(v)), fix
        return
    names = _claude_tools(node, tables["claude_tools"])
    if names:
        fix = _replace(doc, node, {n: True for n in names},
                       _("write an OpenCode tools mapping (it enables these; the other tools stay "
                         "enabled, unlike Claude Code's allow-list: add `permission` denies to "
                         "limit them)"))
        message = (_("`tools` is {node}, Claude Code's tool list; OpenCode wants a mapping of tool "
                     "to true/false").format(node=_show(node)))
    else:
        fix = _remove(doc, member, _("every tool keeps its default"))
        message = _("`tools` must be a mapping of tool to true/false, not {node}").format(node=_show(node))
    yield node, message, fix


def _claude_tools(node, table) -> list[str]:
    if node.kind == "string":
        items = [s.strip() for s in node.value.split(",")]
    elif node.kind == "array":
        items = [c.value.strip() for c in node.children if c.kind == "string"]
        if len(items) != len(node.children):
            return []
    else:
        return []
    items = [i for i in items if i]
    out = []
    for item in items:
        base = item.split("(", 1)[0].strip()
        tool = table.get(base) or (base.lower() if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", base) else None)
        if base.startswith("mcp__") or tool is None:
            return []
        if tool not in out:
            out.append(tool)
    return out


def _permission(doc, member, node, facts):
    actions = facts["actions"]

    def action(n, where, owner):
        if n.kind == "string" and n.value in actions:
            return
        if n.kind == "boolean":
            word = "allow" if n.value else "deny"
            yield n, _("`{where}` is `{value}`; a permission is allow, ask or deny").format(where=where, value=str(n.value).lower()), \
                _replace(doc, n, word, _("write `{word}`").format(word=word))
        else:
            yield n, _("`{where}` is {n}; a permission is allow, ask or deny").format(where=where, n=_show(n)), \
                _remove(doc, owner, _("the permission keeps its default"))

    if node.kind != "object":
        yield from action(node, "permission", member)
        return
    for m in node.members():
        v = m.value
        if v is None:
            continue
        if v.kind == "object":
            for p in v.members():
                if p.value is not None:
                    yield from action(p.value, f"permission.{m.key}.{p.key}", p)
        else:
            yield from action(v, f"permission.{m.key}", m)
