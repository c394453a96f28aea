"""The knowledge rules use, as YAML files in this folder, each loaded once per process.

Parsing YAML costs more than a whole lint run, so each file's parsed content is kept as
JSON in the user's cache folder, keyed by a hash of the file's bytes: an edited file is
parsed again, and an unwritable cache only costs time.
"""

from __future__ import annotations

import json
import os
import zlib
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

HERE = os.path.dirname(__file__)       # paths by os.path: pathlib costs every run its import


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "oclint")


@cache
def load(name: str) -> Any:
    """The parsed content of ``<name>.yaml`` in this folder."""
    with open(os.path.join(HERE, f"{name}.yaml"), "rb") as handle:
        raw = handle.read()
    # keyed by the content (CRC-32 and length: a cache key, not a security check)
    cached = os.path.join(cache_dir(), f"data-{name}-{zlib.crc32(raw):08x}-{len(raw)}.json")
    try:
        with open(cached, "rb") as handle:
            return json.loads(handle.read())
    except (OSError, ValueError):
        pass
    from ruamel.yaml import YAML
    value = YAML(typ="safe", pure=True).load(raw.decode("utf-8"))
    try:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        tmp = cached[:-len(".json")] + f".{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(value))
        os.replace(tmp, cached)
    except OSError:
        pass
    return value
