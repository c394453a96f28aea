from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Edit, Fix
from linter.registry import rule
from rules import locations, versions
from rules.data import load


@rule("OC205", "deprecated-key", "warning", fix="safe")
def check(ctx):
    """A deprecated key, or one that moved out of opencode.json.

    ## What it does
    Reports `autoshare`, `layout`, `reference`, `mode`, top-level and agent `tools`, agent
    `maxSteps`, and `theme` / `keybinds` / `tui` (which moved to tui.json), with what to
    write instead.

    ## Why is this bad?
    OpenCode still converts most of these, but they are on their way out: `layout` already
    does nothing, and `theme`, `keybinds` and `tui` belong in tui.json from OpenCode 1.2.15
    (the SDK's `Config` type drops them there; 1.18.33 ignores them in opencode.json, checked).
    For an older `opencode-version` they are not reported; for OpenCode 2 this rule stays
    silent (OpenCode 1 keys there are OC201's, with the V2 name).

    ## Example
    ```jsonc
    { "autoshare": true, "agent": { "build": { "maxSteps": 20 } } }
    ```
    becomes `{ "share": "auto", "agent": { "build": { "steps": 20 } } }`.

    ## Fix safety
    Safe where the replacement means the same: `autoshare` to `share`, `maxSteps` to
    `steps`, `reference` to `references`, removing `layout`. Unsafe for `mode` to `agent`
    (each entry gains `"mode": "primary"`, as OpenCode does when it converts them). No fix
    for `tools`. `theme`, `keybinds` and `tui` move into the folder's tui.json(c): both
    files are written, or neither. Safe when the fix creates tui.json (what the TUI's own
    migration does on its next start); unsafe when it adds to an existing tui.json(c)
    (until then OpenCode ignored the keys; the moved settings now apply); no fix when the
    tui file already sets the same key (the message says so), or for a file OpenCode does
    not read as opencode.json.
    """
    version = versions.for_doc(ctx)
    if version.v2:
        return      # OpenCode 1 keys in an OpenCode 2 file are OC201's (with the V2 name)
    moved = versions.tui_keys_moved(version)
    ignored = versions.checked_as(versions.entry("tui-keys", version.release), version.release)
    table = {}
    for entry in load("deprecated"):
        if entry.get("tui") and not moved:
            continue        # before 1.2.15 opencode.json is where they belong
        table.setdefault(entry["where"], {})[entry["key"]] = entry
    for path, where, node in locations.objects(ctx.root):
        for member in node.members():
            entry = table.get(where, {}).get(member.key)
            if entry is None or member.value is None:
                continue
            if where == "agent" and path[0] == "agents":
                continue        # the V2 `agents` section is OC201's
            # with the key given twice (OC103), fixing one copy hands the decision to the
            # other: no fix until the duplicate is gone
            twice = sum(m.key == member.key for m in node.members()) > 1
            message = _(entry["message"])
            if entry.get("tui") and ignored == versions.show(version.release):
                message += _("; OpenCode {ignored} ignores it here").format(ignored=ignored)
            if entry["fix"] == "tui":
                from rules.tui import move
                fix, note = (None, "") if twice else move.fix(ctx, member)
                yield ctx.at(member, message + note, fix=fix)
                continue
            fix = None if twice else _fix(ctx.doc, node, member, entry)
            if fix is None and entry.get("replacement") and node.get(entry["replacement"]) is not None \
                    and entry["fix"] != "none":
                message += _(" (`{entry}` is also set: merge the two by hand)").format(entry=entry['replacement'])
            yield ctx.at(member, message, fix=fix)


def _fix(doc, obj, member, entry):
    kind = entry["fix"]
    replacement = entry.get("replacement")
    if kind == "remove":
        return Fix(edits.remove_member(doc, member), Applicability.SAFE, _("remove `{key}`").format(key=member.key))
    if kind == "rename" and obj.get(replacement) is None:
        return edits.rename_fix(member, replacement, Applicability.SAFE)
    if kind == "autoshare":
        if member.value.value is True and obj.get("share") is None:
            return Fix((edits.rename_key(member, "share"), edits.replace_value(member.value, "auto", doc)),
                       Applicability.SAFE, _('write `"share": "auto"`'))
        if member.value.kind == "boolean":
            # false, or `share` already decides: autoshare does nothing
            return Fix(edits.remove_member(doc, member), Applicability.SAFE, _("remove `autoshare`"))
    if kind == "mode-to-agent" and obj.get("agent") is None and member.value.kind == "object":
        changes: list[Edit] = [edits.rename_key(member, "agent")]
        for entry_member in member.value.members():
            agent = entry_member.value
            if agent is not None and agent.kind == "object" and agent.get("mode") is None:
                changes.extend(edits.insert_member(doc, agent, "mode", "primary"))
        return Fix(tuple(changes), Applicability.UNSAFE, _("rename to `agent`, each entry a primary "
                                                           "agent"))
    return None
