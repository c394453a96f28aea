from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule
from rules.permission import rules_list


@rule("OC711", "shadowed-permission", "error", fix="unsafe")
def check(ctx):
    """A permission rule that never decides: a later rule matches everything it matches.

    ## What it does
    Lists the permission rules as OpenCode does (the global `permission` in the order
    written, then each agent's) and reports a rule for which a later rule with another
    action matches every call it matches: `"rm -rf *": "deny"` followed by `"*": "allow"`,
    or a global `"bash": {"git push *": "ask"}` under an agent whose `"bash": "allow"`
    comes later (a global deny or ask for some pattern that an agent's broader rule
    overrides: an agent replacing a global catch-all, or a global allow, is what agent
    permissions are for and is not reported). The finding names the rule that wins.

    ## Why is this bad?
    OpenCode evaluates permissions with `findLast`: of the rules that match, the last one
    written decides. So `{"bash": {"rm -rf *": "deny", "*": "allow"}}` allows `rm -rf`: the
    deny never applies, and nothing says so (verified with 1.18.33: `opencode debug agent
    build` lists the deny first and the allow after it, then the agent's own rules).

    ## Example
    ```jsonc
    { "permission": { "bash": { "rm -rf *": "deny", "*": "allow" } } }
    ```
    reports the deny; write the catch-all first: `{ "*": "allow", "rm -rf *": "deny" }`.

    ## Fix safety
    Unsafe, because it changes what is allowed: when the winning rule is the catch-all `*`
    of the same object, the fix moves it first, so the narrower rules after it decide for
    the calls they match (the message says which action then applies). No fix when the
    winning rule is elsewhere (another key, or an agent).
    """
    root = ctx.root
    if root is None or root.kind != "object":
        return
    top = root.get("permission")
    global_rules = rules_list.rules(top.value if top is not None else None, _("the global permission"))
    lists = [global_rules] + [global_rules + rules_list.rules(value, _("agent `{name}`").format(name=name))
                              for name, value in rules_list.agents(root)]
    seen = set()
    for rules in lists:
        for earlier, winner in zip(rules, rules_list.last_covering(rules)):
            if winner is None or winner.action == earlier.action:
                continue
            if winner.owner != earlier.owner and (earlier.pattern == "*" or earlier.action == "allow"):
                continue        # an agent overriding the global rule: what agent permissions are for
            key = (id(earlier.node), id(winner.node))
            if key in seen:
                continue
            seen.add(key)
            yield _finding(ctx, earlier, winner)


def _describe(r) -> str:
    return f"`{r.permission}`" + (f" `{r.pattern}`" if r.pattern != "*" or r.member else "") \
        + f": {r.action}"


def _finding(ctx, earlier, winner):
    line, _column = ctx.doc.position(winner.node.start)
    if winner.owner == earlier.owner:
        message = (_("{earlier} never decides: {winner} (line {line}) comes later and matches "
                     "everything it matches, and the last matching rule wins").format(earlier=_describe(earlier), winner=_describe(winner), line=line))
    else:
        message = (_("in {owner}, the global {earlier} never decides: the agent's {winner} (line "
                     "{line}) comes after it and matches everything it matches, and the last "
                     "matching rule wins").format(owner=winner.owner, earlier=_describe(earlier), winner=_describe(winner), line=line))
    fix = None
    if winner.member is not None and earlier.member is not None and winner.pattern == "*" \
            and winner.member.parent is earlier.member.parent:
        obj = winner.member.parent
        if obj.members().__next__() is not winner.member:
            moved = edits.remove_member(ctx.doc, winner.member) + edits.insert_member(
                ctx.doc, obj, "*", winner.action, first=True)
            fix = Fix(moved, Applicability.UNSAFE,
                      _('move `"*": "{action}"` first: `{pattern}` is then {action2}, not {action}').format(action=winner.action, pattern=earlier.pattern, action2=earlier.action), isolation=("permission-order", obj.start))
    return ctx.at(earlier.member if earlier.member is not None else earlier.node, message, fix=fix,
                  help=_("OpenCode's permission rules: the last one that matches decides; write the "
                         "catch-all `*` first and the exceptions after it."))
