from linter.registry import rule
from rules.discovery import report


@rule("OC803", "misspelled-config-subfolder", "warning", "unsafe", syntax=True, kinds=("unread",))
def check(ctx):
    """A file in a misspelt sub-folder of a config folder (`.opencode/agnet/`).

    ## What it does
    In a config folder (`.opencode`, the global folder), OpenCode globs
    `{agent,agents}/**/*.md`, `{command,commands}/**/*.md`, `{mode,modes}/*.md`,
    `{skill,skills}/**/SKILL.md`, `{plugin,plugins}/*.{ts,js}`, `{tool,tools}/*.{js,ts}`
    and `themes/*.json` (the patterns as the 1.18.33 binary spells them). A file in a
    folder a typo away from one of those (`agnet/`, `comands/`, `skils/`, `theme/`) is
    reported.

    Verified with OpenCode 1.18.33 (isolated HOME, `opencode debug config`): an agent in
    `.opencode/agnet/` and a command in `.opencode/comands/` were not loaded; the same
    files in `agent/` and `command/` were.

    ## Why is this bad?
    The agent, command or skill does not exist for OpenCode, and nothing says why.

    ## Example
    ```text
    .opencode/agnet/review.md -> .opencode/agent/review.md
    ```

    ## Fix safety
    Unsafe: the file moves, and OpenCode starts to load it. No fix when the target exists.
    """
    return report(ctx, "OC803")
