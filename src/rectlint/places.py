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
        n = notice
        named: list[tuple[str, Node | list | Span | None]] = [
            ("title", n.title_span), ("opening", n.opening), ("next-steps", n.next_steps), ("contact", n.contact),
            ("signature", n.signature), ("invitation", n.invitation), ("closing", n.closing)]
        # the places outside items as (start, end, name), in the order they are looked up (the first that
        # holds an offset names it)
        self.outside = [(span.start, span.end, name) for name, node in named for x in _listed(node)
                        if (span := x if isinstance(x, Span) else x.span) is not None]
        self.outside += [(s.span.start, s.span.end, f"sections/{s.heading.marker}") for s in n.sections]

    def of(self, offset: int) -> str:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and _inside(self.items[k].span, offset):
            return item_place(self.items[k], self._part(self.items[k], offset))
        return next((name for start, end, name in self.outside if start <= offset < end), "notice")

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
