"""oclint's command line: every command, option and help text. The work is in
``linter.app``; ``linter.main`` is the entry point, which parses the common check
invocation itself and hands everything else to ``main`` here.

With ``linter.main`` this is the composition root, the one place in ``linter`` that
imports ``rules``.
"""

from __future__ import annotations

import os

import click

from linter import app
from linter.i18n import N_, Nn_, _
from linter.main import begin, check_command, fail as _fail, knowledge as _knowledge, run as _run
from linter.output import FORMATS


# click's own messages (usage, help headings, usage errors) that a developer meets; click asks
# gettext for them, and in a run that is not in English it asks oclint's catalog instead
CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Show this message and exit."),
    N_("Show the version and exit."), N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("No such option {name!r}."), N_("No such command {name!r}."), N_("Missing argument"),
    N_("Missing command."), N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"), N_("Option {name!r} does not take a value."), N_("Aborted!"),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is a file."),
    N_("default: {default}"), N_("Missing parameter"), N_("Missing option"), N_("unknown error"),
    Nn_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    Nn_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    Nn_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    Nn_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
)


def _click_speaks_the_locale() -> None:
    from linter import i18n
    if i18n.current() == i18n.ENGLISH:
        return
    import sys
    for name, module in list(sys.modules.items()):
        if name.startswith("click.") and module is not None:
            if callable(getattr(module, "_", None)):
                module._ = i18n.CATALOG.gettext
            if callable(getattr(module, "ngettext", None)):
                module.ngettext = i18n.CATALOG.ngettext


_click_speaks_the_locale()


def _only_locale(args) -> bool:
    """Whether ``args`` are only ``--locale`` options (which every command takes)."""
    i = 0
    while i < len(args):
        if args[i] == "--locale" and i + 1 < len(args):
            i += 2
        elif args[i].startswith("--locale="):
            i += 1
        else:
            return False
    return bool(args)


class DefaultToCheck(click.Group):
    """``oclint PATHS`` means ``oclint check PATHS``. A subcommand after check's options
    (``oclint --isolated rule OC103``) is a usage error, not a file named `rule`."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            command = self._first_positional(args)
            if command is not None and command in self.commands and command != "check":
                i = args.index(command)
                if _only_locale(args[:i]):      # `oclint --locale zh-CN rule OC103`
                    return super().parse_args(ctx, [command, *args[:i], *args[i + 1:]])
                raise click.UsageError(_(
                    "`{command}` is a command; the options before it ({options}) belong to "
                    "`check`: write `oclint {rest}` (for a file named {command}, write "
                    "./{command})").format(command=command, options=' '.join(args[:i]), rest=' '.join(args[i:])),
                    ctx)
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def _first_positional(self, args) -> str | None:
        """The first argument that is neither an option of `check` nor an option's value."""
        takes_value = {name for param in self.commands["check"].params if isinstance(param, click.Option)
                       and not param.is_flag for name in param.opts}
        skip = False
        for arg in args:
            if skip:
                skip = False
            elif arg == "--":
                return None
            elif arg.startswith("-") and arg != "-":
                skip = arg in takes_value
            else:
                return arg
        return None


LOCALE_HELP = _("The language of messages and help: en or zh-CN [default: the `locale` setting, else "
                "LC_ALL, LC_MESSAGES or LANG].")


def locale_option(command):
    return click.option("--locale", help=LOCALE_HELP)(command)


@click.group(cls=DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]},
             help=_("oclint: find and fix what is quietly wrong in OpenCode config files."))
@click.version_option(package_name="oclint", prog_name="oclint", help=_("Show the version and exit."))
def main():
    begin()


@main.command(help=_("""Lint OpenCode config files (default command).

    PATHS are files or folders (a folder: every file in it OpenCode reads as config; in a
    git work tree, the files git knows that it does not ignore). With no PATHS, lints the
    files OpenCode would load in the current folder, in its order. Each file is judged
    with what OpenCode loads together with it."""))
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--fix", is_flag=True, help=_("Apply safe fixes and write the files."))
@click.option("--unsafe-fixes", is_flag=True, help=_("Also apply (and count as fixable) unsafe fixes."))
@click.option("--diff", is_flag=True, help=_("Print the fixes as a unified diff; write nothing."))
@click.option("--show-fixes", is_flag=True, help=_("List the fixes applied."))
@click.option("--select", multiple=True, help=_("Rule codes, prefixes or names to enable (comma-separated)."))
@click.option("--ignore", multiple=True, help=_("Rule codes, prefixes or names to disable."))
@click.option("--extend-select", multiple=True, help=_("Enable these in addition to --select."))
@click.option("--output-format", type=click.Choice(FORMATS), default=None,
              help=_("Report format [default: full; github under GitHub Actions]."))
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), help=_("Write the report to this file."))
@click.option("--statistics", is_flag=True, help=_("Count the findings per rule instead of listing them."))
@click.option("--stdin-filename", help=_("The file name to report for `-` (standard input)."))
@click.option("--exit-zero", is_flag=True, help=_("Exit 0 even when errors remain."))
@click.option("--exit-non-zero-on-fix", is_flag=True, help=_("Exit 1 when a fix was applied."))
@click.option("--strict", is_flag=True, help=_("Warnings fail the run too."))
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              help=_("Colour the output [default: auto; NO_COLOR disables]."))
@click.option("-q", "--quiet", is_flag=True, help=_("Print diagnostics only, no summary."))
@click.option("--schema", help=_("OpenCode config schema to validate against: a path or a URL "
              "(fetched with a short timeout and cached) [default: the bundled one]."))
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help=_("Settings file to use (.oclint.yaml or pyproject.toml) instead of searching."))
@click.option("--isolated", is_flag=True, help=_("Ignore all settings files."))
@click.option("--with-global", is_flag=True,
              help=_("Also read this machine's global OpenCode config (and OpenCode's environment "
              "variables) as part of each file's context (not linted)."))
@click.option("--home", "home", type=click.Path(file_okay=False, exists=True),
              help=_("The folder `~` stands for (a dotfiles tree's home) [default: recognised "
              "from the layout, else this machine's]."))
@click.option("--show-files", is_flag=True, help=_("List the files that would be linted, with "
              "the context of each, and exit."))
@click.option("--check-env", is_flag=True,
              help=_("Also check this machine: unset {env:} variables, MCP programs not on PATH."))
@click.option("--opencode-version", help=_("The OpenCode release to judge by: 1.18.33, 1.14, 2.0 "
              "[default: the `opencode` on PATH, else the file's keys]."))
@click.option("--show-settings", is_flag=True,
              help=_("Print the settings in effect and the OpenCode version each file is judged by; lint nothing."))
@locale_option
def check(**params):
    check_command(**params)


@main.command(help=_("Explain a rule: what it finds, why, an example, and its fix."))
@click.argument("code", required=False)
@click.option("--all", "all_", is_flag=True, help=_("Every rule."))
@locale_option
def rule(code, all_, locale):
    _command_locale(locale)
    import rules  # noqa: F401  (registers the rules)
    from linter.registry import REGISTRY, find
    if all_:
        click.echo("\n".join(app.rule_doc(r) for r in sorted(REGISTRY.values(), key=lambda r: r.code)))
        return
    if not code:
        _fail(_("name a rule (`oclint rule OC103`) or use --all"))
    found = find(code)
    if found is None:
        _fail(_("unknown rule `{code}`").format(code=code))
    click.echo(app.rule_doc(found))


def _command_locale(flag) -> None:
    """A command's --locale (checked: a bad one is a usage error)."""
    from linter.main import choose_locale
    if flag is not None:
        _run_checked(lambda: choose_locale(flag, None))


def _run_checked(work) -> None:
    try:
        work()
    except app.UsageError as exc:
        _fail(str(exc))


@main.command("config", help=_("""Print the merged config OpenCode would see in FOLDER (default: here), with where each
    value comes from. A dotfiles tree's global folder shows that tree's global config.
    Secrets are masked."""))
@click.argument("folder", required=False, type=click.Path(file_okay=False, exists=True))
@click.option("--output-format", type=click.Choice(["jsonc", "json"]), default="jsonc",
              help=_("JSONC with a `// file:line` comment after each value, or JSON with a provenance map."))
@click.option("--home", "home", type=click.Path(file_okay=False, exists=True),
              help=_("The folder `~` stands for (a dotfiles tree's home)."))
@click.option("--opencode-version", help=_("The OpenCode release to judge by (as for `check`)."))
@locale_option
def config_command(folder, output_format, home, opencode_version, locale):
    _command_locale(locale)

    def work():
        from linter import show_config
        from linter.redact import printable, printable_json, redact
        where = os.path.abspath(folder or os.getcwd())
        knowledge = _knowledge()
        found = knowledge.editor().folder_config(where, home)
        if found is None:
            click.echo(_("oclint: no OpenCode config files found for {folder}").format(folder=where), err=True)
            if output_format == "json":     # still a document of the promised shape
                from linter.merge import Merged
                click.echo(show_config.as_json(Merged(), where), nl=False)
            return app.EXIT_OK
        merged, load, docs, broken = found
        for path in broken:
            click.echo(_("oclint: {path} does not parse; OpenCode would refuse it (run `oclint "
                         "{path}`)").format(path=printable(path)), err=True)
        render = show_config.as_json if output_format == "json" else show_config.jsonc
        secrets = app.run_secrets(knowledge, docs)
        judged = _config_version(where, merged, opencode_version)
        text = printable_json(render(merged, where, load))
        if output_format != "json":     # JSON stays the merged config and its provenance alone
            text += ("" if text.endswith("\n") else "\n") + _("// judged as {version}").format(version=judged) + "\n"
        click.echo(redact(text, secrets), nl=False)
        return app.EXIT_FAIL if broken else app.EXIT_OK
    _run(work)


def _config_version(where: str, merged, value) -> str:
    """The OpenCode version `oclint config` judges the merged config by, and why."""
    from linter import settings as settings_
    from linter.main import version_option
    from rules import versions
    found = settings_.find(where)
    options = dict(settings_.load(found).rule_options) if found else {}
    version_option(options, value, found)
    version = versions.configured(options) or versions.on_path()
    if version is None:
        keys = list(merged.value) if isinstance(merged.value, dict) else []
        version = versions.from_keys(keys)
    return versions.describe(version)


@main.group(help=_("Add a correct gateway provider to a config file."))
@locale_option
def init(locale):
    _command_locale(locale)


@init.command("mixroute", help=_("""Add the Mixroute provider to PATH (default: the global config, created if absent).

    The key is read from $MIXROUTE_API_KEY; the file keeps its comments."""))
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--model", "models", multiple=True, help=_("A model id to add (repeatable) [default: gpt-4o]."))
@click.option("--default", "default", help=_("Also make mixroute/MODEL the default `model`."))
@click.option("--base-url", help=_("A self-hosted deployment's base URL (ending in /v1)."))
@click.option("--routing", type=click.Choice(["both", "api-compatibility", "provider-npm"]), default="both",
              help=_("How Responses-only models are routed (as the responses-routing setting)."))
@click.option("--force", is_flag=True, help=_("Replace an existing `mixroute` provider (or add one beside "
              "another provider for the same gateway)."))
@locale_option
def init_mixroute(path, models, default, base_url, routing, force, locale):
    _command_locale(locale)
    from rules import init_mixroute as mixroute
    path = path or _global_config()
    try:
        models, steps, note = mixroute.steps(path, models, default, base_url, routing, force)
    except ValueError as exc:
        _fail(str(exc))

    def work():
        app.edit_file(path, steps, create_with=mixroute.EMPTY_CONFIG)
        click.echo(_("Added provider `mixroute` ({models}) to {path}.").format(models=', '.join(models), path=path))
        if note:
            click.echo(_("{note}.").format(note=note))
        click.echo(_("Set the key in your shell profile: export {variable}=sk-...").format(
            variable=mixroute.env_name()))
        return app.EXIT_OK
    _run(work)


@main.command(help=_("Run the language server (LSP over stdio) for editors; needs `pip install 'oclint[server]'`."))
@locale_option
def server(locale):
    _command_locale(locale)
    lsp = _server_module("linter.lsp")
    raise SystemExit(lsp.serve(_knowledge()))


@main.command("mcp", help=_("Run the MCP server (over stdio) for AI agents; needs `pip install 'oclint[server]'`."))
@locale_option
def mcp_command(locale):
    _command_locale(locale)
    mcpserver = _server_module("linter.mcpserver")
    raise SystemExit(mcpserver.serve(_knowledge()))


def _server_module(name: str):
    import importlib
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        _fail(_("the servers need their libraries ({name}): pip install 'oclint[server]'").format(name=exc.name or exc))


def _global_config() -> str:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    folder = os.path.join(base, "opencode")
    for name in ("opencode.jsonc", "opencode.json", "config.json"):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    return os.path.join(folder, "opencode.jsonc")


