from rules.i18n import N_, _
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
    permissions are for and is not reported). The finding names the rule that wins. A
    pattern ending in ` *` also matches the rest without it (`"git *"` matches `git`:
    1.18.33's wildcard turns a trailing ` .*` into `( .*)?`, read from its code).

    With the other files of the load context (a global config beside a project's, `--with-global`
    or a dotfiles tree; agent files), the rules are those of the merged config, in its order:
    a key stays where the first file that has it wrote it, taking the last file's value, and
    keys new to a later file come after; a whole-string `permission` counts as `{"*": action}`
    before the merge, and an agent's `mode` entry is merged into its `agent` entry after it
    (all three seen with `opencode debug agent build`). So a project's `"git push *": "allow"` never decides
    when the global config wrote `"git push *"` before its `"*": "ask"`; a project's
    `"*": "allow"` makes a global `"rm -rf *": "deny"` never decide (reported on the project's
    rule, naming the global one); and a project's deny that would never decide alone may
    decide once merged. Each finding is reported in the file being linted; an agent of another
    file (an agent markdown file) overriding a global rule of this one, or the other way
    round, is that agent's purpose and is not reported.

    ## Why is this bad?
    OpenCode evaluates permissions with `findLast`: of the rules that match, the last one
    written decides. So `{"bash": {"rm -rf *": "deny", "*": "allow"}}` allows `rm -rf`: the
    deny never applies, and nothing says so (verified with 1.18.33: `opencode debug agent
    build` lists the deny first and the allow after it, then the agent's own rules; and,
    with a global and a project config, the merged order above, in the three cases named:
    tests/test_opencode_agreement.py).

    ## Example
    ```jsonc
    { "permission": { "bash": { "rm -rf *": "deny", "*": "allow" } } }
    ```
    reports the deny; write the catch-all first: `{ "*": "allow", "rm -rf *": "deny" }`.

    ## Fix safety
    Unsafe, because it changes what is allowed: when the winning rule is the catch-all `*`
    of the same object, the fix moves it first, so the narrower rules after it decide for
    the calls they match (the message says which action then applies). No fix when the
    winning rule is elsewhere (another key, an agent, another file), or when an earlier
    file of the context wrote that object's keys first (their order, not this file's, is
    the merged order).
    """
    root = ctx.root
    if root is None or root.kind != "object":
        return
    seen = set()
    for rules in _lists(ctx, root):
        for earlier, winner in zip(rules, rules_list.last_covering(rules)):
            if winner is None or winner.action == earlier.action:
                continue
            if winner.owner != earlier.owner and (earlier.pattern == "*" or earlier.action == "allow"):
                continue        # an agent overriding the global rule: what agent permissions are for
            if ctx.doc not in (earlier.doc, winner.doc):
                continue        # between other files: theirs to report
            if earlier.doc is not winner.doc and earlier.owner != winner.owner:
                continue        # an agent of another file overriding the global rule (or this
                                # file's agent another file's): what agent permissions are for
            key = (id(earlier.node), id(winner.node))
            if key in seen:
                continue
            seen.add(key)
            yield _finding(ctx, earlier, winner) if earlier.doc is ctx.doc else _overriding(ctx, earlier, winner)


def _lists(ctx, root) -> list[list]:
    """The rule lists OpenCode evaluates: the global permission, and for each agent the
    global rules then the agent's (its `mode` entry merged after its `agent` entry); merged
    from the files of the load context when there are several."""
    view = ctx.view
    if view is not None and isinstance(view.value, dict):
        documents, config = view.documents, view.value
    else:
        documents, config = [ctx.doc], ctx.doc.value if isinstance(ctx.doc.value, dict) else {}
    layers = rules_list.layers(documents)
    global_rules = rules_list.merged_global(layers, _("the global permission"))
    lists = [global_rules]
    for name in rules_list.merged_agent_names(config):
        own = rules_list.merged_agent(layers, name, _("agent `{name}`").format(name=name))
        if any(r.doc is ctx.doc for r in own):      # else nothing in it is this file's to report
            lists.append(global_rules + own)
    return lists


def _describe(r) -> str:
    return f"`{r.permission}`" + (f" `{r.pattern}`" if r.pattern != "*" or r.member else "") \
        + f": {r.action}"


def _where(r) -> str:
    """The file and line of a rule written in another file."""
    return f"{r.doc.path}:{r.doc.position(r.node.start)[0]}"


def _finding(ctx, earlier, winner):
    if winner.doc is not ctx.doc or winner.node.start < earlier.node.start:     # merged, not as written
        message = _("in {owner}, {earlier} never decides: {winner} ({where}) comes after it in the "
                    "permission rules OpenCode merges from its config files (a key keeps the place "
                    "where the first file that has it wrote it), matches everything it matches, and "
                    "the last matching rule wins").format(owner=winner.owner, earlier=_describe(earlier), winner=_describe(winner), where=_where(winner))
    elif winner.owner == earlier.owner:
        message = (_("{earlier} never decides: {winner} (line {line}) comes later and matches "
                     "everything it matches, and the last matching rule wins").format(earlier=_describe(earlier), winner=_describe(winner), line=ctx.doc.position(winner.node.start)[0]))
    else:
        message = (_("in {owner}, the global {earlier} never decides: the agent's {winner} (line "
                     "{line}) comes after it and matches everything it matches, and the last "
                     "matching rule wins").format(owner=winner.owner, earlier=_describe(earlier), winner=_describe(winner), line=ctx.doc.position(winner.node.start)[0]))
    fix = None
    if winner.member is not None and earlier.member is not None and winner.pattern == "*" \
            and winner.member.parent is earlier.member.parent and _ordered_here(winner):
        obj = winner.member.parent
        if obj.members().__next__() is not winner.member:
            moved = edits.remove_member(ctx.doc, winner.member) + edits.insert_member(
                ctx.doc, obj, "*", winner.action, first=True)
            fix = Fix(moved, Applicability.UNSAFE,
                      _('move `"*": "{action}"` first: `{pattern}` is then {action2}, not {action}').format(action=winner.action, pattern=earlier.pattern, action2=earlier.action), isolation=("permission-order", obj.start))
    return _related(ctx.at(earlier.member if earlier.member is not None else earlier.node, message, fix=fix,
                                help=_(HELP)), winner)


def _overriding(ctx, earlier, winner):
    """A rule of this file that makes one of another file never decide."""
    message = _("{winner} makes {earlier} ({where}) never decide: in {owner}, it comes after it in "
                "the permission rules OpenCode merges from its config files and matches everything "
                "it matches, and the last matching rule wins").format(winner=_describe(winner), earlier=_describe(earlier), where=_where(earlier), owner=winner.owner)
    return _related(ctx.at(winner.member if winner.member is not None else winner.node, message,
                                help=_(HELP)), earlier)


def _related(found, other):
    found.related.append((other.doc.path, other.node.start, other.node.end,
                          _("the other rule: {rule}").format(rule=_describe(other))))
    return found


def _ordered_here(winner) -> bool:
    """Whether moving a key of the winner's object moves it in the rules OpenCode evaluates:
    when that object is the first to write the permission's patterns (else they keep the
    places where an earlier one wrote them: another file's, or an `agent` entry's under a
    `mode` entry's)."""
    return winner.member is not None and winner.placed is winner.member.parent


HELP = N_("OpenCode's permission rules: the last one that matches decides; write the catch-all `*` "
          "first and the exceptions after it.")
