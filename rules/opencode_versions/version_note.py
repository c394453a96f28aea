from rules.i18n import _
from linter.diagnostics import Severity
from linter.registry import rule
from rules import versions


@rule("OC852", "version-semantics", "info")
def check(ctx):
    """A setting whose meaning changed in the OpenCode release in use.

    ## What it does
    Reports a value that the release in use reads differently from earlier releases, from
    the `notes` of rules/data/versions.yaml: from OpenCode 1.19, `"autoupdate": true` no
    longer installs updates, it only notifies (as `"notify"` does).

    ## Why is this bad?
    A config written for an earlier release expects the old meaning: with `autoupdate: true`
    under 1.19 OpenCode stays on the installed release until someone runs `opencode upgrade`.
    Evidence: the `Config` type docs of `@opencode-ai/sdk` 1.19.0 to 1.19.3 ("Updates are never
    installed automatically ... true and 'notify' behave the same"; 1.18.35 still says "Set to
    true to auto-update"). No 1.19 binary is on the registry, so this is from the SDK only, and
    the rule reports nothing for releases before 1.19.

    ## Example
    ```jsonc
    { "autoupdate": true }
    ```
    with `opencode-version: 1.19.3` reports that `true` behaves as `"notify"`.

    ## Fix safety
    No fix: whether to upgrade by hand or pin the release is the user's choice.
    """
    root = ctx.root
    if root is None or root.kind != "object":
        return
    for note in versions.notes(versions.for_doc(ctx)):
        if note["at"] != "top":
            continue
        member = root.get(note["key"])
        if member is None or member.value is None or member.value.to_python() != note["value"]:
            continue
        if isinstance(note["value"], bool) and member.value.kind != "boolean":
            continue
        yield ctx.at(member, _(note["message"]), severity=Severity(note["severity"]))
