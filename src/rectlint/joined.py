"""Texts joined by line breaks, so that a pattern is looked for in all of them with one scan.

Rules and facts that look for something most notices lack (a date, an evidence phrase, a half-width mark)
search a notice's paragraphs, or its measures, joined this way once instead of calling `re` per text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import accumulate


class Joined:
    """Texts joined as "\\n" + first + "\\n" + second…: each after one line break.

    A pattern that can match no line break (triggers.exact_in_joined) finds here exactly what it finds in
    each text on its own. `bases`, when given, are where each text starts in the notice's text."""

    def __init__(self, texts: list[str], bases: list[int] | None = None) -> None:
        self.texts = texts
        self.bases = bases
        self.text = "\n" + "\n".join(texts)
        self.starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=1))  # of each text

    def index(self, offset: int) -> int:
        """The text that holds `offset` (or the line break after it; the first one for the line break
        before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def source_offset(self, offset: int) -> int:
        """Where `offset` (in a text) lies in the notice's text."""
        assert self.bases is not None
        k = bisect.bisect_right(self.starts, offset) - 1
        return self.bases[k] + offset - self.starts[k]

    def matches(self, pattern: re.Pattern[str]) -> list[tuple[int, int, int, str]]:
        """(text, start, end, matched) of each match, offsets into that text: what finditer over each text
        gives. A match inside one text is found as if the text stood alone, for a pattern whose lookarounds
        take a line break for the edge of a text; one that takes in a line break could hide a match that a
        text alone holds, so then each text is scanned alone."""
        if not self.texts:
            return []
        out = []
        starts, texts, find = self.starts, self.texts, bisect.bisect_right
        for m in pattern.finditer(self.text):
            a, b = m.span()
            # by bisection: the texts between two matches are often many (a walk to the next one cost more)
            k = find(starts, a) - 1
            if k < 0 or b > (start := starts[k]) + len(texts[k]):  # it takes in a line break
                return [(j, x.start(), x.end(), x.group()) for j, t in enumerate(texts) for x in pattern.finditer(t)]
            out.append((k, a - start, b - start, m.group()))
        return out

    def near(self, pattern: re.Pattern[str], needles: str | tuple[str, ...], lo: int = 0, hi: int = 0) \
            -> Iterator[re.Match[str]]:
        """What pattern.finditer(self.text) gives, for a pattern that matches no empty text and each of whose
        matches holds one of `needles` from `lo` to `hi` characters after its start. The needles are found by
        str.find, which leaps from one to the next, and the pattern is tried only a little before each: a
        scan of `re` tests every character, at some 60 instructions each, for the few matches a notice holds."""
        text = self.text
        places = [at for needle in needles for at in _places(text, needle)]
        if len(places) * 64 > len(text):  # a text full of them: one scan costs less than a try at each
            yield from pattern.finditer(text)
            return
        end = 0  # of the last match: the next begins there or later
        for start in sorted({s for at in places for s in range(max(0, at - hi), at - lo + 1)}):
            if start >= end and (m := pattern.match(text, start)) is not None:
                yield m
                end = m.end()


def _places(text: str, needle: str) -> Iterator[int]:
    """Where `needle` stands in `text`, in order."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)
