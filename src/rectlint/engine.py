"""Run the selected rules over one notice: read → parse → facts → rules → suppression comments → diagnostics."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rectlint.diagnostics import Diagnostic, Severity
from rectlint.facts import resolve_facts
from rectlint.parser import parse
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


_gc_lock = threading.Lock()
_gc_users = 0
_gc_was_enabled = False


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
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
    with _without_cycle_collection():
        notice = parse(source)
        return Document(source=source, notice=notice, facts=resolve_facts(notice, source))


def check(source: SourceText, settings: Settings) -> tuple[Document, list[Diagnostic]]:
    with _without_cycle_collection():
        return _check(source, settings)


def _check(source: SourceText, settings: Settings) -> tuple[Document, list[Diagnostic]]:
    doc = analyse(source)
    chosen = [cls for cls in settings.rules if cls.any_text] if doc.not_a_notice else settings.rules
    rules = [cls(settings.options.get(cls.code)) for cls in chosen]
    by_hook: dict[str, list[Rule]] = {h: [] for h in Rule.HOOKS}
    for rule in rules:
        for hook in rule.hooks():
            by_hook[hook].append(rule)
    # Each rule's findings are gathered in a list of its own (hooks are consumed by list.extend, with no
    # wrapper per call) and made diagnostics at the end; a rule's findings keep their order, and the
    # order between rules does not show: diagnostics are sorted, and a code is one rule's.
    found: dict[Rule, list[Finding]] = {rule: [] for rule in rules}
    for rule in by_hook["check_notice"]:
        found[rule].extend(rule.check_notice(doc))
    item_rules = [(rule.check_item, found[rule]) for rule in by_hook["check_item"]]
    for item in doc.notice.items:
        for hook, into in item_rules:
            into.extend(hook(item, doc))
    # A rule with a prefilter sees only the paragraphs that can hold a finding.
    paragraphs = doc.notice.paragraphs
    for rule in by_hook["check_paragraph"]:
        hook, into = rule.check_paragraph, found[rule]
        for paragraph in doc.paragraphs_containing(rule.prefilter) if rule.prefilter else paragraphs:
            into.extend(hook(paragraph, doc))
    out = [d for rule, findings in found.items() if findings for d in _diagnostics(rule, findings, doc, settings)]
    if (comments := scan(doc)) is not None:  # suppression comments: after every rule, before any fix
        out = comments.filter(out)
        comments.selected = frozenset(r.code for r in rules if not isinstance(r, SuppressionRule))
        for rule in rules:
            if isinstance(rule, SuppressionRule):
                out.extend(_diagnostics(rule, rule.check_suppressions(comments, doc), doc, settings))
    out.sort(key=Diagnostic.sort_key)
    return doc, out


def _graded(default: Severity, finding: Severity | None) -> Severity:
    return finding if finding is not None and finding.rank < default.rank else default


def _diagnostics(rule: Rule, findings: Iterable[Finding], doc: Document, settings: Settings) -> Iterable[Diagnostic]:
    text = doc.text
    for f in findings:
        start = max(0, min(f.start, len(text)))
        end = max(start, min(f.end, len(text)))
        if end == start:  # every finding points at some text
            end = min(len(text), start + 1)
            start = end - 1 if end else 0
        (line, column), (end_line, end_column) = doc.source.line_column(start), doc.source.line_column(end)
        yield Diagnostic(code=rule.code, name=rule.name, category=rule.category,
            severity=settings.severity.get(rule.code) or _graded(rule.severity, f.severity), message=f.message,
            offset=start, end_offset=end, line=line, column=column, end_line=end_line, end_column=end_column,
            path=f.path or doc.places.of(start), excerpt=text[start:end][:200], fix=f.fix)
