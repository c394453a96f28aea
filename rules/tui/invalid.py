from rules.i18n import _
from linter.registry import rule
from rules import schema


@rule("OC601", "tui-invalid", "error", kinds=("tui",))
def check(ctx):
    """A tui.json value of the wrong type or out of range: OpenCode then ignores the whole file.

    ## What it does
    Checks tui.json / tui.jsonc against oclint's schema of OpenCode's TUI config (written
    from `TuiConfig.Info` in the 1.18.33 binary: theme, keybinds, attention, prompt,
    scroll_speed, scroll_acceleration, diff_style, cursor, mouse, plugin, leader_timeout)
    and reports every value of the wrong type, outside the allowed values or out of range,
    or a required key that is missing.

    ## Why is this bad?
    The TUI validates the file as a whole: one wrong value and it skips the entire file,
    theme and keybinds included, leaving only the log line `WARN skipping invalid tui
    config` (verified with 1.18.33 and `--print-logs`: `"scroll_speed": "fast"` dropped the
    theme too; the corpus holds a tui.json skipped for `"scroll_acceleration": true`).

    ## Example
    ```jsonc
    { "theme": "tokyonight", "scroll_acceleration": true }
    ```
    `scroll_acceleration` must be an object (`{"enabled": true}`); the theme is lost too.

    ## Fix safety
    No fix: the intended value cannot be known.
    """
    for finding in schema.findings(ctx):
        if finding.kind == "unknown-key":
            continue
        yield ctx.at(finding.target, finding.message.replace(_("the config"), _("the file"))
                     + _("; OpenCode ignores this whole tui file"),
                     help=_("The TUI skips a tui.json(c) that does not validate, with only a log "
                            "line (`skipping invalid tui config`): none of its settings apply."))
