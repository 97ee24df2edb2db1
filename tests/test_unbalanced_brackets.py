"""P002 pairs the marks of a paragraph only when some are left over once adjacent pairs are removed: it must
report exactly what pairing every paragraph would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import doc_of
from rectlint.checks.punctuation.unbalanced_brackets import UnbalancedBrackets

PIECES = [*"（）《》“”【】〔〕‘’", "整改", "。", "印发", "(", ")"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), min_size=1, max_size=5))
def test_reports_what_pairing_each_paragraph_reports(bodies: list[str]) -> None:
    items = [f"{i}.问题{i}：{body}" for i, body in enumerate(bodies, 1)]
    doc = doc_of("\n".join(["关于巡察整改情况的通报", "一、整改落实情况", *items]) + "\n")
    rule = UnbalancedBrackets()
    expected = [f for p in doc.notice.paragraphs for f in rule._unpaired(p)]
    assert list(rule.check_notice(doc)) == expected
