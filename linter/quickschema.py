"""A JSON Schema (2020-12) check compiled to plain closures, and its explanations.

Most documents are valid, and proving it should not cost what explaining an error costs:
jsonschema takes ~50 ms to import and builds an error object per node it visits. The
compiled check answers "valid or not" for the keywords this module knows; when the answer
is "not", ``Compiled.errors`` explains it: the errors jsonschema's ``iter_errors`` would
yield, in its order, with the attributes a caller reads (``validator``,
``validator_value``, ``schema``, ``absolute_path``, ``relative_schema_path``, ``context``,
``message``). It walks only into subtrees the check finds invalid.

``compile_schema`` returns None for a schema using anything it does not implement exactly
($dynamicRef, unevaluated*, contains, a remote $ref, another draft, ...): the caller then
always uses jsonschema, so the verdict never differs from jsonschema's. The tests hold both
the check and the explanations to jsonschema's, error for error.
"""

from __future__ import annotations

import re
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:     # annotations only: importing typing costs every run its time
    from typing import Any

Check = Callable[[object], bool]

# keywords that assert something and are not implemented here: jsonschema decides
_UNSUPPORTED = {"$dynamicRef", "$dynamicAnchor", "$anchor", "$recursiveRef", "$recursiveAnchor",
                "$vocabulary", "unevaluatedProperties", "unevaluatedItems", "contains", "minContains",
                "maxContains", "uniqueItems", "multipleOf", "dependentSchemas", "dependencies",
                "additionalItems"}
_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
}


class Unsupported(Exception):
    pass


def compile_schema(schema: Any) -> "Compiled | None":
    """The compiled schema (called with an instance, it tells whether the instance is
    valid), or None when the schema uses something this module does not implement."""
    if isinstance(schema, dict) and "$schema" in schema and "2020-12" not in str(schema["$schema"]):
        return None
    compiler = _Compiler(schema)
    try:
        check = compiler.compile(schema)
    except (Unsupported, KeyError, IndexError, TypeError, ValueError, re.error):
        return None
    return Compiled(check, compiler)


class Compiled:
    """A compiled schema: ``compiled(instance)`` is the yes/no check, ``errors(instance)``
    the explanation of a no."""

    __slots__ = ("check", "_compiler")

    def __init__(self, check: Check, compiler: "_Compiler"):
        self.check, self._compiler = check, compiler

    def __call__(self, instance) -> bool:
        return self.check(instance)

    def errors(self, instance) -> list["Error"]:
        """The errors jsonschema's ``iter_errors`` yields for ``instance``, in its order
        (where jsonschema's own order depends on the hash seed, that of the instance)."""
        return list(_Explainer(self._compiler).errors(instance, self._compiler.root, (), ()))


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def equal(a, b) -> bool:
    """JSON equality: 1 == 1.0, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b))
    if _is_number(a) and _is_number(b):
        return a == b
    return type(a) is type(b) and a == b


class _Compiler:
    def __init__(self, root):
        self.root = root
        self.done: dict[int, Check] = {}

    def compile(self, schema) -> Check:
        if schema is True or schema == {}:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported("schema is not an object")
        if id(schema) in self.done:
            return self.done[id(schema)]
        if "$id" in schema and schema is not self.root:
            raise Unsupported("$id in a subschema")
        slot: list[Check] = []
        self.done[id(schema)] = lambda v: slot[0](v)       # recursion through $ref
        checks = [c for c in (self._keyword(schema, key, value) for key, value in schema.items()) if c]
        if not checks:
            fn: Check = lambda v: True
        elif len(checks) == 1:
            fn = checks[0]
        else:
            def fn(v, checks=tuple(checks)):
                for check in checks:
                    if not check(v):
                        return False
                return True
        slot.append(fn)
        self.done[id(schema)] = fn
        return fn

    def _ref(self, ref: str):
        """The subschema a local JSON-pointer ``$ref`` names, resolved as `referencing`
        does (percent-decoded first, then split, empty segments kept); anything that would
        change the base URI on the way, or an anchor, is left to jsonschema."""
        if not ref.startswith("#"):
            raise Unsupported(f"remote $ref {ref}")
        pointer = ref[1:]
        if "%" in pointer:
            from urllib.parse import unquote
            pointer = unquote(pointer)
        if pointer and not pointer.startswith("/"):
            raise Unsupported(f"anchor $ref {ref}")
        target = self.root
        for part in pointer.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            target = target[int(part)] if isinstance(target, list) else target[part]
            if isinstance(target, dict) and "$id" in target:
                raise Unsupported("$ref into an embedded resource")
        return target

    def _keyword(self, schema: dict, key: str, value) -> Check | None:
        c = self.compile
        if key == "type":
            tests = [_TYPES[t] for t in (value if isinstance(value, list) else [value])]
            return tests[0] if len(tests) == 1 else (lambda v: any(t(v) for t in tests))
        if key == "$ref":
            return c(self._ref(value))
        if key == "enum":
            return lambda v: any(equal(v, option) for option in value)
        if key == "const":
            return lambda v: equal(v, value)
        if key == "pattern":
            regex = re.compile(value)
            return lambda v: not isinstance(v, str) or regex.search(v) is not None
        if key == "dependentRequired":
            return lambda v: not isinstance(v, dict) or all(
                all(d in v for d in needs) for k, needs in value.items() if k in v)
        if key == "required":
            return lambda v: not isinstance(v, dict) or all(k in v for k in value)
        if key == "properties":
            props = {k: c(s) for k, s in value.items()}
            if "additionalProperties" in schema:      # both in one pass over the members
                return self._members(schema, props)

            def properties(v):
                if isinstance(v, dict):
                    for k, x in v.items():
                        check = props.get(k)
                        if check is not None and not check(x):
                            return False
                return True
            return properties
        if key == "patternProperties":
            pats = [(re.compile(p), c(s)) for p, s in value.items()]
            return lambda v: not isinstance(v, dict) or all(
                f(x) for k, x in v.items() for p, f in pats if p.search(k))
        if key == "additionalProperties":
            return None if "properties" in schema else self._members(schema, {})
        if key == "propertyNames":
            names = c(value)
            return lambda v: not isinstance(v, dict) or all(names(k) for k in v)
        if key == "items":
            start, each = len(schema.get("prefixItems", ())), c(value)
            return lambda v: not isinstance(v, list) or all(each(x) for x in v[start:])
        if key == "prefixItems":
            firsts = [c(s) for s in value]
            return lambda v: not isinstance(v, list) or all(f(x) for f, x in zip(firsts, v))
        if key in ("allOf", "anyOf", "oneOf"):
            subs = [c(s) for s in value]
            if key == "allOf":
                return lambda v: all(s(v) for s in subs)
            if key == "anyOf":
                return lambda v: any(s(v) for s in subs)
            return lambda v: sum(1 for s in subs if s(v)) == 1
        if key == "not":
            sub = c(value)
            return lambda v: not sub(v)
        if key == "if":
            test, then, other = c(value), c(schema.get("then", True)), c(schema.get("else", True))
            return lambda v: then(v) if test(v) else other(v)
        if key in _BOUNDS:
            return _BOUNDS[key](value)
        if key in _UNSUPPORTED:
            raise Unsupported(key)
        return None     # an annotation ($comment, description, format, ...), or then/else read by `if`


    def _members(self, schema: dict, props: dict) -> Check:
        """`properties` and `additionalProperties` together: each member checked by its
        property's schema, or, when no property or pattern names it (as jsonschema decides
        what is additional: the patterns joined into one regex), by the additional one."""
        joined = "|".join(schema.get("patternProperties", {}))
        covered = re.compile(joined).search if joined else None
        extra = self.compile(schema["additionalProperties"])

        def members(v):
            if isinstance(v, dict):
                for k, x in v.items():
                    check = props.get(k)
                    if check is None:
                        if (covered is None or covered(k) is None) and not extra(x):
                            return False
                    elif not check(x):
                        return False
            return True
        return members


def _bound(kind, size, compare) -> Callable[[Any], Check]:
    def make(limit) -> Check:
        if not _is_number(limit):
            raise Unsupported("bound is not a number")
        return lambda v: not kind(v) or compare(size(v), limit)
    return make


# written as jsonschema fails them (`v < minimum`, ...), so NaN passes every bound there too
_BOUNDS = {
    "minimum": _bound(_is_number, lambda v: v, lambda a, b: not a < b),
    "maximum": _bound(_is_number, lambda v: v, lambda a, b: not a > b),
    "exclusiveMinimum": _bound(_is_number, lambda v: v, lambda a, b: not a <= b),
    "exclusiveMaximum": _bound(_is_number, lambda v: v, lambda a, b: not a >= b),
    "minLength": _bound(lambda v: isinstance(v, str), len, lambda a, b: a >= b),
    "maxLength": _bound(lambda v: isinstance(v, str), len, lambda a, b: a <= b),
    "minItems": _bound(lambda v: isinstance(v, list), len, lambda a, b: a >= b),
    "maxItems": _bound(lambda v: isinstance(v, list), len, lambda a, b: a <= b),
    "minProperties": _bound(lambda v: isinstance(v, dict), len, lambda a, b: a >= b),
    "maxProperties": _bound(lambda v: isinstance(v, dict), len, lambda a, b: a <= b),
}


# -- explaining a "not valid" ---------------------------------------------------------------


class Error:
    """One validation error, with the attributes of jsonschema's ``ValidationError`` that
    callers read. The message is built only when read (it may show a large instance)."""

    __slots__ = ("validator", "validator_value", "schema", "absolute_path", "relative_schema_path",
                 "context", "_message")

    def __init__(self, message, validator, value, schema, path: tuple, spath: tuple, context=()):
        self._message = message
        self.validator, self.validator_value, self.schema = validator, value, schema
        self.absolute_path, self.relative_schema_path, self.context = path, spath, list(context)

    @property
    def message(self) -> str:
        if callable(self._message):
            self._message = self._message()
        return self._message

    def __repr__(self) -> str:
        return f"<Error {self.validator} at {list(self.absolute_path)}: {self.message}>"


def _extras(names) -> str:
    return ", ".join(repr(n) for n in names) + (" was" if len(names) == 1 else " were")


class _Explainer:
    """Walks schema and instance as jsonschema's validator does, keyword by keyword in the
    schema's order, skipping every subtree the compiled check proves valid."""

    def __init__(self, compiler: "_Compiler"):
        self.compiler = compiler

    def valid(self, instance, schema) -> bool:
        return self.compiler.compile(schema)(instance)

    def errors(self, inst, schema, path: tuple, spath: tuple):
        if schema is True:
            return
        if schema is False:
            yield Error(lambda: f"False schema does not allow {inst!r}", None, None, schema, path, spath)
            return
        if self.valid(inst, schema):
            return
        for key, value in schema.items():
            explain = _KEYWORDS.get(key)
            if explain is not None:
                yield from explain(self, value, inst, schema, path,
                                   spath if key in ("if", "$ref") else spath + (key,))


def _e_type(x, value, inst, schema, path, spath):
    types = value if isinstance(value, list) else [value]
    if not any(_TYPES[t](inst) for t in types):
        yield Error(lambda: f"{inst!r} is not of type {', '.join(repr(t) for t in types)}",
                    "type", value, schema, path, spath)


def _e_properties(x, value, inst, schema, path, spath):
    if isinstance(inst, dict):
        for name, sub in value.items():
            if name in inst:
                yield from x.errors(inst[name], sub, path + (name,), spath + (name,))


def _e_pattern_properties(x, value, inst, schema, path, spath):
    if isinstance(inst, dict):
        for pattern, sub in value.items():
            for k, v in inst.items():
                if re.search(pattern, k):
                    yield from x.errors(v, sub, path + (k,), spath + (pattern,))


def _e_additional(x, value, inst, schema, path, spath):
    if not isinstance(inst, dict):
        return
    known = schema.get("properties", {})
    joined = "|".join(schema.get("patternProperties", {}))
    extras = [k for k in inst if k not in known and not (joined and re.search(joined, k))]
    if isinstance(value, dict):
        for k in extras:
            yield from x.errors(inst[k], value, path + (k,), spath)
    elif not value and extras:
        if "patternProperties" in schema:
            def message():
                verb = "does" if len(extras) == 1 else "do"
                patterns = ", ".join(repr(p) for p in sorted(schema["patternProperties"]))
                return f"{', '.join(repr(k) for k in sorted(extras))} {verb} not match any of the regexes: {patterns}"
        else:
            def message():
                return f"Additional properties are not allowed ({_extras(sorted(extras, key=str))} unexpected)"
        yield Error(message, "additionalProperties", value, schema, path, spath)


def _e_property_names(x, value, inst, schema, path, spath):
    if isinstance(inst, dict):
        for k in inst:
            yield from x.errors(k, value, path, spath)


def _e_items(x, value, inst, schema, path, spath):
    if not isinstance(inst, list):
        return
    prefix = len(schema.get("prefixItems", []))
    extra = len(inst) - prefix
    if extra <= 0:
        return
    if value is False:
        rest = inst[prefix:] if extra != 1 else inst[prefix]
        noun = "items" if prefix != 1 else "item"
        yield Error(lambda: f"Expected at most {prefix} {noun} but found {extra} extra: {rest!r}",
                    "items", value, schema, path, spath)
    else:
        for i in range(prefix, len(inst)):
            yield from x.errors(inst[i], value, path + (i,), spath)


def _e_prefix_items(x, value, inst, schema, path, spath):
    if isinstance(inst, list):
        for i, (item, sub) in enumerate(zip(inst, value)):
            yield from x.errors(item, sub, path + (i,), spath + (i,))


def _e_const(x, value, inst, schema, path, spath):
    if not equal(inst, value):
        yield Error(lambda: f"{value!r} was expected", "const", value, schema, path, spath)


def _e_enum(x, value, inst, schema, path, spath):
    if not any(equal(option, inst) for option in value):
        yield Error(lambda: f"{inst!r} is not one of {value!r}", "enum", value, schema, path, spath)


def _e_pattern(x, value, inst, schema, path, spath):
    if isinstance(inst, str) and not re.search(value, inst):
        yield Error(lambda: f"{inst!r} does not match {value!r}", "pattern", value, schema, path, spath)


def _e_required(x, value, inst, schema, path, spath):
    if isinstance(inst, dict):
        for name in value:
            if name not in inst:
                yield Error(lambda name=name: f"{name!r} is a required property", "required", value,
                            schema, path, spath)


def _e_dependent_required(x, value, inst, schema, path, spath):
    if isinstance(inst, dict):
        for name, needs in value.items():
            if name in inst:
                for each in needs:
                    if each not in inst:
                        yield Error(lambda each=each, name=name: f"{each!r} is a dependency of {name!r}",
                                    "dependentRequired", value, schema, path, spath)


def _e_all_of(x, value, inst, schema, path, spath):
    for i, sub in enumerate(value):
        yield from x.errors(inst, sub, path, spath + (i,))


def _e_any_of(x, value, inst, schema, path, spath):
    if any(x.valid(inst, sub) for sub in value):
        return
    context = [e for i, sub in enumerate(value) for e in x.errors(inst, sub, path, (i,))]
    yield Error(lambda: f"{inst!r} is not valid under any of the given schemas", "anyOf", value, schema,
                path, spath, context)


def _e_one_of(x, value, inst, schema, path, spath):
    valid = [i for i, sub in enumerate(value) if x.valid(inst, sub)]
    if not valid:
        context = [e for i, sub in enumerate(value) for e in x.errors(inst, sub, path, (i,))]
        yield Error(lambda: f"{inst!r} is not valid under any of the given schemas", "oneOf", value,
                    schema, path, spath, context)
    elif len(valid) > 1:
        each = [value[i] for i in valid[1:]] + [value[valid[0]]]
        yield Error(lambda: f"{inst!r} is valid under each of {', '.join(repr(s) for s in each)}", "oneOf",
                    value, schema, path, spath)


def _e_not(x, value, inst, schema, path, spath):
    if x.valid(inst, value):
        yield Error(lambda: f"{inst!r} should not be valid under {value!r}", "not", value, schema, path, spath)


def _e_if(x, value, inst, schema, path, spath):
    if x.valid(inst, value):
        if "then" in schema:
            yield from x.errors(inst, schema["then"], path, spath + ("then",))
    elif "else" in schema:
        yield from x.errors(inst, schema["else"], path, spath + ("else",))


def _e_ref(x, value, inst, schema, path, spath):
    yield from x.errors(inst, x.compiler._ref(value), path, spath)


def _bound_error(key, kind, size, fails, message):
    def explain(x, value, inst, schema, path, spath):
        if kind(inst) and fails(size(inst), value):
            yield Error(lambda: message(inst, value), key, value, schema, path, spath)
    return explain


_is_str = lambda v: isinstance(v, str)          # noqa: E731
_is_list = lambda v: isinstance(v, list)        # noqa: E731
_is_dict = lambda v: isinstance(v, dict)        # noqa: E731
_KEYWORDS = {
    "type": _e_type, "properties": _e_properties, "patternProperties": _e_pattern_properties,
    "additionalProperties": _e_additional, "propertyNames": _e_property_names, "items": _e_items,
    "prefixItems": _e_prefix_items, "const": _e_const, "enum": _e_enum, "pattern": _e_pattern,
    "required": _e_required, "dependentRequired": _e_dependent_required, "allOf": _e_all_of,
    "anyOf": _e_any_of, "oneOf": _e_one_of, "not": _e_not, "if": _e_if, "$ref": _e_ref,
    "minimum": _bound_error("minimum", _is_number, lambda v: v, lambda a, b: a < b,
                            lambda i, m: f"{i!r} is less than the minimum of {m!r}"),
    "maximum": _bound_error("maximum", _is_number, lambda v: v, lambda a, b: a > b,
                            lambda i, m: f"{i!r} is greater than the maximum of {m!r}"),
    "exclusiveMinimum": _bound_error("exclusiveMinimum", _is_number, lambda v: v, lambda a, b: a <= b,
                                     lambda i, m: f"{i!r} is less than or equal to the minimum of {m!r}"),
    "exclusiveMaximum": _bound_error("exclusiveMaximum", _is_number, lambda v: v, lambda a, b: a >= b,
                                     lambda i, m: f"{i!r} is greater than or equal to the maximum of {m!r}"),
    "minLength": _bound_error("minLength", _is_str, len, lambda a, b: a < b,
                              lambda i, m: f"{i!r} {'should be non-empty' if m == 1 else 'is too short'}"),
    "maxLength": _bound_error("maxLength", _is_str, len, lambda a, b: a > b,
                              lambda i, m: f"{i!r} {'is expected to be empty' if m == 0 else 'is too long'}"),
    "minItems": _bound_error("minItems", _is_list, len, lambda a, b: a < b,
                             lambda i, m: f"{i!r} {'should be non-empty' if m == 1 else 'is too short'}"),
    "maxItems": _bound_error("maxItems", _is_list, len, lambda a, b: a > b,
                             lambda i, m: f"{i!r} {'is expected to be empty' if m == 0 else 'is too long'}"),
    "minProperties": _bound_error("minProperties", _is_dict, len, lambda a, b: a < b,
                                  lambda i, m: f"{i!r} "
                                  f"{'should be non-empty' if m == 1 else 'does not have enough properties'}"),
    "maxProperties": _bound_error("maxProperties", _is_dict, len, lambda a, b: a > b,
                                  lambda i, m: f"{i!r} {'is expected to be empty' if m == 0 else 'has too many properties'}"),
}
