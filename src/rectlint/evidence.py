"""What an item's response offers as proof of rectification, and what it only promises.

Evidence is any of: a date (on or after the inspection began), a count with a measure word, a
document produced (《…》 after 制定/印发/出台…), an accountability outcome, or a completed action.
Numbers and dates that merely repeat the problem statement do not count: restating the problem is
not evidence that it was fixed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from rectlint import patterns
from rectlint.joined import Joined
from rectlint.model import Item
from rectlint.patterns import compile_fast
from rectlint.sentences import CLAUSE

COUNT = compile_fast(  # the one-character measure words as a class: `re` tries an alternation's branches one by one
    r"(?<![\d.第])(?:\d+(?:\.\d+)?|[两二三四五六七八九十百千万][一二三四五六七八九十百千万]*)\s*(?:余|多)?\s*"
    r"(?:人次?|[个次家名项件份场期座辆台套条篇批轮处户吨元亩米本册所起单张部支栋宗笔]|万元|亿元|公里|平方米|课时|学时)")
DOCUMENT = patterns.compile(
    r"(?:制定|印发|出台|修订|下发|制发|修订完善|发布|编制|签订|形成|起草)(?:了|并印发|印发了|出台了)?"
    r"[^。；;]{0,16}?《[^》]{2,80}》")
ACCOUNTABILITY = patterns.compile(
    r"处分|问责|追责|追究[^。；;]{0,8}责任|诫勉|通报批评|组织处理|立案|罚款|行政处罚|追缴|收缴|清退|退赔|约谈")
COMPLETED = compile_fast(
    r"(?:已|均已|现已|已经|已于|业已)[^，,。；;]{0,14}?"
    r"(?:完成|封堵|搬迁|补缴|补齐|拆除|清理|清除|整改到位|关停|取缔|建成|办结|调整|成立|召开|印发|下发|"
    r"制定|出台|修订|退还|追回|上报|销号|复耕|投入|公示|备案|处理|处置|整治|落实|纳入)"
    r"|(?:成立|召开|印发|制定|出台|开展|组织|下发|建立|完成|修订|约谈|进行)了")
COMMITMENT = patterns.compile(
    r"今后|以后|长期坚持|确保不再|杜绝[^。；;]{0,10}再次发生|避免[^。；;]{0,12}再次?发生|防止[^。；;]{0,12}再次?发生|"
    r"下一步|力争|计划(?=于|在|到|将|今年|明年|年底|[\d一二三四五六七八九十])|将继续|将持续|将进一步|持续推进|常态化")
UNFINISHED = compile_fast(
    r"(?<!真)正在|仍在|尚未|尚不|未整改到位|未完成|剩余|初稿|征求意见稿|讨论稿|满足不了|仍未|仍有|有待|还没有|暂未")
_QUOTED = patterns.compile(r"“[^”]{0,200}”|\"[^\"]{0,200}\"")
_ONE = patterns.compile(r"[一]\D")


@dataclass
class Mark:
    kind: str
    start: int  # absolute offsets
    end: int
    text: str


@dataclass
class ItemEvidence:
    evidence: list[Mark] = field(default_factory=list)
    commitments: list[Mark] = field(default_factory=list)
    unfinished: list[Mark] = field(default_factory=list)


def masked(text: str) -> str:
    """Blank out quotations: a response that quotes the problem is not speaking for itself."""
    if "“" not in text and '"' not in text:  # most text quotes nothing: skip the scan
        return text
    return _QUOTED.sub(blank, text)


def blank(m: re.Match[str]) -> str:
    """What masking puts in place of a match: as many ideographic spaces (offsets stay as they were)."""
    return "\u3000" * len(m.group())


_PROOFS = (("count", COUNT), ("document", DOCUMENT), ("accountability", ACCOUNTABILITY), ("completed", COMPLETED))


def masked_measures(items: list[Item]) -> Joined:
    """The measures of all items, masked, joined to be searched together (with where each starts)."""
    measures = [measure for item in items for measure in item.measures]
    return Joined([masked(m.text) for m in measures], [m.span.start for m in measures])


def analyse_items(items: list[Item], joined: Joined, dates: list[list], inspection_start: date | None) \
        -> list[ItemEvidence]:
    """The evidence of each item; `joined` is masked_measures(items), `dates[i]` the resolved DateRefs inside
    the response of `items[i]`. The measures of all items are searched together, one scan per pattern."""
    texts, bases = joined.texts, joined.bases
    assert bases is not None
    clauses: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}  # by measure, as needed

    def clause_at(i: int, at: int) -> tuple[int, int] | None:
        if i not in clauses:
            spans = [c.span() for c in CLAUSE.finditer(texts[i])]
            clauses[i] = spans, [a for a, _ in spans]
        return _span_at(*clauses[i], at)

    item_of = [n for n, item in enumerate(items) for _ in item.measures]
    problems = ["".join([p.text for p in item.problem_paragraphs]) for item in items]
    out = [ItemEvidence() for _ in items]
    promised: list[list[tuple[int, int]]] = [[] for _ in items]  # clauses that promise: what they count is no evidence
    for i, a, b, found in joined.matches(COMMITMENT):
        out[item_of[i]].commitments.append(Mark("commitment", bases[i] + a, bases[i] + b, found))
        if (c := clause_at(i, a)) is not None:
            promised[item_of[i]].append((bases[i] + c[0], bases[i] + c[1]))
    proofs: list[list[Mark]] = [[] for _ in texts]  # by measure, each kind after the other
    for kind, pattern in _PROOFS:
        for i, a, b, found in joined.matches(pattern):
            if kind == "count" and (found in problems[item_of[i]] or _ONE.match(found)):
                continue
            proofs[i].append(Mark(kind, bases[i] + a, bases[i] + b, found))
    for i, marks in enumerate(proofs):
        out[item_of[i]].evidence += marks
    for i, a, b, found in joined.matches(UNFINISHED):
        item = items[item_of[i]]
        status_end = item.status_span.end if item.status_span else -1
        lo, hi = clause_at(i, a)  # type: ignore[misc]
        if bases[i] + a >= status_end and not COMPLETED.search(texts[i][lo:hi]):  # 剩余资金已全部追缴
            out[item_of[i]].unfinished.append(Mark("unfinished", bases[i] + a, bases[i] + b, found))
    for n, evidence in enumerate(out):
        for d in dates[n]:
            if d.start and not d.problem and d.text not in problems[n] and (
                    inspection_start is None or d.end >= inspection_start):
                evidence.evidence.append(Mark("date", d.span.start, d.span.end, d.text))
        if promised[n]:
            runs = _merged(promised[n])
            run_starts = [a for a, _ in runs]
            evidence.evidence = [e for e in evidence.evidence if _span_at(runs, run_starts, e.start) is None]
    return out


def _span_at(spans: list[tuple[int, int]], starts: list[int], at: int) -> tuple[int, int] | None:
    """The span holding offset `at`, among disjoint spans in order (`starts` are theirs), by bisection."""
    i = bisect.bisect_right(starts, at) - 1
    return spans[i] if i >= 0 and at < spans[i][1] else None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of half-open spans as disjoint spans in order."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out
