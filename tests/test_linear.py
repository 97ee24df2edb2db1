"""Cost grows with the length of the text: long lines and many matches stay fast (the bench measures
the ratios; these guard the cases that were quadratic)."""

from __future__ import annotations

import time

from helpers import lint

HEAD = "关于巡察整改情况的通报\n一、整改落实情况\n1.问题没有整改到位。\n整改情况：已完成。"


def _timed(text: str, select: str) -> tuple[float, list]:
    start = time.perf_counter()
    found = lint(text, select=select)
    return time.perf_counter() - start, found


def test_a_percentage_in_a_sentence_without_an_end_is_checked_once() -> None:
    # C005's exception (the sentence says 超额 or 增长) used to be tried from every character of a
    # sentence that has neither: quadratic in the sentence's length.
    seconds, found = _timed(HEAD + "完成率127%，" + "加强管理工作" * 20_000 + "\n", "C005")
    assert [d.excerpt for d in found] == ["127%"]
    assert seconds < 5


def test_many_matches_in_one_long_paragraph() -> None:
    # Every match used to rescan the whole paragraph for exceptions; every commitment the whole list
    # of clauses (E001's evidence) — both quadratic in a response pasted as one line.
    seconds, found = _timed(HEAD + "确保确保完成整改，今后加强管理，完成3项，" * 5_000 + "\n", "W003,E001")
    assert len([d for d in found if d.code == "W003"]) == 5_000
    assert seconds < 10


def test_a_notice_tree_is_freed_before_the_cycle_collector_is_back(monkeypatch, tmp_path) -> None:
    # A notice is hundreds of thousands of objects without cycles: freed while the collector is paused, they
    # cost nothing; freed after it is back, its next collections would traverse them (0.17 ms a file).
    import gc

    import rectlint.engine
    from rectlint.discover import Target
    from rectlint.engine import Settings
    from rectlint.runner import RunOptions, check_target

    collector_on_when_freed: list[bool] = []

    class Tree:  # stands for the Document that check() returns
        def __del__(self) -> None:
            collector_on_when_freed.append(gc.isenabled())

    real = rectlint.engine.check
    monkeypatch.setattr(rectlint.engine, "check", lambda source, settings: (Tree(), real(source, settings)[1]))
    path = tmp_path / "notice.txt"
    path.write_text(HEAD + "\n", "utf-8")
    assert gc.isenabled()
    outcome = check_target(Target(str(path), path), RunOptions(lambda _: Settings([])))
    assert outcome.result.error is None
    assert collector_on_when_freed == [False]
    assert gc.isenabled()
