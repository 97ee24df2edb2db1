"""The tree, facts and diagnostics hold values of their declared types (pydantic checks every field)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import cache
from typing import get_type_hints

import pytest
from pydantic import TypeAdapter

from conftest import EXAMPLES
from helpers import doc_of, lint
from rectlint.diagnostics import Fix
from rectlint.facts import Timeline
from rectlint.model import Paragraph, Span


def _nodes(value: object):
    if is_dataclass(value):
        yield value
        for f in fields(value):
            yield from _nodes(getattr(value, f.name))
    elif isinstance(value, list):
        for v in value:
            yield from _nodes(v)


@cache
def _adapter(cls: type, name: str) -> TypeAdapter:
    return TypeAdapter(get_type_hints(cls)[name])


def _valid(node: object) -> None:
    """pydantic, in strict mode, accepts every field's value as it is, against the field's annotation (nested
    nodes are checked in their own turn)."""
    for f in fields(node):
        value = getattr(node, f.name)
        assert _adapter(type(node), f.name).validate_python(value, strict=True) == value


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_tree_facts_and_diagnostics_hold_their_declared_types(example) -> None:
    text = example.read_text("utf-8") + "\n截止目前，确保确保做出决定,2025年06月1-3月完成率127%。\n"
    doc = doc_of(text)
    f = doc.facts
    nodes = [*_nodes(doc.notice), *_nodes(f.timeline), *_nodes(f.dates), *_nodes(f.counts),
             *_nodes(f.outcomes), *_nodes(lint(text))]
    assert any(isinstance(n, Fix) for n in nodes)
    for n in nodes:
        _valid(n)


def test_a_wrong_type_is_caught() -> None:
    span = Span(0, 1, 1, 1, 1, 2)
    with pytest.raises(ValueError):
        _valid(Paragraph(span=span, text=3))  # type: ignore[arg-type]


def test_defaults_are_fresh_and_mistakes_are_refused() -> None:
    span = Span(start=0, end=1, line=1, column=1, end_line=1, end_column=2)
    a, b = Timeline(), Timeline()
    a.legal_basis.append("x")
    assert b.legal_basis == [] and a.chrome is not b.chrome
    assert Paragraph(span=span, text="x").role == "text"
    with pytest.raises(TypeError):
        Paragraph(span=span, text="x", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Paragraph(text="x")  # type: ignore[call-arg]
    with pytest.raises(AttributeError):  # slotted: no stray attributes
        span.colour = "red"  # type: ignore[attr-defined]
    assert hash(span) == hash(Span(0, 1, 1, 1, 1, 2))


@pytest.mark.parametrize("options", [{}, {"slots": True}, {"frozen": True}, {"eq": False}, {"unsafe_hash": True},
                                     {"slots": True, "unsafe_hash": True}, {"repr": False}])
def test_records_behave_as_the_standard_dataclasses(options: dict) -> None:
    """rectlint.records.dataclass gives the repr, equality and hash the standard decorator generates."""
    import dataclasses

    from rectlint import records

    def made(decorator):
        @decorator(**options)
        class Row:
            a: int
            b: list = dataclasses.field(default_factory=list, compare=False, repr=False)
            c: str = dataclasses.field(default="x", hash=False)

        @decorator(**options)
        class One:
            a: float

        return Row, One

    (row, one), (std_row, std_one) = made(records.dataclass), made(dataclasses.dataclass)
    nan = float("nan")
    for ours, theirs, args, other in [(row, std_row, (1, [2], "y"), (1, [3], "y")), (one, std_one, (nan,), (nan,))]:
        x, y = ours(*args), ours(*other)
        sx, sy = theirs(*args), theirs(*other)
        if options.get("repr", True):
            assert repr(x).replace(ours.__qualname__, "") == repr(sx).replace(theirs.__qualname__, "")
        assert (x == y, x == x, x != y, x == sx) == (sy == sx, sx == sx, sy != sx, sx == x)
        assert (type(x).__hash__ is None) == (type(sx).__hash__ is None)
        if type(x).__hash__ is not None and (options.get("frozen") or options.get("unsafe_hash")):
            assert hash(x) == hash(sx)


def test_every_dataclass_has_a_docstring_of_its_own() -> None:
    """dataclasses works out a signature with inspect for a class without one, at every start."""
    import importlib
    import pkgutil

    import rectlint

    missing = []
    for info in pkgutil.walk_packages(rectlint.__path__, "rectlint."):
        if info.name == "rectlint.__main__":
            continue
        for value in vars(importlib.import_module(info.name)).values():
            if is_dataclass(value) and value.__module__ == info.name and value.__doc__.startswith(value.__name__ + "("):
                missing.append(f"{info.name}.{value.__qualname__}")
    assert missing == []
