"""Structural places: where in the notice's tree an offset lies, named so that edits elsewhere keep the name.

An item is named by its own numbering as printed ("items/二/（一）/3/measures"), not by its position, so
inserting a paragraph or a whole section before it leaves its findings' places, and so their fingerprints
and baseline entries, unchanged.
"""

from __future__ import annotations

import bisect

from rectlint.model import Item, Node, Notice, Span


def _inside(span: Span | None, offset: int) -> bool:
    return span is not None and span.start <= offset < span.end


def item_place(item: Item, part: str) -> str:
    return f"items/{item.path}/{part}"


class Places:
    def __init__(self, notice: Notice) -> None:
        self.notice = notice
        self.items = sorted(notice.items, key=lambda i: i.span.start)
        self.starts = [i.span.start for i in self.items]

    def of(self, offset: int) -> str:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and _inside(self.items[k].span, offset):
            return item_place(self.items[k], self._part(self.items[k], offset))
        n = self.notice
        named: list[tuple[str, Node | list | Span | None]] = [
            ("title", n.title_span), ("opening", n.opening), ("next-steps", n.next_steps), ("contact", n.contact),
            ("signature", n.signature), ("invitation", n.invitation), ("closing", n.closing)]
        for name, node in named:
            if any(_inside(x if isinstance(x, Span) else x.span, offset) for x in _listed(node)):
                return name
        for section in n.sections:
            if _inside(section.span, offset):
                return f"sections/{section.heading.marker}"
        return "notice"

    @staticmethod
    def _part(item: Item, offset: int) -> str:
        if _inside(item.status_span, offset):
            return "status"
        if _inside(item.problem_span, offset) or any(_inside(p.span, offset) for p in item.problem_paragraphs):
            return "problem"
        if any(_inside(m.span, offset) for m in item.measures):
            return "measures"
        return "response"


def _listed(node) -> list:
    if node is None:
        return []
    return node if isinstance(node, list) else [node]
