"""`dataclass`, as the standard library's, without compiling at every start.

The standard decorator writes each method's source and exec()s it: the 47 classes a run defines cost some
85 M instructions of compiling, a sixth of a one-file run, mostly for methods that run seldom or never. Here
`__repr__`, `__eq__` and `__hash__` are closures over the fields' names that give what the generated ones
give (the same text, the same comparison of tuples, the same hash of a tuple: set and dict order unchanged),
and the source the standard decorator still writes (`__init__`, a frozen class's `__setattr__`) is compiled
once: its code is kept in the start-up cache, keyed by the source, for the bytecode version that compiled it.
"""

from __future__ import annotations

import atexit
import dataclasses
import sys
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from operator import attrgetter
from reprlib import recursive_repr
from types import CodeType
from typing import Any, dataclass_transform

from rectlint import startcache

_NAME = f"dataclass-code-{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}.marshal"
_MAX_ENTRIES = 500  # classes that change leave entries behind: past this many, only this run's are kept
_codes: dict[str, CodeType] | None = None
_used: set[str] = set()
_changed = False


def _exec(source: str, globals: dict | None = None, locals: dict | None = None) -> None:
    """exec() as dataclasses calls it, from the stored code of the source when there is some."""
    global _codes, _changed
    if not isinstance(source, str):
        return exec(source, globals, locals)
    if _codes is None:
        stored = startcache.load(_NAME, private=True)
        _codes = stored if isinstance(stored, dict) else {}
        atexit.register(_save)
    code = _codes.get(source)
    if not isinstance(code, CodeType):
        code = _codes[source] = compile(source, "<string>", "exec")
        _changed = True
    _used.add(source)
    exec(code, globals, locals)


def _save() -> None:
    if _changed and _codes is not None:
        startcache.store(_NAME, _codes if len(_codes) <= _MAX_ENTRIES else {s: _codes[s] for s in _used}, private=True)


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """The tuple of an object's values of these attributes, as the generated methods build it."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _eq(names: tuple[str, ...]) -> Callable[[Any, object], Any]:
    """The standard __eq__ of these fields: before Python 3.13 it compares their tuples (where a value is equal to
    itself, NaN included), from 3.13 on it tests `self is other`, then each field with == in turn."""
    if sys.version_info < (3, 13):
        compared = _key(names)

        def __eq__(self: Any, other: object) -> Any:
            if other.__class__ is self.__class__:
                return compared(self) == compared(other)
            return NotImplemented

        return __eq__
    getters = [attrgetter(name) for name in names]

    def __eq__(self: Any, other: object) -> Any:
        if self is other:
            return True
        if other.__class__ is self.__class__:
            result: Any = True
            for get in getters:  # `a == b and c == d`: the first false value, else the last
                if not (result := get(self) == get(other)):
                    return result
            return result
        return NotImplemented

    return __eq__


def _methods(cls: type, eq: bool, frozen: bool, unsafe_hash: bool, explicit_hash: bool, repr: bool) -> None:
    fields = dataclasses.fields(cls)
    own = cls.__dict__
    if repr and "__repr__" not in own:
        shown = [(f.name, attrgetter(f.name)) for f in fields if f.repr]

        @recursive_repr()
        def __repr__(self) -> str:
            return f"{self.__class__.__qualname__}({', '.join(f'{n}={get(self)!r}' for n, get in shown)})"

        cls.__repr__ = __repr__  # type: ignore[method-assign]
    if eq and "__eq__" not in own:
        cls.__eq__ = _eq(tuple(f.name for f in fields if f.compare))  # type: ignore[method-assign]
    if unsafe_hash or (eq and frozen and not explicit_hash):
        hashed = _key(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))
        cls.__hash__ = lambda self: hash(hashed(self))  # type: ignore[method-assign]
    elif eq and not frozen and not explicit_hash:
        cls.__hash__ = None  # type: ignore[assignment]


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def dataclass(cls: type | None = None, /, *, repr: bool = True, eq: bool = True, frozen: bool = False,
              unsafe_hash: bool = False, **options: Any) -> Any:
    """dataclasses.dataclass (any of its options); `order` is left to it whole, as are its errors."""

    def wrap(cls: type) -> type:
        own_hash = cls.__dict__.get("__hash__", dataclasses.MISSING)
        explicit_hash = not (own_hash is dataclasses.MISSING or (own_hash is None and "__eq__" in cls.__dict__))
        if options.get("order") or (unsafe_hash and explicit_hash):
            return dataclasses.dataclass(cls, repr=repr, eq=eq, frozen=frozen, unsafe_hash=unsafe_hash, **options)
        dataclasses.exec = _exec  # type: ignore[attr-defined]  # the decorator's one call of exec, for this class
        try:
            made = dataclasses.dataclass(cls, repr=False, eq=False, frozen=frozen, **options)
        finally:
            vars(dataclasses).pop("exec", None)
        _methods(made, eq, frozen, unsafe_hash, explicit_hash, repr)
        return made

    return wrap if cls is None else wrap(cls)
