"""How OpenCode 1.18.33's TUI reads a key binding string, step for step.

Read from the keymap code bundled in `bin/opencode` (the default binding parser, the comma
expander and the alias expander the TUI registers): a string is split at commas into
bindings (an empty entry is an error); each binding is read left to right into strokes:
`<name>` is a token (only `<leader>`), modifiers (`ctrl+`, `alt+`, ...) prefix a key, a
known multi-letter name (`escape`, `pageup`, `f5`) is one key, and any other character is
a key of its own, so `ctlr+x` reads as the six keys `c t l r + x` without a word. A
binding holding both `+` and a space is read whole as one stroke (its key name is
everything that is not a modifier).
"""

from __future__ import annotations

import re
from linter.records import dataclass
from functools import cache

from rules.data import load


class KeyError_(ValueError):
    """A binding OpenCode's parser throws on; the message is OpenCode's."""


@dataclass(frozen=True)
class Stroke:
    start: int          # offsets into the binding string
    end: int
    name: str
    modifiers: tuple[str, ...] = ()
    token: str | None = None       # `<leader>` and the like


@cache
def _data():
    data = load("tui-keys")
    names = sorted(set(data["names"]), key=len, reverse=True)
    modifiers = sorted(set(data["modifiers"]), key=len, reverse=True)
    return names, modifiers, data["aliases"], set(data["tokens"])


def _canonical(modifier: str) -> str:
    return {"control": "ctrl", "alt": "meta", "option": "meta"}.get(modifier, modifier)


def bindings(text: str) -> list[tuple[int, str]]:
    """(offset, binding) for each comma-separated binding; raises on an empty entry."""
    if "," not in text:
        return [(0, text)]
    out, pos = [], 0
    for part in text.split(","):
        lead = len(part) - len(part.lstrip())
        if not part.strip():
            raise KeyError_(f'Invalid key sequence "{text}": comma-separated bindings cannot '
                            "contain empty entries")
        out.append((pos + lead, part.strip()))
        pos += len(part) + 1
    return out


def _alias(binding: str) -> str:
    """The TUI's rewrite of `enter`, `esc`, `pgup`, `pgdown` (length-preserving or not, the
    offsets of what follows shift; oclint reports spans of the original, so it keeps
    them only for unaliased text)."""
    _, _, aliases, _ = _data()
    for alias, name in aliases.items():
        binding = re.sub(rf"(^|[+,\s>]){alias}(?=$|[+,\s<])", lambda m: m.group(1) + name, binding,
                         flags=re.I)
    return binding


def _known(text: str, i: int, names) -> str | None:
    low = text.lower()
    for name in names:
        if low.startswith(name, i):
            return name
    if low[i:i + 1] == "f" and low[i + 1:i + 2].isdigit():
        return low[i:i + 3] if low[i + 2:i + 3].isdigit() else low[i:i + 2]
    return None


def strokes(binding: str) -> list[Stroke]:
    """The strokes of one binding (no commas), as OpenCode reads them."""
    names, modifiers, _, _ = _data()
    text = binding
    if not text:
        raise KeyError_("Invalid key sequence: sequence cannot be empty")
    if "+" in text and re.search(r"\s", text):
        return [_whole(text)]
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "<":
            close = text.find(">", i)
            if close >= 0:
                out.append(Stroke(i, close + 1, "", token=text[i + 1:close].strip().lower()))
                i = close + 1
                continue
        j, mods = i, []
        while j < len(text):
            low = text.lower()
            mod = next((m for m in modifiers if low.startswith(m, j)), None)
            if mod is None or text[j + len(mod):j + len(mod) + 1] != "+":
                break
            mods.append(_canonical(mod))
            j += len(mod) + 1
        if mods:
            if j >= len(text):
                raise KeyError_(f'Invalid key "{text[i:]}": missing key name')
            key = _known(text, j, names) or text[j]
            out.append(Stroke(i, j + len(key), "space" if key == " " else key.lower(), tuple(mods)))
            i = j + len(key)
            continue
        key = _known(text, i, names)
        if key:
            out.append(Stroke(i, i + len(key), key))
            i += len(key)
            continue
        out.append(Stroke(i, i + 1, "space" if c == " " else c.lower()))
        i += 1
    return out


def _whole(text: str) -> Stroke:
    _, modifiers, _, _ = _data()
    mods, key = [], None
    for part in text.split("+"):
        word = part.strip()
        if not word:
            continue
        if word.lower() in modifiers:
            mods.append(_canonical(word.lower()))
            continue
        if key is not None:
            raise KeyError_(f'Invalid key "{text}": multiple key names are not supported')
        key = word
    if key is None:
        raise KeyError_(f'Invalid key "{text}": missing key name')
    return Stroke(0, len(text), key.lower(), tuple(mods))


def parse(text: str) -> list[tuple[int, str, list[Stroke]]]:
    """Every binding of a key string: (offset, binding text, its strokes). Raises
    ``KeyError_`` where OpenCode's parser throws."""
    return [(offset, binding, strokes(_alias(binding))) for offset, binding in bindings(text)]


def describe(stroke: Stroke) -> str:
    if stroke.token is not None:
        return f"<{stroke.token}>"
    return "+".join([*stroke.modifiers, stroke.name])


def is_function_key(name: str) -> bool:
    return re.fullmatch(r"f[0-9]{1,2}", name) is not None


def known_names() -> list[str]:
    names, modifiers, aliases, _ = _data()
    return sorted(set(names) | set(aliases))
