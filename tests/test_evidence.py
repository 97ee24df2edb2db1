"""What an item's response offers as evidence, measure by measure."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from helpers import doc_of
from rectlint.sentences import CLAUSE, clause_at

NOTICE = """中共某县农业农村局党组关于巡察整改情况的通报
根据县委统一部署，2024年9月2日至10月25日，县委第一巡察组对县农业农村局党组进行了巡察。11月28日，县委第一巡察组向县农业农村局党组反馈了巡察意见。
问题1：惠农补贴发放把关不严，部分农户重复领取补贴。
整改情况：已整改。2024年12月6日，对3个村的补贴发放逐户核查，清退重复领取的补贴资金1.2
万元已于12月20日全部退还县财政，对2名责任人进行约谈。
问题2：“三资”管理制度执行不到位。
整改情况：正在整改。①修订印发《村级“三资”管理办法》，今后将长期坚持。
②村级资产清查尚未完成，剩余资产清查计划于6月底前完成。
中共某县农业农村局党组
2025年3月6日
"""


def test_a_number_cut_off_from_its_unit_by_a_line_break_counts_nothing() -> None:
    # text copied from a PDF breaks lines anywhere; each response line is a measure of its own, and the
    # measures are searched joined: what runs across the join is what no measure holds
    evidence = doc_of(NOTICE).facts.evidence[1]
    assert [m.text for m in evidence.evidence if m.kind == "count"] == ["3个", "万元", "2名"]
    assert [m.kind for m in evidence.evidence] == [
        "count", "accountability", "count", "count", "accountability", "completed", "date", "date"]


def test_promises_and_unfinished_work_are_read_measure_by_measure() -> None:
    evidence = doc_of(NOTICE).facts.evidence[2]
    assert [m.text for m in evidence.commitments] == ["今后", "长期坚持", "计划"]
    assert [m.text for m in evidence.unfinished] == ["尚未", "剩余"]
    assert [m.kind for m in evidence.evidence] == ["document"]


def test_whether_there_is_evidence_is_what_the_list_says() -> None:
    # asked alone, the answer stops at the first proof: it must be the list's, promises and repeats left out
    more = ("问题3：台账不全。\n整改情况：已整改。今后每季度开展1次检查。\n"
            "问题4：补贴发放3个村把关不严。\n整改情况：已整改。3个村补贴发放把关不严。\n")
    notice = NOTICE.replace("中共某县农业农村局党组\n2025", more + "中共某县农业农村局党组\n2025")
    asked = [doc_of(notice).facts.evidence[n].proven for n in (1, 2, 3, 4)]
    listed = [list(doc_of(notice).facts.evidence[n].evidence) for n in (1, 2, 3, 4)]
    assert asked == [bool(x) for x in listed] == [True, True, False, False]


@given(st.text(alphabet="今后，,。；;！？!?甲", max_size=16))
def test_the_clause_at_an_offset_is_the_clause_match_that_holds_it(text: str) -> None:
    spans = [m.span() for m in CLAUSE.finditer(text)]
    for at in range(len(text) + 1):
        assert clause_at(text, at) == next(((a, b) for a, b in spans if a <= at < b), None), (text, at)


def _response_dates_are_those_between_its_ends(text: str) -> None:
    doc = doc_of(text)
    for n, item in enumerate(doc.notice.items):
        start, end = (item.response[0].span.start, item.response[-1].span.end) if item.response else (0, 0)
        between = [d for d in doc.facts.dates if start <= d.span.start and d.span.end <= end]
        assert doc.facts.evidence[item.index]._analysis.dates[n] == between, item.ref


_LINE = st.text(st.sampled_from("0123456789年月日号份至、 。；，已整改印发"), max_size=16)  # dates, and around them


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=4))
def test_a_response_holds_the_dates_from_its_first_paragraph_to_its_last(lines: list[str]) -> None:
    # resolve_facts takes them by bisection on their starts alone: a date ends before its paragraph does, so
    # before the response does
    status = "整改情况：正在整改。"
    _response_dates_are_those_between_its_ends(NOTICE.replace(status, status + "\n".join(lines)))


def test_the_examples_responses_hold_the_dates_from_their_first_paragraph_to_their_last() -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        _response_dates_are_those_between_its_ends(path.read_text(encoding="utf-8"))
