"""The grammar on each layout, on web chrome, on fragments and on text that is not a notice."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from helpers import doc_of, lint, source
from rectlint.model import Status
from rectlint.parser import parse
from rectlint.source import read_path


def test_numbered_layout() -> None:
    n = parse(read_path(EXAMPLES / "layout-numbered.txt"))
    assert n.title == "中共青禾市水利局党组关于巡察整改进展情况的通报"
    assert n.issuer == "中共青禾市水利局党组"
    assert len(n.items) == 12
    assert [i.number for i in n.items] == list(range(1, 13))
    assert Counter(i.status for i in n.items) == {Status.DONE: 9, Status.IN_PROGRESS: 2, Status.LONG_TERM: 1}
    assert [s.kind for s in n.sections] == ["body", "next-steps"]
    assert n.items[0].measures[0].marker == "一是"
    assert [(m.series, m.number) for m in n.items[0].measures] == [("是", 1), ("是", 2), ("是", 3)]
    assert n.contact and n.contact.phone and n.contact.address and n.contact.email and n.contact.postcode


def test_problem_labelled_layout_joins_a_split_title() -> None:
    n = parse(read_path(EXAMPLES / "layout-problem-labelled.txt"))
    assert n.title == "中共云岭县农业农村局党组关于巡察整改情况的通报"
    assert n.title_span and n.title_span.line == 1 and n.title_span.end_line == 3
    assert [i.ref for i in n.items] == [f"问题{k}" for k in range(1, 11)]
    assert Counter(i.status for i in n.items) == {Status.DONE: 9, Status.IN_PROGRESS: 1}
    assert n.items[0].measures[0].marker == "①"
    assert (n.items[0].measures[0].series, n.items[0].measures[0].number) == ("圈", 1)
    assert n.next_steps is None
    assert n.contact and n.contact.address is None


def test_theme_grouped_layout() -> None:
    n = parse(read_path(EXAMPLES / "layout-theme-grouped.txt"))
    body = n.sections[0]
    assert [g.heading.marker for g in body.groups] == ["（一）", "（二）", "（三）"]
    assert len(n.items) == 8
    assert all(i.path.startswith("一/（") for i in n.items)
    assert any(m.marker == "（1）" for i in n.items for m in i.measures)
    assert n.items[0].status is Status.DONE


WEB_PAGE = """您的位置: 首页 > 巡视巡察
中共青禾市林业局党组关于巡察整改进展情况的通报
【信息来源:市林业局【信息时间:2025-11-03  阅读次数: 】【字号 】【我要打印】【关闭
信息索引号：QH-0012-2025-0031 成文日期：2025-11-03
根据市委统一部署，2025年4月8日至5月30日，市委第四巡察组对市林业局党组进行了巡察。7月2日，市委第四巡察组向市林业局党组反馈了巡察意见。
1.森林防火责任落实不到位。
整改情况：已完成。7月10日印发《青禾市林业局森林防火责任清单》，明确责任人36名。
中共青禾市林业局党组
2025年11月3日
扫一扫在手机打开当前页
"""


def test_web_chrome_is_kept_apart_and_never_linted() -> None:
    d = doc_of(WEB_PAGE)
    kinds = [c.kind for c in d.notice.chrome]
    assert kinds == ["breadcrumb", "toolbar", "index-table", "toolbar"]
    assert all("阅读次数" not in p.text for p in d.notice.paragraphs)
    assert d.notice.title == "中共青禾市林业局党组关于巡察整改进展情况的通报"
    labels = {r.label: r.start.isoformat() for r in d.facts.timeline.chrome if r.start}
    assert labels == {"信息时间": "2025-11-03", "成文日期": "2025-11-03"}
    assert d.facts.timeline.published and d.facts.timeline.published.start.isoformat() == "2025-11-03"


@pytest.mark.parametrize("cut", [30, 200, 555, 1000])
def test_fragments_parse(cut: int) -> None:
    text = (EXAMPLES / "layout-problem-labelled.txt").read_text("utf-8")[:cut]
    n = parse(source(text))
    for p in n.paragraphs:
        assert text[p.span.start:p.span.end] == p.text


def test_lines_out_of_place_become_paragraphs() -> None:
    text = ("整改情况：先写了整改。\n问题1：台账不全。\n（一）插入的小标题\n整改情况：已整改。7月1日补齐台账。\n"
            "联系电话：0371-1234567\n问题2：制度不全。\n")
    n = parse(source(text))
    assert [i.ref for i in n.items] == ["问题1", "问题2"]
    assert n.paragraphs[0].text.startswith("整改情况：先写了整改")


def test_text_that_is_not_a_notice_is_unstructured() -> None:
    n = parse(source("那年夏天，雨下个不停。\n我们在河边等了很久，直到天黑。\n"))
    assert not n.structured
    assert len(n.paragraphs) == 2


def test_every_span_slices_to_its_text() -> None:
    src = read_path(EXAMPLES / "layout-theme-grouped.txt")
    n = parse(src)
    for p in n.paragraphs:
        assert src.text[p.span.start:p.span.end] == p.text
    for i in n.items:
        assert src.text[i.problem_span.start:i.problem_span.end] == i.problem
        for m in i.measures:
            assert src.text[m.span.start:m.span.end] == m.text


MARKDOWN = """# 中共青禾市商务局党组关于巡察整改情况的通报

根据市委统一部署，2025年4月8日至5月30日，市委第五巡察组对市商务局党组进行了巡察。7月2日，市委第五巡察组向市商务局党组反馈了巡察意见。

截至9月30日，巡察反馈的2个问题已全部完成整改，给予诫勉谈话2人、批评教育5人，建立完善制度6项，追缴资金3.5万元。

## 一、整改落实情况

1. 招商引资项目跟踪服务不到位。

**整改情况：**已完成。7月15日印发《青禾市商务局重点项目跟踪服务办法》，建立项目台账43个。

## 二、下一步工作打算

<!-- a comment line is not content -->
欢迎广大干部群众对巡察整改落实情况进行监督。

中共青禾市商务局党组

2025年11月3日
"""


def test_markdown_markup_is_not_part_of_the_text() -> None:
    d = doc_of(MARKDOWN)
    n = d.notice
    assert n.title == "中共青禾市商务局党组关于巡察整改情况的通报"
    assert n.title_span and n.title_span.column == 3
    assert [s.kind for s in n.sections] == ["body", "next-steps"]
    item = n.items[0]
    assert (item.number, item.status.value, item.status_label) == (1, "done", "已完成")
    assert n.invitation and n.invitation.text.startswith("欢迎广大干部群众")
    assert not any("<!--" in p.text for p in n.paragraphs)
    outcomes = {(o.label, o.value, o.unit) for o in d.facts.outcomes}
    assert outcomes == {("诫勉谈话", 2, "人"), ("批评教育", 5, "人"), ("建立完善制度", 6, "项"),
                        ("追缴资金", 3.5, "万元")}


_CHROME_HEADS = ["【打印】", "首页 > 政务公开", "当前位置：首页", "打印本页", "关闭窗口", "发布时间：2025-01-01",
                 "来源：县纪委", "字号：大 中 小", "浏览次数：12", "分享到：", "索引号：001", "责任编辑：张三",
                 "问题1："]


def test_the_chrome_guard_is_read_off_the_chrome_patterns() -> None:
    from rectlint import lines

    assert lines.CHROME_FIRST is not None and len(lines.CHROME_FIRST) < 60  # a few characters, not any
    chrome = [head for head in _CHROME_HEADS if lines._chrome_kind(head)]
    assert len(chrome) >= 8 and all(head[0] in lines.CHROME_FIRST for head in chrome)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_CHROME_HEADS), st.text(max_size=20))
def test_every_line_the_chrome_patterns_take_passes_the_guard(head: str, rest: str) -> None:
    from rectlint import lines

    for text in (head + rest, rest):
        if text and lines._chrome_kind(text):
            assert lines.CHROME_FIRST is not None and text[0] in lines.CHROME_FIRST


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["关于", "巡察", "巡视", "整改", "的", "通报", "公告", "公示", "情况", "进展", "报告",
                                 "县委", "。", " ", "\n"]), max_size=12))
def test_every_title_ends_as_the_title_guard_expects(words: list[str]) -> None:
    from rectlint import lines

    text = "".join(words).strip()
    if lines.TITLE.search(text):
        assert text.endswith(lines._TITLE_ENDINGS)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="一二三四五六七八九十①②⑳（(）)是否非的为１２3４5 a", max_size=14), st.integers(0, 14))
def test_the_fast_enumerator_pattern_finds_what_the_plain_one_does(text: str, pos: int) -> None:
    import re

    from rectlint import parser

    def found(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text, pos)]

    assert found(parser._ENUMERATORS) == found(re.compile(parser.ENUMERATOR))


def _measures_by_parts(p, body_start: int) -> list:
    """The measures of a paragraph as the parser made them before it took a whole-paragraph measure's span and
    text from the paragraph itself: each piece's text joined anew, its span by Span.part."""
    from rectlint import parser
    from rectlint.model import Measure

    pieces = parser._ENUMERATORS.split(p.text[body_start:] if body_start else p.text)
    span, out = p.span, []
    start = span.start + body_start
    if (body := pieces[0].rstrip()).strip(parser._PUNCTUATION):
        out.append(Measure(span.part(start, start + len(body)), None, body))
    start += len(pieces[0])
    for k in range(1, len(pieces), 2):
        whole = pieces[k] + pieces[k + 1]
        body = whole.rstrip()
        out.append(Measure(span.part(start, start + len(body)), pieces[k], body, *parser.enumerator(pieces[k])))
        start += len(whole)
    return out


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="一二三四是否①⑳（(）)12 。，：加强", min_size=1, max_size=16), st.integers(0, 16),
       st.integers(0, 50), st.integers(1, 9), st.integers(1, 9))
def test_measures_are_the_pieces_split_at_each_enumerator(text: str, body_start: int, start: int, line: int,
                                                         column: int) -> None:
    from rectlint import parser
    from rectlint.model import Paragraph, Span

    p = Paragraph(Span(start, start + len(text), line, column, line, column + len(text)), text)
    body_start = min(body_start, len(text))
    out: list = []
    parser._measures(p, body_start, out)
    assert out == _measures_by_parts(p, body_start)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["（", "(", "【", "[", "）", ")", "】", "]", "已完成", "正在整改", "整改中", "。", ".",
                                 " ", "\u3000", "\n", "问题"]), max_size=10))
def test_every_headline_with_a_status_at_its_end_passes_the_guard(words: list[str]) -> None:
    from rectlint import parser

    text = "".join(words).strip()  # as a heading's text is
    if parser._STATUS_TAIL.search(text):
        assert text.rstrip("。.").rstrip().endswith(parser._TAIL_CLOSERS)


def test_a_heading_that_is_also_an_item_is_one_paragraph() -> None:
    """（一）… followed directly by 整改情况 is a section heading and an item at once: its line is still one
    paragraph, so a typo in it is reported once."""
    text = ("中共青禾市水利局党组关于巡察整改情况的通报\n"
            "一、截止目前学习贯彻不够深入，确保确保落实\n整改情况：已完成。7月8日召开党组会议专题学习。\n"
            "二、河湖长制落实不到位\n整改情况：已完成。7月16日印发《河湖长履职考核办法》。\n")
    n = parse(source(text))
    assert [i.problem for i in n.items] == ["截止目前学习贯彻不够深入，确保确保落实", "河湖长制落实不到位"]
    lines = [p.span.line for p in n.paragraphs]
    assert len(lines) == len(set(lines))
    assert n.items[0].problem_paragraphs[0] is n.paragraphs[1]
    found = [(d.code, d.line) for d in lint(text) if d.code in ("W001", "W003")]
    assert found == [("W001", 2), ("W003", 2)]


@pytest.mark.parametrize(("marker", "series", "number"), [("十是", "是", 10), ("⑳", "圈", 20), ("（12）", "括", 12),
                                                          ("(3)", "括", 3)])
def test_a_measure_carries_its_enumerators_series_and_number(marker: str, series: str, number: int) -> None:
    n = parse(source(f"问题1：台账不全。\n整改情况：已整改。{marker}补齐台账。\n"))
    m = n.items[0].measures[-1]
    assert (m.marker, m.series, m.number) == (marker, series, number)
