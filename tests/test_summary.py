"""Per-notice figures: items by status, the completion figures the notice states, the rate its labels give."""

from __future__ import annotations

from conftest import EXAMPLES
from helpers import MARKUP_NOTICE, doc_of
from rectlint.discover import Target
from rectlint.engine import Settings
from rectlint.registry import select_rules
from rectlint.report import FORMATS, reporter
from rectlint.report.base import ReportContext
from rectlint.runner import RunOptions, check_target
from rectlint.summary import summarise


def test_figures_of_a_notice_whose_rate_does_not_follow_from_its_items() -> None:
    s = summarise(doc_of(MARKUP_NOTICE))
    assert s["title"] == "中共白沙县市场监督管理局党组关于巡察整改情况的通报"
    assert s["issuer"] == "中共白沙县市场监督管理局党组"
    assert (s["published"], s["published_text"]) == ("2025-08-15", "2025年8月15日")
    assert s["items"] == 4
    assert s["by_status"] == {"done": 3, "basically-done": 0, "in-progress": 1, "long-term": 0, "not-done": 0,
                              "unstated": 0}
    assert s["recomputed_rate"] == 75.0
    stated = s["stated"]
    assert stated["line"] == 5 and stated["text"].endswith("整改完成率80%")
    assert (stated["problems"], stated["total"], stated["rate"], stated["rate_text"]) == (4, 4, 80.0, "80%")
    assert stated["parts"] == {"done": 3, "in-progress": 1}
    assert s["rate_agrees"] is False


def test_a_rate_that_agrees_at_its_stated_precision() -> None:
    text = MARKUP_NOTICE.replace("整改完成率80%", "整改完成率75.0%")
    s = summarise(doc_of(text))
    assert s["stated"]["rate_decimals"] == 1 and s["rate_agrees"] is True


def test_no_comparison_when_the_list_is_partial_or_the_rate_counts_measures() -> None:
    partial = MARKUP_NOTICE.replace("巡察反馈的4个问题中", "巡察反馈的6个问题中")
    assert summarise(doc_of(partial))["rate_agrees"] is None
    measures = MARKUP_NOTICE.replace("巡察反馈的4个问题中，已完成整改3个，正在整改1个",
                                     "巡察反馈的4个问题细化为20项整改措施，已完成16项")
    s = summarise(doc_of(measures))
    assert s["stated"]["subject"] == "措施" and s["stated"]["total"] == 20 and s["rate_agrees"] is None


def test_unlabelled_items_give_no_recomputed_rate() -> None:
    text = MARKUP_NOTICE.replace("整改情况：已完成。", "整改情况：").replace("整改情况：正在整改。", "整改情况：")
    s = summarise(doc_of(text))
    assert s["by_status"]["unstated"] == 4 and s["recomputed_rate"] is None and s["rate_agrees"] is None


def test_a_notice_without_summary_figures() -> None:
    s = summarise(doc_of((EXAMPLES / "layout-problem-labelled.txt").read_text("utf-8")))
    assert s["stated"] is None and s["rate_agrees"] is None and s["recomputed_rate"] == 90.0


def test_the_runner_computes_figures_only_for_reporters_that_show_them() -> None:
    target = Target("layout-numbered.txt", EXAMPLES / "layout-numbered.txt")
    settings = Settings(rules=select_rules())
    assert check_target(target, RunOptions(lambda _t: settings)).result.summary == {}
    assert check_target(target, RunOptions(lambda _t: settings, summary=True)).result.summary["items"] == 12
    asking = {name for name in FORMATS if reporter(name, ReportContext()).needs_summary}
    assert asking == {"html"}
