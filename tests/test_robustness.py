"""Parsing and checking never raise on text, and every reported span lies inside it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from helpers import lint, source
from rectlint.parser import parse

LINES = [ln for p in sorted(EXAMPLES.glob("*.txt")) for ln in p.read_text("utf-8").splitlines()]
NOTICE_ALPHABET = st.sampled_from(list("一二三四五六七八九十（）()、.．：:，。；1234567890年月日至—-"
                                        "问题整改情况已完成正在中共党组关于的通报\n\r "))


def _spans_ok(text: str) -> None:
    if not text.strip():
        return  # the reader refuses blank input before parsing (see test_reading)
    n = parse(source(text))
    for p in n.paragraphs:
        assert 0 <= p.span.start < p.span.end <= len(text)
    for d in lint(text):
        assert 0 <= d.offset < d.end_offset <= len(text)
        assert text[d.offset:d.end_offset]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    _spans_ok(text)


@settings(max_examples=150, deadline=None)
@given(st.text(NOTICE_ALPHABET, min_size=1, max_size=400))
def test_notice_shaped_noise(text: str) -> None:
    _spans_ok(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=60))
def test_example_lines_dropped_duplicated_and_shuffled(lines: list[str]) -> None:
    _spans_ok("\n".join(lines))
