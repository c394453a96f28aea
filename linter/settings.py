"""oclint's own settings: `.oclint.yaml`, or `[tool.oclint]` in pyproject.toml.

Found by walking up from the folder given (the first linted file's, or the current one),
or named with `--config`. Every key is checked: an unknown key, a value of the wrong type
or a bad choice is an error naming the file, the line and the key (exit status 2).
"""

from __future__ import annotations

from linter.i18n import _
import os
from linter.records import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

from linter.app import UsageError
from linter.suggest import closest

SEVERITIES = ("error", "warning", "info")
ROUTINGS = ("both", "api-compatibility", "provider-npm")


def _strings(value) -> str | None:
    if isinstance(value, str):
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return _("must be a list of strings")
    return None


def _patterns(value) -> str | None:
    if not isinstance(value, list):
        return _("must be a list of patterns")
    for item in value:
        if isinstance(item, str):
            continue
        if not (isinstance(item, dict) and isinstance(item.get("pattern"), str)
                and item.get("severity", "error") in SEVERITIES and set(item) <= {"pattern", "severity"}):
            return _("items must be a pattern or {pattern: ..., severity: error|warning|info}")
    return None


def _severity(value) -> str | None:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        return _("must map rule selectors (codes, prefixes or names) to error, warning or info")
    bad = [f"{k}: {v}" for k, v in value.items() if v not in SEVERITIES]
    return _("`{bad}`: the severity must be one of {severities}").format(bad=bad[0], severities=', '.join(SEVERITIES)) if bad else None


def _per_file(value) -> str | None:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        return _("must map file patterns to lists of rule selectors")
    for codes in value.values():
        if _strings(codes):
            return _("must map file patterns to lists of rule selectors")
    return None


def _choice(choices):
    def check(value) -> str | None:
        return None if value in choices else _("must be one of {choices}").format(choices=', '.join(choices))
    return check


def _bool(value) -> str | None:
    return None if isinstance(value, bool) else _("must be true or false")


def _string(value) -> str | None:
    return None if isinstance(value, str) else _("must be a string (a path or a URL)")


def _release(value) -> str | None:
    """A release such as 1.18.33, a line such as 1.14, or a major version such as 2.0."""
    import re
    ok = isinstance(value, (str, int, float)) and not isinstance(value, bool) and \
        re.fullmatch(r"v?\d+(\.\d+){0,2}", str(value).strip()) is not None
    return None if ok else _("must be a release such as 1.18.33, 1.14 or 2.0")


def _locale(value) -> str | None:
    from linter import i18n
    return i18n.check(value)


# key -> (check, where it goes: "engine" settings or "rules" options)
KEYS = {
    "select": (_strings, "engine"),
    "ignore": (_strings, "engine"),
    "extend-select": (_strings, "engine"),
    "per-file-ignores": (_per_file, "engine"),
    "severity": (_severity, "engine"),
    "gateways": (_strings, "rules"),
    "responses-only-models": (_patterns, "rules"),
    "chat-only-models": (_strings, "rules"),
    "responses-routing": (_choice(ROUTINGS), "rules"),
    "schema": (_string, "rules"),
    "check-env": (_bool, "rules"),
    "opencode-version": (_release, "rules"),
    "locale": (_locale, "engine"),
}


class SettingsError(UsageError):
    """Settings that cannot be used; the message names file, line and key."""


@dataclass
class Settings:
    path: str | None = None
    values: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def engine(self, key: str, default=None):
        value = self.values.get(key, default)
        return [value] if isinstance(value, str) and key in ("select", "ignore", "extend-select") else value

    @property
    def rule_options(self) -> dict:
        return {k: v for k, v in self.values.items() if KEYS[k][1] == "rules"}


def find(start: str) -> str | None:
    """The nearest `.oclint.yaml` (or `.oclint.yml`), or pyproject.toml with `[tool.oclint]`."""
    folder = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        for name in (".oclint.yaml", ".oclint.yml"):
            if os.path.isfile(os.path.join(folder, name)):
                return os.path.join(folder, name)
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject):
            try:        # bytes: a pyproject.toml that is not UTF-8 is simply not ours
                with open(pyproject, "rb") as handle:
                    if b"[tool.oclint]" in handle.read():
                        return pyproject
            except OSError:
                pass
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load(path: str) -> Settings:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise SettingsError(_("{path}: cannot read settings: {strerror}").format(path=path, strerror=exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise SettingsError(_("{path}: settings are not UTF-8 text").format(path=path)) from None
    if path.endswith(".toml"):
        values, lines = _toml(path, text)
    else:
        values, lines = _yaml(path, text)
    for key, value in values.items():
        line = lines.get(key, 1)
        if key not in KEYS:
            close = closest(key, list(KEYS))
            hint = _("; did you mean `{close}`?").format(close=close[0]) if close else _(" (known keys: {keys})").format(keys=', '.join(KEYS))
            raise SettingsError(_("{path}:{line}: unknown settings key `{key}`{hint}").format(path=path, line=line, key=key, hint=hint))
        problem = KEYS[key][0](value)
        if problem:
            raise SettingsError(f"{path}:{line}: `{key}` {problem}")
    return Settings(path, values)


def _yaml(path: str, text: str) -> tuple[dict, dict]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise SettingsError(_("{where}: broken YAML: {exc}").format(where=where, exc=getattr(exc, 'problem', None) or exc)) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise SettingsError(_("{path}:1: settings must be a mapping of keys to values").format(path=path))
    values = _plain(data, {})
    for key, value in data.items():     # `1.10` is a release, not the number 1.1: keep its spelling
        if type(value).__name__ == "ScalarFloat" and getattr(value, "_width", None) and \
                getattr(value, "_exp", None) is None:
            values[str(key)] = f"{float(value):.{max(value._width - value._prec - 1, 0)}f}"
    return values, {k: _line(data, k) for k in data}


def _line(data, key) -> int:
    """The 1-based line of ``key`` (1 for a key that came in through a `<<` merge)."""
    try:
        return data.lc.key(key)[0] + 1
    except (KeyError, TypeError, AttributeError, IndexError):
        return 1


def _toml(path: str, text: str) -> tuple[dict, dict]:
    import tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(_("{path}: broken TOML: {exc}").format(path=path, exc=exc)) from None
    tool = data.get("tool")
    values = tool.get("oclint", {}) if isinstance(tool, dict) else {}
    if not isinstance(values, dict):
        raise SettingsError(_("{path}: [tool.oclint] must be a table").format(path=path))
    lines, in_table = {}, False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = stripped.startswith("[tool.oclint")
            continue
        if in_table and "=" in stripped:
            key = stripped.split("=", 1)[0].strip().strip('"')
            lines.setdefault(key, number)
    return values, lines


def _plain(value: Any, done: dict) -> Any:
    """Plain dicts and lists; a YAML alias stays one shared object, so a file of nested
    aliases (a "billion laughs") costs what its text costs."""
    if not isinstance(value, (dict, list)):
        return value
    if id(value) not in done:
        if isinstance(value, dict):
            done[id(value)] = {str(k): _plain(v, done) for k, v in value.items()}
        else:
            done[id(value)] = [_plain(v, done) for v in value]
    return done[id(value)]
