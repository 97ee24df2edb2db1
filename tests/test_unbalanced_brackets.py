"""P002 pairs the marks of a paragraph only when some are left over once adjacent pairs are removed: it must
report exactly what pairing every paragraph would."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import doc_of
from rectlint.checks.punctuation.unbalanced_brackets import (
    ADJACENT_PAIR,
    ALL_PAIRED,
    CLOSERS,
    OTHERS,
    PAIRS,
    UnbalancedBrackets,
)

PIECES = [*"（）《》“”【】〔〕‘’", "整改", "。", "印发", "(", ")"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), min_size=1, max_size=5))
def test_reports_what_pairing_each_paragraph_reports(bodies: list[str]) -> None:
    items = [f"{i}.问题{i}：{body}" for i, body in enumerate(bodies, 1)]
    doc = doc_of("\n".join(["关于巡察整改情况的通报", "一、整改落实情况", *items]) + "\n")
    rule = UnbalancedBrackets()
    expected = [f for p in doc.notice.paragraphs for f in rule._unpaired(p)]
    assert list(rule.check_notice(doc)) == expected


def _depth(body: str) -> int:
    depth = deepest = 0
    for char in body:
        depth += (char in PAIRS) - (char in CLOSERS)
        deepest = max(deepest, depth)
    return deepest


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
@example("印发《整改“方案”》")
@example("《“（整改）”》")  # three deep: paired one by one
def test_one_match_tells_a_paragraph_whose_marks_all_pair(body: str) -> None:
    marks = OTHERS.sub("", body)
    while (fewer := ADJACENT_PAIR.sub("", marks)) != marks:
        marks = fewer
    assert (ALL_PAIRED.match("\n" + body).end() == len(body) + 1) == (not marks and _depth(body) <= 2)
