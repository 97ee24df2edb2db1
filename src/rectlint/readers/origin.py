"""Where a place in the extracted text lies in the original file, for reports."""

from __future__ import annotations


class Origin:
    """Maps offsets in a reader's extracted text back to the original document."""

    def describe(self, offset: int) -> str:
        """A short phrase a report adds to a position, e.g. "docx paragraph 12, character 5"."""
        raise NotImplementedError
