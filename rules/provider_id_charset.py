from rules.i18n import _
from linter import edits
from linter.diagnostics import Applicability, Fix, Severity
from linter.registry import rule
from rules import providers as p


@rule("MR101", "provider-id-charset", "warning", fix="unsafe")
def check(ctx):
    """A provider id with capitals, dots, spaces or other characters OpenCode's `/connect`
    refuses.

    ## What it does
    Checks every custom provider id against `^[a-z0-9][a-z0-9_-]*$`, the rule OpenCode's
    own connect dialog enforces (and the Mixroute guide repeats: lower case, digits,
    hyphens, underscores). It is an error for a gateway provider such as Mixroute, a
    warning for others.

    ## Why is this bad?
    The config loads, but the key cannot be stored for that id through `/connect`
    ("Provider ids must start with a lowercase letter or number..."), and `opencode auth
    login` is stricter still (no underscores). A key stored under `mixroute` does not
    apply to `MixRoute`.

    ## Example
    ```jsonc
    { "model": "MixRoute/gpt-4o", "provider": { "MixRoute": { ... } } }
    ```
    becomes `mixroute` in both places.

    ## Fix safety
    Unsafe: renames the provider and every reference to it in this file (`model`,
    `small_model`, agents, modes, commands, `disabled_providers`, `enabled_providers`,
    an `experimental.policies` entry's `resource`, and the entry's own `"id"` when it
    repeats the key). Credentials stored in auth.json under the old id no longer apply,
    and references in other files are not changed. No fix when a policy pattern (`Mix*`)
    matches the old id but not the new one: the rename would make a deny policy stop
    applying. Read in the OpenCode 1.18.33 binary: the V1 config's
    `experimental.policies` are handed to the V2 catalog, whose `Policy.evaluate` matches
    `resource` against the provider id with a case-sensitive wildcard (`*`, `?`); run with
    an isolated HOME, `opencode models` of 1.18.33 itself still listed a denied provider,
    so the policy matters where the V2 catalog is used.
    """
    builtin = p.builtin()
    taken = {prov.id for prov in p.providers(ctx.root)}
    for prov in p.providers(ctx.root):
        if p.VALID_ID.match(prov.id) or prov.id in builtin:
            continue
        gateway = p.gateway_of(prov, ctx.options)
        new = p.normalise_id(prov.id)
        fix, help_ = None, None
        if new and new in builtin:
            help_ = (_("`{new}` is a built-in provider id: renaming would merge this entry with "
                       "OpenCode's own provider of that id, so choose another name.").format(new=new))
        elif new and new in taken:
            help_ = _("`{new}` is taken by another provider in this file; choose another name.").format(new=new)
        elif new and (stranded := _stranded_policies(ctx.root, prov.id, new)):
            help_ = (_("Rename it by hand: the policy resource `{stranded}` matches `{id}` but not "
                       "`{new}`, so renaming would stop the policy applying; rewrite the pattern "
                       "too.").format(stranded=stranded[0], id=prov.id, new=new))
        elif new:
            fix = Fix(tuple(rename_edits(ctx.root, prov, new)), Applicability.UNSAFE,
                      _("rename the provider to `{new}` everywhere in this file (a key stored in "
                        "auth.json under `{id}` no longer applies)").format(new=new, id=prov.id))
            help_ = (_("Rename it to `{new}` (the fix renames every reference in this file too); a "
                       "key stored in auth.json under the old id no longer applies, and references "
                       "in other config files need the new id.").format(new=new))
        message = (_("provider id `{id}` is not lower case letters, digits, `-` and `_`; OpenCode's "
                     "/connect cannot store a key for it").format(id=prov.id))
        if fix is not None:
            message += _(" (renaming it to `{new}` means a key stored in auth.json under `{id}` no "
                         "longer applies)").format(new=new, id=prov.id)
        yield ctx.at(prov.member, message,
                     help=help_, fix=fix, severity=Severity.ERROR if gateway else None)


def rename_edits(root, prov, new: str):
    """Edits renaming provider ``prov`` to ``new`` and every reference to it."""
    yield edits.rename_key(prov.member, new)
    old = prov.id
    for _where, node in p.references(root):
        if node.value.startswith(old + "/"):
            yield edits.replace_raw(node, edits.dump(new + node.value[len(old):], None, ""))
    for key in ("disabled_providers", "enabled_providers"):
        listed = p.member_value(root, key)
        if listed is not None and listed.kind == "array":
            for item in listed.children:
                if item.kind == "string" and item.value == old:
                    yield edits.replace_raw(item, edits.dump(new, None, ""))
    own = p.member_value(prov.node, "id")
    if p.string(own) == old:
        yield edits.replace_raw(own, edits.dump(new, None, ""))
    for resource in _policy_resources(root):
        if resource.value == old:
            yield edits.replace_raw(resource, edits.dump(new, None, ""))


def _policy_resources(root):
    """The `resource` string nodes of `experimental.policies` entries."""
    policies = p.member_value(p.member_value(root, "experimental"), "policies")
    if policies is None or policies.kind != "array":
        return
    for entry in policies.children:
        node = p.member_value(entry, "resource")
        if node is not None and node.kind == "string":
            yield node


def _wildcard(pattern: str, value: str) -> bool:
    """OpenCode's policy match (`Wildcard.match` in the 1.18.33 binary): `*` any run,
    `?` one character, case-sensitive, the whole value."""
    import re
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, re.S) is not None


def _stranded_policies(root, old: str, new: str) -> list[str]:
    """Policy resource patterns (not the plain id, which the rename rewrites) that match the
    old id but would not match the new one."""
    return [n.value for n in _policy_resources(root)
            if n.value != old and _wildcard(n.value, old) and not _wildcard(n.value, new)]
