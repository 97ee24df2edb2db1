"""Run the selected rules over one notice: read → parse → facts → rules → suppression comments → diagnostics."""

from __future__ import annotations

import gc
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import field
from functools import cached_property
from typing import Any

from rectlint.diagnostics import Diagnostic, Severity
from rectlint.facts import resolve_facts
from rectlint.parser import parse
from rectlint.prescan import prescan
from rectlint.records import dataclass
from rectlint.rule import Document, Finding, Rule
from rectlint.source import SourceText
from rectlint.suppress import SuppressionRule, scan


@dataclass
class Settings:
    """Resolved settings for one run: which rules, at what severity, with which options."""

    rules: list[type[Rule]]
    severity: dict[str, Severity] = field(default_factory=dict)  # by rule code
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # by rule code

    @cached_property
    def token(self) -> str:
        """These settings as a stable string (part of the cache key)."""
        from rectlint.cache import settings_token

        return settings_token(self)

    @cached_property
    def plan(self) -> Plan:
        """The rules to run on a notice (made once: rules hold no state between notices)."""
        return Plan(self.rules, self.options)

    @cached_property
    def any_text_plan(self) -> Plan:
        """The rules to run on a text that is no notice: those that run on any text."""
        return Plan([cls for cls in self.rules if cls.any_text], self.options)


class Plan:
    """Rule instances grouped by the hooks they override, and what the engine derives from them once."""

    def __init__(self, classes: list[type[Rule]], options: dict[str, dict[str, Any]]) -> None:
        self.rules = [cls(options.get(cls.code)) for cls in classes]
        hooks = {rule: rule.hooks() for rule in self.rules}
        self.notice, self.item, self.paragraph = ([rule for rule in self.rules if hook in hooks[rule]]
                                                  for hook in Rule.HOOKS)
        self.prescan = prescan(tuple(rule.prefilter for rule in self.paragraph))
        self.measures_prescan = prescan(tuple(rule.measures_prefilter for rule in self.item))
        self.suppression = [rule for rule in self.rules if isinstance(rule, SuppressionRule)]
        self.selected = frozenset(rule.code for rule in self.rules if not isinstance(rule, SuppressionRule))


_gc_lock = threading.Lock()
_gc_users = 0
_gc_was_enabled = False


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a notice is analysed, in any number of threads.

    A notice becomes hundreds of thousands of small objects that hold no reference cycles; the
    collector would traverse them again and again as they are made, which cost 7% of the time on the
    bench corpus and made the cost of a notice with thousands of items grow faster than its length.
    Memory is still freed as usual (by reference counting); cycles wait for the next collection.
    """
    global _gc_users, _gc_was_enabled
    with _gc_lock:
        if _gc_users == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_was_enabled:
                gc.enable()


def analyse(source: SourceText) -> Document:
    with without_cycle_collection():
        notice = parse(source)
        return Document(source=source, notice=notice, facts=resolve_facts(notice))


def check(source: SourceText, settings: Settings) -> tuple[Document, list[Diagnostic]]:
    with without_cycle_collection():
        return _check(source, settings)


def _check(source: SourceText, settings: Settings) -> tuple[Document, list[Diagnostic]]:
    doc = analyse(source)
    plan = settings.any_text_plan if doc.not_a_notice else settings.plan
    # Each rule's findings are gathered in a list of its own (hooks are consumed by list.extend, with no
    # wrapper per call) and made diagnostics at the end; a rule's findings keep their order, and the
    # order between rules does not show: diagnostics are sorted, and a code is one rule's.
    found: dict[Rule, list[Finding]] = {rule: [] for rule in plan.rules}
    for rule in plan.notice:
        found[rule].extend(rule.check_notice(doc))
    # A rule with a measures prefilter sees only the items whose measures hold a match, found in one scan of
    # the measures (masked, in the facts) as the paragraphs are: the scan is given the position of each
    # measure's item.
    items, measures = doc.notice.items, doc.facts.measures
    for rule, held in zip(plan.item, plan.measures_prescan.select(measures.item_of, measures), strict=True):
        hook, into = rule.check_item, found[rule]
        for item in items if rule.measures_prefilter is None else [items[k] for k in dict.fromkeys(held)]:
            into.extend(hook(item, doc))
    # A rule with a prefilter sees only the paragraphs that can hold a finding, found for all rules in one scan.
    chosen = plan.prescan.select(doc.notice.paragraphs, doc.joined)
    for rule, paragraphs in zip(plan.paragraph, chosen, strict=True):
        hook, into = rule.check_paragraph, found[rule]
        for paragraph in paragraphs:
            into.extend(hook(paragraph, doc))
    out = [d for rule, findings in found.items() if findings for d in _diagnostics(rule, findings, doc, settings)]
    if (comments := scan(doc)) is not None:  # suppression comments: after every rule, before any fix
        out = comments.filter(out)
        comments.selected = plan.selected
        for rule in plan.suppression:
            out.extend(_diagnostics(rule, rule.check_suppressions(comments, doc), doc, settings))
    out.sort(key=Diagnostic.sort_key)
    return doc, out


def _graded(default: Severity, finding: Severity | None) -> Severity:
    return finding if finding is not None and finding.rank < default.rank else default


def _clamped(start: int, end: int, size: int) -> tuple[int, int]:
    """A span within the text, of at least one character when the text has one: every finding points at some
    text."""
    start = max(0, min(start, size))
    end = max(start, min(end, size))
    if end == start:
        end = min(size, start + 1)
        start = end - 1 if end else 0
    return start, end


def _diagnostics(rule: Rule, findings: Iterable[Finding], doc: Document, settings: Settings) -> list[Diagnostic]:
    text, size, starts, line_column = doc.text, len(doc.text), doc.source.line_starts, doc.source.line_column
    code, name, category, default = rule.code, rule.name, rule.category, rule.severity
    fixed = settings.severity.get(code)
    out = []
    for f in findings:
        start, end = f.start, f.end
        if not 0 <= start < end <= size:
            start, end = _clamped(start, end, size)
        k = bisect_right(starts, start) - 1  # line_column(start), without its clamping and tuple
        line, column = k + 1, start - starts[k] + 1
        covered = text[start:end]
        if "\n" in covered or "\r" in covered:
            end_line, end_column = line_column(end)
        else:  # no line starts after `start`: the end is on the same line
            end_line, end_column = line, column + end - start
        severity = fixed or (default if f.severity is None else _graded(default, f.severity))
        # positional: the fields in Diagnostic's order (a call with keywords costs a third more)
        out.append(Diagnostic(code, name, category, severity, f.message, start, end, line, column, end_line,
                              end_column, f.path or doc.places.of(start), covered[:200], f.fix))
    return out
