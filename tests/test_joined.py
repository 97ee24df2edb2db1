"""Texts joined by line breaks: one scan finds what a scan of each text alone finds."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from rectlint.checks.punctuation.half_width_punctuation import HALF, MARK
from rectlint.checks.wording.inconsistent_joined_names import PAIR
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


NEAR_PIECES = ["市委", "党组", "区委", "、", "市政府", "政府", "省", "县", "整改", ",", ";", ":", "?", "!", "(", ")",
               '"', "，", "中", "a", "8", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NEAR_PIECES), max_size=10).map("".join), max_size=4))
@example(["经市委、市政府和区委区政府研究", '要求"整改到位"并(限期)完成;是否?', "党组政府!"])
def test_near_finds_what_a_scan_finds(items: list[str]) -> None:
    """The rules that look for their matches from a few needles find what a scan of the joined text finds."""
    joined = Joined(["整改" * 1500, *items])  # long enough for its needles to be few
    for pattern, needles, lo, hi in ((MARK, HALF, 0, 0), (PAIR, ("政府",), 2, 4)):
        assert [(m.span(), m.groups()) for m in joined.near(pattern, needles, lo, hi)] == \
            [(m.span(), m.groups()) for m in pattern.finditer(joined.text)]


def test_near_scans_a_text_full_of_needles() -> None:
    joined = Joined(["a,b,c,d"])  # more needles than a try at each is worth: the text is scanned
    assert [m.span() for m in joined.near(re.compile(r",\w"), ",")] == [(2, 4), (4, 6), (6, 8)]
