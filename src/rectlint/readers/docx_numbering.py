"""The numbers Word generates in front of list paragraphs ("1.", "（一）", "①"), as Word shows them.

A paragraph is numbered through its own w:numPr or its paragraph style's (following w:basedOn). Its label
is the level's w:lvlText with each %N replaced by level N-1's counter in that level's w:numFmt, followed
by the level's w:suff (tab by default). Counters run per abstract numbering definition, as in Word: two
w:num instances of one w:abstractNum continue one list unless the later one restarts a level with
w:lvlOverride/w:startOverride.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from rectlint.records import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SUFFIX = {"tab": "\t", "space": " ", "nothing": ""}
_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _val(el: Any, tag: str, default: str | None = None) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val", default) if child is not None else default


def _myriad(n: int, digits: str, units: tuple[str, ...]) -> str:
    """Chinese counting below 10,000 (一百零一, 十一); larger numbers are rare in lists and read positionally."""
    if n >= 10000:
        return "".join(digits[int(c)] for c in str(n))
    out, zero = [], False
    for power in range(3, -1, -1):
        d = n // 10 ** power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(("" if d == 1 and power == 1 and not out else digits[d]) + units[power])
    return "".join(out) or digits[0]


def _counting(n: int) -> str:
    """chineseCounting: 十 for two-digit numbers (十一, 二十), digit by digit from 100 on (一〇〇)."""
    return _myriad(n, _CN_DIGITS, _CN_UNITS) if n < 100 else "".join(_CN_DIGITS[int(c)] for c in str(n))


def _letters(n: int, first: str) -> str:
    return chr(ord(first) + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word repeats: Y, Z, AA, BB…


def _roman(n: int) -> str:
    out = []
    for value, glyph in _ROMAN:
        count, n = divmod(n, value)
        out.append(glyph * count)
    return "".join(out)


def _cyclic(n: int, glyphs: str) -> str:
    return glyphs[n - 1] if n <= len(glyphs) else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter in one w:numFmt; formats rectlint does not know fall back to decimal, as Word's do."""
    if fmt == "none":
        return ""
    if n <= 0:
        return str(n)
    formats = {
        "decimal": str,
        "decimalZero": lambda k: f"{k:02d}",
        "decimalFullWidth": lambda k: str(k).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "decimalEnclosedCircle": lambda k: chr(0x2460 + k - 1) if k <= 20 else str(k),
        "decimalEnclosedCircleChinese": lambda k: chr(0x2460 + k - 1) if k <= 20 else str(k),
        "decimalEnclosedParen": lambda k: chr(0x2474 + k - 1) if k <= 20 else str(k),
        "decimalEnclosedFullstop": lambda k: chr(0x2488 + k - 1) if k <= 20 else str(k),
        "ideographEnclosedCircle": lambda k: chr(0x3280 + k - 1) if k <= 10 else str(k),
        "chineseCounting": _counting,
        "chineseCountingThousand": lambda k: _myriad(k, _CN_DIGITS.replace("〇", "零"), _CN_UNITS),
        "chineseLegalSimplified": lambda k: _myriad(k, _CN_LEGAL, _CN_LEGAL_UNITS),
        "ideographDigital": lambda k: "".join(_CN_DIGITS[int(c)] for c in str(k)),
        "ideographTraditional": lambda k: _cyclic(k, _STEMS),
        "ideographZodiac": lambda k: _cyclic(k, _BRANCHES),
        "upperLetter": lambda k: _letters(k, "A"),
        "lowerLetter": lambda k: _letters(k, "a"),
        "upperRoman": _roman,
        "lowerRoman": lambda k: _roman(k).lower(),
    }
    return formats.get(fmt, str)(n)


@dataclass
class Level:
    """One level of a Word numbering definition: how its numbers are written and restarted."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText; None: the level has no text at all
    suffix: str = "\t"
    legal: bool = False  # w:isLgl: every %N in decimal
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never
    style: str | None = None  # w:pStyle: the paragraph style bound to this level

    @classmethod
    def parse(cls, lvl: Any) -> Level:
        restart = _val(lvl, "lvlRestart")
        lvl_text = lvl.find(W + "lvlText")
        return cls(start=int(_val(lvl, "start", "0") or 0), fmt=_val(lvl, "numFmt", "decimal") or "decimal",
                   text=lvl_text.get(W + "val", "") if lvl_text is not None else None,
                   suffix=_SUFFIX.get(_val(lvl, "suff", "tab") or "tab", "\t"),
                   legal=lvl.find(W + "isLgl") is not None and _val(lvl, "isLgl", "1") not in ("0", "false"),
                   restart=int(restart) if restart is not None else None, style=_val(lvl, "pStyle"))


@dataclass
class _Num:
    """A numbering instance (w:num): its abstract definition, with the levels and restarts it overrides."""

    abstract: str
    levels: dict[int, Level]  # the abstract definition's levels with this instance's overrides applied
    restarts: dict[int, int]  # level → w:startOverride
    used: bool = False


@dataclass
class Numbering:
    """Numbering definitions of one document and the counters of a reading in document order."""

    nums: dict[str, _Num] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # style → numId, ilvl
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → level → last value
    starts: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → level → restart value

    @classmethod
    def from_parts(cls, numbering: Any, styles: Any) -> Numbering:
        """From the w:numbering and w:styles root elements (either may be None)."""
        self = cls()
        if numbering is not None:
            abstract = {a.get(W + "abstractNumId"): {int(lvl.get(W + "ilvl", "0")): Level.parse(lvl)
                                                      for lvl in a.findall(W + "lvl")}
                        for a in numbering.findall(W + "abstractNum")}
            for num in numbering.findall(W + "num"):
                abstract_id = _val(num, "abstractNumId") or ""
                levels = dict(abstract.get(abstract_id, {}))
                restarts = {}
                for override in num.findall(W + "lvlOverride"):
                    ilvl = int(override.get(W + "ilvl", "0"))
                    if (lvl := override.find(W + "lvl")) is not None:
                        levels[ilvl] = Level.parse(lvl)
                    if (start := _val(override, "startOverride")) is not None:
                        restarts[ilvl] = int(start)
                self.nums[num.get(W + "numId", "")] = _Num(abstract_id, levels, restarts)
        if styles is not None:
            self.style_numbering = _style_numbering(styles)
        return self

    def label(self, p: Any) -> str:
        """The number Word shows before paragraph `p` ("" if none); advances the counters."""
        ppr = p.find(W + "pPr")
        style = _val(ppr, "pStyle")
        num_id, ilvl = self.style_numbering.get(style or "", (None, None))
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr, "numId", num_id)
            own = _val(numpr, "ilvl")
            ilvl = int(own) if own is not None else ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        num = self.nums[num_id]
        if ilvl is None:  # a style numbered without a level: the level bound to that style, else the first
            ilvl = next((i for i, lvl in num.levels.items() if style and lvl.style == style), 0)
        level = num.levels.get(ilvl)
        if level is None or level.text is None:
            return ""
        counters = self.counters.setdefault(num.abstract, {})
        starts = self.starts.setdefault(num.abstract, {})
        if not num.used:
            num.used = True
            for lvl, start in num.restarts.items():
                starts[lvl] = start
                counters.pop(lvl, None)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else starts.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            limit = num.levels[deeper].restart if deeper in num.levels else None
            if limit is None or (limit and ilvl < limit):
                del counters[deeper]
        return _render(level, num, counters, starts) + level.suffix


def _render(level: Level, num: _Num, counters: dict[int, int], starts: dict[int, int]) -> str:
    out, text, i = [], level.text or "", 0
    while i < len(text):
        if text[i] == "%" and i + 1 < len(text) and text[i + 1].isdigit():
            k = int(text[i + 1]) - 1
            ref = num.levels.get(k, Level())
            value = counters.get(k, starts.get(k, ref.start))
            out.append(format_number(value, "decimal" if level.legal and ref.fmt != "none" else ref.fmt))
            i += 2
            continue
        out.append(text[i])
        i += 1
    label = "".join(out)
    if level.fmt == "bullet":  # Symbol/Wingdings glyphs live in the private use area
        label = "".join("•" if 0xE000 <= ord(c) <= 0xF8FF else c for c in label)
    return label


def _style_numbering(styles: Any) -> dict[str, tuple[str | None, int | None]]:
    """Paragraph style id → (numId, ilvl) from its own or an ancestor's w:numPr."""
    own: dict[str, tuple[str | None, int | None]] = {}
    parent: dict[str, str] = {}
    for style in styles.findall(W + "style"):
        sid = style.get(W + "styleId", "")
        if (based := _val(style, "basedOn")) is not None:
            parent[sid] = based
        numpr = style.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            ilvl = _val(numpr, "ilvl")
            own[sid] = (_val(numpr, "numId"), int(ilvl) if ilvl is not None else None)
    out = {}
    for sid in {*own, *parent}:
        seen, cur = set(), sid
        while cur and cur not in own and cur not in seen:
            seen.add(cur)
            cur = parent.get(cur, "")
        if cur in own:
            out[sid] = own[cur]
    return out
