"""What an item's response offers as proof of rectification, and what it only promises.

Evidence is any of: a date (on or after the inspection began), a count with a measure word, a
document produced (《…》 after 制定/印发/出台…), an accountability outcome, or a completed action.
Numbers and dates that merely repeat the problem statement do not count: restating the problem is
not evidence that it was fixed.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING

from rectlint import patterns
from rectlint.joined import Joined
from rectlint.model import Item
from rectlint.records import dataclass
from rectlint.sentences import clause_at

if TYPE_CHECKING:
    from rectlint.facts import DateRef

# A pattern that opens with one character class, or whose alternatives each open with a literal, lets `re` leap
# between the characters a match can open with; a lookbehind or a group in front makes it try every character
# (twice as slow, even led by a lookahead). So a lookbehind comes after the first character, and a shared
# opening alternation is spread over the alternatives.
COUNT = patterns.compile(  # the one-character measure words as a class: `re` tries an alternation's branches one by one
    r"[\d两二三四五六七八九十百千万](?<![\d.第].)(?:(?<=\d)\d*+(?:\.\d++)?|(?<=\D)[一二三四五六七八九十百千万]*+)"
    r"\s*(?:余|多)?\s*"
    r"(?:人次?|[个次家名项件份场期座辆台套条篇批轮处户吨元亩米本册所起单张部支栋宗笔]|万元|亿元|公里|平方米|课时|学时)")
DOCUMENT = patterns.compile(
    r"(?:制定|印发|出台|修订|下发|制发|修订完善|发布|编制|签订|形成|起草)(?:了|并印发|印发了|出台了)?"
    r"[^。；;]{0,16}?《[^》]{2,80}》")
ACCOUNTABILITY = patterns.compile(
    r"处分|问责|追责|追究[^。；;]{0,8}责任|诫勉|通报批评|组织处理|立案|罚款|行政处罚|追缴|收缴|清退|退赔|约谈")
_DONE_ACTIONS = ("(?:完成|封堵|搬迁|补缴|补齐|拆除|清理|清除|整改到位|关停|取缔|建成|办结|调整|成立|召开|印发|下发|"
                 "制定|出台|修订|退还|追回|上报|销号|复耕|投入|公示|备案|处理|处置|整治|落实|纳入)")
COMPLETED = patterns.compile("|".join(  # 已…完成, 均已…封堵…, or 成立了, 召开了…
    [f"{lead}[^，,。；;]{{0,14}}?{_DONE_ACTIONS}" for lead in ("已", "均已", "现已", "已经", "已于", "业已")]
    + [f"{verb}了" for verb in ("成立", "召开", "印发", "制定", "出台", "开展", "组织", "下发", "建立", "完成", "修订",
                               "约谈", "进行")]))
COMMITMENT = patterns.compile(
    r"今后|以后|长期坚持|确保不再|杜绝[^。；;]{0,10}再次发生|避免[^。；;]{0,12}再次?发生|防止[^。；;]{0,12}再次?发生|"
    r"下一步|力争|计划(?=于|在|到|将|今年|明年|年底|[\d一二三四五六七八九十])|将继续|将持续|将进一步|持续推进|常态化")
UNFINISHED = patterns.compile(
    r"正(?<!真正)在|仍在|尚未|尚不|未整改到位|未完成|剩余|初稿|征求意见稿|讨论稿|满足不了|仍未|仍有|有待|还没有|暂未")
_QUOTED = patterns.compile(r"“[^”]{0,200}”|\"[^\"]{0,200}\"")
_ONE = patterns.compile(r"[一]\D")


@dataclass
class Mark:
    """What a phrase of an item's measures offers or says (evidence of one kind, a commitment, unfinished work)."""

    kind: str
    start: int  # absolute offsets
    end: int
    text: str


def masked(text: str) -> str:
    """Blank out quotations: a response that quotes the problem is not speaking for itself."""
    if "“" not in text and '"' not in text:  # most text quotes nothing: skip the scan
        return text
    return _QUOTED.sub(blank, text)


def blank(m: re.Match[str]) -> str:
    """What masking puts in place of a match: as many ideographic spaces (offsets stay as they were)."""
    return "\u3000" * len(m.group())


_PROOFS = (("count", COUNT), ("document", DOCUMENT), ("accountability", ACCOUNTABILITY), ("completed", COMPLETED))


class MaskedMeasures(Joined):
    """The measures of all items, masked, joined to be searched together (with where each starts in the
    notice), and which item each belongs to."""

    def __init__(self, items: list[Item]) -> None:
        measures = [measure for item in items for measure in item.measures]
        super().__init__([masked(m.text) for m in measures], [m.span.start for m in measures])
        self.item_of = [n for n, item in enumerate(items) for _ in item.measures]  # by measure: its item's position
        # by item position: where its measures start among all (and, last, their number)
        self.first = list(accumulate((len(item.measures) for item in items), initial=0))


class ItemEvidence:
    """What an item's measures offer as proof of rectification, what they only promise, and what they say is
    not finished yet. Each is worked out for all items of the notice when first read; whether there is any
    proof at all (what the rules ask of every item) stops at the first one found, with no list made: most
    items have a date, and most notices are never listed."""

    __slots__ = ("_analysis", "_n")

    def __init__(self, analysis: _Analysis, n: int) -> None:
        self._analysis, self._n = analysis, n

    @property
    def proven(self) -> bool:
        """Whether the item offers any proof: `evidence` is not empty."""
        return self._analysis.proven(self._n)

    @property
    def evidence(self) -> list[Mark]:
        """The item's proofs: each measure's counts, documents, accountability outcomes and completed actions,
        in this order, then the dates of its response; nothing said inside a promise."""
        return self._analysis.proofs[self._n]

    @property
    def commitments(self) -> list[Mark]:
        return self._analysis.promises[self._n][0]

    @property
    def unfinished(self) -> list[Mark]:
        return self._analysis.unfinished[self._n]


def analyse_items(items: list[Item], joined: MaskedMeasures, dates: list[list[DateRef]],
                  inspection_start: date | None) \
        -> list[ItemEvidence]:
    """The evidence of each item; `joined` is MaskedMeasures(items), `dates[i]` the resolved DateRefs inside
    the response of `items[i]`. The measures of all items are searched together, one scan per pattern, when
    what a pattern finds is first read."""
    analysis = _Analysis(items, joined, dates, inspection_start)
    return [ItemEvidence(analysis, n) for n in range(len(items))]


class _Analysis:
    """The evidence of a notice's items, worked out as it is read (see analyse_items)."""

    def __init__(self, items: list[Item], joined: MaskedMeasures, dates: list[list[DateRef]],
                 inspection_start: date | None) -> None:
        assert joined.bases is not None
        self.items, self.joined, self.bases, self.dates = items, joined, joined.bases, dates
        self.inspection_start = inspection_start
        self.item_of, self.first_measure = joined.item_of, joined.first
        self._problems: dict[int, str] = {}
        self._proven: dict[int, bool] = {}

    def problem(self, n: int) -> str:
        """The problem statement of item `n`: what merely repeats it proves nothing."""
        if (text := self._problems.get(n)) is None:
            text = self._problems[n] = "".join([p.text for p in self.items[n].problem_paragraphs])
        return text

    @cached_property
    def promises(self) -> list[tuple[list[Mark], list[tuple[int, int]], list[int]]]:
        """Each item's commitments, and the clauses that make them as disjoint runs (and where each starts):
        what such a clause counts or dates is no evidence."""
        marks: list[list[Mark]] = [[] for _ in self.items]
        promised: list[list[tuple[int, int]]] = [[] for _ in self.items]
        texts, bases, item_of = self.joined.texts, self.bases, self.item_of
        for i, a, b, found in self.joined.matches(COMMITMENT):
            marks[item_of[i]].append(Mark("commitment", bases[i] + a, bases[i] + b, found))
            if (c := clause_at(texts[i], a)) is not None:
                promised[item_of[i]].append((bases[i] + c[0], bases[i] + c[1]))
        out = []
        for found, spans in zip(marks, promised, strict=True):
            if spans:
                runs = _merged(spans)
                out.append((found, runs, [a for a, _ in runs]))
            else:  # most items promise nothing (the empty list stands for no runs and no starts: read only)
                out.append((found, spans, spans))
        return out

    def _dated(self, n: int, d: DateRef) -> bool:
        """Whether date `d` of item `n`'s response tells when something was done."""
        return bool(d.start and not d.problem and d.text not in self.problem(n) and (
            self.inspection_start is None or d.end >= self.inspection_start))

    def _counts(self, n: int, kind: str, found: str) -> bool:
        return kind != "count" or not (found in self.problem(n) or _ONE.match(found))

    @cached_property
    def proofs(self) -> list[list[Mark]]:
        """Each item's proofs (see ItemEvidence.evidence)."""
        bases, item_of = self.bases, self.item_of
        per_measure: list[list[Mark]] = [[] for _ in self.joined.texts]  # each kind after the other
        for kind, pattern in _PROOFS:
            for i, a, b, found in self.joined.matches(pattern):
                if self._counts(item_of[i], kind, found):
                    per_measure[i].append(Mark(kind, bases[i] + a, bases[i] + b, found))
        out: list[list[Mark]] = [[] for _ in self.items]
        for i, marks in enumerate(per_measure):
            out[item_of[i]] += marks
        for n, (marks, (_, runs, run_starts)) in enumerate(zip(out, self.promises, strict=True)):
            marks += [Mark("date", d.span.start, d.span.end, d.text) for d in self.dates[n] if self._dated(n, d)]
            if runs:
                out[n] = [e for e in marks if _span_at(runs, run_starts, e.start) is None]
        return out

    def proven(self, n: int) -> bool:
        """Whether item `n` has any proof (asked by several rules: the answer is kept)."""
        if (found := self._proven.get(n)) is None:
            found = self._proven[n] = bool(self.proofs[n]) if "proofs" in self.__dict__ else self._any_proof(n)
        return found

    def _any_proof(self, n: int) -> bool:
        """Whether item `n` has any proof: its dates are looked at first, then each measure on its own."""
        _, runs, run_starts = self.promises[n]
        for d in self.dates[n]:  # a plain loop: most items stop at their first date, a generator cost more
            if self._dated(n, d) and (not runs or _span_at(runs, run_starts, d.span.start) is None):
                return True
        texts, bases = self.joined.texts, self.bases
        for i in range(self.first_measure[n], self.first_measure[n + 1]):
            for kind, pattern in _PROOFS:  # what a joined scan finds in a measure, it finds in the measure alone
                for m in pattern.finditer(texts[i]):
                    if self._counts(n, kind, m.group()) and _span_at(runs, run_starts, bases[i] + m.start()) is None:
                        return True
        return False

    @cached_property
    def unfinished(self) -> list[list[Mark]]:
        """Where each item's measures say the work is unfinished, after its status label, outside a clause
        that says something is done (剩余资金已全部追缴)."""
        out: list[list[Mark]] = [[] for _ in self.items]
        texts, bases = self.joined.texts, self.bases
        for i, a, b, found in self.joined.matches(UNFINISHED):
            n = self.item_of[i]
            item = self.items[n]
            status_end = item.status_span.end if item.status_span else -1
            lo, hi = clause_at(texts[i], a)  # type: ignore[misc]
            if bases[i] + a >= status_end and not COMPLETED.search(texts[i][lo:hi]):
                out[n].append(Mark("unfinished", bases[i] + a, bases[i] + b, found))
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
