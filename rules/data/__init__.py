"""The knowledge rules use, as YAML files in this folder, each loaded once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


@cache
def load(name: str) -> Any:
    """The parsed content of ``<name>.yaml`` in this folder."""
    from ruamel.yaml import YAML
    return YAML(typ="safe", pure=True).load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
