"""Moving `theme`, `keybinds` and `tui` out of opencode.json into the folder's tui.json(c),
as the TUI's own migration does (1.18.33 [B33 @93793131]: it writes them to a tui.json
beside the config, backs the config up and strips the keys), as a fix that edits both
files."""

from __future__ import annotations

from rules.i18n import _
import os

from linter import edits
from linter.diagnostics import Applicability, Edit, FileEdit, Fix
from rules.layout import kind_of

NEW_FILE = '{\n  "$schema": "https://opencode.ai/tui.json"\n}\n'


def target(ctx) -> str:
    """The tui file of the config's folder the TUI applies last: tui.jsonc when it exists,
    else tui.json (created when missing)."""
    folder = os.path.dirname(os.path.abspath(ctx.doc.path))
    jsonc = os.path.join(folder, "tui.jsonc")
    return jsonc if ctx.run.document(jsonc) is not None else os.path.join(folder, "tui.json")


def fix(ctx, member) -> tuple[Fix | None, str]:
    """The two-file fix for ``member`` (a top-level theme / keybinds / tui), and a note for
    the message when there is none."""
    if kind_of(ctx.doc.path) != "config" or member.value is None:
        return None, ""
    path = target(ctx)
    name = os.path.basename(path)
    existing = ctx.run.document(path)
    tui = existing if existing is not None else None
    if tui is not None and (tui.encoding_error or tui.parse.errors or tui.root is None
                            or tui.root.kind != "object"):
        return None, _(" ({name} beside it does not parse: move it by hand)").format(name=name)
    from linter.files import decode
    doc = tui if tui is not None else decode(path, NEW_FILE.encode("utf-8"))
    value = member.value.to_python()
    if member.key == "tui":
        if not isinstance(value, dict):
            return None, ""
        items = list(value.items())
        obj = doc.root
    elif member.key == "keybinds":
        if not isinstance(value, dict):
            return None, ""
        present = doc.root.get("keybinds")
        if present is not None and (present.value is None or present.value.kind != "object"):
            return None, _(" ({name} has a `keybinds` that is not an object: merge by hand)").format(name=name)
        obj = present.value if present is not None else None
        items = list(value.items()) if obj is not None else [("keybinds", value)]
        obj = obj if obj is not None else doc.root
    else:
        items, obj = [(member.key, value)], doc.root
    clash = [key for key, _ in items if obj.get(key) is not None]
    if clash:
        return None, _(" ({name} already sets {value}: merge by hand)").format(name=name, value=', '.join(f'`{k}`' for k in clash))
    if not items:
        return Fix(edits.remove_member(ctx.doc, member), Applicability.SAFE,
                   _("remove the empty `{key}`").format(key=member.key)), ""
    insert: tuple[Edit, ...] = edits.insert_members(doc, obj, items)
    creating = tui is None
    # a file this run creates (an earlier pass made it) is still the TUI's migration
    new_in_run = ctx.run.originals.get(os.path.abspath(path), None) is None
    return Fix(edits.remove_member(ctx.doc, member),
               Applicability.SAFE if new_in_run else Applicability.UNSAFE,
               _("move `{key}` into {name}").format(key=member.key, name=name) + (_(" (created)") if creating else ""),
               files=(FileEdit(path, insert, NEW_FILE if creating else None),)), ""
