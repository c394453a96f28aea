"""Which OpenCode release a file is judged against, and what that release does.

One function, ``for_doc(ctx)``, gives any rule the version in use for its document:

1. the `opencode-version` setting or `--opencode-version` (a release such as `1.18.33`, a
   line such as `1.14`, or `2.0`);
2. else the version an `opencode` on PATH prints for `--version`, when it answers within
   ``PATH_TIMEOUT`` (asked once per process, only when no version is set; nothing is cached
   on disk, so an upgraded OpenCode is seen at once);
3. else the file's own keys: a file in OpenCode 2 spellings only (`providers`, `agents`, ...,
   and no OpenCode 1-only key) is 2.x; anything else, mixed files included, is the newest
   1.x release oclint checked (the common slip of a 1.x user writing `providers` stays 1.x).

The facts themselves are data (rules/data/versions.yaml, entries "from release X"); this
module only reads them for a release.
"""

from __future__ import annotations

from rules.i18n import _
import os
from linter import precompiled
from linter.records import dataclass
from functools import lru_cache

from rules.data import load

PATH_TIMEOUT = 1.0
_VERSION = precompiled.regex(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$")
_PRINTED = precompiled.regex(r"(?<![\d.])v?(\d+\.\d+(?:\.\d+)?)(?![\d.])")


class VersionError(ValueError):
    pass


@dataclass(frozen=True)
class Version:
    release: tuple[int, ...]     # (1, 18, 33); (2,) for "2.x"
    text: str                    # as shown: "1.18.33", "2.x"
    source: str                  # setting, option, path, keys, default
    reason: str                  # why this version, in words

    @property
    def major(self) -> int:
        return self.release[0]

    @property
    def v2(self) -> bool:
        return self.major >= 2

    def __str__(self) -> str:
        return self.text


def parse(text: str) -> tuple[int, ...]:
    """``"1.18.33"`` -> (1, 18, 33); a line (`1.14`) -> its newest release oclint knows
    (1.14.48), else (1, 14, 0); `2`/`2.0` stay as written."""
    match = _VERSION.match(str(text).strip())
    if not match:
        raise VersionError(_("`{text}` is not an OpenCode release (write it like 1.18.33, 1.14 or "
                             "2.0)").format(text=text))
    parts = tuple(int(p) for p in match.groups() if p is not None)
    if parts[0] >= 2 or len(parts) == 3:
        return parts
    known = [r for r in releases() if r[:len(parts)] == parts]
    return max(known) if known else parts + (0,) * (3 - len(parts))


def show(release: tuple[int, ...]) -> str:
    return ".".join(map(str, release)) if release[0] < 2 or len(release) > 1 else f"{release[0]}.x"


@lru_cache(maxsize=1)
def releases() -> tuple[tuple[int, ...], ...]:
    return tuple(sorted(parse_exact(r) for r in load("versions")["releases"]))


@lru_cache(maxsize=512)      # the facts' `from` releases, read again by every fact lookup
def parse_exact(text) -> tuple[int, ...]:
    match = _VERSION.match(str(text).strip())
    if not match:
        raise VersionError(f"bad release `{text}` in versions.yaml")
    return tuple(int(p) for p in match.groups() if p is not None)


def newest() -> tuple[int, ...]:
    return parse_exact(load("versions")["newest"])


def configured(options) -> Version | None:
    """The version the settings or the command line name, if any."""
    value = options.get("opencode-version") if hasattr(options, "get") else None
    if value is None:
        return None
    release = parse(str(value))
    where = options.get("opencode-version-from") or _("the `opencode-version` setting")
    written = str(value).strip()
    text = show(release)
    reason = _("{where} says {written}").format(where=where, written=written) + (_(" (judged as {text})").format(text=text) if text != written and release[0] < 2 else "")
    return Version(release, text if release[0] < 2 else (written if "." in written else text),
                   "option", reason)


def _which(name: str) -> str | None:
    """``shutil.which(name)``, with shutil imported only when some PATH folder has a file of
    that name (importing shutil and what it imports costs every run several milliseconds)."""
    path = os.environ.get("PATH")
    if path is None:
        try:
            path = os.confstr("CS_PATH")
        except (AttributeError, ValueError):
            path = os.defpath
    if not path or not any(os.path.exists(os.path.join(folder, name)) for folder in path.split(os.pathsep)):
        return None
    import shutil
    return shutil.which(name)


_ON_PATH: list = []      # [Version | None], asked once per process


def on_path(timeout: float = PATH_TIMEOUT) -> Version | None:
    """The version of the `opencode` on PATH, when it prints one within ``timeout`` s."""
    if _ON_PATH:
        return _ON_PATH[0]
    found = None
    binary = _which("opencode")
    if binary is not None:
        import subprocess       # only when there is a program to ask: its import costs every run
        try:
            proc = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL, errors="replace")
            match = _PRINTED.search(proc.stdout or "")
            if proc.returncode == 0 and match:
                release = parse_exact(match.group(1))
                found = Version(release, show(release), "path",
                                _("`{binary} --version` printed {value}").format(binary=binary, value=match.group(1)))
        except (OSError, subprocess.SubprocessError, VersionError):
            found = None
    _ON_PATH.append(found)
    return found


def spellings(where: str = "top") -> dict:
    return load("versions")["spellings"][where]


def dialect(keys, where: str = "top") -> tuple[list[str], list[str]]:
    """(V1-only keys, V2-only keys) among ``keys``, in their order."""
    table = spellings(where)
    v1, v2 = set(table["v1-only"]), set(table["v2-only"])
    keys = list(keys)
    return [k for k in keys if k in v1], [k for k in keys if k in v2]


def from_keys(keys, where: str = "top") -> Version:
    """2.x for a file written in OpenCode 2's spellings, else the newest 1.x release."""
    v1, v2 = dialect(keys, where)
    if v2 and not v1:
        return Version((2,), "2.x", "keys", _("no version is set, no `opencode` on PATH answered "
                                              "`--version`, and the file uses OpenCode 2 keys "
                                              "({value}) and no OpenCode 1 ones").format(value=', '.join(f'`{k}`' for k in v2[:3])))
    release = newest()
    why = _("no version is set, no `opencode` on PATH answered `--version`")
    why += _(", and the file uses no OpenCode 2 keys") if not v2 else \
        _(", and the file also uses OpenCode 1 keys ({value})").format(value=', '.join(f'`{k}`' for k in v1[:3]))
    return Version(release, show(release), "default", _("{why}: the newest 1.x release oclint "
                                                        "checked").format(why=why))


def _keys(doc) -> list[str]:
    root = doc.root
    if root is None or root.kind != "object":
        return []
    return [m.key for m in root.members()]


def for_doc(ctx) -> Version:
    """The OpenCode version ``ctx.doc`` is judged against (cached per document and run)."""
    return ctx.once("opencode-version", lambda: configured(ctx.options) or on_path() or _from_doc(ctx.doc))


def _from_doc(doc) -> Version:
    # a command's or a skill's frontmatter keys tell no version apart: the default
    kind = getattr(doc, "kind", "config")
    return from_keys(_keys(doc) if kind in ("config", "agent", "mode") else [], _where(doc))


def _where(doc) -> str:
    return "agent-file" if getattr(doc, "kind", "config") in ("agent", "mode") else "top"


# -- facts -----------------------------------------------------------------------------


def entry(fact: str, release: tuple[int, ...], where: str | None = None) -> dict | None:
    """The entry of ``fact`` (a list of {from: X, ...}) that holds for ``release``."""
    data = load("versions")[fact]
    entries = data[where] if where is not None else data
    chosen = None
    for item in entries:
        if parse_exact(item["from"]) <= release:
            chosen = item
    return chosen


def checked_as(item: dict | None, release: tuple[int, ...]) -> str | None:
    """How a message may name the release for a fact entry: the release itself when it lies
    within the releases oclint ran for that entry, else the nearest one checked, else None."""
    if item is None or not item.get("checked"):
        return None
    runs = sorted(parse_exact(r) for r in item["checked"])
    if runs[0] <= release <= runs[-1]:
        return show(release)
    if release > runs[-1]:
        return show(runs[-1])
    return show(runs[0])


def unknown_keys(version: Version, where: str = "top") -> tuple[str, str | None]:
    """(refuses | drops | unknown, the release a message may name) for a key the schema of
    ``version`` does not know, at the top level or inside an entry."""
    if version.v2:
        return "unknown", None
    item = entry("unknown-keys", version.release, where)
    if item is None:
        return "unknown", None
    return item["behaviour"], checked_as(item, version.release)


def v2_keys(version: Version) -> tuple[str, str | None]:
    """(unknown | lowering, the release a message may name) for OpenCode 2 keys in a 1.x file."""
    item = entry("v2-keys", version.release)
    return (item["behaviour"], checked_as(item, version.release)) if item else ("unknown", None)


def v2_mcp(version: Version) -> tuple[str, str | None]:
    """(refuses | lowering | unknown, the release a message may name) for OpenCode 2's
    `mcp: {servers: ...}` block in a 1.x file."""
    item = entry("v2-mcp", version.release, "entries")
    return (item["behaviour"], checked_as(item, version.release)) if item else ("unknown", None)


def v2_mcp_block(root) -> list:
    """The members of a config's `mcp` that form OpenCode 2's MCP block (`servers` holding
    an object, and `timeout` beside it); [] when `mcp` is in OpenCode 1's shape."""
    mcp = root.get("mcp") if root is not None and root.kind == "object" else None
    if mcp is None or mcp.value is None or mcp.value.kind != "object":
        return []
    servers = mcp.value.get("servers")
    if servers is None or servers.value is None or servers.value.kind != "object":
        return []
    keys = load("versions")["v2-mcp"]["keys"]
    return [m for m in mcp.value.members() if m.key in keys]


def tui_keys_moved(version: Version) -> bool:
    item = entry("tui-keys", version.release)
    return bool(item) and item["behaviour"] == "moved"


def schema_changes(release: tuple[int, ...]) -> list[dict]:
    """The bundled schema's keys this release does not have (removed) or lacks (added)."""
    return [item for item in load("versions")["schema-keys"]
            if release < parse_exact(item["from"])]


def schema_forms(release: tuple[int, ...]) -> list[dict]:
    """Forms this release accepts that the bundled schema does not."""
    return [item for item in load("versions")["schema-forms"] if release >= parse_exact(item["from"])]


def notes(version: Version) -> list[dict]:
    if version.v2:
        return []
    return [n for n in load("versions")["notes"] if parse_exact(n["from"]) <= version.release]


def describe(version: Version) -> str:
    """One line for `oclint config` and `--show-settings`."""
    return _("OpenCode {text} ({reason})").format(text=version.text, reason=version.reason)
