"""Positions in the units other tools want: rectlint counts 1-based lines and code-point columns."""

from __future__ import annotations

from rectlint.diagnostics import Edit
from rectlint.source import Position, SourceText


def byte_column(source: SourceText, line: int, column: int) -> int:
    """The 1-based UTF-8 byte column of a 1-based code-point column (a Han character counts 3)."""
    return len(source.line_text(line)[:column - 1].encode("utf-8")) + 1


def edit_positions(source: SourceText, edit: Edit) -> tuple[Position, Position]:
    """Start and (exclusive) end of an edit's replaced text."""
    return source.position(edit.start), source.position(edit.end)
