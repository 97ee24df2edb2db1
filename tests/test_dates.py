"""Date expressions and their resolution (the forms notices use)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import doc_of
from rectlint import dates
from rectlint.dates import find_dates, find_sentence_dates, resolve
from rectlint.sentences import SENTENCE


@pytest.mark.parametrize(("text", "year", "start", "end"), [
    ("2025年3月6日至4月28日", None, date(2025, 3, 6), date(2025, 4, 28)),
    ("6月11日至9月11日", 2025, date(2025, 6, 11), date(2025, 9, 11)),
    ("8月4日—8月15日", 2025, date(2025, 8, 4), date(2025, 8, 15)),
    ("3月6—8日", 2025, date(2025, 3, 6), date(2025, 3, 8)),
    ("1—9月", 2025, date(2025, 1, 1), date(2025, 9, 30)),
    ("1-6月份", 2025, date(2025, 1, 1), date(2025, 6, 30)),
    ("2021年1-3月", None, date(2021, 1, 1), date(2021, 3, 31)),
    ("2021年 7、8、9月份", None, date(2021, 7, 1), date(2021, 9, 30)),
    ("2018年至2020年", None, date(2018, 1, 1), date(2020, 12, 31)),
    ("2024年12月至2025年2月", None, date(2024, 12, 1), date(2025, 2, 28)),
    ("8月份", 2025, date(2025, 8, 1), date(2025, 8, 31)),
    ("二〇二五年十月十五日", None, date(2025, 10, 15), date(2025, 10, 15)),
    ("2025-10-15", None, date(2025, 10, 15), date(2025, 10, 15)),
])
def test_resolution(text: str, year: int | None, start: date, end: date) -> None:
    m = find_dates(text)[0]
    r = resolve(m, year, 2025)
    assert (r.start, r.end) == (start, end)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("今年", date(2025, 1, 1), date(2025, 12, 31)),
    ("去年", date(2024, 1, 1), date(2024, 12, 31)),
    ("今年上半年", date(2025, 1, 1), date(2025, 6, 30)),
    ("2024年下半年", date(2024, 7, 1), date(2024, 12, 31)),
    ("今年1-6月份", date(2025, 1, 1), date(2025, 6, 30)),
])
def test_relative_years_and_halves(text: str, start: date, end: date) -> None:
    r = resolve(find_dates(text)[0], None, 2025)
    assert (r.start, r.end) == (start, end)


@pytest.mark.parametrize(("text", "problem"), [
    ("2月30日", "2月没有30日"), ("9月31日", "9月没有31日"), ("13月", "不存在13月"),
    ("2025年2月29日", "2025年2月没有29日"),
])
def test_impossible_dates(text: str, problem: str) -> None:
    assert find_dates(text)[0].problem == problem


def test_leap_day_is_possible() -> None:
    assert find_dates("2024年2月29日")[0].problem is None


@pytest.mark.parametrize("text", ["电话0374-6069965", "许组〔2024〕126号", "3次年度民主生活会", "12345热线", "三年",
                                  "PM2.5浓度", "第3轮", "近三年"])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_malformed_range_is_kept_and_marked() -> None:
    m = find_dates("2021年1至8月15日43件")[0]
    assert m.malformed and m.text == "2021年1至8月15日"


def test_year_is_carried_forward_and_rolls_over() -> None:
    d = doc_of("中共某县文旅局党组关于巡察整改情况的通报\n"
               "根据县委统一部署，2024年11月4日至12月20日，县委第二巡察组对县文旅局党组进行了巡察。"
               "1月15日，县委第二巡察组向县文旅局党组反馈了巡察意见。1月15日至4月15日，进行了集中整改。\n"
               "问题1：制度不全。\n整改情况：已整改。2月3日印发《县文旅局财务管理办法》。\n"
               "中共某县文旅局党组\n2025年5月6日\n")
    t = d.facts.timeline
    assert t.inspection.start == date(2024, 11, 4) and t.inspection.end == date(2024, 12, 20)
    assert t.feedback.start == date(2025, 1, 15)
    assert (t.rectification.start, t.rectification.end) == (date(2025, 1, 15), date(2025, 4, 15))
    measure = next(r for r in d.facts.dates if r.text == "2月3日")
    assert measure.start == date(2025, 2, 3)


def _per_sentence(text: str) -> list[tuple[int, int, str, bool, str | None]]:
    out = []
    for s in SENTENCE.finditer(text):
        out += [(m.start + s.start(), m.end + s.start(), m.text, m.is_range, m.problem) for m in find_dates(s.group())]
    return out


@pytest.mark.parametrize("text", [
    "根据县委统一部署，2024年11月4日至12月20日，县委第二巡察组对县文旅局党组进行了巡察；1月15日反馈了巡察意见。",
    "3月6—8日、7、8、9月份开展专项检查，发现问题12个！二〇二五年十月十五日前全部整改到位？今年上半年已完成9个。",
    "一九九九年三月建成的旧馆。一九九九年三月建成、2月30日复查的旧馆已于今年拆除。2021年1至8月15日受理43件",
    "2025-10-15印发《办法》。12345热线、0374-6069965电话、PM2.5浓度、第3轮、2020年代；1-3",
])
def test_sentence_dates_are_each_sentences_dates(text: str) -> None:
    found = [(m.start, m.end, m.text, m.is_range, m.problem) for m in find_sentence_dates(text)]
    assert found == _per_sentence(text)


def test_a_sentence_without_digits_keeps_its_chinese_date_unread() -> None:
    # find_dates skips a sentence with no digit, 〇 or 今年, and reading a paragraph at once must too
    assert [m.text for m in find_sentence_dates("一九九九年三月建成。2024年拆除")] == ["2024年"]


def test_a_date_reads_the_same_wherever_it_stands() -> None:
    alone = find_dates("2025年3月6日至4月28日")[0]
    inside = find_dates("于2025年3月6日至4月28日开展巡察")[0]
    assert (inside.start, inside.end, inside.text) == (1, 16, alone.text)
    assert (resolve(inside, None).start, resolve(inside, None).end) == (date(2025, 3, 6), date(2025, 4, 28))
    assert [m.text for m in find_dates("2020年整改，2020年代建成")] == ["2020年"]  # what follows decides
    assert find_dates("5至6个") == [] and [m.text for m in find_dates("5至6月")] == ["5至6月"]


def test_a_long_sentence_of_chinese_dates_is_read_in_one_pass() -> None:
    # whether a sentence may hold dates is asked once for it, not once for each of its dates (which took minutes)
    assert find_sentence_dates("一九九九年三月建成" * 20000) == []
    assert len(find_sentence_dates("二〇二五年三月建成" * 20000)) == 20000


def test_each_paragraph_keeps_its_own_dates_and_year() -> None:
    # the paragraphs are read joined: a date never runs on into the next paragraph, which gets no year from it
    d = doc_of("中共某县文旅局党组关于巡察整改情况的通报\n"
               "2024年11月4日至12月20日，县委第二巡察组对县文旅局党组进行了巡察。\n"
               "问题1：制度不全。\n整改情况：已整改。2023年\n3月完成，12月6日—\n8日复查。\n"
               "中共某县文旅局党组\n2025年5月6日\n")
    assert [(r.text, r.span.line, r.start) for r in d.facts.dates if r.span.line > 2] == [
        ("2023年", 4, date(2023, 1, 1)), ("3月", 5, date(2025, 3, 1)), ("12月6日", 5, date(2024, 12, 6))]


@pytest.mark.parametrize("chain", [
    "2025年3月6日", "3月份", "12月31日", "2025年", "今年", "本年度", "上年度3月", "15号", "2025年6日", "2月30日",
    "2025年2月29日", "13月", "0月0日", "3月份6日", "2024年12月至2025年2月", "2018年至2020年", "3月6日至8日",
    "2021年1至8月15日", "2025年至3月", "3月——5月", "10月20日-11月3日", "去年至今年", "3月至"])
def test_a_common_chain_reads_as_its_atoms_read_it(chain: str) -> None:
    common = dates._common_mentions(chain)
    if chain in ("2021年1至8月15日", "3月至"):  # a bare number, a trailing separator: read atom by atom
        assert common is None
    else:
        assert common == dates._atom_mentions(chain, 0, len(chain))


def _atom_by_atom(text: str) -> list[dates.DateMention]:
    """The dates as every run of adjacent atoms (_ATOM.finditer from the start of the text) reads them: what
    _CHAIN's hand-written openings must find, chain for chain."""
    out: list[dates.DateMention] = []
    run: list = []
    for m in dates._ATOM.finditer(text):
        if run and m.start() != run[-1].end():
            out += dates._chain_to_mentions(text, run)
            run = []
        run.append(m)
    return out + (dates._chain_to_mentions(text, run) if run else [])


# the characters dates are written with and the ones around them that the atoms' lookarounds test
_DATE_TEXT = st.text(st.sampled_from("0123456789年月日号份度至到—–－-~～、 \u3000.。，/上下半今去本当明前"
                                     "〇零一二三四五六七八九十代以内中目是个\n"), max_size=24)


@settings(max_examples=3000, deadline=None)
@given(_DATE_TEXT)
def test_chains_find_what_atom_by_atom_reading_finds(text: str) -> None:
    # _CHAIN spells out by hand the characters an atom opens with and what may follow them; a date it
    # missed or cut differently would show here
    assert [(m.start, m.end, m.text, m.first, m.last, m.problem) for m in find_dates(text)] == \
        [(m.start, m.end, m.text, m.first, m.last, m.problem) for m in _atom_by_atom(text)]


def test_a_chain_opens_at_every_digit_and_at_nothing_else_of_the_digit_blocks() -> None:
    # the chain's opening class is written as the blocks that hold digits, not as \d
    blocks = re.compile(f"[{dates._DIGIT_BLOCKS}]")
    assert all(blocks.match(chr(c)) for c in range(0x110000) if chr(c).isdecimal())
    assert [m.text for m in find_dates("２０２５年３月６日，\u0663月")] == ["２０２５年３月６日", "\u0663月"]
    assert find_dates("\u0e01月\u0e01年\uabc0日") == []  # letters of Thai and Meetei Mayek


@given(st.integers(-3000, 12000), st.integers(-2, 15))
def test_month_days_are_calendars(year: int, month: int) -> None:
    """dates._month_days gives calendar.monthrange's days, and the text of its error for a month that does not exist."""
    import calendar

    try:
        expected: int | str = calendar.monthrange(year, month)[1]
    except ValueError as exc:
        expected = str(exc)
    try:
        got: int | str = dates._month_days(year, month)
    except ValueError as exc:
        got = str(exc)
    assert got == expected



def _days_of(p: dates.Point, year: int | None, ref_year: int | None) -> tuple[date, date] | None:
    """The days point `p` stands for, spelled out with calendar: ValueError for a day its month lacks."""
    import calendar

    if p.relative is not None:
        year = None if ref_year is None else ref_year + p.relative
    elif p.year is not None:
        year = p.year
    if year is None or not 1 <= year <= 9999:
        return None
    if p.month is None:
        lo, hi = {"上": (1, 6), "下": (7, 12)}.get(p.half or "", (1, 12))
        return date(year, lo, 1), date(year, hi, calendar.monthrange(year, hi)[1])
    if p.day is None:
        return (date(year, p.month, 1), date(year, p.month, calendar.monthrange(year, p.month)[1])) \
            if 1 <= p.month <= 12 else None
    if p.day > calendar.monthrange(year, p.month)[1]:  # calendar's error for a month that does not exist
        raise ValueError(f"{year}年{p.month}月没有{p.day}日")
    return (date(year, p.month, p.day),) * 2 if p.day >= 1 else None


def _expected_resolution(mention: dates.DateMention, year: int | None, ref_year: int | None) -> tuple:
    if mention.problem and not mention.malformed:
        return None, None, mention.problem
    try:
        if (first := _days_of(mention.first, year, ref_year)) is None:
            return None, None, None
        last = None if mention.last is None else _days_of(mention.last, first[0].year, ref_year)
        if last is not None and last[1] < first[0] and mention.last.year is None:  # the range crosses the year
            later = dates.Point(year=first[0].year + 1, month=mention.last.month, day=mention.last.day)
            last = _days_of(later, None, None) or last
        return first[0], (last or first)[1], mention.problem
    except ValueError as exc:
        return None, None, str(exc)

_YEARS = st.sampled_from([None, -1, 0, 1, 1999, 2000, 2023, 2024, 2100, 9998, 9999, 10000])
_POINTS = st.builds(dates.Point, _YEARS, st.none() | st.integers(0, 14), st.none() | st.integers(0, 32), st.none(),
                    st.none() | st.integers(-2, 1), st.sampled_from([None, "上", "下"]))


@settings(max_examples=3000, deadline=None)
@given(_POINTS, st.none() | _POINTS, st.sampled_from([None, "问题"]), st.booleans(), _YEARS, _YEARS)
def test_dates_resolve_to_the_days_they_stand_for(first: dates.Point, last: dates.Point | None, problem: str | None,
                                                  malformed: bool, year: int | None, ref_year: int | None) -> None:
    # _point_range asks date() first, and why a point does not exist only when date() refuses it
    mention = dates.DateMention(0, 1, "日", first, last, problem, malformed)
    assert dates.resolved(mention, year, ref_year) == _expected_resolution(mention, year, ref_year)


def _read(chains: list) -> list:
    return [(at, [(m.start, m.end, m.text, m.first, m.last, m.problem) for m in found]) for at, found in chains]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_DATE_TEXT, st.booleans()), min_size=1, max_size=6))
def test_the_opening_takes_its_chains_from_the_prose_scan(paragraphs: list[tuple[str, bool]]) -> None:
    # the opening's paragraphs lie among the prose's: their chains are those of the prose's one scan, which
    # are what each paragraph alone holds
    from rectlint import facts
    from rectlint.model import Paragraph, Span

    prose = [Paragraph(Span(0, 0, 1, 1, 1, 1), text) for text, _ in paragraphs]
    opening = [p for p, (_, wanted) in zip(prose, paragraphs, strict=True) if wanted]
    found = facts._chains_of(prose, list(dates.sentence_chains(facts._BREAK.join(p.text for p in prose))), opening)
    assert {k: _read(v) for k, v in found.items()} == {id(p): _read(dates.sentence_chains(p.text)) for p in opening}


@settings(max_examples=2000, deadline=None)
@given(_POINTS)
def test_a_point_is_impossible_when_its_month_or_day_does_not_exist(p: dates.Point) -> None:
    # _impossible reads the days of every month but February from the table
    import calendar

    expected = None
    if p.month is not None and not 1 <= p.month <= 12:
        expected = f"不存在{p.month}月"
    elif p.month is not None and p.day is not None:
        leap = calendar.isleap(p.year if p.year is not None else 2024)  # 2月29日 is possible without a year
        days = (29 if leap else 28) if p.month == 2 else 30 if p.month in (4, 6, 9, 11) else 31
        if not 1 <= p.day <= days:
            expected = f"{p.year}年{p.month}月没有{p.day}日" if p.year else f"{p.month}月没有{p.day}日"
    assert dates._impossible(p) == expected
