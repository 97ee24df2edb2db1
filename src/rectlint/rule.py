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
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from rectlint import patterns
from rectlint.diagnostics import Category, Fix, Severity
from rectlint.facts import Facts
from rectlint.model import Item, Notice, Paragraph, Span
from rectlint.places import Places
from rectlint.source import SourceText

CODE_RE = patterns.compile(r"^[A-Z]{1,3}\d{3}$")
NAME_RE = patterns.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass
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
    _starts: list[int] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def places(self) -> Places:
        """Structural place names for offsets (findings that name none get theirs from here)."""
        return Places(self.notice)

    @cached_property
    def not_a_notice(self) -> bool:
        """The text is clearly no rectification notice: only rules with `any_text` run (see genre.py)."""
        from rectlint.genre import not_a_notice

        return not_a_notice(self.notice, self.text)

    def paragraphs_containing(self, pattern: re.Pattern[str]) -> list[Paragraph]:
        """The paragraphs in which a match of `pattern` (one without lookarounds or anchors) starts, in order.

        Every paragraph whose text holds a match is among them (one whose last characters begin a match
        that runs on past its end is too). One scan of the whole text finds them: after a hit the scan
        resumes at the next paragraph, so the cost is that of the scan, not of a search per paragraph.
        """
        paragraphs = self.notice.paragraphs
        if self._starts is None:
            starts = [p.span.start for p in paragraphs]
            in_order = all(p.span.end <= b for p, b in zip(paragraphs, starts[1:], strict=False))
            self._starts = starts if in_order else []
        starts = self._starts
        if len(starts) != len(paragraphs):  # not in document order: search each paragraph
            return [p for p in paragraphs if pattern.search(p.text)]
        text, out, pos = self.text, [], 0
        while (m := pattern.search(text, pos)) is not None:
            i = bisect.bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < paragraphs[i].span.end:
                out.append(paragraphs[i])
            if i + 1 == len(starts):
                break
            pos = starts[i + 1]
        return out

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
    # A pattern (without lookarounds or anchors) that occurs in every paragraph check_paragraph can report
    # on: the engine calls the hook only on those paragraphs, found in one scan of the text.
    prefilter: ClassVar[re.Pattern[str] | None] = None
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

