"""Texts joined by line breaks, so that a pattern is looked for in all of them with one scan.

Rules and facts that look for something most notices lack (a date, an evidence phrase, a half-width mark)
search a notice's paragraphs, or its measures, joined this way once instead of calling `re` per text.
"""

from __future__ import annotations

import bisect
import re
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
