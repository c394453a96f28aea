"""Regular expressions and generated code compiled once per machine rather than once per run.

``re.compile`` parses and compiles a pattern in Python code, and ``linter.records`` compiles
each record class's ``__init__``: together about a quarter of a one-file run. ``regex``
gives the same ``re.Pattern`` as ``re.compile`` (equal to it: same pattern, flags and
code) from the compiled code kept in the user's cache folder; ``code`` gives the code
object ``compile`` would. The file is named by the interpreter's exact version and the
regex engine's magic number, so another Python never reads it; ``_sre.compile`` validates
the code it is given, so a damaged file cannot crash the engine, and an unreadable one
only costs the time. New entries are added to the file when the process ends.

Only for patterns and code written in oclint itself and its data (a bounded set): a
pattern built from user input goes to ``re.compile``, or a user could grow the file
without end (and past ``MAX_ENTRIES`` it starts again).
"""

from __future__ import annotations

import marshal
import os
import re
import sys

import _sre

MAX_ENTRIES = 2000

_CACHE: dict | None = None
_NEW: dict = {}


def path() -> str:
    """The cache file for this interpreter and regex engine."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return os.path.join(base, "oclint", f"compiled-{tag}.marshal")


def _read() -> dict:
    try:
        with open(path(), "rb") as handle:
            data = marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _cached(key):
    global _CACHE
    if _CACHE is None:
        _CACHE = _read()
    return _CACHE.get(key)


def _add(key, entry) -> None:
    if not _NEW:
        import atexit
        atexit.register(save)
    _CACHE[key] = _NEW[key] = entry


def regex(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
    key = ("re", pattern, int(flags))
    entry = _cached(key)
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)
        except (TypeError, ValueError, RuntimeError, OverflowError):
            pass        # a damaged entry: compiled again below
    try:    # re._compiler.compile, keeping what it hands to _sre.compile
        parsed = re._parser.parse(pattern, int(flags))
        code = [int(op) for op in re._compiler._code(parsed, int(flags))]   # plain ints, for marshal
        state = parsed.state
        indexgroup = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        entry = (int(flags) | state.flags, code, state.groups - 1, dict(state.groupdict), tuple(indexgroup))
        compiled = _sre.compile(pattern, *entry)
    except (AttributeError, TypeError):     # another interpreter's internals: no cache
        return re.compile(pattern, flags)
    _add(key, entry)
    return compiled


def code(source: str, filename: str):
    """``compile(source, filename, "exec")``, from the cache when it holds the source."""
    key = ("code", source, filename)
    entry = _cached(key)
    if entry is not None:
        try:
            return marshal.loads(entry)
        except (ValueError, EOFError, TypeError):
            pass
    compiled = compile(source, filename, "exec")
    _add(key, marshal.dumps(compiled))
    return compiled


def save() -> None:
    """Add this process's new entries to the cache file (atomically; an unwritable folder
    only costs the next run the time)."""
    if not _NEW:
        return
    data = _read()
    if len(data) + len(_NEW) > MAX_ENTRIES:
        data = {}
    data.update(_NEW)
    _NEW.clear()
    target = path()
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        blob = marshal.dumps(data)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(blob)
        os.replace(tmp, target)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
