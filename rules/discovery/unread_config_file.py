from linter.registry import rule
from rules.discovery import report


@rule("OC801", "unread-config-file", "warning", "unsafe", syntax=True, kinds=("unread",))
def check(ctx):
    """A config file under a name or in a place OpenCode never reads.

    ## What it does
    Reports `.opencode/config.json` (only the global folder reads `config.json`),
    `.opencode.json` and `.opencode.jsonc` anywhere (`~/.opencode.json` included),
    `opencode.json5`, `opencode.yaml`, `opencode.yml` and `opencode.toml`, and an
    `opencode.json` directly in `~/.config` instead of `~/.config/opencode/`.

    Verified with OpenCode 1.18.33 (isolated HOME, `opencode debug config`): a marker
    agent written in each of these files never appeared in the resolved config, while the
    same marker in `.opencode/opencode.json`, `~/.opencode/opencode.json` and
    `~/.config/opencode/config.json` did.

    ## Why is this bad?
    Nothing in the file takes effect, and OpenCode says nothing about it: the provider,
    model or permission it holds is simply not there.

    ## Example
    ```text
    .opencode/config.json     -> .opencode/opencode.json
    ~/.opencode.json          -> ~/.config/opencode/opencode.json
    opencode.json5            -> opencode.jsonc
    ```

    ## Fix safety
    Unsafe: renaming the file makes OpenCode read it, so what it says starts to apply. No
    fix when the target exists already (merge by hand), nor for YAML or TOML (the content
    must be rewritten as JSONC).
    """
    return report(ctx, "OC801")
