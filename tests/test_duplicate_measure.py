"""E006 finds shared runs by set algebra; it must find exactly the places a window-by-window table finds."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import doc_of
from rectlint.checks.evidence.duplicate_measure import _UNUSUAL, DuplicateMeasure, first_two_places
from rectlint.evidence import masked
from rectlint.places import item_place

PHRASES = ["进一步加强各类管网建设和污水、雨水设施的管理工作", "督促鼓楼区加快协调区相关部门",
           "7月9日召开专题会议研究部署整改工作", "完成“加强各类管网建设和污水雨水设施”任务",
           "①修订完善制度②加强监督检查③开展专项整治", "建立健全长效机制 防止问题反弹回潮",
           "已完成", "，", "。", "一是", "二是"]


def reference(doc, k: int, most: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The window-by-window table the rule replaced (kept here as the specification)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for item in doc.notice.items:
        for m in item.measures:
            text = masked(m.text)
            for i in range(len(text) - k + 1):
                run = text[i:i + k]
                if "\u3000" in run or any(c.isdigit() for c in run):
                    continue
                places = seen.setdefault(run, [])
                if not places or places[-1][0] != item.index:
                    places.append((item.index, m.span.start + i))
    return [(places[0], places[1]) for places in seen.values() if 2 <= len(places) < most]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=5), min_size=1, max_size=7),
       st.sampled_from([(16, 3), (8, 3), (8, 5), (30, 2), (6, 4)]))
def test_same_findings_as_the_window_table(responses: list[list[str]], opts: tuple[int, int]) -> None:
    k, most = opts
    lines = ["关于巡察整改情况的通报", "一、整改落实情况"]
    for i, parts in enumerate(responses, 1):
        lines += [f"{i}.问题{i}没有整改到位。", "整改情况：已完成。" + "".join(parts)]
    doc = doc_of("\n".join(lines) + "\n")
    assert first_two_places(doc.notice.items, k, most, doc.facts.measures) == reference(doc, k, most)
    rule = DuplicateMeasure({"min_length": k, "boilerplate_items": most})
    reported = {f.path for f in rule.check_notice(doc)}
    items = doc.notice.items
    assert reported == {item_place(items[later - 1], "response") for _, (later, _) in reference(doc, k, most)}


def test_every_digit_that_backslash_d_misses_is_unusual() -> None:
    # E006 looks at each character of a text only when it holds one outside the usual class (Han, CJK and
    # ASCII marks…): that class must hold no digit \d misses, whatever Unicode data this Python has.
    missed = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdigit() and not re.match(r"\d", chr(c))]
    assert missed and all(_UNUSUAL.match(c) for c in missed)


def test_every_usual_digit_is_ascii_or_full_width() -> None:
    # E006 ends its stretches at ASCII and full-width digits only: every other \d character must be unusual.
    usual_digits = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\d", chr(c)) and not _UNUSUAL.match(chr(c))]
    assert usual_digits == list("0123456789０１２３４５６７８９")
