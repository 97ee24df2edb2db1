"""Prefilters never hide a match: sped-up patterns find what the originals find, and the one scan for all
rules' prefilters finds every paragraph a prefilter matches in when that paragraph is searched alone."""

from __future__ import annotations

import re
from re import _parser as sre_parse
from types import SimpleNamespace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from helpers import lint
from rectlint.checks.punctuation.half_width_punctuation import MARK
from rectlint.checks.wording.inconsistent_joined_names import PAIR
from rectlint.engine import Settings, check
from rectlint.evidence import masked
from rectlint.joined import Joined
from rectlint.patterns import compile_fast
from rectlint.prescan import Prescan, joined_searcher
from rectlint.registry import all_rules
from rectlint.rule import Rule
from rectlint.source import read_bytes
from rectlint.triggers import exact_in_joined, joined_form, repeat_width, rest, triggers

PACK_RULES = [r for r in all_rules() if hasattr(r, "pack")]
PREFILTERS = [r.prefilter for r in all_rules() if r.prefilter is not None]
MEASURES_PREFILTERS = [r.measures_prefilter for r in all_rules() if r.measures_prefilter is not None]
LINES = [ln for p in sorted(EXAMPLES.glob("*.txt")) for ln in p.read_text("utf-8").splitlines() if ln.strip()]
# Pieces that make matches likely: every character of the packs' patterns, the rules' own examples
# (which hold a finding each), and lines of the example notices.
PIECES = sorted({c for r in PACK_RULES for c in r.pattern.pattern if not c.isascii()} | set("0123456789 -~%.")) + [
    line for r in PACK_RULES for line in r.documentation().splitlines() if line.strip()] + LINES


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _found(prefilters: list[re.Pattern[str] | None], texts: list[str]) -> list[list[int]]:
    """For each prefilter, the indices of the paragraphs the prescan gives it."""
    paragraphs = [SimpleNamespace(text=t, index=i) for i, t in enumerate(texts)]
    return [[p.index for p in chosen] for chosen in Prescan(prefilters).select(paragraphs, Joined(texts))]  # type: ignore[arg-type]


def _alone(pattern: re.Pattern[str], texts: list[str]) -> list[int]:
    return [i for i, t in enumerate(texts) if pattern.search(t)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join).map(lambda t: t.replace("\n", "")),
                max_size=6))
def test_prescan_finds_every_paragraph_a_prefilter_matches_in(texts: list[str]) -> None:
    for rule in PACK_RULES:
        plain = re.compile(rule.pattern.pattern.removeprefix("(?=").partition(")(?:")[2][:-1]) \
            if rule.pattern.pattern.startswith("(?=") else rule.pattern
        assert _matches(rule.pattern, "".join(texts)) == _matches(plain, "".join(texts)), rule.code
    for prefilter, found in zip(PREFILTERS, _found(PREFILTERS, texts), strict=True):
        assert set(_alone(prefilter, texts)) <= set(found), (prefilter.pattern, texts)


def _anchor_tests(prefilter: re.Pattern[str]) -> dict[str, list[re.Pattern[str]]]:
    """Each anchor character of the prefilter's triggers, with what holds at it when one of them does."""
    out: dict[str, list[re.Pattern[str]]] = {}
    for trigger in triggers(prefilter.pattern, prefilter.flags) or []:
        for char in trigger[0]:
            out.setdefault(char, []).append(re.compile(re.escape(char) + rest(trigger)))
    return out


TRIGGERED = [[(p, _anchor_tests(p)) for p in prefilters if triggers(p.pattern, p.flags)]
             for prefilters in (PREFILTERS, MEASURES_PREFILTERS)]


def _where_triggers_hold(anchors: list[dict[str, list[re.Pattern[str]]]], texts: list[str]) -> list[list[int]]:
    """For each prefilter, the paragraphs where one of its triggers holds at its anchor, tried at every
    character of the joined text (a line break stands for the paragraph after it)."""
    joined = Joined(texts)
    return [sorted({joined.index(at + (char == "\n")) for at, char in enumerate(joined.text)
                    if any(test.match(joined.text, at) for test in tests.get(char, ()))}) for tests in anchors]


def test_what_a_trigger_asks_around_its_anchor_takes_no_characters() -> None:
    # the one scan goes on from the character after an anchor, hit or not: a condition may only look around
    for prefilter in PREFILTERS + MEASURES_PREFILTERS:
        for trigger in triggers(prefilter.pattern, prefilter.flags) or []:
            assert sre_parse.parse(rest(trigger)).getwidth() == (0, 0), prefilter.pattern


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join).map(lambda t: t.replace("\n", "")),
                max_size=6))
@example(["增长50%", "1、整改"])  # hits one after the other: the scan goes on from the character after each
def test_one_scan_chooses_the_paragraphs_where_a_trigger_holds(texts: list[str]) -> None:
    """The scan that passes from one hit of the triggers to the next chooses, for each prefilter with triggers,
    exactly the paragraphs where one of them holds at some character, as a scan of each trigger did."""
    for triggered in TRIGGERED:
        assert _found([p for p, _ in triggered], texts) == _where_triggers_hold([a for _, a in triggered], texts)


@pytest.mark.parametrize(("pattern", "texts", "hit"), [
    # what a lookaround or an anchor sees at the edge of a paragraph alone: nothing
    (r"(?<!\d)(\d{4})年0([1-9])月", ["1", "2025年06月"], [1]),
    (r"(?<![\d.])\d{2}年(?=\d{1,2}月)", ["是2", "24年3月"], [1]),
    (r"a(?![^。]*b)", ["xa", "b"], [0]),
    (r"^1、|^（一）[，.]", ["2、", "1、", "x1、", "（一），"], [1, 3]),
    (r"完成$", ["已完成", "完成。"], [0]),
    (r"\b2\.5\b", ["pm2.5", "2.5"], [1]),
    (r"做出(?=了?(?:重要)?(?:决定|部署))", ["做出", "决定", "做出了重要部署"], [2]),
    (r"(?<=[中文])[,;]|[,;](?=[中文])", ["中", ",文", "a,b"], [1]),
    (r"截止(?=目前|\d)", ["截止", "目前", "截止3"], [2]),
    (r"(?:坚决)?(?:做到|增强|树立)(?=[“\"]?两个确立)", ["增强", "两个确立", "坚决树立“两个确立”"], [2]),
    (r"[1-9]\d{2}%", ["50", "%", "127%"], [2]),
    (r"([一-龥]{2})\1", ["确保", "确保", "确保确保"], [2]),  # a back-reference: searched as a whole
    (r"^1、", [], []),
    (r"第?[二三]个", ["三个", "第二个"], [0, 1]),  # what may precede the anchor may be nothing
    (r"(?:巡视|巡察组)工作的?重要论述", ["工作的重要论述", "巡视工作重要论述", "巡察组工作的重要论述"], [1, 2]),
    (r"\d\s*-\s*\d月", ["1 -", "1 - 3月", "a-3月"], [1]),
    (r"(?i)\d+|x", ["1", "X", "y"], [0, 1]),  # beyond the analysis: searched in each paragraph
    # the characters next to the anchor are tested first, those of all ways at once
    (r"(?:(?<=市委)|(?<=县委))巡查(?=组)", ["巡查组", "市委巡查组", "县委检查组", "县委巡查组"], [1, 3]),
    (r"(?<![\d.])(?:19|20)\d{2}[01]?\d[0-3]?\d日", ["2024717日", "6月15日", "12024717日", "20241231日"], [0, 3]),
    (r"(?<!\d)\d{4}年\d{3,4}日|(?<=[二2]个)维护", ["2024年717日", "2024年7月7日", "两个维护", "2个维护"], [0, 3]),
])
def test_prescan_reads_each_paragraph_alone(pattern: str, texts: list[str], hit: list[int]) -> None:
    """Where the scan can tell exactly (each of these can), it gives a pattern the paragraphs it matches in."""
    compiled = re.compile(pattern)
    assert _alone(compiled, texts) == hit
    assert _found([compiled], texts) == [hit]


@pytest.mark.parametrize("pattern", [r"\d+", r"[^。]{2}", r"x?", r"(a)\1", r"(?i)abc"])
def test_no_triggers_without_an_anchor(pattern: str) -> None:
    assert triggers(pattern) is None


def test_a_trigger_tests_the_characters_next_to_its_anchor_first() -> None:
    # re reads a lookbehind from its far end: a branch of lookbehinds there would be tried at every 查
    [(anchor, behind, _)] = triggers(r"(?:(?<=市委)|(?<=县委))巡查")
    assert anchor == "查" and behind.startswith("(?<=[巡]查)")
    [(_, behind, _)] = triggers(r"(?<=国家)安全")  # the only way is made of characters: it is that test
    assert behind == "(?<=国家安)"


def test_a_trigger_may_hold_where_its_pattern_does_not() -> None:
    # an optional part of varying width before the anchor: no lookbehind can say what comes before the %
    assert _found([re.compile(r"\d+(?:\.\d+)?%")], ["50", "%", "12%"]) == [[1, 2]]
    assert _found([re.compile(r"\d+%")], ["50", "%", "12%"]) == [[2]]  # a repeat: its last repetition can
    # a class of thousands of characters is read as any character but a line break
    assert _found([re.compile(r"(?<=[一-龥])[,;]")], ["中", ",文", "a,b"]) == [[2]]


@pytest.mark.parametrize(("pattern", "width"), [(r"([一-龥]{2})\1", 2), (r"(..)(?:\1)", 2), (r"(\w)\1\1", 1),
                                              (r"(a|bc)\1", 0), (r"x(..)\1", 0), (r"(..)x\1", 0), (r"()\1", 0)])
def test_repeat_width(pattern: str, width: int) -> None:
    assert repeat_width(pattern) == width


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="确保 1\u3000\U00020000一", max_size=12), max_size=5),
       st.sampled_from([r"([一-龥]{2})\1", r"(\w)\1", r"(...)\1", r"(.)\1\1"]))
def test_a_repeat_is_tried_wherever_the_text_repeats_itself(texts: list[str], pattern: str) -> None:
    """The places where the joined text may repeat itself hold every match of a pattern that repeats a group
    (the last three characters here differ only beyond their low byte)."""
    compiled = re.compile(pattern)
    finder = joined_searcher(compiled)
    assert finder is not None and repeat_width(finder.pattern)
    assert _found([compiled], texts) == [_alone(finder, texts)]
    assert set(_alone(compiled, texts)) <= set(_alone(finder, texts))


@pytest.mark.parametrize("pattern", [r"(?i)abc", r"(?a)\d", r"(a)?(?(1)b|c)"])
def test_no_joined_form_beyond_the_analysis(pattern: str) -> None:
    assert joined_form(pattern) is None
    assert _found([re.compile(pattern)], ["ABC", "1"]) == [_alone(re.compile(pattern), ["ABC", "1"])]


@pytest.mark.parametrize("pattern", [r"(?<!真)正在|仍在", r"(?<=[一-龥])[,;]|[,;](?=[一-龥])", r"(?:(?<=a)b)|c",
                                     r"(\d{2})年\1", r"(?<![\d.])\d{1,2}\s*月份?"])
def test_compile_fast_keeps_matches(pattern: str) -> None:
    text = "正在真正在仍在，中,文;a ab c 12年12年 3月份 1.2月 " * 3
    assert _matches(compile_fast(pattern), text) == _matches(re.compile(pattern), text)


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_engine_reports_the_same_without_prefilters(example, monkeypatch) -> None:
    text = example.read_text("utf-8") + "\n截止目前，确保确保做出决定，2025年06月1-3月完成率127%。\n"
    with_prefilters = lint(text)
    for rule in all_rules():
        monkeypatch.setattr(rule, "prefilter", None)
        monkeypatch.setattr(rule, "measures_prefilter", None)
    assert with_prefilters == lint(text)
    assert Rule.prefilter is None and Rule.measures_prefilter is None


@pytest.mark.parametrize("pattern", ["整改", "印发", "培训|台账", r"(\w)\1", "从未写过的措施"])
def test_an_item_rule_sees_only_the_items_whose_measures_hold_its_measures_prefilter(pattern: str) -> None:
    seen: list[int] = []

    class Probe(Rule):
        code, name = "Z999", "probe"
        measures_prefilter = re.compile(pattern)

        def check_item(self, item, doc):
            seen.append(item.index)
            return []

    source = read_bytes((EXAMPLES / "layout-numbered.txt").read_bytes(), "n.txt")
    doc, _ = check(source, Settings(rules=[Probe]))
    expected = [item.index for item in doc.notice.items
                if any(Probe.measures_prefilter.search(masked(m.text)) for m in item.measures)]
    assert seen == expected and bool(expected) is (pattern != "从未写过的措施")  # none: the rule is skipped


def test_settings_order_does_not_change_output() -> None:
    from helpers import source

    text = EXAMPLES.joinpath("layout-theme-grouped.txt").read_text("utf-8")
    rules = list(all_rules())
    forward = check(source(text), Settings(rules=rules))[1]
    backward = check(source(text), Settings(rules=rules[::-1]))[1]
    assert forward == backward


@pytest.mark.parametrize("pattern", [MARK, PAIR], ids=["P001-mark", "W006-pair"])
def test_rules_searching_the_joined_text_find_there_what_each_paragraph_holds(pattern: re.Pattern[str]) -> None:
    assert exact_in_joined(pattern.pattern, pattern.flags)


@pytest.mark.parametrize("pattern", [r"a$", r"^a", r"a\s", r"a(?![^。]*b)", r"x?", r"(?s)a."])
def test_patterns_that_would_see_past_a_paragraph_are_not_exact_in_the_joined_text(pattern: str) -> None:
    assert not exact_in_joined(pattern)
