"""The rule interface.

A rule is a small class: a code, a kebab-case name, a category, a default severity, options with
defaults, and a docstring that is its documentation (What it does / Why it matters / Example /
Use instead / Fix safety / Options). It overrides only the hooks for the nodes it needs; the engine
walks the tree once and calls them.
"""

from __future__ import annotations

import bisect
import inspect
import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any, ClassVar

from rectlint import patterns
from rectlint.diagnostics import Category, Fix, Severity
from rectlint.facts import Facts
from rectlint.joined import Joined
from rectlint.model import Item, Notice, Paragraph, Span
from rectlint.places import Places
from rectlint.records import dataclass
from rectlint.source import SourceText

CODE_RE = patterns.compile(r"^[A-Z]{1,3}\d{3}$")
NAME_RE = patterns.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(slots=True)  # rules make dozens a notice
class Finding:
    """What a hook yields: a span of the decoded text and a message (the engine adds the rest)."""

    start: int
    end: int
    message: str
    path: str | None = None
    fix: Fix | None = None
    severity: Severity | None = None  # a rule may grade one finding below its default (never above it)


@dataclass
class Document:
    """Everything a rule may read about one notice."""

    source: SourceText
    notice: Notice
    facts: Facts

    @property
    def text(self) -> str:
        return self.source.text

    def masked_measures(self, item: Item) -> list[str]:
        """The texts of the item's measures, quotations masked: the facts hold them so for all items."""
        measures = self.facts.measures
        return measures.texts[measures.first[item.index - 1]:measures.first[item.index]]

    @cached_property
    def _responses(self) -> tuple[list[int], list[tuple[Item, Paragraph]]]:
        pairs = [(item, p) for item in self.notice.items for p in item.response]  # in document order
        return [p.span.start for _, p in pairs], pairs

    def response_holding(self, span: Span) -> tuple[Item, Paragraph] | None:
        """The item and the paragraph of its response that hold all of `span`, if any (as
        Facts.dates_in_paragraphs counts a date in a paragraph)."""
        starts, pairs = self._responses
        k = bisect.bisect_right(starts, span.start) - 1
        if k >= 0 and span.start < (end := pairs[k][1].span.end) and span.end <= end:
            return pairs[k]
        return None

    @cached_property
    def joined(self) -> Joined:
        """The paragraphs joined by line breaks, for searching them all at once."""
        return Joined([p.text for p in self.notice.paragraphs], [p.span.start for p in self.notice.paragraphs])

    @cached_property
    def places(self) -> Places:
        """Structural place names for offsets (findings that name none get theirs from here)."""
        return Places(self.notice)

    @cached_property
    def not_a_notice(self) -> bool:
        """The text is clearly no rectification notice: only rules with `any_text` run (see genre.py)."""
        from rectlint.genre import not_a_notice

        return not_a_notice(self.notice, self.text)

    def opening_span(self) -> Span:
        """Where to report something missing from the opening: its first paragraph, or the first line."""
        n = self.notice
        if n.opening:
            return n.opening[0].span
        return n.paragraphs[0].span if n.paragraphs else n.span


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity] = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {}
    fixable: ClassVar[bool] = False
    any_text: ClassVar[bool] = False  # True: also runs on a text that is not a notice (the rule giving that verdict)
    # A pattern that matches in the text of every paragraph check_paragraph can report on: the engine calls the
    # hook only on the paragraphs it matches in, found for all rules in one scan of the notice (prescan.py).
    prefilter: ClassVar[re.Pattern[str] | None] = None
    # A pattern that matches, quotations masked, in the measures of every item check_item can report on: the
    # engine calls the hook only on the items whose measures hold a match, found as the paragraphs are.
    measures_prefilter: ClassVar[re.Pattern[str] | None] = None
    HOOKS: ClassVar[tuple[str, ...]] = ("check_notice", "check_item", "check_paragraph")

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.opts = {**self.options, **(options or {})}

    # -- hooks: override the ones the rule needs ----------------------------------------------------

    def check_notice(self, doc: Document) -> Iterable[Finding]:
        return ()

    def check_item(self, item: Item, doc: Document) -> Iterable[Finding]:
        return ()

    def check_paragraph(self, paragraph: Paragraph, doc: Document) -> Iterable[Finding]:
        return ()

    @classmethod
    def option_problem(cls, name: str, value: Any) -> str | None:
        """What is wrong with an option value beyond its type (the configuration reports it); None: nothing."""
        return None

    # -- documentation ------------------------------------------------------------------------------

    @classmethod
    def hooks(cls) -> list[str]:
        return [h for h in cls.HOOKS if getattr(cls, h) is not getattr(Rule, h)]

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return next((ln.strip() for ln in cls.documentation().splitlines() if ln.strip()), "")

    @classmethod
    def describe(cls) -> dict[str, Any]:
        return {"code": cls.code, "name": cls.name, "category": str(cls.category),
                "severity": str(cls.severity), "fixable": cls.fixable, "summary": cls.summary(),
                "options": cls.options}

