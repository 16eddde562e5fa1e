"""Immutable records, made cheaply when their module is imported (issue 11).

``@frozen`` is ``@dataclass(frozen=True, slots=True)`` with the same behaviour (a ``__slots__``
class, ``__init__`` with defaults and ``default_factory``, assignment and deletion raising
:class:`dataclasses.FrozenInstanceError`, ``__eq__``/``__hash__``/``__repr__`` over the fields
their ``field()`` options select, ``__match_args__``, ``dataclasses.replace``/``fields``/
``asdict``, pickling and ``copy``) but compiles one function per class, its ``__init__``.
``__eq__`` compares the tuples of the compared fields, as dataclasses did up to Python 3.12
(3.13 compares field by field: two records holding the same NaN object differ there).

The standard decorator compiles six (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``), each with its own ``exec``: for the ~80 records a ``receive``
imports that took ~35 ms of the CLI's CPU at every start, more than any request. Here the
five methods that only read the fields are shared functions that read a per-class tuple of
field names, and ``__init__`` is compiled only for a class that is used: its first
:data:`COMPILE_AFTER` constructions bind their arguments in Python (a few microseconds each,
with the compiled function's checks and messages), then the compiled ``__init__`` replaces
that. Most records a command imports are made a few times or never, and the 74 compilations
of a ``receive`` cost ~7.5 ms of its CPU.

The class itself is made in one class creation, without ``dataclasses.dataclass``: its fields
are read from its annotations as dataclasses reads them (``ClassVar`` left out, ``field()``
options, a mutable default refused, no required field after a defaulted one) into the same
``Field`` objects under ``__dataclass_fields__``, so ``dataclasses.fields``, ``replace``,
``asdict`` and ``is_dataclass`` see a dataclass. The standard decorator's processing (a regular
expression per annotation, a second class for the slots, one ``setattr`` per method, each
updating the type's slots) cost the records of a ``receive`` ~4 ms more. It marks its fields
with ``dataclasses._FIELD``, as dataclasses does (Python 3.11 to 3.13; tests/test_frozen.py
compares every behaviour with the standard decorator's).

Not supported (a TypeError names it): ``InitVar``, ``KW_ONLY``/``kw_only``, ``__post_init__``,
and a class that defines ``__setattr__`` or ``__delattr__`` itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, field
from operator import attrgetter
from typing import Any, ClassVar, TypeVar, dataclass_transform

__all__ = ["COMPILE_AFTER", "frozen"]

_T = TypeVar("_T", bound=type)
_SELF = "__record_self__"

#: constructions of a class that bind in Python before its ``__init__`` is compiled
COMPILE_AFTER = 16


def _values_getter(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """A C-speed reader of the named fields as one tuple (``attrgetter`` gives a bare value
    for one name)."""
    if len(names) >= 2:
        return attrgetter(*names)
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda value: (one(value),)
    return lambda _value: ()


def _eq(self: Any, other: Any) -> object:
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared: Callable[[object], tuple[Any, ...]] = self.__class__.__record_compared__
    return bool(compared(self) == compared(other))


def _hash(self: Any) -> int:
    hashed: Callable[[object], tuple[Any, ...]] = self.__class__.__record_hashed__
    return hash(hashed(self))


def _repr(self: Any) -> str:
    shown: tuple[str, ...] = self.__record_shown__
    inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
    return f"{self.__class__.__qualname__}({inner})"


def _setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> tuple[Any, ...]:
    state: Callable[[object], tuple[Any, ...]] = self.__class__.__record_state__
    return state(self)


def _setstate(self: Any, state: tuple[Any, ...]) -> None:
    for name, value in zip(self.__record_names__, state, strict=True):
        object.__setattr__(self, name, value)


def _init(cls: type, fields: tuple[Field[Any], ...]) -> Callable[..., None]:
    """The class's ``__init__``, compiled (the one ``exec``): parameters in field order, a
    default or a factory where the field has one, every field set through ``object``."""
    scope: dict[str, object] = {"__set": object.__setattr__, "__missing": MISSING}
    params, body = [_SELF], []
    for f in fields:
        name = f.name
        if f.default is not MISSING:
            scope[f"__default_{name}"] = f.default
            value = name if f.init else f"__default_{name}"
            if f.init:
                params.append(f"{name}=__default_{name}")
        elif f.default_factory is not MISSING:
            scope[f"__factory_{name}"] = f.default_factory
            if f.init:
                params.append(f"{name}=__missing")
                value = f"__factory_{name}() if {name} is __missing else {name}"
            else:
                value = f"__factory_{name}()"
        elif f.init:
            params.append(name)
            value = name
        else:
            continue  # no value: the slot stays empty, as dataclasses leave it
        body.append(f"  __set({_SELF}, {name!r}, {value})")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or "  pass") + "\n"
    exec(source, scope)  # the source is built from field names only
    init: Callable[..., None] = scope["__init__"]  # type: ignore[assignment]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


def _binding_init(
    cls: type, fields: tuple[Field[Any], ...], made: list[type]
) -> Callable[..., None]:
    """An ``__init__`` that binds its arguments as the compiled one would (the same
    TypeErrors), and on its :data:`COMPILE_AFTER`-th call installs the compiled one on
    ``made[0]`` (the record class, made from ``cls`` after this)."""
    qualname = f"{cls.__qualname__}.__init__"
    params = tuple(f.name for f in fields if f.init)
    accepted = frozenset(params)
    required = frozenset(
        f.name for f in fields if f.init and f.default is MISSING and f.default_factory is MISSING
    )
    calls = 0

    def __init__(self: object, *args: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls >= COMPILE_AFTER:
            compiled = _init(cls, fields)
            type.__setattr__(made[0], "__init__", compiled)
            compiled(self, *args, **kwargs)
            return
        if len(args) > len(params):
            most = len(params) + 1
            least = sum(1 for name in params if name in required) + 1
            takes = f"from {least} to {most}" if least < most else f"{most}"
            plural = "s" if least < most or most != 1 else ""
            raise TypeError(
                f"{qualname}() takes {takes} positional argument{plural} "
                f"but {len(args) + 1} were given"
            )
        values = dict(zip(params, args, strict=False))
        for name, value in kwargs.items():
            if name not in accepted:
                raise TypeError(f"{qualname}() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{qualname}() got multiple values for argument {name!r}")
            values[name] = value
        missing = [name for name in params if name in required and name not in values]
        if missing:
            quoted = [repr(name) for name in missing]
            named = (
                " and ".join(quoted)
                if len(quoted) <= 2
                else ", ".join(quoted[:-1]) + f", and {quoted[-1]}"
            )
            argument = "arguments" if len(missing) > 1 else "argument"
            raise TypeError(
                f"{qualname}() missing {len(missing)} required positional {argument}: {named}"
            )
        for f in fields:
            name = f.name
            if name in values:
                object.__setattr__(self, name, values[name])
            elif f.default is not MISSING:
                object.__setattr__(self, name, f.default)
            elif f.default_factory is not MISSING:
                object.__setattr__(self, name, f.default_factory())

    __init__.__qualname__ = qualname
    __init__.__module__ = cls.__module__
    return __init__


def _is_special(annotation: object, kind: object, names: tuple[str, ...]) -> bool:
    """Whether ``annotation`` (a string under ``from __future__ import annotations``, or an
    object) is ``kind`` (``typing.ClassVar`` or ``dataclasses.InitVar``), bare or
    subscripted."""
    if isinstance(annotation, str):
        head = annotation.strip().split("[", 1)[0].strip()
        return head in names
    return (
        annotation is kind
        or getattr(annotation, "__origin__", None) is kind
        or (kind is dataclasses.InitVar and isinstance(annotation, dataclasses.InitVar))
    )


_CLASSVAR_NAMES = ("ClassVar", "typing.ClassVar", "t.ClassVar")
_INITVAR_NAMES = ("InitVar", "dataclasses.InitVar")


def _own_fields(cls: type) -> dict[str, Field[Any]]:
    """The fields ``cls`` declares (its annotations, ClassVars left out), as the standard
    decorator makes them. Raises TypeError (InitVar, kw_only) and ValueError (a mutable
    default) as it does."""
    own = cls.__dict__
    declared: dict[str, Field[Any]] = {}
    for name, annotation in own.get("__annotations__", {}).items():
        if _is_special(annotation, ClassVar, _CLASSVAR_NAMES):
            continue
        if _is_special(annotation, dataclasses.InitVar, _INITVAR_NAMES):
            raise TypeError(f"@frozen {cls.__qualname__}: InitVar and kw_only are not supported")
        default = own.get(name, MISSING)
        made: Field[Any] = default if isinstance(default, Field) else field(default=default)
        if made.kw_only is True:
            raise TypeError(f"@frozen {cls.__qualname__}: InitVar and kw_only are not supported")
        if made.default is not MISSING and made.default.__class__.__hash__ is None:
            raise ValueError(
                f"mutable default {type(made.default)} for field {name} is not allowed: "
                "use default_factory"
            )
        if made.default is not MISSING and made.default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        made.name = name
        made.type = annotation
        made.kw_only = False
        made._field_type = _FIELD  # type: ignore[attr-defined]
        declared[name] = made
    return declared


#: what ``dataclasses`` reads of a dataclass base (``__dataclass_params__``): a frozen one
_PARAMS = dataclasses.dataclass(frozen=True)(type("_Frozen", (), {})).__dataclass_params__  # type: ignore[attr-defined]
_FIELD = dataclasses._FIELD  # type: ignore[attr-defined]


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def frozen(cls: _T) -> _T:
    """``@dataclass(frozen=True, slots=True)``, made in one class creation, with its
    ``__init__`` compiled once the class is used (see the module). Raises TypeError for what
    it does not support, and what the standard decorator raises."""
    for name in ("__setattr__", "__delattr__", "__post_init__", "__slots__"):
        if name in cls.__dict__:
            raise TypeError(f"@frozen {cls.__qualname__} defines {name}")
    everything: dict[str, Field[Any]] = {}
    inherited_slots: set[str] = set()
    for base in reversed(cls.__mro__[1:]):
        everything.update(base.__dict__.get("__dataclass_fields__", {}))
        slots = base.__dict__.get("__slots__", ())
        inherited_slots.update((slots,) if isinstance(slots, str) else slots)
    declared = _own_fields(cls)
    everything.update(declared)
    fields = tuple(f for f in everything.values() if f._field_type is _FIELD)  # type: ignore[attr-defined]
    seen_default = False
    for f in fields:
        if not f.init:
            continue
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    names = tuple(f.name for f in fields)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    holder: list[type] = []
    namespace = {k: v for k, v in cls.__dict__.items() if k not in declared}
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace.update(
        {
            "__slots__": tuple(n for n in names if n not in inherited_slots),
            "__dataclass_fields__": everything,
            "__dataclass_params__": _PARAMS,
            "__record_names__": names,
            "__record_state__": _values_getter(names),
            "__record_compared__": _values_getter(tuple(f.name for f in fields if f.compare)),
            "__record_hashed__": _values_getter(hashed),
            "__record_shown__": tuple(f.name for f in fields if f.repr),
            "__init__": _binding_init(cls, fields, holder),
            "__setattr__": _setattr,
            "__delattr__": _delattr,
            "__getstate__": _getstate,
            "__setstate__": _setstate,
        }
    )
    namespace.setdefault("__match_args__", tuple(f.name for f in fields if f.init))
    if "__repr__" not in cls.__dict__:
        namespace["__repr__"] = _repr
    if "__eq__" not in cls.__dict__:
        namespace["__eq__"] = _eq
    if cls.__dict__.get("__hash__") is None:  # none, or None after an own __eq__
        namespace["__hash__"] = _hash
    made: Any = type(cls)(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    holder.append(made)
    made_class: _T = made
    return made_class
