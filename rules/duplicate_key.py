from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix
from linter.registry import rule


@rule("OC103", "duplicate-key", "error", fix="unsafe", kinds=("config", "tui"))
def check(ctx):
    """A key given twice in one object; OpenCode silently keeps the last.

    ## What it does
    Reports every member whose key appears again later in the same object, naming
    where the value that wins is written.

    ## Why is this bad?
    Only the last value counts. An edit to the first one, often the one near the top
    that people read, does nothing.

    ## Example
    ```jsonc
    {
      "model": "mixroute/gpt-4o",
      "model": "mixroute/gpt-5.2"
    }
    ```
    reports the first `model`, which OpenCode ignores.

    ## Fix safety
    Unsafe: removes the earlier member. The result behaves as before, but the value you
    may have meant to keep is the one removed.
    """
    doc = ctx.doc
    for node in doc.nodes:
        children = node.children
        if node.kind != "object" or len(children) < 2 or len({m.key for m in children}) == len(children):
            continue
        last = {}
        for member in node.members():
            last[member.key] = member
        for member in node.members():
            winner = last[member.key]
            if winner is member:
                continue
            line, column = doc.position(winner.key_start)
            found = ctx.at(member, _("duplicate key `{key}`: OpenCode keeps the one at "
                                     "{line}:{column} and ignores this one").format(key=member.key, line=line, column=column),
                           fix=Fix(edits.remove_member(doc, member), Applicability.UNSAFE,
                                   _("remove the ignored member")))
            found.related.append((doc.path, winner.key_start, winner.key_end,
                                  _("the `{key}` OpenCode keeps").format(key=member.key)))
            yield found
