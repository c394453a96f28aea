"""``record``: the part of ``dataclasses.dataclass`` oclint uses, without its import.

Importing ``dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis``, ``tokenize``
and more): about half the time the interpreter takes to start, on every run. A record
class gets what a dataclass with the same options gets: ``__init__`` (fields in order,
defaults and ``field(default_factory=...)``), ``__repr__`` (cycles shown as ``...``),
``__eq__`` and ``__hash__`` by dataclasses' rules (``eq``, ``frozen``; ``field(repr=False,
compare=False)``), ``__slots__`` with ``slots=True``, and pickling (a frozen record by its
fields). tests/test_records.py holds it to dataclasses, class for class.
"""

from __future__ import annotations

from linter import precompiled

_MISSING = object()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record."""


class Field:
    __slots__ = ("default", "default_factory", "repr", "compare")

    def __init__(self, default=_MISSING, default_factory=_MISSING, repr=True, compare=True):
        self.default, self.default_factory = default, default_factory
        self.repr, self.compare = repr, compare


def field(*, default=_MISSING, default_factory=_MISSING, repr: bool = True, compare: bool = True) -> Field:
    return Field(default, default_factory, repr, compare)


def record(cls=None, /, *, eq: bool = True, frozen: bool = False, slots: bool = False):
    """Decorate a class with annotated fields, as ``@dataclass`` would."""
    def wrap(cls):
        return _build(cls, eq, frozen, slots)
    return wrap if cls is None else wrap(cls)


dataclass = record      # a drop-in: ``from linter.records import dataclass, field``


def _is_classvar(annotation) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _build(cls, eq: bool, frozen: bool, slots: bool):
    inherited: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        inherited.update(getattr(base, "__record_fields__", {}))
    own: dict[str, Field] = {}
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            continue
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, Field) else Field(value)
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(f.default).__name__} for field {name} "
                             "is not allowed: use default_factory")
        own[name] = f
    fields = {**inherited, **own}
    names = tuple(fields)

    namespace = {"_MISSING": _MISSING, "_set": object.__setattr__}
    params, body = [], []
    seen_default = False
    for name, f in fields.items():
        if f.default_factory is not _MISSING:
            namespace[f"_factory_{name}"] = f.default_factory
            params.append(f"{name}=_MISSING")
            value = f"_factory_{name}() if {name} is _MISSING else {name}"
            seen_default = True
        elif f.default is not _MISSING:
            namespace[f"_default_{name}"] = f.default
            params.append(f"{name}=_default_{name}")
            value = name
            seen_default = True
        else:
            if seen_default:
                raise TypeError(f"non-default argument {name!r} follows default argument")
            params.append(name)
            value = name
        body.append(f"    _set(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    if not params:
        source = "def __init__(self):\n    pass\n"
    exec(precompiled.code(source, f"<record {cls.__qualname__}>"), namespace)  # compiled once per machine
    shown = tuple(n for n, f in fields.items() if f.repr)
    compared = tuple(n for n, f in fields.items() if f.compare)
    methods = {"__init__": namespace["__init__"], "__repr__": _repr(shown),
               "__record_fields__": fields, "__match_args__": names}
    if eq:
        methods["__eq__"] = _eq(compared)
        if "__hash__" not in cls.__dict__:
            methods["__hash__"] = _hash(compared) if frozen else None
    if slots:
        body = {k: v for k, v in cls.__dict__.items() if k not in own and k not in ("__dict__", "__weakref__")}
        body["__slots__"] = tuple(own)
        new = type(cls)(cls.__name__, cls.__bases__, body)
        new.__qualname__ = cls.__qualname__
        cls = new
    for key, value in methods.items():
        setattr(cls, key, value)
    if frozen:
        cls.__setattr__ = _frozen_setattr(cls, names)
        cls.__delattr__ = _frozen_delattr(cls, names)
        cls.__reduce__ = _reduce(names)     # pickled by its fields: unpickling may not assign
    return cls


def _reduce(names):
    def __reduce__(self):
        return self.__class__, tuple(getattr(self, n) for n in names)
    return __reduce__


_REPRS: set = set()     # ids of the records being shown, to stop at a cycle


def _repr(names):
    def __repr__(self):
        key = id(self)
        if key in _REPRS:
            return "..."
        _REPRS.add(key)
        try:
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        finally:
            _REPRS.discard(key)
        return f"{self.__class__.__qualname__}({shown})"
    return __repr__


def _eq(names):
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)
        return NotImplemented
    return __eq__


def _hash(names):
    def __hash__(self):
        return hash(tuple(getattr(self, n) for n in names))
    return __hash__


def _frozen_setattr(cls, names):
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)
    return __setattr__


def _frozen_delattr(cls, names):
    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)
    return __delattr__
