"""The typed tree of a notice. Every node carries the span of source text it came from.

The models are pydantic models, built without validation by `build` (the parser is their only
producer, and it hands over values of the declared types): validation would make pydantic build a
schema per model at the first notice, about 40 ms of every run. Schemas are built on first use only,
e.g. when a model is dumped to JSON.
"""

from __future__ import annotations

import copy
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


class _Plan:
    """A model's fields in declared order, and how to fill the ones a caller leaves out."""

    def __init__(self, cls: type[BaseModel]) -> None:
        self.names = list(cls.model_fields)
        self.keys = set(self.names)
        self.fill: list[tuple[str, Any, Any]] = []  # (name, default, factory)
        for name, f in cls.model_fields.items():
            if f.default_factory is not None:
                self.fill.append((name, None, f.default_factory))
            elif isinstance(f.default, list | dict | set):  # pydantic copies a mutable default for each instance
                self.fill.append((name, None, lambda d=f.default: copy.deepcopy(d)))
            else:
                self.fill.append((name, f.default, None))


_PLANS: dict[type, _Plan] = {}


def build(cls: type[M], /, **values: Any) -> M:
    """The model `cls(**values)` would give, without validating `values` (they must have the declared
    types): the same fields in the same order, defaults filled in, the same fields-set."""
    plan = _PLANS.get(cls) or _PLANS.setdefault(cls, _Plan(cls))
    if values.keys() == plan.keys:  # every field given: keep the caller's dict when it is in order
        fields = values if list(values) == plan.names else {name: values[name] for name in plan.names}
    else:
        if unknown := values.keys() - plan.keys:
            raise TypeError(f"{cls.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
        fields = {}
        for name, default, factory in plan.fill:
            if name in values:
                fields[name] = values[name]
            elif factory is not None:
                fields[name] = factory()
            elif default is PydanticUndefined:
                raise TypeError(f"{cls.__name__}: field '{name}' is required")
            else:
                fields[name] = default
    model = cls.__new__(cls)
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


class Span(BaseModel):
    """A half-open range of code points in the decoded text, with 1-based line/column of both ends."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    span: Span


class Status(StrEnum):
    DONE = "done"
    BASICALLY_DONE = "basically-done"
    IN_PROGRESS = "in-progress"
    LONG_TERM = "long-term"
    NOT_DONE = "not-done"
    UNSTATED = "unstated"


# How a notice writes each status (for messages and reports).
STATUS_LABELS: dict[Status, str] = {
    Status.DONE: "已完成", Status.BASICALLY_DONE: "基本完成", Status.IN_PROGRESS: "正在整改",
    Status.LONG_TERM: "长期坚持", Status.NOT_DONE: "未完成", Status.UNSTATED: "未标注",
}


class Paragraph(Node):
    """One physical line of prose (notices put one paragraph per line)."""

    text: str
    role: str = "text"  # text | opening | problem | response | next-steps | closing | heading


class Chrome(Node):
    """A line of web-page furniture (breadcrumb, tool bar, metadata, 政务公开 header): never linted."""

    text: str
    kind: str  # breadcrumb | toolbar | metadata | index-table


class Measure(Node):
    """One enumerated rectification measure (一是…, ①…, （1）…), or a whole response paragraph."""

    marker: str | None
    text: str


class Item(Node):
    """One problem and its rectification record."""

    index: int  # 1-based position among all items of the notice
    number: int | None  # the number the notice gives it, if any
    label: str  # the head marker as written: "1.", "问题3：", "（一）"…
    path: str  # structural place, e.g. "一/（二）/3"
    ref: str  # how a reader names it: "问题7", "第8项", "（三）第1项"
    problem: str
    problem_span: Span
    status: Status = Status.UNSTATED
    status_label: str | None = None
    status_span: Span | None = None
    problem_paragraphs: list[Paragraph] = Field(default_factory=list)
    response: list[Paragraph] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)


class Heading(Node):
    """A numbered heading line: 一、 / （一） / 1. / （1）."""

    level: int  # 1..4 per GB/T 9704: 一、 （一） 1. （1）
    marker: str
    number: int | None
    text: str


class Group(Node):
    """A second-level block （一）… holding items (theme-grouped layout) or paragraphs."""

    heading: Heading
    paragraphs: list[Paragraph] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)


class Section(Node):
    """A first-level block 一、…; `kind` tells the body of the report from the next-steps section."""

    heading: Heading
    kind: str = "body"  # body | next-steps
    paragraphs: list[Paragraph] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)


class Value(Node):
    """A labelled value found in running text (a phone number, an e-mail address…)."""

    value: str


class Contact(Node):
    phone: Value | None = None
    address: Value | None = None
    postcode: Value | None = None
    email: Value | None = None


class Signature(Node):
    issuer: str | None = None
    issuer_span: Span | None = None
    date_text: str | None = None
    date_span: Span | None = None


class Notice(Node):
    """The whole notice, as the parser understood it."""

    title: str | None = None
    title_span: Span | None = None
    issuer: str | None = None
    opening: list[Paragraph] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)  # （一）… blocks standing outside any 一、 section
    items: list[Item] = Field(default_factory=list)  # every item in document order, whatever its block
    headings: list[Heading] = Field(default_factory=list)  # every numbered heading in document order
    next_steps: Section | None = None
    closing: list[Paragraph] = Field(default_factory=list)
    invitation: Paragraph | None = None  # 欢迎广大干部群众对巡察整改落实情况进行监督……
    contact: Contact | None = None
    signature: Signature | None = None
    chrome: list[Chrome] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)  # every prose paragraph, in order
    structured: bool = True  # False when no notice structure could be recognised at all
