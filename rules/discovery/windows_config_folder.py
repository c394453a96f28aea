from linter.registry import rule
from rules.discovery import report


@rule("OC804", "windows-config-folder", "warning", "unsafe", syntax=True, kinds=("unread",))
def check(ctx):
    """A config file in a dotfiles repository's `AppData/Roaming/opencode/` folder.

    ## What it does
    Reports any file below `AppData/Roaming/opencode/`: on Windows, as on Linux and
    macOS, OpenCode's global folder is `~/.config/opencode` (`$XDG_CONFIG_HOME/opencode`,
    from xdg-basedir; opencode-facts.md section 5), not `%APPDATA%\\opencode`.

    What was verified: the 1.18.33 binary computes the global folder from
    `XDG_CONFIG_HOME` or `~/.config` with no Windows branch (read in the binary; no
    Windows run was possible here). Users report the same (#36257).

    ## Why is this bad?
    The file is deployed where OpenCode never looks.

    ## Example
    ```text
    AppData/Roaming/opencode/opencode.json -> .config/opencode/opencode.json
    ```

    ## Fix safety
    Unsafe: the file moves into the folder OpenCode reads. No fix when the target exists.
    """
    return report(ctx, "OC804")
