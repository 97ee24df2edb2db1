"""Prefilters never hide a match: sped-up patterns find what the originals find, and every text a rule's
pattern matches contains its required fragments."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from helpers import doc_of, lint
from rectlint.engine import Settings, check
from rectlint.patterns import compile_fast
from rectlint.prefilter import fragments
from rectlint.registry import all_rules
from rectlint.rule import Rule

PACK_RULES = [r for r in all_rules() if hasattr(r, "pack")]
LINES = [ln for p in sorted(EXAMPLES.glob("*.txt")) for ln in p.read_text("utf-8").splitlines() if ln.strip()]
# Pieces that make matches likely: every character of the packs' patterns, the rules' own examples
# (which hold a finding each), and lines of the example notices.
PIECES = sorted({c for r in PACK_RULES for c in r.pattern.pattern if not c.isascii()} | set("0123456789 -~%.")) + [
    line for r in PACK_RULES for line in r.documentation().splitlines() if line.strip()] + LINES


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_rule_patterns_and_fragments_are_exact(text: str) -> None:
    for rule in PACK_RULES:
        plain = re.compile(rule.pattern.pattern.removeprefix("(?=").partition(")(?:")[2][:-1]) \
            if rule.pattern.pattern.startswith("(?=") else rule.pattern
        assert _matches(rule.pattern, text) == _matches(plain, text), rule.code
        if rule.prefilter is not None and plain.search(text):
            assert rule.prefilter.search(text), (rule.code, text)


@pytest.mark.parametrize(("pattern", "needs", "free"), [
    (r"(?<!\d)(\d{4})年0([1-9])月", "2025年06月", "2025年6月"),
    (r"做出(?=了?(?:重要)?(?:决定|部署))", "做出决定", "作出决定"),
    (r"(?:坚决)?(?:做到|增强|树立)(?=两个确立)", "增强两个确立", "两个确立"),
    (r"a\d{10}年", "a0123456789年", "a01234567年"),  # a long fixed repeat keeps its neighbours apart
    (r"截止(?=目前|\d)", "截止目前", "截至目前"),
])
def test_fragments_required(pattern: str, needs: str, free: str) -> None:
    required = fragments(pattern)
    assert required is not None
    assert re.search(pattern, needs) and re.search(required, needs)
    assert not re.search(pattern, free)


@pytest.mark.parametrize("pattern", [r"(?i)abc", r"\d+", r"[^。]{2}", r"(a|.)b", r"x?"])
def test_no_fragments_when_nothing_selective_is_required(pattern: str) -> None:
    assert fragments(pattern) is None


@pytest.mark.parametrize("pattern", [r"(?<!真)正在|仍在", r"(?<=[一-龥])[,;]|[,;](?=[一-龥])", r"(?:(?<=a)b)|c",
                                     r"(\d{2})年\1", r"(?<![\d.])\d{1,2}\s*月份?"])
def test_compile_fast_keeps_matches(pattern: str) -> None:
    text = "正在真正在仍在，中,文;a ab c 12年12年 3月份 1.2月 " * 3
    assert _matches(compile_fast(pattern), text) == _matches(re.compile(pattern), text)


def test_paragraphs_containing_is_a_search_of_each_paragraph() -> None:
    doc = doc_of(EXAMPLES.joinpath("layout-numbered.txt").read_text("utf-8"))
    for pattern in ["整改", "截止|确保", r"\d+%", "不在文中"]:
        p = re.compile(pattern)
        assert doc.paragraphs_containing(p) == [x for x in doc.notice.paragraphs if p.search(x.text)]
    # a match that runs past the end of a paragraph still counts for the paragraph it starts in
    assert doc.paragraphs_containing(re.compile("。\n")) == [x for x in doc.notice.paragraphs if x.text[-1] == "。"]


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_engine_reports_the_same_without_prefilters(example, monkeypatch) -> None:
    text = example.read_text("utf-8") + "\n截止目前，确保确保做出决定，2025年06月1-3月完成率127%。\n"
    with_prefilters = lint(text)
    for rule in all_rules():
        monkeypatch.setattr(rule, "prefilter", None)
    assert with_prefilters == lint(text)
    assert Rule.prefilter is None


def test_settings_order_does_not_change_output() -> None:
    from helpers import source

    text = EXAMPLES.joinpath("layout-theme-grouped.txt").read_text("utf-8")
    rules = list(all_rules())
    forward = check(source(text), Settings(rules=rules))[1]
    backward = check(source(text), Settings(rules=rules[::-1]))[1]
    assert forward == backward
