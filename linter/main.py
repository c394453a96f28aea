"""oclint's entry point, and the check command's work between arguments and ``linter.app``.

The common invocation, ``oclint [check] [options] PATHS`` with the check command's usual
options, is parsed here without importing click (about a third of a one-file run's time
went to importing click and building the command group). Anything else (a subcommand,
``--help``, ``--version``, ``-o``/``--config``, an option or value this parser does not
take, anything click would reject) goes to the click command line in ``linter.cli``,
which defines every option and all the help; tests/test_cli_fast.py holds this parser to
click's, parameter for parameter.

With ``linter.cli`` this is the composition root: the one place in ``linter`` that
imports ``rules``.
"""

from __future__ import annotations

import gc
import os
import sys

from linter.i18n import _

# the check command's options this parser takes: flags, and options with one value
# (a tuple default: repeatable); the others (-o/--output-file, --config, -h/--help) go to click
FLAGS = {"--fix": "fix", "--unsafe-fixes": "unsafe_fixes", "--diff": "diff", "--show-fixes": "show_fixes",
         "--statistics": "statistics", "--exit-zero": "exit_zero",
         "--exit-non-zero-on-fix": "exit_non_zero_on_fix", "--strict": "strict", "-q": "quiet",
         "--quiet": "quiet", "--isolated": "isolated", "--with-global": "with_global",
         "--show-files": "show_files",
         "--check-env": "check_env", "--show-settings": "show_settings"}
VALUES = {"--select": "select", "--ignore": "ignore", "--extend-select": "extend_select",
          "--output-format": "output_format", "--stdin-filename": "stdin_filename", "--color": "color",
          "--schema": "schema", "--home": "home", "--opencode-version": "opencode_version",
          "--locale": "locale"}
COLORS = ("auto", "always", "never")
SUBCOMMANDS = ("check", "rule", "config", "init", "server", "mcp")


def defaults() -> dict:
    """The check command's parameters when no option is given (as click passes them)."""
    params = {dest: False for dest in FLAGS.values()}
    params.update(paths=(), select=(), ignore=(), extend_select=(), output_format=None, output_file=None,
                  stdin_filename=None, color="auto", schema=None, config_path=None, home=None,
                  opencode_version=None, locale=None)
    return params


def parse_check(args: list[str]) -> dict | None:
    """The check command's parameters for ``args``, exactly as click would hand them to it;
    None when the arguments are not of the common form (click then parses them)."""
    from linter.output import FORMATS

    if args and args[0] in SUBCOMMANDS:
        if args[0] != "check":
            return None
        args = args[1:]
    params = defaults()
    paths = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            if not paths and arg in SUBCOMMANDS:
                return None     # `oclint --isolated rule OC103`: click says it is a usage error
            paths.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name in FLAGS and not eq:
            params[FLAGS[name]] = True
            continue
        if name not in VALUES:
            return None
        if not eq:
            if i >= len(args):
                return None
            value = args[i]
            i += 1
        if value.startswith("-") and value != "-":
            return None
        dest = VALUES[name]
        if isinstance(params[dest], tuple):
            params[dest] += (value,)
        elif dest == "output_format" and value not in FORMATS or dest == "color" and value not in COLORS:
            return None
        else:
            params[dest] = value
    for path in paths:
        if path != "-" and not _readable_or_absent(path):
            return None         # click explains
    if params["home"] is not None and not os.path.isdir(params["home"]):
        return None             # click explains
    params["paths"] = tuple(paths)
    return params


def _configured(value, default):
    """A setting's value, an empty list included (`select: []` selects no rule, as in
    ruff); ``default`` only when the setting is absent."""
    return default if value is None else value


def _readable_or_absent(path: str) -> bool:
    try:
        os.stat(path)
    except (OSError, ValueError):
        return True
    return os.access(path, os.R_OK)


def main(argv: list[str] | None = None) -> None:
    """The ``oclint`` command."""
    args = sys.argv[1:] if argv is None else list(argv)
    params = parse_check(args)
    early_locale(args, settings=params is None)
    if params is None:
        from linter import cli
        cli.main(args=argv)
        return
    begin()
    check_command(**params)


def early_locale(args: list[str], settings: bool) -> None:
    """The locale before the command's settings are read: ``--locale`` anywhere in the
    arguments, else (``settings``) the `locale` setting found from the current folder, else
    the environment. The check command decides again once it has its settings."""
    from linter import i18n
    flag = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--locale" and i + 1 < len(args):
            flag = args[i + 1]
        elif arg.startswith("--locale="):
            flag = arg.partition("=")[2]
    setting = None
    if settings and i18n.normalize(flag) is None and "--isolated" not in args:
        setting = _setting_locale(os.getcwd())
    i18n.use(i18n.resolve(flag, setting, os.environ))


def _setting_locale(start: str):
    """The `locale` setting of the settings file found from ``start`` (None when there is
    none, or the file cannot be used: the command reports that itself)."""
    from linter import settings as settings_
    found = settings_.find(start)
    if not found:
        return None
    try:
        return settings_.load(found).values.get("locale")
    except settings_.SettingsError:
        return None


def choose_locale(flag, setting) -> None:
    """Speak the locale of ``--locale`` (checked), else the setting, else the environment."""
    from linter import app, i18n
    if flag is not None:
        problem = i18n.check(flag)
        if problem:
            raise app.UsageError(_("--locale {problem}").format(problem=problem))
    i18n.use(i18n.resolve(flag, setting, os.environ))


def entry() -> None:
    """The installed ``oclint`` command: ``main()``, then the process ends as ``sys.exit``
    would end it (exit handlers run, output flushed, the same status), without tearing
    the interpreter down: freeing every node of every tree one by one, and the collection
    the interpreter makes at exit, were an eighth of a large file's run. A process with
    other threads still running ends the ordinary way."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if "threading" in sys.modules and sys.modules["threading"].active_count() > 1:
        sys.exit(code)
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    import atexit
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            code = code or 120      # as the interpreter does when it cannot flush at exit
    os._exit(code % 256)


def begin() -> None:
    """What every run does first."""
    # a run is short and builds trees (nodes point at their parents) that live until it
    # ends: the cycle collector would only rescan them, at up to half the time of a big file
    gc.disable()
    for stream in (sys.stdout, sys.stderr):     # a lone surrogate in a value prints as `\ud800`
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def check_command(paths, stdin_filename, select, ignore, extend_select, output_format, color, schema,
                  config_path, isolated, with_global, home, show_files, locale=None, **flags) -> None:
    """The check command, from its parameters (parsed by either parser)."""
    run(lambda: _check(paths, stdin_filename, select, ignore, extend_select, output_format, color,
                       schema, config_path, isolated, with_global, home, show_files, locale, flags))


def _expand(paths, knowledge_) -> list[str]:
    """Folders replaced by the files in them that OpenCode reads (each path once)."""
    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = knowledge_.walk(path)
            if not found:
                echo(_("oclint: no OpenCode config files found under {path}").format(path=path), err=True)
            out.extend(found)
        else:
            out.append(path)
    return out


def _check(paths, stdin_filename, select, ignore, extend_select, output_format, color, schema,
           config_path, isolated, with_global, home, show_files, locale, flags):
    choose_locale(locale, None)
    opencode_version = flags.pop("opencode_version", None)
    show_settings = flags.pop("show_settings", False)
    from linter import app
    from linter import settings as settings_
    from rules import opencode_config
    if stdin_filename:              # as ruff: --stdin-filename always reads standard input
        for other in dict.fromkeys(p for p in paths if p != "-"):
            echo(_("oclint: warning: ignoring {other} in favour of standard input (--stdin-filename)").format(other=other), err=True)
        paths = ("-",)
    paths = tuple(dict.fromkeys(paths))     # `- -` or a file given twice: read and linted once
    discovered = not paths
    known = knowledge()
    named = list(paths)
    paths = _expand(named, known) if named else opencode_config.files(os.getcwd(), os.environ)
    if not paths:
        if not named:
            echo(_("oclint: no OpenCode config files found for {folder}").format(folder=os.getcwd()), err=True)
        return app.EXIT_OK
    found = config_path or (None if isolated else settings_.find(
        named[0] if named and named[0] != "-" else os.getcwd()))
    settings = settings_.load(found) if found else settings_.Settings()
    choose_locale(locale, settings.values.get("locale"))
    check_env = flags.pop("check_env", False)
    options = options_from(
        settings, select, ignore, extend_select, paths=paths, stdin_filename=stdin_filename,
        output_format=output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"),
        color=_color(color), with_global=with_global or discovered, home=home, jobs=_jobs(), **flags)
    if schema:
        options.rule_options["schema"] = schema
    if check_env:
        options.rule_options["check-env"] = True
    version_option(options.rule_options, opencode_version, found)
    if show_settings:
        return _show_settings(options, found, known)
    if show_files:
        return app.show_files(options, known, sys.stdout)
    return app.check(options, known)


def version_option(rule_options: dict, value, settings_path) -> None:
    """`--opencode-version` (checked like the setting) wins over the setting; either way the
    rules learn where the version came from."""
    from linter import app
    from linter import settings as settings_
    if value is not None:
        problem = settings_.KEYS["opencode-version"][0](value)
        if problem:
            raise app.UsageError(_("--opencode-version {problem}").format(problem=problem))
        rule_options["opencode-version"] = value
        rule_options["opencode-version-from"] = "--opencode-version"
    elif "opencode-version" in rule_options:
        rule_options["opencode-version-from"] = _("the `opencode-version` setting in {settings_path}").format(settings_path=settings_path)


def _show_settings(options, settings_path, known) -> int:
    """What `check` would use: the settings file, the selection, the rule options, and for
    each file the OpenCode version it is judged by and why."""
    from linter import app, engine
    from rules import versions
    lines = [_("settings file: {settings_path}").format(settings_path=settings_path or _('(none)')),
             f"select: {', '.join(options.select)}",
             f"ignore: {', '.join(options.ignore) or '(none)'}",
             f"extend-select: {', '.join(options.extend_select) or '(none)'}"]
    for key, value in sorted(options.rule_options.items()):
        if key != "opencode-version-from":
            lines.append(f"{key}: {value}")
    run = engine.Run(options.rule_options)
    for item in app.load(options, None, known.kind):
        version = versions.for_doc(engine.Context(item.doc, run))
        lines.append(f"{item.doc.path}: {versions.describe(version)}")
    echo("\n".join(lines))
    return app.EXIT_OK


def options_from(settings, select=(), ignore=(), extend_select=(), **fields):
    """CheckOptions from oclint's settings and the command line's selectors (which win):
    the command line's and the servers' one reading of the settings."""
    from linter import app
    return app.CheckOptions(
        select=split(select) or _configured(settings.engine("select"), ["ALL"]),
        ignore=split(ignore) or settings.engine("ignore", []),
        extend_select=[*settings.engine("extend-select", []), *split(extend_select)],
        severity=settings.engine("severity", {}), per_file_ignores=settings.engine("per-file-ignores", {}),
        settings_base=settings.base, rule_options=settings.rule_options, **fields)


def _jobs() -> int:
    """``OCLINT_JOBS``: how many processes judge the files (1: this one only; unset, 0 or
    not a number: one per CPU when there are many files)."""
    value = os.environ.get("OCLINT_JOBS", "").strip()
    return int(value) if value.isdigit() else 0


def split(values) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def knowledge():
    import rules
    return rules.knowledge()


def _color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def echo(message: str, err: bool = False, nl: bool = True) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(message + ("\n" if nl else ""))
    stream.flush()


def run(work) -> None:
    """Run a command's work: its exit status, or a one-line error (never a traceback)."""
    from linter import app
    from linter.files import FileError
    try:
        code = work()
    except (app.UsageError, FileError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as exc:    # a bug: one line, exit 2; OCLINT_DEBUG=1 shows the traceback
        if os.environ.get("OCLINT_DEBUG"):
            raise
        fail(_("internal error ({type}: {exc}); please report it, with OCLINT_DEBUG=1 for the "
               "traceback").format(type=type(exc).__name__, exc=exc))
    sys.exit(code)


def fail(message: str, status: int = 2):
    from linter.redact import printable        # a file name or value in it is shown as it is
    echo(_("oclint: error: {message}").format(message=printable(message)), err=True)
    sys.exit(status)


if __name__ == "__main__":     # python -m linter.main: returns, for callers running it in-process
    main()
