"""Generic pieces of config discovery: the home folder, walking up to a repository root,
and the files of a list of folders. Which names and folders count is the caller's."""

from __future__ import annotations

import os
import sys


def home(env) -> str:
    return env.get("HOME") or env.get("USERPROFILE") or os.path.expanduser("~")


def worktree(start: str) -> str:
    """The git work tree holding ``start`` (the folder with `.git`), else the file system root."""
    folder = os.path.abspath(start)
    while True:
        if exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return folder
        folder = parent


def upward(start: str, stop: str) -> list[str]:
    """``start`` and its parents up to and including ``stop``, closest first."""
    folders, folder = [], os.path.abspath(start)
    stop = os.path.abspath(stop)
    while True:
        folders.append(folder)
        parent = os.path.dirname(folder)
        if folder == stop or parent == folder:
            return folders
        folder = parent


def existing(folder: str, names) -> list[str]:
    return [os.path.join(folder, n) for n in names if os.path.isfile(os.path.join(folder, n))]


_REAL: dict[str, str] = {}


def realpath(path: str) -> str:
    """``os.path.realpath`` of an absolute path, remembered until ``forget`` (a run calls
    it when it starts: a run over many files of one folder resolved every path of their
    shared load context once per file, each a stat per path component)."""
    real = _REAL.get(path)
    if real is None:
        real = os.path.realpath(path)
        if os.path.isabs(path):         # a relative one depends on the current folder
            _REAL[path] = real
    return real


def forget() -> None:
    """Start a new run: links and folders may have changed since the last one."""
    _REAL.clear()
    _LISTED.clear()
    _LOWERED.clear()
    for memo in _MEMOS:
        memo.clear()


_MEMOS: list[dict] = []


def per_run(function):
    """``function`` (of hashable arguments, answering from the file system) remembered
    until ``forget``. Its callers must not change what it returns."""
    memo: dict = {}
    _MEMOS.append(memo)

    def remembered(*args):
        try:
            return memo[args]
        except KeyError:
            memo[args] = value = function(*args)
            return value
    remembered.__doc__, remembered.__name__, remembered.__wrapped__ = function.__doc__, function.__name__, function
    return remembered


# -- the file system as one run sees it -------------------------------------------------
#
# A run over many files asks the same questions of the same folders once per file (is
# there an `opencode.json` here, a `.opencode` folder, a chezmoi name for `.config`?): a
# thousand configs in sibling folders listed their shared parent a thousand times. Each
# folder is listed once per run and the questions about its entries answered from that
# listing; `forget` starts the next run afresh. A run writes its files only after every
# file is judged, so what it judged stays what it listed. Where a name may match another
# spelling of it (a file system that ignores case), a name the listing lacks is asked of
# the file system itself.

_LISTED: dict[str, dict[str, os.DirEntry] | None] = {}
_EXACT_NAMES = sys.platform.startswith("linux")
_ASK = object()     # the listing cannot answer: ask the file system


def entries(folder: str) -> dict[str, os.DirEntry] | None:
    """{name: entry} of ``folder`` as this run first listed it: empty when there is no such
    folder, None when it cannot be listed (then each question goes to the file system)."""
    table = _LISTED.get(folder, _ASK)
    if table is _ASK:
        try:
            with os.scandir(folder) as listing:
                table = {e.name: e for e in listing}
            if not os.access(folder, os.X_OK):
                table = None        # listed but not searchable: its entries cannot be reached
        except (FileNotFoundError, NotADirectoryError):
            table = {}
        except (OSError, ValueError):
            table = None
        _LISTED[folder] = table
    return table


_PLAIN = os.sep == "/" and os.altsep is None      # paths split by hand (the common case)


def _plain(path: str) -> bool:
    """Whether ``path`` is absolute, without `.`, `..` or empty parts: what a listing can
    answer for (`..` and `.` mean what the links on the way make them mean)."""
    if _PLAIN:
        return path == "/" or (path[:1] == "/" and "//" not in path and "/./" not in path
                               and "/../" not in path and not path.endswith(("/", "/.", "/..")))
    return os.path.isabs(path) and os.path.normpath(path) == path


def _entry(path: str):
    if not _plain(path):
        return _ASK
    if _PLAIN:
        folder, _, name = path.rpartition("/")
        folder = folder or "/"
    else:
        folder, name = os.path.split(path)
    table = entries(folder) if name else None
    if table is None:
        return _ASK
    entry = table.get(name)
    if entry is None and (not _EXACT_NAMES or name.lower() in _lowered(folder, table)):
        return _ASK     # another spelling of it is there: a mount that ignores case may match it
    return entry


_LOWERED: dict[str, set[str]] = {}


def _lowered(folder: str, table: dict) -> set[str]:
    names = _LOWERED.get(folder)
    if names is None:
        names = _LOWERED[folder] = {n.lower() for n in table}
    return names


def is_file(entry: os.DirEntry) -> bool:
    """``entry.is_file()`` as ``os.path.isfile`` answers: False, not an error, for a link
    that loops or leads where it cannot be followed."""
    try:
        return entry.is_file()
    except OSError:
        return False


def is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True         # then the file system answers


def isfile(path: str) -> bool:
    entry = _entry(path)
    if entry is _ASK:
        return os.path.isfile(path)
    return entry is not None and is_file(entry)


def isdir(path: str) -> bool:
    entry = _entry(path)
    if entry is _ASK:
        return os.path.isdir(path)
    return entry is not None and is_dir(entry)


def lexists(path: str) -> bool:
    entry = _entry(path)
    if entry is _ASK:
        return os.path.lexists(path)
    return entry is not None


def exists(path: str) -> bool:
    entry = _entry(path)
    if entry is _ASK or (entry is not None and _is_link(entry)):
        return os.path.exists(path)
    return entry is not None


def listdir(folder: str) -> list[str]:
    """The names in ``folder``, sorted (OSError as ``os.listdir`` raises it)."""
    table = entries(folder) if _plain(folder) else None
    if table is None or (not table and not os.path.isdir(folder)):
        return sorted(os.listdir(folder))
    return sorted(table)


def unique(paths) -> list[str]:
    seen, out = set(), []
    for path in paths:
        key = realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                             ".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache"})


def files_under(folder: str) -> list[str]:
    """Every file below ``folder``, sorted: in a git work tree the files git tracks and the
    untracked ones it does not ignore (and so in each checked-out submodule or repository
    inside it), never in a dependency cache (``SKIPPED_FOLDERS``) git does not ignore;
    elsewhere a walk that skips version-control folders and those caches."""
    listed = _git_files(folder)
    if listed is not None:
        return listed
    out = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS)
        out.extend(os.path.join(top, n) for n in names)
    return sorted(out)


def _git_files(folder: str) -> list[str] | None:
    import subprocess
    if not os.path.exists(os.path.join(worktree(folder), ".git")):
        return None
    try:
        proc = subprocess.run(["git", "-C", folder, "ls-files", "-z", "--cached", "--others",
                               "--exclude-standard", "--full-name", "."], capture_output=True, timeout=60)
        top = subprocess.run(["git", "-C", folder, "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0 or top.returncode != 0:
        return None
    root = top.stdout.strip()
    shown = os.path.relpath(root, ".") if not os.path.isabs(folder) else root
    names = sorted({n for n in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if n})
    out = []
    for name in names:
        if SKIPPED_FOLDERS.intersection(name.split("/")[:-1]):
            continue        # a dependency cache git does not ignore (`.opencode/node_modules/`)
        path, shown_path = os.path.join(root, name), os.path.normpath(os.path.join(shown, name))
        if os.path.isdir(path) and not os.path.islink(path):
            if os.path.exists(os.path.join(path, ".git")):   # a submodule, or a repository inside this one
                out.extend(files_under(shown_path))
        elif os.path.isfile(path) or os.path.islink(path):
            out.append(shown_path)
    return sorted(out)
