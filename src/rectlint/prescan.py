"""Which paragraphs each rule's check_paragraph hook must see (and which items' measures each check_item
hook's measures prefilter holds in), found in one scan of the notice.

A rule with a prefilter sees only the paragraphs its prefilter matches in. The prefilters' triggers
(triggers.py) are merged into one pattern that passes over the paragraphs joined by line breaks from one
hit to the next (triggers.passing), in one scan; a hit is then told to the rules whose trigger holds there.
A prefilter without triggers is searched in the joined text on its own (as rewritten by
triggers.joined_form), or, beyond that, in each paragraph.

A pattern that matches only where some characters are repeated at once (`(..)\\1`, triggers.repeat_width)
has no character to look for: `re` would try it at every one, which cost more than the scan for all other
rules together. The places where the joined text repeats itself are found for the whole text at once instead
(see _same), and the pattern is tried there only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

from rectlint import patterns
from rectlint.joined import Joined
from rectlint.triggers import joined_form, passing, repeat_width, rest, triggers

T = TypeVar("T")
_VERSION = "8"  # of the rewriting in triggers.py: its results are kept in the start-up cache under this


class Prescan:
    """The paragraphs each of a list of prefilters (None: every paragraph) matches in."""

    def __init__(self, prefilters: Sequence[re.Pattern[str] | None]) -> None:
        self.count = len(prefilters)
        self.everywhere: list[int] = []  # slots without a prefilter
        # slots searched on their own in the joined text, with the width of what their pattern repeats, if it does
        self.alone: list[tuple[int, re.Pattern[str], int]] = []
        self.each: list[tuple[int, re.Pattern[str]]] = []  # slots searched in each paragraph
        entries: list[tuple[str, int, str]] = []  # (anchor character, slot, what must hold around it)
        for slot, prefilter in enumerate(prefilters):
            if prefilter is None:
                self.everywhere.append(slot)
            elif found := _derived("triggers", prefilter):
                entries += [(char, slot, rest(t)) for t in found for char in t[0]]
            elif finder := joined_searcher(prefilter):
                self.alone.append((slot, finder, _derived("repeat", finder)))
            else:
                self.each.append((slot, prefilter))
        # matched from any place, it ends at the next hit of some anchor (or at the end of the text)
        self.passing = patterns.compile(passing([(char, more) for char, _, more in entries])) if entries else None
        # per anchor character, the slots whose triggers may hold there and the pattern that tells (None: the
        # scan's hit does); these are compiled when first needed, which is seldom
        self.table: dict[str, list[tuple[int, str | None]]] = {}
        conditions: dict[str, set[str]] = {}
        for char, _, more in entries:
            conditions.setdefault(char, set()).add(more)
        for char, slot, more in dict.fromkeys(entries):
            told = len(conditions[char]) == 1
            self.table.setdefault(char, []).append((slot, None if told else re.escape(char) + more))
        self.compiled: dict[str, re.Pattern[str]] = {}

    def select(self, owners: list[T], joined: Joined) -> list[list[T]]:
        """For each prefilter, the owners of the texts it matches in (in order): `joined` holds the texts, and
        `owners[i]` stands for text i (the paragraphs themselves; for the measures, the position of each one's
        item)."""
        out: list[list[T]] = [[] for _ in range(self.count)]
        for slot in self.everywhere:
            out[slot] = owners
        for slot, prefilter in self.each:
            out[slot] = [p for p, text in zip(owners, joined.texts, strict=True) if prefilter.search(text)]
        if not owners:
            return out
        text, starts = joined.text, joined.starts
        if self.passing is not None:
            found: list[set[int]] = [set() for _ in range(self.count)]  # text indices, per slot
            table, passes, end = self.table, self.passing.match, len(text)
            at = passes(text).end()  # type: ignore[union-attr]
            while at < end:
                char = text[at]
                k = bisect.bisect_right(starts, at + 1 if char == "\n" else at) - 1  # a line break: the next
                for slot, holds in table[char]:
                    if k not in found[slot] and (holds is None or self._holds(holds, text, at)):
                        found[slot].add(k)
                at = passes(text, at + 1).end()  # type: ignore[union-attr]
            for slot, held in enumerate(found):
                if held:
                    out[slot] = [owners[k] for k in sorted(held)]
        for slot, pattern, width in self.alone:
            into, pos = out[slot], 0
            same = _same(text, width) if width else None
            while (at := _next_match(pattern, text, pos, same)) is not None:
                k = joined.index(at)  # (a match from a line break is no harm)
                into.append(owners[k])
                if k + 1 == len(starts):
                    break
                pos = starts[k + 1]  # the next text: one match per text is enough
        return out

    def _holds(self, source: str, text: str, at: int) -> bool:
        if (pattern := self.compiled.get(source)) is None:
            pattern = self.compiled[source] = patterns.compile(source)
        return pattern.match(text, at) is not None


def _next_match(pattern: re.Pattern[str], text: str, pos: int, same: bytes | None) -> int | None:
    """Where `pattern` first matches in `text` from `pos` on; `same`, when given, is _same(text, width) for the
    width of what the pattern repeats, and the pattern is tried only where the text may repeat that much."""
    if same is None:
        m = pattern.search(text, pos)
        return None if m is None else m.start()
    at = same.find(0, pos)
    while at >= 0:
        if pattern.match(text, at):
            return at
        at = same.find(0, at + 1)
    return None


def _same(text: str, width: int) -> bytes:
    """A byte for each character of `text`, zero wherever it and the `width` - 1 after it may be followed at once
    by the same characters (and some places where they are not).

    Each character stands for the low byte of its code point (equal characters have equal ones): these bytes are
    read as one large integer and compared with those `width` further on by an exclusive or, a few operations
    over the whole text instead of a try of the pattern at each character. A byte a character (a fourth of its
    UTF-32 form) costs half as much as its UTF-16 code unit, and lies at the character's own offset."""
    data = text.encode("utf-32-le")[::4]
    units = int.from_bytes(data, "little")
    differ = units ^ (units >> 8 * width)  # byte i: text[i] ^ text[i + width], of their low bytes
    same = differ
    for k in range(1, width):
        same |= differ >> 8 * k  # byte i: zero where bytes i to i + width - 1 of `differ` all are
    return same.to_bytes(len(data), "little")


def _derived(kind: str, prefilter: re.Pattern[str]):
    derive = {"triggers": triggers, "joined": joined_form, "repeat": repeat_width}[kind]
    return patterns.derived(f"{kind}-{_VERSION}", prefilter.pattern, prefilter.flags, derive)


@lru_cache(maxsize=256)
def joined_searcher(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern to search texts joined by line breaks with, to find wherever `pattern` matches in one of them
    on its own (triggers.joined_form), or None when it is beyond that rewriting."""
    rewritten = _derived("joined", pattern)
    return patterns.compile(rewritten) if rewritten else None


@lru_cache(maxsize=16)
def prescan(prefilters: tuple[re.Pattern[str] | None, ...]) -> Prescan:
    """The Prescan of these prefilters (built once per set of rules)."""
    return Prescan(prefilters)
