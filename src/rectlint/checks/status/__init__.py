"""Rules of the 'status' category."""

from __future__ import annotations

from rectlint.evidence import Mark
from rectlint.model import Item, Status
from rectlint.rule import Document


def unfinished(item: Item, doc: Document, status: Status) -> Mark | None:
    """Where the response of an item labelled `status` first says the work is not finished, if it does."""
    marks = doc.facts.evidence[item.index].unfinished if item.status is status else None
    return marks[0] if marks else None
