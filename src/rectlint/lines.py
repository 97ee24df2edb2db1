"""Classify physical lines into the token kinds the notice grammar is written over.

Each non-blank line becomes exactly one token. Classification looks at one line at a time plus where
it stands (before the body, after the last heading); the grammar then does the grouping.
"""

from __future__ import annotations

import re
from itertools import compress, count

from rectlint import patterns
from rectlint.model import Chrome, Paragraph, Span
from rectlint.prefilter import first_characters
from rectlint.records import dataclass
from rectlint.source import SourceText

CN_DIGITS = "〇零一二三四五六七八九十百两"
_CN_NUM = "[一二三四五六七八九十百]+"

# Web-page furniture. Kept as chrome, never linted as prose.
CHROME_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("breadcrumb", patterns.compile(r"^(您的位置|当前位置|您现在的位置|所在位置|当前的位置)\s*[:：]|^首页\s*[>›»]")),
    ("toolbar", patterns.compile(
        r"^【[^】]*(信息来源|信息时间|来源|发布时间|字号|字体|打印|关闭|分享|浏览|阅读|访问)")),
    ("index-table", patterns.compile(
        r"^(信息索引号|索\s*引\s*号|文件名称|发布机构|发文机关|成文日期|公开方式|公开时限|公开范围|"
        r"主题分类|生成日期|发布日期|有效性)\s*[:：]")),
    ("metadata", patterns.compile(
        r"^(来源|信息来源|发布时间|发布日期|时间|日期|作者|编辑|责任编辑|浏览次数|访问量|点击数)\s*[:：].{0,80}"
        r"(浏览|阅读|访问|点击|字号|字体|打印|关闭|分享|来源|发布|\d{4}[-/.年]\d{1,2})")),
    ("toolbar", patterns.compile(r"^(扫一扫|分享到|【?打印(正文|本页)?】?|【?关闭(窗口)?】?|上一篇|下一篇|相关附件|"
                           r"字号\s*[:：]|【?字体\s*[:：]?\s*[大中小])")),
]

HEADING_1 = patterns.compile(rf"^({_CN_NUM})\s*[、，,．.]")
HEADING_2 = patterns.compile(rf"^[（(]\s*({_CN_NUM})\s*[）)]\s*[、，,．.]?")
HEADING_3 = patterns.compile(r"^(\d{1,3})\s*(?:[.．](?!\d)|、)")
HEADING_4 = patterns.compile(r"^[（(]\s*(\d{1,3})\s*[）)]|^([①-⑳])")
PROBLEM = patterns.compile(rf"^问题\s*(\d{{1,3}}|{_CN_NUM})\s*[:：.．、]")
RECT = patterns.compile(r"^(整改情况|整改措施|整改进展|整改进度|整改结果|整改成效|落实情况|整改落实情况)\s*[:：]")
NEXT_STEPS = patterns.compile(r"下一步|下步|今后|下阶段|下一阶段")
INVITE = patterns.compile(r"^(热忱|诚恳|真诚)?欢迎.{0,40}(监督|批评|意见)")
CONTACT = patterns.compile(
    r"^(联系方式|联系电话|举报电话|监督电话|电话|邮政地址|通信地址|通讯地址|来信地址|地址|邮政编码|邮编|"
    r"电子邮箱|电子信箱|邮箱|传真)\s*[:：]?")
TITLE = patterns.compile(r"关于.{0,60}(巡察|巡视|整改).{0,30}(通报|公告|公示|情况|报告)$|^关于.{2,60}的通报$"
                   r"|(巡察|巡视).{0,20}整改.{0,12}(情况|进展)(的)?(通报|公告|公示|报告)$")
ORG = patterns.compile(
    r"^(中共|中国共产党)?[\u4e00-\u9fff（）()]{2,40}(党组|党委|党工委|党总支|党支部|委员会|纪委|"
    r"政府|办公室|局|厅|院|中心|公司)$")
DATE_LINE = patterns.compile(
    rf"^[0-9０-９{CN_DIGITS}]{{2,4}}\s*年\s*[0-9０-９{CN_DIGITS}]{{1,3}}\s*月\s*[0-9０-９{CN_DIGITS}]{{1,3}}\s*[日号]$")

STRUCTURAL = {"H1", "H1_NEXT", "H2", "H3", "H4", "PROBLEM", "RECT"}
CLOSING_KINDS = {"INVITE", "CONTACT", "ORG", "DATE"}


@dataclass(slots=True)
class Lines:
    """A notice's lines as classified: one paragraph per content line (its role still the default), the
    line's token kind, and for a heading, 问题N or 整改情况 line the match that gave it that kind (the parser
    reads marker and number from it); and the chrome lines, apart."""

    paragraphs: list[Paragraph]
    kinds: list[str]
    markers: list[re.Match[str] | None]
    chrome: list[Chrome]


# All of them in one pattern (each is anchored at the start): one match per line instead of five searches.
_CHROME = patterns.compile("|".join(f"(?P<c{i}>{p.pattern})" for i, (_, p) in enumerate(CHROME_PATTERNS)))
_CHROME_KINDS = {f"c{i}": kind for i, (kind, _) in enumerate(CHROME_PATTERNS)}
# The characters a chrome line can start with, read off the patterns (None: any): most lines start with none.
_FIRST = patterns.derived("first-1", _CHROME.pattern, 0, first_characters)
CHROME_FIRST = frozenset(_FIRST) if _FIRST is not None else None


def _chrome_kind(text: str) -> str | None:
    """The kind of the first of CHROME_PATTERNS that matches, if any."""
    m = _CHROME.match(text)
    return _CHROME_KINDS[m.lastgroup] if m and m.lastgroup else None


# The characters each anchored pattern of line_kind can start with, and the endings ORG needs: most lines
# are prose, and one look at the first character rules out nearly every pattern without running it.
_HEADING_1_FIRST = frozenset("一二三四五六七八九十百")
_PAREN_FIRST = frozenset("（(")
_DATE_FIRST = frozenset(f"0123456789０１２３４５６７８９{CN_DIGITS}")
_INVITE_FIRST = frozenset("热诚真欢")
_CONTACT_FIRST = frozenset("联举监电邮通来地传")
_ORG_ENDINGS = ("党组", "党委", "党工委", "党总支", "党支部", "委员会", "纪委", "政府", "办公室", "局", "厅", "院",
                "中心", "公司")
# Every way of TITLE's ends in one of these (a stripped line has no line end for its `$` to stand before). Its
# search of a short prose line that mentions 巡察 costs several times all the other tests of the line.
_TITLE_ENDINGS = ("通报", "公告", "公示", "情况", "报告")


def line_kind(text: str) -> str:
    """The token kind of one stripped line taken on its own, before its place in the notice is known."""
    return _classified(text, text[0])[0]


def _classified(text: str, first: str) -> tuple[str, re.Match[str] | None]:
    """line_kind, with the match of the kind's own pattern for the kinds that open with a marker; `first` is
    the text's first character (taken once by the caller: for a Chinese one, a new string every time).

    The patterns are tried in a fixed order (the first that matches decides); each is guarded by a cheap
    test it could not match without, which changes no result.
    """
    if first == "问" and (m := PROBLEM.match(text)):
        return "PROBLEM", m
    if first in "整落" and (m := RECT.match(text)):
        return "RECT", m
    if first in _HEADING_1_FIRST and (m := HEADING_1.match(text)):
        return ("H1_NEXT" if NEXT_STEPS.search(text[m.end():m.end() + 12]) else "H1"), m
    if first in _PAREN_FIRST and (m := HEADING_2.match(text)):
        return "H2", m
    if (first in _PAREN_FIRST or "①" <= first <= "⑳") and (m := HEADING_4.match(text)):
        return "H4", m
    if first.isdecimal() and (m := HEADING_3.match(text)):  # isdecimal is what `\d` matches in a str pattern
        return "H3", m
    if first in _DATE_FIRST and DATE_LINE.match(text):
        return "DATE", None
    if len(text) <= 40 and text.endswith(_ORG_ENDINGS) and ORG.match(text):
        return "ORG", None
    if (len(text) <= 80 and text.endswith(_TITLE_ENDINGS) and ("关于" in text or "巡察" in text or "巡视" in text)
            and TITLE.search(text)):
        return "TITLE", None
    if first in _INVITE_FIRST and INVITE.match(text):
        return "INVITE", None
    if first in _CONTACT_FIRST and CONTACT.match(text):
        return "CONTACT", None
    return "TEXT", None


# Markdown block markup before the text of a line (heading, quote, bullet, emphasis), and HTML comments.
MARKDOWN_PREFIX = patterns.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))*(?:\*\*|__)?")
HTML_COMMENT = patterns.compile(r"^<!--.*-->$")


_MARKDOWN_FIRST = frozenset("#>-*+_")
_PLACED = {"ORG", "TITLE", *CLOSING_KINDS}  # the kinds that count only in some places of the notice


def classify(source: SourceText) -> Lines:
    """Classify the lines of the text; blank lines and comments are dropped.

    Markdown markup around a line (`## `, `> `, `- `, a leading `**`) is left out of the line's text and
    span, so a notice kept as Markdown parses like the plain text it renders to.
    """
    paragraphs: list[Paragraph] = []
    kinds: list[str] = []
    markers: list[re.Match[str] | None] = []
    chrome: list[Chrome] = []
    texts = source.line_texts()  # first: its split gives the line starts
    stripped = list(map(str.strip, texts))
    # the non-blank lines, picked out in C
    for line, text, raw, start in compress(zip(count(1), stripped, texts, source.line_starts), stripped):
        first = text[0]
        if first == "<" and HTML_COMMENT.match(text):
            continue
        lead = 0 if text is raw else raw.index(first)  # strip gives the string itself when it strips nothing
        if first in _MARKDOWN_FIRST and (prefix := MARKDOWN_PREFIX.match(text).group()):  # type: ignore[union-attr]
            text = text[len(prefix):]
            lead += len(prefix)
            if prefix.endswith(("**", "__")) and text.endswith(prefix[-2:]):  # **一、整改落实情况**
                text = text[:-2].rstrip()
            if not text:
                continue
            first = text[0]
        offset, column, size = start + lead, lead + 1, len(text)
        span = Span(offset, offset + size, line, column, line, column + size)
        if (CHROME_FIRST is None or first in CHROME_FIRST) and (kind := _chrome_kind(text)):
            chrome.append(Chrome(span, text, kind))
            continue
        kind, marker = _classified(text, first)
        paragraphs.append(Paragraph(span, text))
        kinds.append(kind)
        markers.append(marker)
    _demote_out_of_place(kinds)
    return Lines(paragraphs, kinds, markers, chrome)


def _demote_out_of_place(kinds: list[str]) -> None:
    """Front-matter kinds count only before the body, closing kinds only after the last heading."""
    placed = [i for i, kind in enumerate(kinds) if kind in _PLACED]
    if not placed:
        return
    first_body = 0
    while first_body < len(kinds) and kinds[first_body] in ("ORG", "TITLE"):
        first_body += 1
    last_heading = len(kinds) - 1
    while last_heading >= 0 and kinds[last_heading] not in STRUCTURAL:
        last_heading -= 1
    closing_start = next((i for i in placed if i > last_heading and kinds[i] in CLOSING_KINDS), len(kinds))
    for i in placed:
        if i >= first_body and not (i >= closing_start and kinds[i] in CLOSING_KINDS):
            kinds[i] = "TEXT"
