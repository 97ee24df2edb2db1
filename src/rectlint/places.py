"""Structural places: where in the notice's tree an offset lies, named so that edits elsewhere keep the name.

An item is named by its own numbering as printed ("items/二/（一）/3/measures"), not by its position, so
inserting a paragraph or a whole section before it leaves its findings' places, and so their fingerprints
and baseline entries, unchanged.
"""

from __future__ import annotations

import bisect

from rectlint.model import Item, Node, Notice, Span


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
        if k >= 0 and offset < self.items[k].span.end:
            return item_place(self.items[k], _part(self.items[k], offset))
        for start, end, name in self.outside:
            if start <= offset < end:
                return name
        return "notice"


def _part(item: Item, offset: int) -> str:
    """The part of `item` that holds `offset`: its parts are looked up in this order, the first that holds the
    offset names it, and what none holds is the response. (Read off the item at each lookup: most items are
    looked up once or not at all.)"""
    for span, name in ((item.status_span, "status"), (item.problem_span, "problem")):
        if span is not None and span.start <= offset < span.end:
            return name
    for p in item.problem_paragraphs:
        if p.span.start <= offset < p.span.end:
            return "problem"
    for m in item.measures:
        if m.span.start <= offset < m.span.end:
            return "measures"
    return "response"


def _listed(node) -> list:
    if node is None:
        return []
    return node if isinstance(node, list) else [node]
