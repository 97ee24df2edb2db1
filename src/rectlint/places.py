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

        self._parts: dict[int, list[tuple[int, int, str]]] = {}  # by item index, made at its first lookup

    def of(self, offset: int) -> str:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.items[k].span.end:
            item = self.items[k]
            if (parts := self._parts.get(item.index)) is None:
                parts = self._parts[item.index] = _parts(item)
            return item_place(item, next((part for start, end, part in parts if start <= offset < end), "response"))
        return next((name for start, end, name in self.outside if start <= offset < end), "notice")


def _parts(item: Item) -> list[tuple[int, int, str]]:
    """An item's parts as (start, end, name), in the order they are looked up (the first that holds an
    offset names it; what none holds is the response)."""
    spans = [(item.status_span, "status"), (item.problem_span, "problem")]
    spans += [(p.span, "problem") for p in item.problem_paragraphs] + [(m.span, "measures") for m in item.measures]
    return [(span.start, span.end, name) for span, name in spans if span is not None]


def _listed(node) -> list:
    if node is None:
        return []
    return node if isinstance(node, list) else [node]
