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
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "oclint"


@cache
def load(name: str) -> Any:
    """The parsed content of ``<name>.yaml`` in this folder."""
    raw = (HERE / f"{name}.yaml").read_bytes()
    # keyed by the content (CRC-32 and length: a cache key, not a security check)
    cached = cache_dir() / f"data-{name}-{zlib.crc32(raw):08x}-{len(raw)}.json"
    try:
        return json.loads(cached.read_bytes())
    except (OSError, ValueError):
        pass
    from ruamel.yaml import YAML
    value = YAML(typ="safe", pure=True).load(raw.decode("utf-8"))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value), encoding="utf-8")
        os.replace(tmp, cached)
    except OSError:
        pass
    return value
