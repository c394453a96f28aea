from rules.i18n import _
import os

from linter import precompiled
from linter.registry import rule
from rules.contexts import resolve_home, resolve_relative

FILE_REF = precompiled.regex(r"\{file:([^}]+)\}")


@rule("OC307", "missing-file-reference", "error")
def check(ctx):
    """A `{file:path}` whose file does not exist; OpenCode refuses to start.

    ## What it does
    Finds every `{file:...}` in the file's text, as OpenCode does: anywhere, comments
    included, except on a line that starts with `//` (a `/* ... */` comment does not
    hide it). The path is resolved like OpenCode does: `~/` is the home folder, a
    relative path is relative to the config file's folder.

    In a dotfiles repository the config is deployed as the global config, so `~` is the
    repository's home tree: `{file:~/.config/opencode/agents/build.md}` names the file
    committed next to the config (chezmoi source names such as `dot_config` and
    `private_` decoded, in relative paths too; in a stow folder a file of any package,
    since stow links them all into one home; `--home DIR` states the home root). The
    message says where it looked.

    ## Why is this bad?
    OpenCode stops: `Configuration is invalid at <cfg>: bad file reference:
    "{file:./nope.txt}" /abs/nope.txt does not exist`.

    ## Example
    ```jsonc
    "options": { "apiKey": "{file:~/.secrets/mixroute-key}" }
    ```
    is reported when `~/.secrets/mixroute-key` does not exist.

    ## Fix safety
    No fix: create the file or correct the path.
    """
    text = ctx.doc.text
    base = os.path.dirname(os.path.abspath(ctx.doc.path)) if ctx.doc.path not in ("-", "") else os.getcwd()
    for match in FILE_REF.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text[line_start:match.start()].strip().startswith("//"):
            continue
        path = match.group(1)
        if "{env:" in path:
            continue        # filled from the environment first; cannot be checked here
        if path.startswith("~/"):
            found, looked = resolve_home(path[2:], ctx.load)
            where = _(" (in the dotfiles tree whose home is {home}").format(home=ctx.home) + (
                _(", nor in another package of its stow folder") if ctx.load.homes else "") + ")" if ctx.home else ""
        else:
            (found, looked), where = resolve_relative(base, path, ctx.load), ""
        if found is None:
            yield ctx.at((match.start(), match.end()),
                         _("`{value}`: {looked} does not exist{where}; OpenCode refuses to start").format(value=match.group(0), looked=os.path.normpath(looked), where=where))
