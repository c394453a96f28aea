"""`oclint config`: the merged config as JSONC, each value followed by the file and line
that set it (or as JSON: the values plus a provenance map). Secrets are masked."""

from __future__ import annotations

from linter.i18n import _
import json
import os

from linter.merge import Merged


def _where(merged: Merged, path: tuple, base: str) -> str | None:
    origin = merged.origins.get(path)
    if origin is None:
        return None
    doc, node = origin
    line, _column = doc.position(node.start)
    from linter.redact import printable
    return printable(f"{_display(doc.path, base)}:{line}")


def _display(path: str, base: str) -> str:
    """Relative inside the project, `~/...` under the home folder, else absolute."""
    from linter.discovery import worktree
    path = os.path.abspath(path)
    top = worktree(base)
    if path.startswith(top.rstrip(os.sep) + os.sep) and top != os.path.dirname(top):
        return os.path.relpath(path, base)
    home = os.path.expanduser("~")
    return "~" + path[len(home):] if path.startswith(home + os.sep) else path


def _context_lines(load) -> list[str]:
    if load is None:
        return []
    lines = [_("// context: {note}").format(note=load.note)]
    if load.home:
        lines.append(_("// ~ is {home}").format(home=load.home))
    return lines


def jsonc(merged: Merged, base: str, load=None) -> str:
    lines: list[str] = _context_lines(load)

    def emit(value, path: tuple, indent: str, prefix: str, last: bool):
        comma = "" if last else ","
        if isinstance(value, dict) and value:
            lines.append(f"{indent}{prefix}{{")
            items = list(value.items())
            for i, (key, child) in enumerate(items):
                emit(child, path + (key,), indent + "  ", json.dumps(key, ensure_ascii=False) + ": ",
                     i == len(items) - 1)
            lines.append(f"{indent}}}{comma}")
            return
        text = json.dumps(value, ensure_ascii=False)
        where = _where(merged, path, base)
        lines.append(f"{indent}{prefix}{text}{comma}" + (f"  // {where}" if where else ""))

    emit(merged.value, (), "", "", True)
    return "\n".join(lines) + "\n"


def as_json(merged: Merged, base: str, load=None) -> str:
    provenance = {}
    for path in sorted(merged.origins, key=lambda p: [str(s) for s in p]):
        where = _where(merged, path, base)
        if where:
            provenance[".".join(str(s) for s in path)] = where
    out = {"config": merged.value, "provenance": provenance, "files": [d.path for d in merged.documents]}
    if load is not None:
        out["context"] = {"note": load.note, "home": load.home, "layout": load.layout or None}
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
