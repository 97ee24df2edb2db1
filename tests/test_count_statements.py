"""The facts' count statements: a part's patterns are tried only in sentences holding one of its words."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rectlint import facts

# The vocabulary the part patterns are written in: their words, numbers, units and the words between them.
_WORDS = sorted({*re.findall(r"[\u4e00-\u9fff]+", facts._DONE + facts._NOT_DONE + facts._LONG + facts._GOING),
                 "基本完成", "问题", "的", "需", "要", "个", "项", "条", "件", "3", "十二", "两", "，", " "})


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_a_part_matches_only_where_one_of_its_words_stands(parts: list[str]) -> None:
    sentence = "".join(parts)
    for name, pattern in facts._COUNT_PATTERNS:
        if name != "total" and pattern.search(sentence):
            assert any(word in sentence for word in facts._PART_WORDS[name]), (name, sentence)



# The totals' vocabulary, with numbers and units written together often enough for most lists to hold a total.
_TOTAL_WORDS = ["反馈", "发现", "指出", "交办", "移交", "梳理", "共有", "共计", "涉及", "查找", "列出", "具体", "主要",
                "的", "问题", "问题", "具体问题", "3个", "十二项", "两条", "5 件", "3", "个", "，", " "]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_TOTAL_WORDS), max_size=8))
def test_a_total_matches_only_where_its_words_stand_around_its_problems(parts: list[str]) -> None:
    sentence = "".join(parts)
    if any(pattern.search(sentence) for pattern in facts._TOTALS):
        assert facts._TOTAL_AROUND.search(sentence), sentence


@settings(max_examples=1000)
@given(st.integers(0, 10**6), st.integers(0, 5), st.integers(0, 4), st.integers(-60, 5000), st.integers(1, 5000),
       st.booleans())
def test_rates_are_worked_out_as_decimal_gives_them(digits: int, shown: int, decimals: int, done: int, total: int,
                                                    truncation: bool) -> None:
    """C003 reckons in integers what decimal.Decimal gives: the rate at its precision and the message's figure."""
    from decimal import Decimal

    from rectlint.checks.counts import rate_mismatch

    rate = float(f"{digits // 10**shown}.{digits % 10**shown:0{shown}d}" if shown else str(digits))
    for d in (done, done * total // 97, total * 100 // 2 - done):  # near the rates that are stated
        assert rate_mismatch.matches(rate, decimals, d, total, truncation) == \
            rate_mismatch._matches_decimal(rate, decimals, d, total, truncation)
        assert rate_mismatch.percent(d, total) == f"{Decimal(d) * 100 / Decimal(total):.2f}"
    exact = round(done * 100 / total, decimals)
    assert rate_mismatch.matches(exact, decimals, done, total) == rate_mismatch._matches_decimal(
        exact, decimals, done, total, True)
