from linter.registry import rule
from rules.discovery import report


@rule("OC802", "misspelled-config-folder", "warning", "unsafe", syntax=True, kinds=("unread",))
def check(ctx):
    """A config file in a folder whose name is a slip of `.opencode` or of the global
    `~/.config/opencode`.

    ## What it does
    Reports `opencode.json(c)` in a folder such as `.opencod/`, `.open-code/` or
    `.OpenCode/` (names are case-sensitive), or in `~/.config/opencde/`.

    Verified with OpenCode 1.18.33 (isolated HOME, `opencode debug config`): a marker
    agent in `.opencod/opencode.json`, `.OpenCode/opencode.json` and
    `~/.config/opencde/opencode.json` was never loaded.

    ## Why is this bad?
    OpenCode does not look there, and says nothing.

    ## Example
    ```text
    .opencod/opencode.json    -> .opencode/opencode.json
    ```

    ## Fix safety
    Unsafe: the file moves into the folder OpenCode reads, so its settings start to apply.
    No fix when that file exists already.
    """
    return report(ctx, "OC802")
