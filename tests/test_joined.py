"""Texts joined by line breaks: one scan finds what a scan of each text alone finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from rectlint.evidence import COMMITMENT, COUNT, UNFINISHED
from rectlint.joined import Joined

PIECES = ["已完成", "3个", "12项", "正在推进", "将", "确保", "\u3000", "，", "。", "1", "万元", "x", "尚未"]
texts = st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join), max_size=5)


def _each(pattern: re.Pattern[str], items: list[str]) -> list[tuple[int, int, int, str]]:
    return [(i, m.start(), m.end(), m.group()) for i, t in enumerate(items) for m in pattern.finditer(t)]


@given(texts)
def test_matches_are_those_of_each_text_alone(items: list[str]) -> None:
    joined = Joined(items)
    for pattern in (COUNT, COMMITMENT, UNFINISHED, re.compile(r"\d+\s*"), re.compile(r"\s+")):
        assert joined.matches(pattern) == _each(pattern, items)


def test_a_match_across_a_line_break_falls_back_to_each_text() -> None:
    joined = Joined(["共3", "个问题"])
    assert joined.matches(re.compile(r"\d\s*个")) == []  # "3\n个" is no match of either text
    assert joined.matches(re.compile(r"\s")) == []


def test_offsets_map_back_to_the_notice() -> None:
    joined = Joined(["甲乙", "丙丁"], [10, 40])
    at = joined.text.index("丁")
    assert joined.index(at) == 1 and joined.source_offset(at) == 41
    assert Joined([]).matches(re.compile(r"\s")) == []
