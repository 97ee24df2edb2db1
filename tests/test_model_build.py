"""Models built without validation (rectlint.model.build) are the models validation would give."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from conftest import EXAMPLES
from helpers import doc_of, lint
from rectlint.diagnostics import Fix
from rectlint.facts import Timeline
from rectlint.model import Paragraph, Span, build


def _models(value: object):
    if isinstance(value, BaseModel):
        yield value
        for field in type(value).model_fields:
            yield from _models(getattr(value, field))
    elif isinstance(value, list):
        for v in value:
            yield from _models(v)


def _same_as_validated(model: BaseModel) -> None:
    cls = type(model)
    validated = cls(**model.__dict__)
    assert model == validated
    assert list(model.__dict__) == list(validated.__dict__)  # field order: it is the order of model_dump
    assert model.model_dump(mode="json") == validated.model_dump(mode="json")


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_tree_facts_and_diagnostics_equal_validated_models(example) -> None:
    text = example.read_text("utf-8") + "\n截止目前，确保确保做出决定,2025年06月1-3月完成率127%。\n"
    doc = doc_of(text)
    f = doc.facts
    models = [*_models(doc.notice), *_models(f.timeline), *_models(f.dates), *_models(f.counts),
              *_models(f.outcomes), *_models(lint(text))]
    assert any(isinstance(m, Fix) for m in models)
    for m in models:
        _same_as_validated(m)


def test_defaults_are_fresh_and_mistakes_are_refused() -> None:
    span = build(Span, start=0, end=1, line=1, column=1, end_line=1, end_column=2)
    a, b = build(Timeline), build(Timeline)
    a.legal_basis.append("x")
    assert b.legal_basis == [] and a.chrome is not b.chrome
    assert build(Paragraph, span=span, text="x").role == "text"
    with pytest.raises(TypeError):
        build(Paragraph, span=span, text="x", colour="red")
    with pytest.raises(TypeError):
        build(Paragraph, text="x")
    assert hash(span) == hash(Span(start=0, end=1, line=1, column=1, end_line=1, end_column=2))
    p = build(Paragraph, text="x", span=span)
    assert p.model_fields_set == Paragraph(text="x", span=span).model_fields_set == {"text", "span"}
