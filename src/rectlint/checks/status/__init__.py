"""Rules of the 'status' category."""

from __future__ import annotations

from collections.abc import Iterator

from rectlint.evidence import Mark
from rectlint.model import Item, Status
from rectlint.rule import Document


def unfinished(doc: Document, status: Status) -> Iterator[tuple[Item, Mark]]:
    """Each item labelled `status` whose response says the work is not finished, with the first place it says so."""
    for item in doc.notice.items:
        if item.status is status and (marks := doc.facts.evidence[item.index].unfinished):
            yield item, marks[0]
