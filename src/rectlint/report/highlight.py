"""Wrap spans of a text in nested markup, splitting a span where it crosses another.

Spans that nest become nested elements; a span that starts inside another and ends after it is cut
at that boundary into pieces, so every element wraps exactly the characters [start, end) of one span
and the markup stays well formed. Output text uses LF line ends (what an HTML parser makes of CR LF).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from rectlint.records import dataclass


@dataclass
class Piece:
    """One element of the markup: part `part` (0 = the first) of span `key`, wrapping text[start:end]."""

    key: Any
    start: int
    end: int = -1
    part: int = 0


def _text(text: str, a: int, b: int) -> str:
    segment = text[a:b]
    if segment.endswith("\r") and text[b:b + 1] == "\n":
        segment = segment[:-1]  # a boundary between CR and LF: the LF that follows is the line end
    return html.escape(segment.replace("\r\n", "\n").replace("\r", "\n"), quote=False)


def mark_up(text: str, spans: Sequence[tuple[int, int, Any]], open_tag: Callable[[Piece], str],
            close_tag: str) -> str:
    """`text` escaped, with each (start, end, key) span wrapped by open_tag(piece)…close_tag.

    Spans are clamped to the text; empty ones are dropped. Wider spans enclose narrower ones that start
    at the same place; for equal spans the earlier in `spans` is outside.
    """
    n = len(text)
    order = sorted(((max(0, min(a, n)), max(0, min(b, n)), i, key) for i, (a, b, key) in enumerate(spans)),
                   key=lambda s: (s[0], -s[1], s[2]))
    order = [s for s in order if s[1] > s[0]]
    bounds = sorted({0, n, *(s[0] for s in order), *(s[1] for s in order)})
    out: list[str | Piece] = []
    stack: list[tuple[Piece, int]] = []  # open pieces with their span's end
    nxt = 0
    for pos, following in zip(bounds, [*bounds[1:], None], strict=True):
        # close every span ending here, and whatever was opened inside it; reopen the latter after it
        lowest = next((i for i, (_, end) in enumerate(stack) if end == pos), None)
        reopen = []
        if lowest is not None:
            for piece, end in reversed(stack[lowest:]):
                piece.end = pos
                out.append(close_tag)
                if end > pos:
                    reopen.append((piece, end))
            del stack[lowest:]
        for piece, end in reversed(reopen):
            again = Piece(piece.key, pos, part=piece.part + 1)
            stack.append((again, end))
            out.append(again)
        while nxt < len(order) and order[nxt][0] == pos:
            a, b, _, key = order[nxt]
            piece = Piece(key, a)
            stack.append((piece, b))
            out.append(piece)
            nxt += 1
        if following is not None:
            out.append(_text(text, pos, following))
    return "".join(open_tag(x) if isinstance(x, Piece) else x for x in out)
