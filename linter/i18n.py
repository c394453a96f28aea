"""Which language oclint speaks, and its message catalogs (standard gettext).

The locale is ``--locale``, else the ``locale`` setting, else the first of ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` that is set (``zh_CN.UTF-8``, ``zh-CN``, ``zh_Hans``, ``zh``:
Simplified Chinese; anything else: English), else English. ``use`` sets it for the run;
code asks for text only through a catalog: ``_("...")`` for a message, ``N_("...")`` to mark
a constant that is translated where it is used (``_(HELP)``), ``ngettext`` when a number
decides the form. A message with values is a template with named placeholders, translated
first and formatted after: ``_("unknown rule `{code}`").format(code=code)``.

A package's catalog is ``<package>/locale/<locale>/messages.po`` (its template,
``<package>/locale/messages.pot``, is regenerated from the code by
``python -m linter.i18n extract``). The .po is read by a small reader, compiled to .mo in
memory and loaded with ``gettext.GNUTranslations``; in English neither gettext nor a
catalog is ever loaded: the marked text is the English text.
"""

from __future__ import annotations

import os

ENGLISH, CHINESE = "en", "zh-CN"
LOCALES = (ENGLISH, CHINESE)
ENV_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_current = ENGLISH


def normalize(value) -> str | None:
    """The oclint locale a locale name stands for (`zh_CN.UTF-8`, `zh-Hans`, `zh`: zh-CN;
    `en_US`, `C`, `POSIX`: en), or None when oclint does not speak it."""
    if not isinstance(value, str):
        return None
    name = value.strip().split(".", 1)[0].split("@", 1)[0].replace("_", "-").lower()
    if name in ("", "c", "posix") or name == "en" or name.startswith("en-"):
        return ENGLISH
    parts = name.split("-")
    if parts[0] != "zh":
        return None
    rest = parts[1:]
    if not rest or rest[0] in ("cn", "sg", "my", "hans"):
        return CHINESE if not any(p in ("hant", "tw", "hk", "mo") for p in rest) else None
    return None


def from_env(environ=None) -> str:
    """The locale the environment asks for: the first of LC_ALL, LC_MESSAGES and LANG that
    is set and not empty (as POSIX reads them); English when it names another language."""
    environ = os.environ if environ is None else environ
    for name in ENV_VARIABLES:
        value = environ.get(name)
        if value:
            return normalize(value) or ENGLISH
    return ENGLISH


def check(value) -> str | None:
    """What is wrong with ``value`` as a ``--locale`` or a ``locale`` setting, if anything."""
    if normalize(value) is None:
        return _("must be one of {locales} (or a name such as zh_CN.UTF-8)").format(locales=", ".join(LOCALES))
    return None


def resolve(flag=None, setting=None, environ=None) -> str:
    """The locale of a run: the flag, else the setting, else the environment (each already
    checked; an unusable one is skipped)."""
    for value in (flag, setting):
        if value is not None and normalize(value) is not None:
            return normalize(value)
    return from_env(environ)


def use(locale: str) -> None:
    """Speak ``locale`` from now on."""
    global _current
    _current = locale if locale in LOCALES else ENGLISH


def current() -> str:
    return _current


def N_(message: str) -> str:
    """Mark ``message`` for the catalog; it is translated where it is used."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural form for the catalog (translated by ``ngettext``)."""
    return singular, plural


class Catalog:
    """A package's messages: ``<folder>/locale/<locale>/messages.po``. ``sources``: where the
    extractor finds them (Python files under ``folder``, and ``yaml``: data files and the
    keys whose values are messages)."""

    def __init__(self, folder: str, yaml: dict | None = None):
        self.folder = folder
        self.yaml = yaml or {}
        self._loaded: dict = {}

    def po_path(self, locale: str) -> str:
        return os.path.join(self.folder, "locale", locale, "messages.po")

    def pot_path(self) -> str:
        return os.path.join(self.folder, "locale", "messages.pot")

    def translations(self, locale: str):
        found = self._loaded.get(locale)
        if found is None:
            found = self._loaded[locale] = _load(self.po_path(locale))
        return found

    def gettext(self, message: str) -> str:
        if _current == ENGLISH:
            return message
        return self.translations(_current).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if _current == ENGLISH:
            return singular if n == 1 else plural
        return self.translations(_current).ngettext(singular, plural, n)


def _load(path: str):
    import gettext
    import io
    try:
        with open(path, encoding="utf-8") as handle:
            entries = read_po(handle.read())
    except FileNotFoundError:
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(compile_mo(entries)))


# -- .po files -------------------------------------------------------------------------

class Entry:
    """One catalog entry: msgid (and msgid_plural), its translation(s), comments, flags."""

    __slots__ = ("msgid", "plural", "strings", "comments", "references", "flags", "line")

    def __init__(self, msgid="", plural=None, strings=None, comments=(), references=(), flags=(), line=0):
        self.msgid, self.plural = msgid, plural
        self.strings = strings if strings is not None else {}     # index -> msgstr (0 alone without a plural)
        self.comments, self.references, self.flags = list(comments), list(references), list(flags)
        self.line = line

    @property
    def translated(self) -> bool:
        return bool(self.strings) and all(self.strings.values()) and "fuzzy" not in self.flags


class POError(ValueError):
    pass


def _unquote(text: str, line: int) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise POError(f"line {line}: expected a quoted string")
    out, i, body = [], 0, text[1:-1]
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            if i + 1 >= len(body) or body[i + 1] not in escapes:
                raise POError(f"line {line}: bad escape in a string")
            out.append(escapes[body[i + 1]])
            i += 2
            continue
        if ch == '"':
            raise POError(f"line {line}: an unescaped quote inside a string")
        out.append(ch)
        i += 1
    return "".join(out)


def read_po(text: str) -> list[Entry]:
    """The entries of a .po file (the header, msgid "", included)."""
    entries: list[Entry] = []
    entry, field, index = None, None, 0

    def finish():
        nonlocal entry
        if entry is not None:
            entries.append(entry)
        entry = None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
            field = None
            continue
        if line.startswith("#"):
            if entry is not None and field is not None:
                finish()
                field = None
            if entry is None:
                entry = Entry(line=number)
            if line.startswith("#,"):
                entry.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
            elif line.startswith("#:"):
                entry.references += line[2:].split()
            elif line.startswith("#."):
                entry.comments.append(line[2:].strip())
            continue
        keyword, _sep, rest = line.partition(" ")
        if line.startswith('"'):
            if entry is None or field is None:
                raise POError(f"line {number}: a string continues nothing")
            value = _unquote(line, number)
            if field == "msgid":
                entry.msgid += value
            elif field == "msgid_plural":
                entry.plural += value
            else:
                entry.strings[index] += value
            continue
        if keyword == "msgid":
            if entry is not None and field is not None:
                finish()
            if entry is None:
                entry = Entry(line=number)
            entry.msgid, field = _unquote(rest, number), "msgid"
        elif keyword == "msgid_plural":
            if entry is None or field != "msgid":
                raise POError(f"line {number}: msgid_plural without a msgid")
            entry.plural, field = _unquote(rest, number), "msgid_plural"
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            if entry is None or field is None:
                raise POError(f"line {number}: msgstr without a msgid")
            index = 0 if keyword == "msgstr" else int(keyword[7:-1])
            entry.strings[index] = _unquote(rest, number)
            field = "msgstr"
        else:
            raise POError(f"line {number}: unknown keyword {keyword!r}")
    finish()
    return entries


def _quote(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    if "\n" not in body.rstrip("\n") and len(body) < 70:
        return '"' + body.replace("\n", "\\n") + '"'
    lines = body.split("\n")
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{p}"' for p in parts)


def write_po(entries: list[Entry]) -> str:
    out = []
    for entry in entries:
        lines = [f"#. {c}" for c in entry.comments]
        if entry.references:
            lines.append("#: " + " ".join(entry.references))
        if entry.flags:
            lines.append("#, " + ", ".join(entry.flags))
        lines.append("msgid " + _quote(entry.msgid))
        if entry.plural is not None:
            lines.append("msgid_plural " + _quote(entry.plural))
            for i in sorted(entry.strings) or [0]:
                lines.append(f"msgstr[{i}] " + _quote(entry.strings.get(i, "")))
        else:
            lines.append("msgstr " + _quote(entry.strings.get(0, "")))
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def compile_mo(entries: list[Entry]) -> bytes:
    """The .mo file (GNU gettext's binary catalog) of the translated entries."""
    import struct
    pairs = {}
    for entry in entries:
        if entry.msgid == "":
            pairs[b""] = entry.strings.get(0, "").encode("utf-8")
        elif entry.translated:
            key = entry.msgid if entry.plural is None else entry.msgid + "\0" + entry.plural
            value = "\0".join(entry.strings[i] for i in sorted(entry.strings))
            pairs[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(pairs)
    ids, strs = b"", b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(pairs[key])))
        ids += key + b"\0"
        strs += pairs[key] + b"\0"
    start = 7 * 4 + 16 * len(keys)
    table_ids, table_strs = [], []
    for id_at, id_len, str_at, str_len in offsets:
        table_ids += [id_len, start + id_at]
        table_strs += [str_len, start + len(ids) + str_at]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return header + struct.pack(f"{len(table_ids)}i", *table_ids) + \
        struct.pack(f"{len(table_strs)}i", *table_strs) + ids + strs


def placeholders(text: str) -> list:
    """The placeholders of a template, sorted: (name, conversion, format spec); for a text
    that is not a valid template, its brace groups as written."""
    import string
    try:
        found = [(name, conversion or "", spec or "") for _lit, name, spec, conversion
                 in string.Formatter().parse(text) if name is not None]
    except ValueError:
        import re
        return sorted(re.findall(r"\{[^{}]*\}", text))
    return sorted(found)


# -- extraction --------------------------------------------------------------------------

MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "Nn_": 2}


class ExtractError(ValueError):
    pass


def extract_python(path: str, relative: str) -> list[tuple]:
    """(msgid, msgid_plural, reference, formatted) for each marked message in a Python file
    (formatted: the marker's result is formatted at once, ``_("...").format(...)``). A marker
    whose argument is not a plain string (an f-string, a name) is an error, and so is a
    function that assigns ``_`` while the module translates with it."""
    import ast
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    found = []
    uses_marker = False
    formatted_calls = {id(node.func.value) for node in ast.walk(tree) if isinstance(node, ast.Call)
                       and isinstance(node.func, ast.Attribute) and node.func.attr == "format"}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else None
        if name not in MARKERS:
            continue
        uses_marker = uses_marker or name == "_"
        count = MARKERS[name]
        args = node.args[:count]
        if len(args) < count or any(isinstance(a, (ast.JoinedStr, ast.BinOp)) for a in args) or \
                name != "_" and not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
            raise ExtractError(f"{relative}:{node.lineno}: {name}() needs a plain string literal "
                               "(a template with named placeholders, formatted after translation)")
        if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
            continue        # _(CONSTANT): a message marked with N_() where it is written
        formatted = id(node) in formatted_calls
        for arg in args if formatted else ():
            for ph in placeholders(arg.value):
                if isinstance(ph, tuple) and (ph[0] == "" or ph[0].isdigit()):
                    raise ExtractError(f"{relative}:{node.lineno}: placeholders must be named: {arg.value!r}")
        found.append((args[0].value, args[1].value if count == 2 else None, f"{relative}:{node.lineno}",
                      formatted))
    if uses_marker:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in _own_nodes(node):
                    if isinstance(sub, ast.Name) and sub.id == "_" and isinstance(sub.ctx, ast.Store):
                        raise ExtractError(f"{relative}:{sub.lineno}: `_` is assigned here, which hides the "
                                           "translation function in this function; use another name")
    return found


def _own_nodes(function):
    """The nodes of a function's own scope: not those of the functions, lambdas and
    comprehensions inside it, which have scopes of their own."""
    import ast
    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
              ast.GeneratorExp, ast.ClassDef)
    todo = list(ast.iter_child_nodes(function))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, scopes):
            todo.extend(ast.iter_child_nodes(node))


def extract_yaml(path: str, relative: str, keys) -> list[tuple]:
    from ruamel.yaml import YAML
    with open(path, encoding="utf-8") as handle:
        data = YAML(typ="safe").load(handle)
    found = []

    def walk(value, where):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in keys and isinstance(item, str):
                    found.append((item, None, f"{relative}:{where}.{key}", False))
                else:
                    walk(item, f"{where}.{key}" if where else str(key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]")
    walk(data, "")
    return found


def extract(catalog: Catalog) -> list[Entry]:
    """The template entries of ``catalog``'s package, from its code and data files."""
    base = os.path.dirname(catalog.folder)
    messages: dict[tuple[str, str | None], Entry] = {}
    sources = []
    for folder, dirs, names in os.walk(catalog.folder):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "locale"))
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                sources += extract_python(path, os.path.relpath(path, base).replace(os.sep, "/"))
    for relative_path, keys in sorted(catalog.yaml.items()):
        path = os.path.join(catalog.folder, relative_path)
        sources += extract_yaml(path, os.path.relpath(path, base).replace(os.sep, "/"), keys)
    for msgid, plural, reference, formatted in sources:
        if msgid == "":
            raise ExtractError(f"{reference}: an empty message")
        entry = messages.setdefault((msgid, plural), Entry(msgid, plural))
        entry.references.append(reference)
        if formatted and "python-brace-format" not in entry.flags:
            entry.flags.append("python-brace-format")
    header = Entry("", strings={0: "Content-Type: text/plain; charset=UTF-8\n"})
    return [header, *sorted(messages.values(), key=lambda e: (e.msgid, e.plural or ""))]


def pot_text(catalog: Catalog) -> str:
    return write_po(extract(catalog))


def update_po(catalog: Catalog, locale: str) -> str:
    """``locale``'s catalog merged with the template: translations kept, new messages
    added untranslated, entries no message matches any longer left out."""
    old = {}
    path = catalog.po_path(locale)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            old = {(e.msgid, e.plural): e for e in read_po(handle.read())}
    entries = []
    for entry in extract(catalog):
        kept = old.get((entry.msgid, entry.plural))
        if entry.msgid == "":
            entry.strings = {0: PO_HEADERS.get(locale, entry.strings[0])}
        elif kept is not None:
            entry.strings = kept.strings
            entry.flags += [f for f in kept.flags if f not in entry.flags and f != "python-brace-format"]
        elif entry.plural is not None:
            entry.strings = {0: ""}
        entries.append(entry)
    return write_po(entries)


PO_HEADERS = {CHINESE: "Language: zh_CN\nContent-Type: text/plain; charset=UTF-8\n"
              "Plural-Forms: nplurals=1; plural=0;\n"}


def catalogs(packages) -> list[Catalog]:
    import importlib
    found = []
    for package in packages:
        module = importlib.import_module(f"{package}.i18n")
        found.append(module.CATALOG)
    return found


def main(argv=None) -> int:
    """``python -m linter.i18n extract|update [PACKAGE ...]``: rewrite each package's
    messages.pot from its code (extract), or also merge it into each locale's .po (update)."""
    import sys
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("extract", "update"):
        sys.stderr.write("usage: python -m linter.i18n extract|update [PACKAGE ...]\n")
        return 2
    command, packages = args[0], args[1:] or ["linter", "rules"]
    for catalog in catalogs(packages):
        text = pot_text(catalog)
        os.makedirs(os.path.dirname(catalog.pot_path()), exist_ok=True)
        with open(catalog.pot_path(), "w", encoding="utf-8") as handle:
            handle.write(text)
        if command == "update":
            for locale in LOCALES[1:]:
                os.makedirs(os.path.dirname(catalog.po_path(locale)), exist_ok=True)
                merged = update_po(catalog, locale)
                with open(catalog.po_path(locale), "w", encoding="utf-8") as handle:
                    handle.write(merged)
    return 0


CATALOG = Catalog(os.path.dirname(os.path.abspath(__file__)))
_ = CATALOG.gettext
ngettext = CATALOG.ngettext


if __name__ == "__main__":
    raise SystemExit(main())
