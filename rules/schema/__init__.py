"""OpenCode's config schema: loading it, validating a document once, and turning every
jsonschema error into a finding at the right span.

The bundled schema (``opencode.schema.json`` beside this file) is written from
opencode-facts.md. A newer one can be named by ``--schema`` or the ``schema`` setting: a
path, or a URL fetched with a short timeout and cached on disk; offline, the cached copy
or the bundled schema is used and the run says so once.

Without one, a config is checked against the schema of the OpenCode version in use
(``rules.versions``): OpenCode 2 gets ``opencode2.schema.json``; a 1.x release the bundled
schema less the keys that release does not have yet. ``source_of`` is the one place that
decides.
"""

from __future__ import annotations

from rules.i18n import N_, _
import json
import os
import re
import sys
from linter import precompiled
from linter.records import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

from linter.app import UsageError
from linter.jsonc import Member, Node

HERE = os.path.dirname(__file__)        # by os.path: pathlib costs every run its import
BUNDLED = os.path.join(HERE, "opencode.schema.json")
# the schema each document kind is validated against; `--schema` names the config's only
BUNDLED_KINDS = {"tui": "bundled:tui"}
FETCH_TIMEOUT = 3.0
TYPE_NAMES = {"object": N_("an object"), "array": N_("an array"), "string": N_("a string"),
              "integer": N_("an integer"), "number": N_("a number"), "boolean": N_("true or false"),
              "null": "null"}
_BOUNDS = {"minimum": N_("at least"), "exclusiveMinimum": N_("greater than"), "maximum": N_("at most"),
           "exclusiveMaximum": N_("less than"), "minItems": N_("an array with at least this many items:"),
           "minLength": N_("a string with at least this many characters:")}
_SUBSTITUTED = precompiled.regex(r"\{(?:env|file):[^}]*\}")


@dataclass
class Finding:
    kind: str              # unknown-key, invalid-type, invalid-value, missing-required
    target: Any            # a Node, a Member (its key) or a (start, end) span
    message: str
    path: tuple
    key: str | None = None           # unknown-key / missing-required: the key
    candidates: tuple = ()           # unknown-key: the (not deprecated) keys allowed there
    allowed: tuple = ()              # invalid-value: the allowed values, when an enum
    node: Node | None = None         # the node the error is about


class SchemaError(UsageError):
    """A --schema / `schema` setting that cannot be used: one line, exit 2."""


# -- loading ---------------------------------------------------------------------------

_LOADED: dict[str, Any] = {}


def cache_dir():
    from pathlib import Path
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "oclint"


def load(source: str | None) -> dict:
    """The schema named by ``source`` (None: the bundled one), loaded once per process."""
    key = source or ""
    if key not in _LOADED:
        schema = _read(source)
        if not isinstance(schema, dict):
            raise SchemaError(_("schema {source}: not a JSON Schema (it must be an object)").format(source=source))
        _LOADED[key] = schema
    return _LOADED[key]


def _read(source: str | None) -> dict:
    if source and source.startswith("version:"):
        return _as_of(source[8:])
    if not source or source.startswith("bundled:"):
        name = BUNDLED if not source else os.path.join(HERE, source[8:] + ".schema.json")
        with open(name, encoding="utf-8") as handle:
            return json.loads(handle.read())
    if re.match(r"https?://", source):
        return _fetch(source)
    from pathlib import Path
    try:
        return json.loads(Path(source).expanduser().read_text(encoding="utf-8"))
    except OSError as exc:
        raise SchemaError(_("schema {source}: {strerror}").format(source=source, strerror=exc.strerror or exc)) from None
    except ValueError as exc:
        raise SchemaError(_("schema {source}: not JSON ({exc})").format(source=source, exc=exc)) from None


def _fetch(url: str) -> dict:
    import hashlib
    import urllib.request
    from http.client import HTTPException
    import time

    cached = cache_dir() / ("schema-" + hashlib.sha256(url.encode()).hexdigest()[:16] + ".json")
    try:
        deadline = time.monotonic() + FETCH_TIMEOUT      # for the whole download, not per read
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:
            chunks = []
            while chunk := response.read1(65536):
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError(_("timed out"))
        data = b"".join(chunks)
        schema = json.loads(data)
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(data)
        except OSError:
            pass
        return schema
    except (OSError, ValueError, HTTPException) as exc:     # HTTPException: not HTTP, cut short
        reason = getattr(exc, "reason", None) or exc
        try:
            copy = json.loads(cached.read_bytes())
            sys.stderr.write(_("oclint: cannot fetch {url} ({reason}); using the cached copy\n").format(url=url, reason=reason))
            return copy
        except (OSError, ValueError):
            pass        # no cached copy, or a damaged one
        sys.stderr.write(_("oclint: cannot fetch {url} ({reason}); using the bundled schema\n").format(url=url, reason=reason))
        return load(None)


def source_of(ctx) -> str | None:
    """Which schema ``ctx.doc`` is checked against: its kind's bundled one; for config the
    run's (``--schema``, the ``schema`` setting: the user's choice wins over any version),
    else the one of the OpenCode version in use (``rules.versions``): ``bundled:opencode2``
    for OpenCode 2, ``version:<release>`` for the bundled schema as that 1.x release has it
    (None: the bundled one as it is, for the release it was written for)."""
    doc, options = ctx.doc, ctx.options
    chosen = BUNDLED_KINDS.get(doc.kind) or options.get("schema")
    if chosen or doc.kind != "config":
        return chosen
    from rules import versions
    version = versions.for_doc(ctx)
    if version.v2:
        return "bundled:opencode2"
    release = version.release
    if versions.schema_changes(release) or versions.schema_forms(release):
        return "version:" + versions.show(release)
    return None


def _as_of(release_text: str) -> dict:
    """The bundled schema without the keys a 1.x release did not have yet, and with the
    other forms it accepts (``schema-keys``, ``schema-forms`` in rules/data/versions.yaml)."""
    from rules import versions
    release = versions.parse_exact(release_text)
    # copied only along the paths it changes (a deep copy of the whole schema was a tenth of
    # a one-file run): the bundled schema stays as it is, the rest is shared with it
    out = dict(load(None))
    copied = {id(out)}

    def own(holder, key):
        value = holder[key]
        if id(value) not in copied:
            value = holder[key] = (dict(value) if isinstance(value, dict) else list(value))
            copied.add(id(value))
        return value

    def at(pointer: str):
        target = out
        for part in pointer.lstrip("#").split("/")[1:]:
            target = own(target, part)
        return target

    for change in versions.schema_changes(release):
        target = at(change["at"])
        if "properties" in target:
            own(target, "properties").pop(change["key"], None)
        if change["key"] in target.get("required", ()):
            target["required"] = [k for k in target["required"] if k != change["key"]]
    for form in versions.schema_forms(release):
        target = at(form["at"])
        original = dict(target)
        target.clear()
        target["anyOf"] = [original, form["also"]]
    return out


def validator(options, source: str | None = None) -> Any:
    """A jsonschema validator for the run's schema (or ``source``). References the schema
    does not bundle (such as models.dev's model list) resolve to an empty, permissive
    schema: no network."""
    source = source if source is not None else options.get("schema")
    key = "validator:" + (source or "")
    if key not in _LOADED:
        from jsonschema import validators
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        schema = load(source)

        def retrieve(uri: str):
            return Resource.from_contents({}, default_specification=DRAFT202012)

        cls = validators.validator_for(schema, default=validators.Draft202012Validator)
        if source and not source.startswith(("bundled:", "version:")):   # bundled ones: checked by the tests
            from jsonschema.exceptions import SchemaError as Invalid
            try:
                cls.check_schema(schema)
            except Invalid as exc:
                raise SchemaError(_("schema {source}: not a valid JSON Schema: {message}").format(source=source, message=exc.message)) from None
        _LOADED[key] = cls(schema, registry=Registry(retrieve=retrieve))
    return _LOADED[key]


# -- validation ------------------------------------------------------------------------


# The explanations of the bundled (or any quick-compiled) schema come from
# linter.quickschema, which yields jsonschema's errors without importing it; ORACLE makes
# every run ask jsonschema instead (the tests compare the two, finding for finding).
ORACLE = False


def _compiled(options, source: str | None = None):
    """The quick-compiled schema (the run's, or ``source``), or None when it uses what the
    quick check does not implement. A named schema is always checked by jsonschema first,
    so a broken one is still reported."""
    source = source if source is not None else options.get("schema")
    key = "quick:" + (source or "")
    if key not in _LOADED:
        from linter.quickschema import compile_schema

        if source and not source.startswith(("bundled:", "version:")):
            validator(options, source)
        _LOADED[key] = compile_schema(load(source))
    return _LOADED[key]


def _errors(value, options, source: str | None = None) -> list:
    """The schema errors of ``value``: none when the quick check proves it valid; else the
    quick explanation, or jsonschema's where the quick engine does not apply."""
    compiled = _compiled(options, source)
    try:
        if compiled is not None and compiled(value):
            return []
        if compiled is not None and not ORACLE:
            return compiled.errors(value)
    except RecursionError:      # a schema that refers to itself without end: jsonschema explains
        pass
    from referencing.exceptions import Unresolvable

    try:
        return list(validator(options, source).iter_errors(value))
    except (RecursionError, Unresolvable) as exc:    # a $ref loop, a $ref to nowhere
        source = source or options.get("schema") or "(bundled)"
        raise SchemaError(_("schema {source}: cannot be used: {type}: {exc}").format(source=source, type=type(exc).__name__, exc=str(exc)[:200])) from None


def findings(ctx) -> list[Finding]:
    """Every schema finding for ``ctx.doc``, computed once per document and run."""
    return ctx.once("schema-findings", lambda: _findings(ctx))


def _findings(ctx) -> list[Finding]:
    root = ctx.root
    out: list[Finding] = []
    source = source_of(ctx)
    if root is not None:
        for error in _errors(ctx.doc.value, ctx.options, source):
            out.extend(_classify(error, root))
    if ctx.doc.kind == "config":
        # a server in Claude/Cursor's shape is OC701's, once, not a finding per key
        from rules.mcp.shape import claimed
        out = [f for f in out if not claimed(root, f.path)]
        # OpenCode 2's `mcp.servers` block in a 1.x file is OC201's, once per key
        from rules import versions
        block = {("mcp", m.key) for m in versions.v2_mcp_block(root)} if out else set()
        if block and not versions.for_doc(ctx).v2:
            out = [f for f in out if tuple(f.path[:2]) not in block]
    return _dedupe(out)


def _dedupe(found: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in found:
        span = _span(f.target)
        ident = (f.kind, span, f.key)
        if ident not in seen:
            seen.add(ident)
            out.append(f)
    return out


def _span(target) -> tuple[int, int]:
    if isinstance(target, Member):
        return target.key_start, target.key_end
    if isinstance(target, Node):
        return target.start, target.end
    return tuple(target)


def _classify(error, root: Node):
    path = tuple(error.absolute_path)
    node = root.find(path)
    if node is None:
        return
    if _substituted(node):
        return      # OpenCode replaces {env:..} / {file:..} before it validates
    kind = error.validator
    if kind in ("additionalProperties", "unevaluatedProperties"):
        properties = error.schema.get("properties", {})
        allowed = tuple(properties)
        suggest = tuple(k for k, v in properties.items() if not (isinstance(v, dict) and v.get("deprecated")))
        pattern_keys = tuple(error.schema.get("patternProperties", {}))
        for member in node.members():
            if member.key in allowed or any(re.search(p, member.key) for p in pattern_keys):
                continue
            yield Finding("unknown-key", member, _("unknown key `{key}` in {path}").format(key=member.key, path=where(path)),
                          path + (member.key,), member.key, suggest, node=node)
    elif kind == "required":
        present = {m.key for m in node.members()}
        for key in error.validator_value:
            if key not in present:
                target = node.member if node.member is not None else (node.start, node.start + 1)
                yield Finding("missing-required", target,
                              _("{path} is missing the required key `{key}`").format(path=where(path), key=key), path, key, node=node)
    elif kind == "type":
        yield Finding("invalid-type", node, _("{path} must be {validator_value}, not {node}").format(path=where(path), validator_value=_types(error.validator_value), node=_json_type(node)), path, node=node)
    elif kind in ("anyOf", "oneOf"):
        yield from _one_of(error, root, node, path)
    elif kind in ("enum", "const"):
        allowed = tuple(error.validator_value) if kind == "enum" else (error.validator_value,)
        yield Finding("invalid-value", node, _("{path} is {node}; allowed: ").format(path=where(path), node=_show(node))
                                             + ", ".join(json.dumps(a) for a in allowed),
                      path, allowed=allowed, node=node)
    elif kind == "propertyNames":
        return
    elif kind in _BOUNDS:
        yield Finding("invalid-value", node, _("{path} is {node}; it must be {bound} "
                                               "{validator_value}").format(path=where(path), node=_show(node), bound=_(_BOUNDS[kind]), validator_value=error.validator_value), path, node=node)
    else:
        yield Finding("invalid-value", node, f"{where(path)}: {_plain(error.message)}", path, node=node)


def _one_of(error, root: Node, node: Node, path: tuple):
    """One readable finding for a failed anyOf/oneOf: from the branch that fits best."""
    branches: dict[int, list] = {}
    for sub in error.context or ():
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    if not branches:
        yield Finding("invalid-value", node, _("{path} matches more than one allowed form").format(path=where(path)),
                      path, node=node)
        return

    def misfit(subs) -> int:
        """How clearly a branch is not what the author meant: a wrong type or a wrong
        discriminating constant at the node itself rules it out."""
        score = 0
        for sub in subs:
            if tuple(sub.absolute_path) == path and sub.validator == "type":
                score += 100
            elif sub.validator in ("const", "enum") and len(sub.absolute_path) == len(path) + 1:
                score += 50
        return score

    ranked = sorted(branches.items(), key=lambda kv: (misfit(kv[1]), len(kv[1]), kv[0]))
    best_index, best = ranked[0]
    if misfit(best) >= 100:
        shapes = _shapes(error.validator_value)
        yield Finding("invalid-type", node, _("{path} must be {shapes}, not {node}").format(path=where(path), shapes=shapes, node=_json_type(node)),
                      path, node=node)
        return
    for sub in best:
        yield from _classify(sub, root)


def _shapes(branches: list) -> str:
    names = []
    for branch in branches:
        if not isinstance(branch, dict):
            continue
        if "const" in branch:
            names.append(json.dumps(branch["const"]))
        elif "enum" in branch:
            names.append(" | ".join(json.dumps(v) for v in branch["enum"]))
        elif "type" in branch:
            names.append(_types(branch["type"]))
        elif "$ref" in branch:
            names.append(branch["$ref"].rsplit("/", 1)[-1])
    unique = list(dict.fromkeys(names))
    return _(" or ").join(unique) if unique else _("one of the allowed forms")


def _substituted(node: Node) -> bool:
    return node.kind == "placeholder" or (node.kind == "string" and bool(_SUBSTITUTED.search(node.value)))


def _types(value) -> str:
    types = value if isinstance(value, list) else [value]
    return _(" or ").join(_(TYPE_NAMES[t]) if t in TYPE_NAMES else t for t in types)


def _json_type(node: Node) -> str:
    if node.kind == "number":
        return _("a number") if isinstance(node.value, float) else _("an integer")
    return {"string": _("a string"), "object": _("an object"), "array": _("an array"),
            "boolean": _("a boolean"), "null": "null"}.get(node.kind, node.kind)


def _show(node: Node) -> str:
    text = json.dumps(node.to_python(), ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _plain(message: str) -> str:
    return message.replace("'", "`") if len(message) < 160 else message[:157] + "..."


def where(path: tuple) -> str:
    """``provider.mixroute.models["gpt-5.1"].limit``: a path as a reader writes it."""
    if not path:
        return _("the config")
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif re.fullmatch(r"[A-Za-z_$][\w$-]*", step):
            out += ("." if out else "") + step
        else:
            out += f"[{json.dumps(step, ensure_ascii=False)}]"
    return f"`{out}`"
