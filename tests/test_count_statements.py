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
