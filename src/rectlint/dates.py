"""Date expressions of notices: find them in a line of text and resolve them to ISO dates.

Written for the forms notices use (`2025年3月6日至4月28日`, `6月11日`, `1—9月`, `1-6月份`,
`7、8、9月份`, `2018年至2020年`, `今年上半年`, `二〇二五年十月十五日`, `2025-10-15`) rather than
borrowed from a general time parser, which misreads exactly these (see the research notes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import field
from datetime import date, timedelta

from rectlint import patterns
from rectlint.parser import cn_to_int
from rectlint.patterns import compile_fast
from rectlint.records import dataclass
from rectlint.sentences import SENTENCE, SENTENCE_END

_SEP = r"至|到|—{1,2}|–|－|-|~|～"
_CN = "〇零一二三四五六七八九"
# Atoms with a value, as they go on after their first character (a digit for ISO, Y, M, D and N).
_ISO = r"\d{3}[-/.]\d{1,2}[-/.]\d{1,2}(?![\d.])"
_YEAR = r"\d{3}\s*年(?!代|度?[以之]?[内中]?[，,]?\s*\d{4})"
_MONTH = r"\d?\s*月份?"
_DAY = r"\d?\s*[日号]"
_BARE = rf"\d?(?=\s*(?:{_SEP}|、)\s*\d)"
_REL = "今年|去年|本年度?|当年|上年度?|明年|前年"
_CN_MONTH = "年[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?"  # after the year's four numerals
_ATOMS = (
    ("ISO", rf"(?<!\d)\d{_ISO}"),
    ("CN", f"[{_CN}]{{4}}{_CN_MONTH}"),
    ("Y", rf"(?<![\d.])\d{_YEAR}"),
    ("HALF", "[上下]半年"),
    ("REL", _REL),
    ("M", rf"(?<![\d.])\d{_MONTH}"),
    ("D", rf"(?<![\d.])\d{_DAY}"),
    ("N", rf"(?<![\d.])\d{_BARE}"),
    ("SEP", rf"\s*(?:{_SEP})\s*"),
    ("LIST", "、"),
    ("GAP", r"\s+"),
)
_ATOM = patterns.compile("|".join(f"(?P<{name}>{atom})" for name, atom in _ATOMS))  # matched only inside a chain
# A run of adjacent atoms, cut as finditer over _ATOM would cut it, that opens with an atom with a value. The
# first atom is written to open with one character class, so that `re` leaps from one of those characters to
# the next instead of trying every atom at every character; what follows the class tells the atoms apart
# with as few lookbehinds as it can (each costs a step at every character of the class the text holds).
# The digits a chain may open with are written as the blocks that hold them: ASCII, the scripts from Arabic to
# Mongolian and from Vai to Meetei Mayek, the full-width forms, all past the BMP. `re` tests such a class with one
# table lookup a character, where \d costs it a call, and a notice's Han text, punctuation and Latin lie outside
# them. A character of those blocks that is no digit opens no chain: the first atom asks (?<=\d) again.
_DIGIT_BLOCKS = r"0-9\u0660-\u1c59\ua620-\uabf9\uff10-\uff19\U00010000-\U0010ffff"
_CHAIN = patterns.compile(
    rf"[{_DIGIT_BLOCKS}{_CN}上下今去本当明前]"
    rf"(?=[\d\s月日号、至到—–－\-~～{_CN}半年])"  # what the rest can open with: 一是, 目前, 3个 fail at once
    r"(?<!\d\d)"  # never inside a run of digits
    rf"(?:(?<=\d)(?:{_ISO}|(?<!\.\d)(?:{_YEAR}|{_MONTH}|{_DAY}|{_BARE}))"
    rf"|[{_CN}](?<=[{_CN}]{{2}})[{_CN}]{{2}}{_CN_MONTH}"
    r"|半(?<=[上下]半)年|年(?<=[今去本当上明前]年)(?:(?<=[本上]年)度)?)"
    # then more atoms, each after a test of the character it opens with, which ends a chain at once
    rf"(?:(?=[\d\s{_CN}上下今去本当明前至到—–－\-~～、])(?:{'|'.join(atom for _, atom in _ATOMS)}))*")
# The shapes most chains have, read in one match: a point (2025年3月6日, 3月份, 今年) or two joined by a separator
# with no space (3月6日至4月28日). Each part is the atom _ATOM matches there (Y, REL, M, D, SEP): the chain has
# passed the atoms' lookarounds already. Any other chain (1—9月, 7、8、9月份, 上半年, spaces) is read atom by atom.
_COMMON_POINT = r"(?:(?P<y{0}>\d{{4}})年|(?P<r{0}>{1}))?(?:(?P<m{0}>\d\d?)月份?)?(?:(?P<d{0}>\d\d?)[日号])?"
_COMMON = patterns.compile(rf"(?=[\d今去本当上明前]){_COMMON_POINT.format(1, _REL)}"
                           rf"(?:(?:{_SEP})(?=[\d今去本当上明前]){_COMMON_POINT.format(2, _REL)})?")
_REL_OFFSET = {"今年": 0, "本年": 0, "本年度": 0, "当年": 0, "去年": -1, "上年": -1, "上年度": -1, "明年": 1,
               "前年": -2}


@dataclass(slots=True)
class Point:
    """One end of a date expression, as written: what it gives of the year, month, day or half year."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    bare: int | None = None  # a number whose unit is given by the other end of a range (1—9月)
    relative: int | None = None  # year offset from the reference year (今年 0, 去年 -1)
    half: str | None = None  # 上 | 下

    def empty(self) -> bool:
        return (self.year is None and self.month is None and self.day is None and self.bare is None
                and self.relative is None and self.half is None)

    def unit(self) -> str | None:
        """The finest unit the point names."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.half is not None:
            return "half"
        if self.year is not None or self.relative is not None:
            return "year"
        return None


@dataclass(slots=True)
class DateMention:
    """One date expression: a point or a range, as written, before the year is supplied from context."""

    start: int
    end: int
    text: str
    first: Point
    last: Point | None = None  # set for ranges and lists
    problem: str | None = None  # why the expression is impossible or malformed
    malformed: bool = False
    # What the points tell, worked out once: facts copies them to each date of a notice.
    explicit_year: bool = field(init=False, repr=False, compare=False)
    is_range: bool = field(init=False, repr=False, compare=False)
    granularity: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.explicit_year = self.first.year is not None or self.first.relative is not None
        self.is_range = self.last is not None
        self.granularity = self.first.unit() or "year"


@dataclass
class Resolved:
    """The range of days a date expression stands for, or why it stands for none."""

    start: date | None
    end: date | None
    problem: str | None = None
    mention: DateMention | None = field(default=None, repr=False)


_ANY_DATE = compile_fast(r"\d|[〇零]|今年|去年|本年|当年|上年|明年|前年|半年")
_ISO_SEP = patterns.compile(r"[-/.]")
_YEAR_ONLY = patterns.compile(r"\d{4}\s*年")


def may_hold_dates(text: str) -> bool:
    """False when `text` cannot hold a date expression (find_dates would find none): a cheap scan."""
    return _ANY_DATE.search(text) is not None


Chain = tuple[int, list[DateMention]]  # where a chain of dates starts in a text, and its mentions


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in a line of text, with offsets into that text."""
    if not may_hold_dates(text):  # most clauses have no date: skip the atom scan
        return []
    return [_moved(m, c.start()) for c in _CHAIN.finditer(text) for m in _chain_mentions(text, c.start(), c.end())]


def find_sentence_dates(text: str) -> list[DateMention]:
    """find_dates of each sentence of `text`, in one pass over it, with offsets into `text`."""
    return [_moved(m, start) for start, found in sentence_chains(text) for m in found]


def sentence_chains(text: str) -> Iterator[Chain]:
    """find_sentence_dates chain by chain: where a chain starts in `text`, and its mentions with offsets from
    there. They are shared by every chain of the same text (see _CHAIN_MENTIONS): read them, never change them.

    No atom holds a sentence end, so a chain never crosses one, and the lookarounds of _ATOM see the
    same at a sentence's edge (nothing, or a sentence end: neither a digit nor a separator). So `text` may be
    many paragraphs joined by sentence ends: what is found is what each paragraph holds."""
    # For chains that open with a Chinese numeral: where the sentence of the last one starts, whether it may hold
    # dates (asked once a sentence), and how far sentence ends were looked for (each character once).
    sentence = seen = 0
    holds: bool | None = None
    for c in _CHAIN.finditer(text):
        start = c.start()
        if text[start] in _CN_NUMERALS:  # rare: 一九九九年十月
            for end in SENTENCE_END.finditer(text, seen, start):
                sentence, holds = end.end(), None
            seen = start
            if holds is None:
                holds = may_hold_dates(SENTENCE.match(text, sentence).group())  # type: ignore[union-attr]
            if not holds:
                continue  # find_dates skips a sentence without a digit, 〇 or 今年
        yield start, _chain_mentions(text, start, c.end())


def _moved(m: DateMention, by: int) -> DateMention:
    return DateMention(m.start + by, m.end + by, m.text, m.first, m.last, m.problem, m.malformed)


_CN_NUMERALS = frozenset(_CN)  # what a chain opens with when its first atom is CN


# The mentions of each chain text, with offsets from the chain's start. A chain reads the same wherever it
# stands: what its atoms' lookarounds see beyond it decides only whether it is a chain at all. Notices
# repeat their dates, so most chains are read once. The mentions are shared by every chain of the same text
# (find_dates hands out copies; their Points are shared still): nothing changes a mention once it is made.
_CHAIN_MENTIONS: dict[str, list[DateMention]] = {}
_MAX_CHAINS = 4096


def _chain_mentions(text: str, start: int, end: int) -> list[DateMention]:
    """The mentions of the chain text[start:end], offsets from its start (shared: see above)."""
    key = text[start:end]
    found = _CHAIN_MENTIONS.get(key)
    if found is None:
        found = _common_mentions(key)
        if found is None:
            found = _atom_mentions(text, start, end)
        if len(_CHAIN_MENTIONS) >= _MAX_CHAINS:
            _CHAIN_MENTIONS.clear()
        _CHAIN_MENTIONS[key] = found
    return found


def _atom_mentions(text: str, start: int, end: int) -> list[DateMention]:
    """The mentions of the chain text[start:end], offsets from its start, read atom by atom."""
    atoms = []
    pos = start
    while pos < end:
        m = _ATOM.match(text, pos)
        assert m is not None  # the chain is made of atoms
        atoms.append(m)
        pos = m.end()
    found = _chain_to_mentions(text, atoms)
    for m in found:  # offsets from the chain's start
        m.start -= start
        m.end -= start
    return found


def _common_mentions(chain: str) -> list[DateMention] | None:
    """The mentions of a chain of one of the _COMMON shapes, read as its atoms would read it; None for others."""
    m = _COMMON.fullmatch(chain)
    if m is None:
        return None
    y1, r1, m1, d1, y2, r2, m2, d2 = m.groups()
    points = [Point(int(y1) if y1 else None, int(m1) if m1 else None, int(d1) if d1 else None, None,
                    _REL_OFFSET[r1] if r1 else None)]
    if y2 or r2 or m2 or d2:  # a range
        points.append(Point(int(y2) if y2 else None, int(m2) if m2 else None, int(d2) if d2 else None, None,
                            _REL_OFFSET[r2] if r2 else None))
    mention = _mention(chain, points, 0, len(chain))
    return [mention] if mention else []


def _num(s: str) -> int:
    """The number an atom of one or two digits opens with (12 月份, 8日)."""
    return int(s[:2]) if len(s) > 1 and s[1].isdecimal() else int(s[0])  # str.isdecimal is re's \d


def _chain_to_mentions(text: str, chain: list[re.Match[str]]) -> list[DateMention]:
    """Split a run of adjacent atoms into date expressions (points joined by 至/—/、)."""
    groups: list[tuple[list[Point], int, int]] = []  # points, start, end
    points: list[Point] = []
    cur = Point()
    start = end = None

    def close() -> None:
        nonlocal points, cur, start, end
        if not cur.empty():
            points.append(cur)
        if points and start is not None and end is not None:
            groups.append((points, start, end))
        points, cur, start, end = [], Point(), None, None

    for m in chain:
        kind, s = m.lastgroup, m.group()
        if kind == "GAP":
            continue
        if kind in ("SEP", "LIST"):
            if cur.empty():
                close()
                continue
            points.append(cur)
            cur = Point()
            continue
        # a unit already filled starts a new expression
        if (kind in ("Y", "REL", "ISO", "CN") and not cur.empty()) or (
                kind == "M" and (cur.month is not None or cur.day is not None)) or (
                kind == "D" and cur.day is not None) or (
                kind == "N" and (cur.bare is not None or cur.day is not None)) or (
                kind == "HALF" and (cur.half is not None or cur.month is not None)):
            close()
        if start is None:
            start = m.start() + (len(s) - len(s.lstrip()))
        end = m.end()
        if kind == "ISO":
            y, mo, d = (int(x) for x in _ISO_SEP.split(s))
            cur.year, cur.month, cur.day = y, mo, d
        elif kind == "CN":
            y, rest = s.split("年", 1)
            mo, _, d = rest.partition("月")
            cur.year, cur.month = cn_to_int(y), cn_to_int(mo)
            cur.day = cn_to_int(d.rstrip("日")) if d else None
        elif kind == "Y":
            cur.year = int(s[:4])  # four digits (see _YEAR)
        elif kind == "REL":
            cur.relative = _REL_OFFSET[s]
        elif kind == "HALF":
            cur.half = s[0]
        elif kind == "M":
            cur.month = _num(s)
        elif kind == "D":
            cur.day = _num(s)
        elif kind == "N":
            cur.bare = _num(s)
    close()
    return [mention for g in groups if (mention := _mention(text, *g))]


def _mention(text: str, points: list[Point], start: int, end: int) -> DateMention | None:
    while text[end - 1].isspace():
        end -= 1
    raw = text[start:end]
    first = points[0]
    if len(points) == 1:
        unit = first.unit()
        if unit is None or (unit == "day" and first.month is None and first.year is None):
            return None  # a lone number or a lone 日/号 is not a date
        if unit == "year" and first.year is not None and _YEAR_ONLY.fullmatch(raw) is None:
            return None
        return DateMention(start, end, raw, first, None, _impossible(first))
    last = points[-1]
    if last.unit() is None or any(pt.unit() is not None for pt in points[1:-1]):
        return None
    _complete(first, last)
    unit = first.unit()
    if unit is None:
        return None
    malformed = unit != last.unit()
    problem = _impossible(first) or _impossible(last) or (f"范围“{raw}”两端的精度不一致" if malformed else None)
    return DateMention(start, end, raw, first, last, problem, malformed)


def _complete(first: Point, last: Point) -> None:
    """Fill the units a range leaves implicit: 1—9月 → 1月—9月, 3月6日—8日 → 3月6日—3月8日."""
    if first.bare is not None:
        if first.month is not None and last.day is not None and last.month is None:
            first.day = first.bare
        elif last.month is not None:
            first.month = first.bare
        elif last.day is not None:
            first.day = first.bare
        elif last.year is not None:
            first.year = first.bare if first.bare > 999 else None
        first.bare = None
    if last.year is None and last.relative is None:
        last.year, last.relative = first.year, first.relative
    if last.month is None and last.day is not None:
        last.month = first.month


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_REST_OF_MONTH = tuple(timedelta(days=n - 1) for n in range(32))  # by the number of days of a month


def _month_days(year: int, month: int) -> int:
    """calendar.monthrange's number of days, and the message of its error for a month that does not exist
    (importing calendar cost more than all the dates of a notice)."""
    if not 1 <= month <= 12:
        raise ValueError(f"bad month number {month!r}; must be 1-12")
    return _MONTH_DAYS[month] + (month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))


def _impossible(p: Point) -> str | None:
    month = p.month
    if month is None:
        return None
    if not 1 <= month <= 12:
        return f"不存在{month}月"
    if p.day is not None:
        year = p.year if p.year is not None else 2024  # leap year: 2月29日 is possible without a year
        if not 1 <= p.day <= _month_days(year, month):
            return f"{p.year}年{month}月没有{p.day}日" if p.year else f"{month}月没有{p.day}日"
    return None


def _point_range(p: Point, year: int | None, ref_year: int | None) -> tuple[date, date] | None:
    if p.relative is not None:
        if ref_year is None:
            return None
        year = ref_year + p.relative
    elif p.year is not None:
        year = p.year
    if year is None or not 1 <= year <= 9999:  # date() would refuse it, or overflow
        return None
    month, day = p.month, p.day
    # date() tells whether the point exists: only when it does not is the reason looked for (a point that
    # exists passes every test below, so is never tested)
    try:
        if month is None:
            if p.half == "上":
                return date(year, 1, 1), date(year, 6, 30)
            if p.half == "下":
                return date(year, 7, 1), date(year, 12, 31)
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:  # the last day is the first one moved on: date() costs four times as much as the move
            first = date(year, month, 1)  # (which has refused a month that does not exist); the days of a
            # month but February are read from the table at once: a call of _month_days costs as much again
            return first, first + _REST_OF_MONTH[_month_days(year, month) if month == 2 else _MONTH_DAYS[month]]
        d = date(year, month, day)
        return d, d
    except ValueError:
        if day is not None and month is not None and day > _month_days(year, month):
            raise ValueError(f"{year}年{month}月没有{day}日") from None
        return None


def resolve(mention: DateMention, year: int | None, ref_year: int | None = None) -> Resolved:
    """Resolve to a date range; `year` supplies a missing year, `ref_year` anchors 今年/去年."""
    return Resolved(*resolved(mention, year, ref_year), mention)


def resolved(mention: DateMention, year: int | None, ref_year: int | None = None) \
        -> tuple[date | None, date | None, str | None]:
    """resolve's start, end and problem, with no object made (a notice resolves every date it holds)."""
    if mention.problem and not mention.malformed:
        return None, None, mention.problem
    try:  # 2月29日 exists only in leap years, which the year from context decides
        first = _point_range(mention.first, year, ref_year)
        if first is None:
            return None, None, None
        if mention.last is None:
            return first[0], first[1], mention.problem
        last = _point_range(mention.last, first[0].year, ref_year)
        if last is None:
            return first[0], first[1], mention.problem
        if last[1] < first[0] and mention.last.year is None:  # 12月至1月 crosses the year
            last = _point_range(Point(year=first[0].year + 1, month=mention.last.month, day=mention.last.day),
                                None, None) or last
        return first[0], last[1], mention.problem
    except ValueError as exc:
        return None, None, str(exc)
