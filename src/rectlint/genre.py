"""Is the text a rectification notice at all? The one verdict that decides whether notice rules apply.

A 巡察/巡视整改情况通报 is about one thing: rectifying what an inspection found. Any such notice, and
any passage of it longer than a few lines, names that subject (巡察, 巡视 or 整改). A text with no title
of a notice and none of those words, long enough to be more than a pasted excerpt, is something else
(a story, a speech, a wrong file): every notice rule would misfire on it, so only the rule that gives
the verdict runs (S001, see `Rule.any_text`). Shorter texts are excerpts one may check on their own
(a paragraph on standard input) and are linted as they are.
"""

from __future__ import annotations

from rectlint import patterns
from rectlint.model import Notice

SUBJECT = patterns.compile(r"巡察|巡视|整改")
EXCERPT_PARAGRAPHS = 3  # an excerpt: fewer paragraphs than this…
EXCERPT_CHARACTERS = 200  # …or fewer characters of prose than this


def not_a_notice(notice: Notice, text: str) -> bool:
    """True for a text that is clearly not a rectification notice (see the module's docstring)."""
    if notice.title or SUBJECT.search(text):
        return False
    paragraphs = notice.paragraphs
    return len(paragraphs) >= EXCERPT_PARAGRAPHS and sum(len(p.text) for p in paragraphs) >= EXCERPT_CHARACTERS
