"""Helpers shared by the date rules."""

from rectlint.model import Span
from rectlint.rule import Document


def anchor(doc: Document) -> Span:
    """Where to report something missing from the opening: its first paragraph, or the first line."""
    n = doc.notice
    if n.opening:
        return n.opening[0].span
    if n.paragraphs:
        return n.paragraphs[0].span
    return n.span
