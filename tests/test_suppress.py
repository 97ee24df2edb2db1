"""Suppression comments on a realistic notice: ranges, next-block ignores, file ignores, and the X rules
that report comments which are unused, name no rule, are unmatched or cannot be read."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from conftest import EXAMPLES
from helpers import doc_of, lint
from rectlint.cli import main
from rectlint.suppress import scan

NOTICE = (EXAMPLES / "layout-numbered.txt").read_text("utf-8")
# Planted defects of the example (docs/examples.md): W001 line 29, R001 33, D004 41, W003 45, E001 + E007 49
# (item 8), D006 53.


def with_comments(text: str, comments: dict[int, str]) -> str:
    """Insert each comment as its own line before the given 1-based line of `text`."""
    lines = text.splitlines(keepends=True)
    for number in sorted(comments, reverse=True):
        lines.insert(number - 1, f"<!-- rectlint: {comments[number]} -->\n")
    return "".join(lines)


def found(diagnostics) -> list[tuple[str, str]]:
    return [(d.code, d.excerpt) for d in diagnostics]


def test_each_kind_of_comment_hides_what_it_names_and_nothing_else() -> None:
    before = found(lint(NOTICE))
    text = with_comments(NOTICE, {
        1: "file-ignore[D006] 成文日期以印发稿为准",
        43: "disable[duplicated-word]",  # a range around item 7 …
        47: "enable[W003]",  # … closed by code
        49: "ignore[E001] 第8项佐证材料另行公开",  # item 8: its head is line 47, its response line 49
        51: "ignore[done-without-evidence]",  # wrong place: hides nothing
    })
    after = found(lint(text))
    hidden = set(before) - set(after)
    assert hidden == {("D006", "12月5日"), ("W003", "确保确保"), ("E001", "已完成")}
    assert ("E007", "高度重视、严格、进一步、切实、确保") not in hidden  # ignore[E001] names only E001
    assert [c for c, _ in after if c.startswith("X")] == ["X001"]
    assert ("X001", "done-without-evidence") in after


def test_ignore_before_an_item_head_covers_the_whole_item() -> None:
    text = with_comments(NOTICE, {47: "ignore[evidence] 第8项佐证材料另行公开"})
    codes = [c for c, _ in found(lint(text))]
    assert "E001" not in codes and "E007" not in codes
    assert "X001" not in codes


def test_a_disable_without_enable_runs_to_the_end_and_is_reported() -> None:
    text = with_comments(NOTICE, {39: "disable[D004, W003]"})
    diags = lint(text)
    codes = [d.code for d in diags]
    assert "D004" not in codes and "W003" not in codes and "D006" in codes
    unclosed = [d for d in diags if d.code == "X004"]
    assert [(d.excerpt, d.severity, d.line) for d in unclosed] == [("D004", "info", 39), ("W003", "info", 39)]


def test_unknown_unmatched_and_unreadable_comments_are_reported() -> None:
    text = with_comments(NOTICE, {
        1: "file-ignore[D04] 日期另核",
        39: "enable[D004]",
        45: "ignore W003",
    })
    diags = lint(text)
    codes = [d.code for d in diags]
    assert {"D004", "W003"} <= set(codes)  # nothing was suppressed
    by_rule = {d.code: d for d in diags if d.code.startswith("X")}
    assert set(by_rule) == {"X002", "X003", "X005"}
    assert (by_rule["X002"].line, by_rule["X002"].excerpt) == (1, "D04")
    assert (by_rule["X003"].line, by_rule["X003"].excerpt) == (40, "D004")
    assert by_rule["X005"].line == 47 and "方括号" in by_rule["X005"].message


def test_unused_counts_only_rules_selected_in_the_run() -> None:
    text = with_comments(NOTICE, {1: "file-ignore[E001, W001]"})
    assert found(lint(text, select="D004,X001")) == [("D004", "9月31日")]  # E001, W001 not checked
    assert found(lint(text, select="E001,D004,X001")) == [("D004", "9月31日")]  # E001 hid item 8
    w001_fixed = text.replace("截止目前", "截至目前")
    assert ("X001", "W001") in found(lint(w001_fixed, select="W001,X001"))


def test_comment_inside_a_markdown_notice() -> None:
    md = NOTICE.replace("一、整改落实情况", "## 一、整改落实情况")
    md = md.replace("\n6.", "\n<!-- rectlint: ignore[D004] 原件笔误 -->\n6.")
    diags = lint(md)
    assert "D004" not in [d.code for d in diags]
    assert not [d for d in diags if d.code.startswith("X")]


def test_a_text_without_comments_is_not_scanned() -> None:
    assert scan(doc_of(NOTICE)) is None
    assert scan(doc_of(with_comments(NOTICE, {1: "file-ignore[D004]"}))) is not None


def _fix(tmp_path: Path, text: str, *args: str, newline: str = "\n") -> str:
    notice = tmp_path / "notice.txt"
    notice.write_bytes(text.replace("\n", newline).encode("utf-8"))
    CliRunner().invoke(main, ["check", "--fix", *args, str(notice)])
    return notice.read_bytes().decode("utf-8")


def test_fix_removes_unused_entries_and_lines(tmp_path: Path) -> None:
    text = with_comments(NOTICE, {
        39: "ignore[D004, W001] 原件笔误",  # D004 used (item 6), W001 unused
        49: "ignore[D004] 多余",  # wholly unused: the line goes
    })
    fixed = _fix(tmp_path, text, "--select", "D004,W001,X001", newline="\r\n")
    assert "<!-- rectlint: ignore[D004] 原件笔误 -->\r\n6." in fixed
    assert "多余" not in fixed
    assert fixed.count("\r\n") == text.count("\n") - 1
    assert "截至目前" in fixed  # W001's own fix applied too: it was never suppressed


def test_fix_of_a_selector_naming_unchecked_rules_is_unsafe(tmp_path: Path) -> None:
    text = with_comments(NOTICE, {49: "ignore[dates]"})
    assert _fix(tmp_path, text, "--select", "D004,X001") == text
    assert "rectlint" not in _fix(tmp_path, text, "--select", "D004,X001", "--unsafe-fixes")


def test_suppressed_findings_are_not_fixed(tmp_path: Path) -> None:
    text = with_comments(NOTICE, {45: "ignore[W003] 原文引用"})
    fixed = _fix(tmp_path, text)
    assert "确保确保" in fixed and "截至目前" in fixed
