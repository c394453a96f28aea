"""A yes/no JSON Schema (2020-12) check compiled to plain closures.

Most documents are valid, and proving it should not cost what explaining an error costs:
jsonschema takes ~50 ms to import and builds an error object per node it visits. This
module answers only "valid or not", for the keywords it knows, at a fraction of the cost;
a caller asks jsonschema for the errors when the answer is "not".

``compile_schema`` returns None for a schema using anything it does not implement exactly
($dynamicRef, unevaluated*, contains, a remote $ref, another draft, ...): the caller then
always uses jsonschema, so the verdict never differs from jsonschema's.
"""

from __future__ import annotations

import re
from typing import Any, Callable
from urllib.parse import unquote

Check = Callable[[Any], bool]

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


def compile_schema(schema: Any) -> Check | None:
    """A function telling whether an instance is valid, or None when the schema uses
    something this module does not implement."""
    if isinstance(schema, dict) and "$schema" in schema and "2020-12" not in str(schema["$schema"]):
        return None
    try:
        return _Compiler(schema).compile(schema)
    except (Unsupported, KeyError, IndexError, TypeError, ValueError, re.error):
        return None


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
        pointer = unquote(ref[1:])
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
            known = set(schema.get("properties", {}))
            # as jsonschema decides what is additional: the patterns joined into one regex
            joined = "|".join(schema.get("patternProperties", {}))
            covered = re.compile(joined).search if joined else (lambda k: None)
            extra = c(value)

            def additional(v):
                if isinstance(v, dict):
                    for k, x in v.items():
                        if k not in known and covered(k) is None and not extra(x):
                            return False
                return True
            return additional
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
