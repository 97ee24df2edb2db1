"""Facts: what the notice states, resolved once for every rule.

Dates become ISO dates (the year carried forward from the opening), summary sentences become numbers,
and items are tallied by status. Rules read these; none of them looks for a date or a count again.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import field
from datetime import date

from rectlint import patterns
from rectlint.dates import Chain, DateMention, find_dates, resolve, resolved, sentence_chains
from rectlint.evidence import ItemEvidence, MaskedMeasures, analyse_items
from rectlint.model import Item, Notice, Paragraph, Span, Status, node
from rectlint.parser import cn_to_int
from rectlint.patterns import compile_fast
from rectlint.records import dataclass
from rectlint.sentences import SENTENCE, SENTENCE_END


@dataclass(slots=True)  # a node that may also be made with positional arguments: a notice makes one per date
class DateRef:
    """A date expression found in the text and resolved (start == end for a single day)."""

    text: str
    span: Span
    start: date | None
    end: date | None
    problem: str | None = None
    explicit_year: bool = False
    malformed: bool = False
    is_range: bool = False
    granularity: str = "day"
    label: str | None = None  # for chrome dates: 成文日期, 发布时间…


@node
class Timeline:
    """The dates and parties of the inspection a notice reports on."""

    inspecting_body: str | None = None
    inspected: str | None = None
    inspection: DateRef | None = None
    feedback: DateRef | None = None
    rectification: DateRef | None = None
    published: DateRef | None = None
    legal_basis: list[str] = field(default_factory=list)
    chrome: list[DateRef] = field(default_factory=list)


@node
class Count:
    """A number stated in a count statement, with where it is written."""

    value: int
    span: Span


COUNT_PARTS = ("done", "basically_done", "in_progress", "long_term", "not_done")


@node
class CountStatement:
    """A sentence that states how many problems there are and how far their rectification has got."""

    text: str
    span: Span
    item_index: int | None = None  # set when the sentence sits inside an item
    problems: Count | None = None  # the number of problems stated
    subject: str = "问题"  # what the parts count: 问题, or 措施 when the problems were broken into measures
    total: Count | None = None  # the base the parts and the rate refer to
    done: Count | None = None
    basically_done: Count | None = None
    in_progress: Count | None = None
    long_term: Count | None = None
    not_done: Count | None = None
    rate: float | None = None
    rate_text: str | None = None
    rate_decimals: int = 0
    rate_span: Span | None = None

    def parts(self) -> dict[str, int]:
        return {name: c.value for name in COUNT_PARTS if (c := getattr(self, name)) is not None}


@node
class Outcome:
    """An accountability or institutional figure of the summary: 诫勉3人, 建立完善制度12项, 追缴资金7.1万元."""

    label: str
    value: float
    unit: str
    span: Span


@dataclass
class Facts:
    """What the rules read off a notice besides its tree: dates, counts, statuses, evidence."""

    timeline: Timeline
    dates: list[DateRef]  # every date expression in the prose, in document order
    counts: list[CountStatement]
    summary: CountStatement | None
    status_tally: Counter[Status]
    evidence: dict[int, ItemEvidence] = field(default_factory=dict)  # by item index
    outcomes: list[Outcome] = field(default_factory=list)  # from the summary, outside the items
    measures: MaskedMeasures = field(default_factory=lambda: MaskedMeasures([]))  # every item's, masked
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [d.span.start for d in self.dates]

    def dates_in_paragraphs(self, start: int, end: int) -> list[DateRef]:
        """The dates from `start`, where a paragraph starts, to `end`, where one ends: a date lies inside one
        paragraph, so every date that starts there ends there too, and they are found by bisection alone."""
        return self.dates[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]


# ---------------------------------------------------------------------------------------------------
# Dates

INSPECTING_BODY = patterns.compile(
    r"(?:中央|省委|市委|州委|县委|区委|旗委|盟委|党组|党委|[\u4e00-\u9fff]{0,8}?(?:市|县|区)委)"
    r"(?:第[一二三四五六七八九十\d]+轮)?(?:巡视|巡察)?(?:第[一二三四五六七八九十\d]+)?(?:专项)?(?:巡视|巡察)组")
_INSPECTED = patterns.compile(r"对([^，,。；;]{2,40}?)(?:开展|进行)了?(?:[^，,。；;]{0,8}?)(?:巡察|巡视)")
_LEGAL = patterns.compile(r"《([^》]{4,60})》")
_BASIS = patterns.compile(r"按照|根据|依据")
_RULES = patterns.compile(r"规定|要求|办法|条例")


def _date_ref(m: DateMention, line: Span, base: int, start: date | None, end: date | None, problem: str | None,
              label: str | None = None) -> DateRef:
    """The DateRef of `m`, found at `base` inside `line` and resolved to start..end: the span of the paragraph
    it stands in, which lies on one line (so does every fact: its span follows from the paragraph's, with no
    lookup in the text)."""
    return DateRef(m.text, line.part(base + m.start, base + m.end), start, end, problem, m.explicit_year,
                   m.malformed, m.is_range, m.granularity, label)


def _opening_timeline(paragraphs: list[Paragraph], timeline: Timeline, found: dict[int, list[Chain]]) -> None:
    """Read who inspected whom and when from the opening; `found` holds the chains of its paragraphs (by id)
    when they were found already."""
    year: int | None = None
    last: date | None = None
    for p in paragraphs:
        chains = found.get(id(p))
        if chains is None:
            chains = list(sentence_chains(p.text))  # the dates of all its sentences, found in one scan
        c = 0
        for sm in SENTENCE.finditer(p.text):
            sentence = sm.group()
            refs = []
            while c < len(chains) and chains[c][0] < sm.end():  # the chains of this sentence
                at, mentions = chains[c]
                c += 1
                for m in mentions:
                    if m.explicit_year:
                        start, end, problem = resolved(m, None, year)
                    else:
                        start, end, problem = resolved(m, year, year)
                        if start and last and start < last and year:  # 11月…1月: the year rolled over
                            start, end, problem = resolved(m, year + 1, year + 1)
                    if start:
                        year, last = end.year if end else start.year, start
                    refs.append(_date_ref(m, p.span, p.span.start + at, start, end, problem))
            if not timeline.inspecting_body and (b := INSPECTING_BODY.search(sentence)):
                timeline.inspecting_body = b.group()
            base = p.span.start + sm.start()  # offsets once per sentence: a sentence may hold thousands of dates
            starts, ends = [x.span.start - base for x in refs], [x.span.end - base for x in refs]
            for i, r in enumerate(refs):
                if r.start is None or r.problem:
                    continue
                event = _event_of(sentence, starts, ends, i)
                if event and getattr(timeline, event) is None:
                    setattr(timeline, event, r)
            if not timeline.inspected and (t := _INSPECTED.search(sentence)):
                timeline.inspected = t.group(1)
            if _BASIS.search(sentence) and _RULES.search(sentence):
                timeline.legal_basis.extend(x for x in _LEGAL.findall(sentence) if x not in timeline.legal_basis)


_RECTIFICATION_WORDS = patterns.compile(r"集中整改|整改期|整改时限")
_EVENT_WORDS = patterns.compile(
    r"(?P<feedback>反馈)|(?P<inspection>(?:进行了?|开展了?)[^，,。；;]{0,12}?(?:巡察|巡视)|进驻)")


def _event_of(sentence: str, starts: list[int], ends: list[int], i: int) -> str | None:
    """Which event a date of the opening dates: the words between it and the next date decide
    (集中整改 first, else the earlier of 反馈 and 进行了巡察/进驻); failing that, the words before it."""
    after = sentence[ends[i]:starts[i + 1] if i + 1 < len(starts) else len(sentence)]
    before = sentence[ends[i - 1] if i else 0:starts[i]]
    for window in (after, before):
        if _RECTIFICATION_WORDS.search(window):
            return "rectification"
        if m := _EVENT_WORDS.search(window):
            return m.lastgroup
    return None


def _anchor_year(t: Timeline) -> int | None:
    for ref in (t.feedback, t.rectification, t.inspection, t.published):
        if ref and ref.start:
            return ref.start.year
    return None


_BREAK = "。"  # joins the paragraphs to be read at once: a sentence end, which no date crosses or looks past


def _chains_of(paragraphs: list[Paragraph], chains: list[Chain], wanted: list[Paragraph]) -> dict[int, list[Chain]]:
    """The chains of each of `wanted` that lies among `paragraphs`, by id, with offsets into it, out of those of
    `paragraphs` joined by _BREAK: what sentence_chains finds in it alone. The opening's paragraphs are read so
    from the prose's one scan, not scanned again."""
    out: dict[int, list[Chain]] = {}
    ids = {id(p) for p in wanted}
    start = c = 0  # where paragraph p starts in the joined text; the first chain not before it
    for p in paragraphs:
        if not ids:
            break
        end = start + len(p.text)
        if id(p) in ids:
            ids.discard(id(p))
            while c < len(chains) and chains[c][0] < start:
                c += 1
            out[id(p)] = own = []
            while c < len(chains) and chains[c][0] < end:
                own.append((chains[c][0] - start, chains[c][1]))
                c += 1
        start = end + 1
    return out


def _prose_dates(paragraphs: list[Paragraph], text: str, chains: list[Chain], t: Timeline) -> list[DateRef]:
    """Dates in the body: a missing year comes from earlier in the same sentence (今年 included), else
    from the timeline. The paragraphs are read joined (`text`), in one scan (`chains`)."""
    anchor = _anchor_year(t)
    ref_year = t.published.start.year if t.published and t.published.start else anchor
    begin = t.inspection.start if t.inspection and t.inspection.start else None
    out = []
    year = None  # of the sentence, from its last date that gave one
    prev = 0  # where the last date ended
    k = -1  # the paragraph of the chain
    after = 0  # where the paragraph after paragraph k starts in `text`
    shift = 0  # from `text` to the notice's text, in paragraph k
    line = column = 0  # paragraph k's line, and what turns an offset in the notice into a column on it
    for at, mentions in chains:
        if at >= after:
            while at >= after:
                k += 1
                shift = paragraphs[k].span.start - after
                after += len(paragraphs[k].text) + 1
            span = paragraphs[k].span
            line, column = span.line, span.column - span.start
        for m in mentions:
            a = at + m.start
            if year is not None and SENTENCE_END.search(text, prev, a):  # a new sentence: no year context
                year = None
            prev = at + m.end
            if m.explicit_year:
                start, end, problem = resolved(m, None, ref_year)
                year = start.year if start else year
            else:
                start, end, problem = resolved(m, year or anchor, ref_year)
                if year is None and start and begin and start < begin and anchor and ref_year and ref_year > anchor:
                    start, end, problem = resolved(m, anchor + 1, ref_year)
            a, b = a + shift, prev + shift  # _date_ref's DateRef, made here: a notice makes one per date
            out.append(DateRef(m.text, Span(a, b, line, column + a, line, column + b), start, end, problem,
                               m.explicit_year, m.malformed, m.is_range, m.granularity))
    return out


# ---------------------------------------------------------------------------------------------------
# Counts

_N = r"(?P<n>\d+|[一二三四五六七八九十百两]+)"
_U = r"\s*(?:个|项|条|件)"
_DONE = r"(?:已完成整改|已整改到位|已整改销号|完成整改|已整改|已完成|整改完成|已办结|已销号)"
_NOT_DONE = r"(?:未完成|未整改到位|尚未完成|未整改|申请延期整改|延期整改|申请延期)"
_LONG = r"(?:(?:需要?)?长期坚持|长期整改|常态化推进|持续推进)"
_GOING = r"(?:正在整改|正在推进|整改中|持续整改|正在落实|推进中)"
# Each part may be written before its number (已完成整改9个) or after it (9个已完成整改).
_COUNT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("total", compile_fast(rf"(?:反馈|发现|指出|交办|移交|梳理|共有?|涉及|查找|列出)[^，,。；;、]{{0,10}}?{_N}{_U}"
                         r"(?:具体|主要)?问题")),
    ("total", compile_fast(rf"(?:反馈|发现|指出|交办)的?问题\s*(?:共|共计)?{_N}{_U}")),
    ("done", compile_fast(rf"{_DONE}(?:的)?(?:问题)?{_N}{_U}")),
    ("done", compile_fast(rf"{_N}{_U}(?:问题)?{_DONE}")),
    ("basically_done", compile_fast(rf"基本完成[^，,。；;\d]{{0,20}}?{_N}{_U}")),
    ("basically_done", compile_fast(rf"{_N}{_U}(?:问题)?基本完成")),
    ("not_done", compile_fast(rf"{_NOT_DONE}(?:的)?(?:问题)?{_N}{_U}")),
    ("not_done", compile_fast(rf"{_N}{_U}(?:问题)?{_NOT_DONE}")),
    ("long_term", compile_fast(rf"{_LONG}(?:的)?(?:问题)?{_N}{_U}")),
    ("long_term", compile_fast(rf"{_N}{_U}(?:问题)?(?:需要?)?长期坚持")),
    ("in_progress", compile_fast(rf"{_GOING}(?:的)?(?:问题)?{_N}{_U}")),
    ("in_progress", compile_fast(rf"{_N}{_U}(?:问题)?{_GOING}")),
]
_TOTALS = [pattern for name, pattern in _COUNT_PATTERNS if name == "total"]
# What every total holds around its 问题: a unit before it (12个问题, 12个具体问题) or a count after it (问题共12个).
# It opens with a word, which `re` leaps to, where the totals open with a class tried at every character.
_TOTAL_AROUND = patterns.compile(
    rf"问题(?:(?<=[个项条件]问题)|(?<=[个项条件][具主][体要]问题)|\s*(?:共|共计)?{_N}{_U})")
# Words a sentence must hold for a part's patterns to match there (each of its words contains one): most
# statements name two or three parts, and a pattern that opens with a numeral tries every 一 of the sentence.
_PART_WORDS: dict[str, tuple[str, ...]] = {
    "done": ("已", "完成"), "basically_done": ("基本完成",), "not_done": ("未", "延期"),
    "long_term": ("长期", "常态化推进", "持续推进"), "in_progress": ("正在", "整改中", "持续整改", "推进中"),
}
_OUTCOMES = patterns.compile(
    r"(?P<label>党纪政务处分|党纪处分|政务处分|纪律处分|处分|组织处理|诫勉谈话|诫勉|批评教育|谈话提醒|责令检查|通报批评|"
    r"问责|移送司法机关|立案审查调查|立案|建立完善制度|建立健全制度|制定修订制度|修订完善制度|完善制度|建章立制|"
    r"追缴资金|追缴|收回清退违规资金|收回|清退|挽回经济损失|挽回)[^，,。；;\d]{0,6}?"
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>人次|人|名|项|个|件|万元|亿元|元)")
_MEASURES = compile_fast(rf"{_N}{_U}(?:具体)?(?:整改)?(?:措施|任务)")
_NUMERAL = patterns.compile(r"[\d一二三四五六七八九十]")
_RATE = patterns.compile(r"(?:完成率|整改率|办结率|销号率)(?:为|达到?|达)?\s*(?P<n>\d+(?:\.\d+)?)\s*[%％]")


def _count_statements(paragraphs: list[Paragraph], items: list[Item], owners: dict[int, int]) -> list[CountStatement]:
    """`owners`: the item index of every problem and response paragraph, by its start."""

    def owner(start: int) -> int | None:  # asked once per statement: a few times per notice
        if start in owners:
            return owners[start]
        return next((item.index for item in items if item.problem_span.start == start), None)

    out = []
    for p in paragraphs:
        text = p.text
        if "问题" not in text or not _TOTAL_AROUND.search(text) or not (
                _TOTALS[0].search(text) or _TOTALS[1].search(text)):
            continue  # every statement states a total, which names 问题 and counts them in 个/项/条/件: few do
        for sm in SENTENCE.finditer(text):
            s = sm.group()
            if "问题" not in s or not _NUMERAL.search(s):
                continue
            base = p.span.start + sm.start()
            found: dict[str, Count] = {}
            claimed: set[int] = set()
            for name, pattern in _COUNT_PATTERNS:
                if name in found:
                    continue  # each part is taken from the first way of writing it that holds a number
                if name != "total":
                    if "total" not in found:
                        break  # the totals come first: without one the sentence is no statement
                    if not any([word in s for word in _PART_WORDS[name]]):
                        continue
                for m in pattern.finditer(s):
                    if m.start("n") in claimed:
                        continue
                    value = cn_to_int(m.group("n"))
                    if value is None:
                        continue
                    claimed.add(m.start("n"))
                    found[name] = Count(value=value, span=p.span.part(base + m.start("n"), base + m.end("n")))
                    break
            if "total" not in found:
                continue
            rate = _RATE.search(s)
            if len(found) < 2 and not rate:
                continue
            st = CountStatement(text=s.strip(), span=p.span.part(base, base + len(s)),
                                item_index=owner(p.span.start), problems=found["total"], **found)
            # 12个问题细化为41项整改措施，已完成38项: what follows counts measures, not problems
            for mm in _MEASURES.finditer(s) if "措施" in s or "任务" in s else ():
                if base + mm.start() > st.problems.span.start and (value := cn_to_int(mm.group("n"))):
                    st.subject = "措施"
                    st.total = Count(value=value, span=p.span.part(base + mm.start("n"), base + mm.end("n")))
                    for name in COUNT_PARTS:
                        part = getattr(st, name)
                        if part is not None and part.span.start < st.total.span.start:
                            setattr(st, name, None)
                    break
            if rate:
                st.rate_text = rate.group("n") + "%"
                st.rate = float(rate.group("n"))
                st.rate_decimals = len(rate.group("n").partition(".")[2])
                st.rate_span = p.span.part(base + rate.start("n"), base + rate.end())
            out.append(st)
    return out


# ---------------------------------------------------------------------------------------------------


_CHROME_LABEL = patterns.compile(r"(成文日期|发布时间|发布日期|信息时间|生成日期|日期|时间)[^:：]*[:：]?\s*$")


def resolve_facts(notice: Notice) -> Facts:
    t = Timeline()
    opening = list(notice.opening)
    if not opening and notice.sections:  # some notices open inside their first section
        opening = notice.sections[0].paragraphs[:2]
    sig = notice.signature
    prose = [p for p in notice.paragraphs if p.role != "closing" or p.span != (sig.date_span if sig else None)]
    text = _BREAK.join([p.text for p in prose])
    chains = list(sentence_chains(text))
    _opening_timeline(opening, t, _chains_of(prose, chains, opening))
    if sig and sig.date_text and sig.date_span:
        found = find_dates(sig.date_text)
        if found:
            r = resolve(found[0], None, None)
            t.published = _date_ref(found[0], sig.date_span, sig.date_span.start, r.start, r.end, r.problem)
    for c in notice.chrome:
        for m in find_dates(c.text):
            label = _CHROME_LABEL.search(c.text[:m.start])
            r = resolve(m, None, None)
            t.chrome.append(_date_ref(m, c.span, c.span.start, r.start, r.end, r.problem,
                                      label.group(1) if label else None))
    dates = _prose_dates(prose, text, chains, t)
    owners = {p.span.start: item.index for item in notice.items for p in item.problem_paragraphs + item.response}
    counts = _count_statements(notice.paragraphs, notice.items, owners)
    summary = next((c for c in counts if c.item_index is None), None)
    outcomes = [Outcome(label=m.group("label"), value=float(m.group("n")), unit=m.group("unit"),
                        span=p.span.part(p.span.start + m.start(), p.span.start + m.end()))
                for p in notice.paragraphs if p.span.start not in owners and p.role in ("opening", "text")
                for m in _OUTCOMES.finditer(p.text)]
    tally = Counter(item.status for item in notice.items)
    facts = Facts(timeline=t, dates=dates, counts=counts, summary=summary, status_tally=tally, outcomes=outcomes,
                  measures=MaskedMeasures(notice.items))
    begin = t.inspection.start if t.inspection else None
    # a response is a run of paragraphs next to each other
    in_responses = [facts.dates_in_paragraphs(r[0].span.start, r[-1].span.end) if (r := item.response) else []
                    for item in notice.items]
    evidence = analyse_items(notice.items, facts.measures, in_responses, begin)
    facts.evidence = {item.index: e for item, e in zip(notice.items, evidence, strict=True)}
    return facts
