"""Generic pieces of config discovery: the home folder, walking up to a repository root,
and the files of a list of folders. Which names and folders count is the caller's."""

from __future__ import annotations

import os


def home(env) -> str:
    return env.get("HOME") or env.get("USERPROFILE") or os.path.expanduser("~")


def worktree(start: str) -> str:
    """The git work tree holding ``start`` (the folder with `.git`), else the file system root."""
    folder = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
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
    """Start a new run: links may have changed since the last one."""
    _REAL.clear()


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
