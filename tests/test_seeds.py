"""The two real notices in ../shared/seeds (skipped when absent): the facts issue #2 requires."""

from __future__ import annotations

from collections import Counter

from helpers import lint
from rectlint.engine import analyse
from rectlint.source import read_path


def _period(ref) -> tuple[str, str] | None:
    return (ref.start.isoformat(), ref.end.isoformat()) if ref else None


def test_xuchang_structure_and_dates(seeds) -> None:
    xuchang, _ = seeds
    d = analyse(read_path(xuchang))
    t = d.facts.timeline
    assert len(d.notice.items) == 34
    assert _period(t.inspection) == ("2025-03-06", "2025-04-28")
    assert t.feedback.start.isoformat() == "2025-06-11"
    assert _period(t.rectification) == ("2025-06-11", "2025-09-11")
    assert t.published.start.isoformat() == "2025-10-15"
    assert t.inspecting_body == "市委第三巡察组"
    assert [c.kind for c in d.notice.chrome] == ["breadcrumb", "toolbar"]
    assert [r.start.isoformat() for r in t.chrome] == ["2025-10-15"]


def test_kaifeng_structure_and_dates(seeds) -> None:
    _, kaifeng = seeds
    d = analyse(read_path(kaifeng))
    t = d.facts.timeline
    assert len(d.notice.items) == 21
    assert Counter(str(i.status) for i in d.notice.items) == {"done": 20, "in-progress": 1}
    assert _period(t.inspection) == ("2021-03-10", "2021-04-23")
    assert t.feedback.start.isoformat() == "2021-06-15"
    assert t.published.start.isoformat() == "2021-10-14"
    assert d.notice.title.endswith("关于巡察整改情况的通报")


def test_kaifeng_findings(seeds) -> None:
    _, kaifeng = seeds
    text = kaifeng.read_text("utf-8")
    found = lint(text)
    by_item = {}
    doc = analyse(read_path(kaifeng))
    for diag in found:
        for item in doc.notice.items:
            if item.span.start <= diag.offset < item.span.end:
                by_item.setdefault(item.ref, set()).add(diag.code)
    assert "E001" in by_item["问题4"]
    assert "E001" in by_item["问题3"]
    assert "R001" in by_item["问题9"]
    # the 77% and 80% rates of 问题9 are right (17/22, 4/5)
    assert not [d for d in found if d.code == "C003"]
    counts = [c for c in doc.facts.counts if c.item_index == 9]
    assert [(c.total.value, c.rate) for c in counts] == [(22, 77.0), (5, 80.0)]


def test_seed_negatives(seeds) -> None:
    """Domain notes §7: correct dates, ranges, formulations and 巡查 (patrol) must not fire."""
    for path in seeds:
        codes = Counter(d.code for d in lint(path.read_text("utf-8")))
        assert not {"D001", "D002", "D003", "D004", "D005", "D006", "C002", "C003", "S001"} & set(codes)
