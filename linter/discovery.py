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


def unique(paths) -> list[str]:
    seen, out = set(), []
    for path in paths:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out
