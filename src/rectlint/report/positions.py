"""Positions in the units other tools want: rectlint counts 1-based lines and code-point columns."""

from __future__ import annotations

from itertools import accumulate

from rectlint.diagnostics import Edit
from rectlint.source import Position, SourceText


class ByteColumns:
    """1-based UTF-8 byte columns of 1-based code-point columns of one text (a Han character counts 3).

    A long line's byte offsets are counted once: encoding the line's start for each finding on it made a
    line of a megabyte with thousands of findings take minutes.
    """

    LONG = 1000  # characters before a column from which the line's offsets are tabled

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.tables: dict[int, list[int]] = {}

    def __call__(self, line: int, column: int) -> int:
        start = self.source.line_starts[line - 1]
        if column <= self.LONG:
            return len(self.source.text[start:start + column - 1].encode("utf-8")) + 1
        if (table := self.tables.get(line)) is None:
            text = self.source.line_text(line)
            table = self.tables[line] = list(accumulate((len(c.encode("utf-8")) for c in text), initial=0))
        return table[column - 1] + 1


def edit_positions(source: SourceText, edit: Edit) -> tuple[Position, Position]:
    """Start and (exclusive) end of an edit's replaced text."""
    return source.position(edit.start), source.position(edit.end)
