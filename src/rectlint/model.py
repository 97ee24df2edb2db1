"""The typed tree of a notice. Every node carries the span of source text it came from.

The nodes are slotted dataclasses: a notice becomes hundreds of them, a plain constructor call is
several times cheaper than building a pydantic model, and importing pydantic alone would cost a third
of a one-file run. The annotations are still the contract: the tests hand every node, fact and
diagnostic of the examples to pydantic (a TypeAdapter over these same classes), which validates them
field by field, so the declared types are the types the parser produces.
"""

from __future__ import annotations

from dataclasses import field, fields, is_dataclass
from datetime import date
from enum import Enum, StrEnum
from typing import Any

from rectlint.records import dataclass

# A tree node: no per-instance __dict__. Keyword arguments read best; the parser passes its hot nodes
# positionally, which costs half as much as by keyword.
node = dataclass(slots=True)


def to_json(value: Any) -> Any:
    """A node, fact or any field value as JSON values (dataclass fields in declared order)."""
    if is_dataclass(value):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(slots=True, unsafe_hash=True)  # hashable like a value; nothing assigns to a span's fields
class Span:
    """A half-open range of code points in the decoded text, with 1-based line/column of both ends."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def part(self, start: int, end: int) -> Span:
        """The span of the offsets start..end inside this span, which lies on one line (a paragraph's):
        line and columns follow from this span's own, with no lookup in the text."""
        return Span(start, end, self.line, self.column + start - self.start, self.line, self.column + end - self.start)


@node
class Node:
    """Any node of the tree: the span of text it came from."""

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


@node
class Paragraph(Node):
    """One physical line of prose (notices put one paragraph per line)."""

    text: str
    role: str = "text"  # text | opening | problem | response | next-steps | closing | heading


@node
class Chrome(Node):
    """A line of web-page furniture (breadcrumb, tool bar, metadata, 政务公开 header): never linted."""

    text: str
    kind: str  # breadcrumb | toolbar | metadata | index-table


@node
class Measure(Node):
    """One enumerated rectification measure (一是…, ①…, （1）…), or a whole response paragraph."""

    marker: str | None
    text: str
    # The enumerator's series and its number: 二是 → ("是", 2), ③ → ("圈", 3), （4） → ("括", 4); None without one.
    series: str | None = None
    number: int | None = None


@node
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
    problem_paragraphs: list[Paragraph] = field(default_factory=list)
    response: list[Paragraph] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)


@node
class Heading(Node):
    """A numbered heading line: 一、 / （一） / 1. / （1）."""

    level: int  # 1..4 per GB/T 9704: 一、 （一） 1. （1）
    marker: str
    number: int | None
    text: str


@node
class Group(Node):
    """A second-level block （一）… holding items (theme-grouped layout) or paragraphs."""

    heading: Heading
    paragraphs: list[Paragraph] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


@node
class Section(Node):
    """A first-level block 一、…; `kind` tells the body of the report from the next-steps section."""

    heading: Heading
    kind: str = "body"  # body | next-steps
    paragraphs: list[Paragraph] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


@node
class Value(Node):
    """A labelled value found in running text (a phone number, an e-mail address…)."""

    value: str


@node
class Contact(Node):
    """The contact lines of a notice (telephone, address, postcode, e-mail)."""

    phone: Value | None = None
    address: Value | None = None
    postcode: Value | None = None
    email: Value | None = None


@node
class Signature(Node):
    """The issuer and date a notice is signed with."""

    issuer: str | None = None
    issuer_span: Span | None = None
    date_text: str | None = None
    date_span: Span | None = None


@node
class Notice(Node):
    """The whole notice, as the parser understood it."""

    title: str | None = None
    title_span: Span | None = None
    issuer: str | None = None
    opening: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)  # （一）… blocks standing outside any 一、 section
    items: list[Item] = field(default_factory=list)  # every item in document order, whatever its block
    headings: list[Heading] = field(default_factory=list)  # every numbered heading in document order
    next_steps: Section | None = None
    closing: list[Paragraph] = field(default_factory=list)
    invitation: Paragraph | None = None  # 欢迎广大干部群众对巡察整改落实情况进行监督……
    contact: Contact | None = None
    signature: Signature | None = None
    chrome: list[Chrome] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)  # every prose paragraph, in order
    structured: bool = True  # False when no notice structure could be recognised at all
