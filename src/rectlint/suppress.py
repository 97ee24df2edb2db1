"""Suppression comments: own-line `<!-- rectlint: ACTION[SELECTORS] reason -->` in a notice.

    disable[…] … enable[…]   a range; a disable that is never enabled runs to the end of the file
    ignore[…] reason          the next paragraph, or the whole problem item when one starts there
    file-ignore[…]            the whole file

Selectors are what --select accepts: codes, code prefixes, rule names, categories, ALL. This stage runs
after the rules (engine.check), so `rectlint check`, --fix and the tests see the same findings: a finding
whose start offset lies in a region suppressing its code is dropped. The rules of the `suppression`
category then report directives that suppressed nothing, name no rule, are unmatched or cannot be read;
they have no hooks of their own and read the `Suppressions` built here. lines.classify keeps HTML
comments out of paragraphs, so the comments are found here, in the raw text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import field

from rectlint import patterns
from rectlint.diagnostics import Category, Diagnostic, Edit
from rectlint.records import dataclass
from rectlint.rule import Document, Finding, Rule

MARK = "rectlint:"
ACTIONS = ("disable", "enable", "ignore", "file-ignore")
_OPEN = patterns.compile(r"<!--\s*rectlint:")
_BODY = patterns.compile(r"\s*(?P<action>[A-Za-z][\w-]*)?\s*(?:\[(?P<selectors>[^\]]*)\])?\s*(?P<reason>.*?)\s*$")
_SELECTOR = patterns.compile(r"[^\s,，、;；]+")


@dataclass(eq=False)
class Selector:
    """One entry of a directive's list, with the rules it names (never the suppression rules themselves)."""

    text: str
    start: int
    end: int
    directive: Directive
    codes: frozenset[str] = frozenset()
    names_suppression_rule: bool = False  # it names only suppression rules, which comments cannot silence
    used: bool = False


@dataclass(eq=False)
class Directive:
    """One rectlint comment: its action, where it is, and the rules it names."""

    action: str
    start: int  # the comment itself
    end: int
    line_start: int  # its whole line, line end included
    line_end: int
    reason: str = ""
    selectors: list[Selector] = field(default_factory=list)


@dataclass
class Invalid:
    """A `<!-- rectlint: … -->` comment that takes no effect, and why."""

    start: int
    end: int
    message: str


@dataclass
class Region:
    """The offsets in which a directive turns some rules off."""

    start: int
    end: int
    codes: frozenset[str]
    selector: Selector


@dataclass
class Suppressions:
    """What the comments of one notice say, and (after `filter`) which of them were used."""

    directives: list[Directive] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    unmatched: list[Selector] = field(default_factory=list)  # enable[…] with nothing disabled
    unclosed: list[Selector] = field(default_factory=list)  # disable[…] never enabled: runs to the end
    selected: frozenset[str] = frozenset()  # codes of the rules this run checks

    def filter(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The findings no region suppresses; the innermost covering region counts as used."""
        kept = []
        for d in diagnostics:
            covering = [r for r in self.regions if d.code in r.codes and r.start <= d.offset < r.end]
            if covering:
                max(covering, key=lambda r: r.start).selector.used = True
            else:
                kept.append(d)
        return kept

    def selectors(self) -> Iterable[Selector]:
        for d in self.directives:
            yield from d.selectors

    def unknown(self) -> list[Selector]:
        return [s for s in self.selectors() if not s.codes]

    def unused(self) -> list[Selector]:
        """Suppressing selectors that hid nothing, counting only rules this run checked."""
        return [s for s in self.selectors() if s.directive.action != "enable" and not s.used
                and s.codes & self.selected]


class SuppressionRule(Rule):
    """Base of the rules about suppression comments: they run after every other rule, from engine.check."""

    category = Category.SUPPRESSION

    def check_suppressions(self, found: Suppressions, doc: Document) -> Iterable[Finding]:
        return ()


def scan(doc: Document) -> Suppressions | None:
    """The notice's suppression comments and the regions they suppress; None when it has none."""
    text = doc.text
    if MARK not in text:
        return None
    found = Suppressions()
    for m in _OPEN.finditer(text):
        directive = _directive(doc, m, found.invalid)
        if directive is not None:
            found.directives.append(directive)
    found.regions = _regions(doc, found)
    return found


def _directive(doc: Document, m: re.Match[str], invalid: list[Invalid]) -> Directive | None:
    source = doc.source
    line = source.position(m.start()).line
    line_start = source.line_starts[line - 1]
    line_text = source.line_text(line)
    line_end = source.line_starts[line] if line < len(source.line_starts) else len(source.text)
    close = line_text.find("-->", m.end() - line_start)
    if close < 0:
        invalid.append(Invalid(m.start(), line_start + len(line_text), "抑制注释缺少结尾的“-->”，不起作用"))
        return None
    end = line_start + close + 3
    if line_text[:m.start() - line_start].strip() or line_text[close + 3:].strip():
        invalid.append(Invalid(m.start(), end, "抑制注释须单独占一行，与正文同行时不起作用"))
        return None
    body = _BODY.match(doc.text, m.end(), line_start + close)
    assert body is not None  # every group is optional
    action, listed = body.group("action"), body.group("selectors")
    if action not in ACTIONS:
        what = f"未知的抑制指令“{action}”" if action else "抑制注释缺少指令"
        invalid.append(Invalid(m.start(), end, f"{what}（可用 disable、enable、ignore、file-ignore）"))
        return None
    if listed is None or not listed.strip():
        invalid.append(Invalid(m.start(), end, f"“{action}”须在方括号中列出规则，如“{action}[D004]”"))
        return None
    directive = Directive(action, m.start(), end, line_start, line_end, reason=body.group("reason"))
    base = body.start("selectors")
    for s in _SELECTOR.finditer(listed):
        directive.selectors.append(_selector(s.group(), base + s.start(), base + s.end(), directive))
    return directive


def _selector(text: str, start: int, end: int, directive: Directive) -> Selector:
    from rectlint.registry import rules_matching

    named = rules_matching(text)
    codes = frozenset(r.code for r in named if r.category is not Category.SUPPRESSION)
    return Selector(text, start, end, directive, codes, names_suppression_rule=bool(named) and not codes)


def _regions(doc: Document, found: Suppressions) -> list[Region]:
    end_of_text = len(doc.text) + 1  # a finding may point just past the last character
    regions: list[Region] = []
    open_at: dict[str, tuple[int, Selector]] = {}  # code → where its disable began
    for d in found.directives:
        for s in d.selectors:
            if d.action == "file-ignore":
                regions.append(Region(0, end_of_text, s.codes, s))
            elif d.action == "ignore":
                start, end = _next_block(doc, d.end)
                regions.append(Region(start, end, s.codes, s))
            elif d.action == "disable":
                for code in s.codes:
                    open_at.setdefault(code, (d.end, s))
            elif s.codes:  # enable
                closed = [code for code in s.codes if code in open_at]
                for code in closed:
                    start, opener = open_at.pop(code)
                    regions.append(Region(start, d.start, frozenset({code}), opener))
                if not closed:
                    found.unmatched.append(s)
    for code, (start, opener) in open_at.items():
        regions.append(Region(start, end_of_text, frozenset({code}), opener))
        if opener not in found.unclosed:
            found.unclosed.append(opener)
    found.unclosed.sort(key=lambda s: s.start)
    return regions


def _next_block(doc: Document, after: int) -> tuple[int, int]:
    """The span an ignore comment covers: the first paragraph after it, or the item that starts there."""
    paragraphs = doc.notice.paragraphs
    i = bisect.bisect_left([p.span.start for p in paragraphs], after)
    if i == len(paragraphs):
        return after, after  # nothing follows: the comment can suppress nothing
    span = paragraphs[i].span
    item = next((it for it in doc.notice.items if it.span.start == span.start), None)
    return (item.span.start, item.span.end) if item else (span.start, span.end)


def removal(selector: Selector, unused: Iterable[Selector]) -> Edit:
    """The edit that drops an unused selector from its comment, or the whole comment line when none of the
    comment's selectors is used."""
    siblings = selector.directive.selectors
    if set(siblings) <= set(unused):
        return Edit(start=selector.directive.line_start, end=selector.directive.line_end, content="")
    i = siblings.index(selector)
    if i + 1 < len(siblings):  # the selector and the separator after it
        return Edit(start=selector.start, end=siblings[i + 1].start, content="")
    return Edit(start=siblings[i - 1].end, end=selector.end, content="")  # the separator before it
