import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import chain, pairwise

from rectlint import patterns
from rectlint.diagnostics import Category, Severity
from rectlint.evidence import MaskedMeasures
from rectlint.model import Item
from rectlint.places import item_place
from rectlint.rule import Document, Finding, Rule


class DuplicateMeasure(Rule):
    """The same measure offered as the rectification of different problems.

    ## What it does
    Finds a run of at least `min_length` characters (default 16) that appears in the measures of two
    different items, and reports it in the later item. Runs shared by `boilerplate_items` items or
    more (default 3) are stock phrases and are ignored, and so are runs holding digits (two measures on
    the same day are not the same measure). Each measure is cut into overlapping runs once
    and looked up in a table, so the cost grows with the length of the notice, not with the square of
    its number of items.

    ## Why it matters
    "不同的问题，验收销号的公示材料完全一样" is the 纸面销号 pattern named by 《瞭望》 (research notes §5,
    F7): one meeting or one document used to close several problems.

    ## Example
    ```
    问题12 … 已督促鼓楼区加快协调区相关部门进一步加强各类管网建设和污水、雨水设施的管理工作。
    问题13 … 并督促顺河区加快协调区相关部门进一步加强各类管网建设和污水、雨水设施的管理工作。
    ```

    ## Use instead
    Report what was done for each problem; if one measure really answers both, say so once and refer
    to it.

    ## Options
    `min_length` (default `16`), `boilerplate_items` (default `3`).
    """

    code = "E006"
    name = "duplicate-measure"
    category = Category.EVIDENCE
    severity = Severity.INFO
    options = {"min_length": 16, "boilerplate_items": 3}

    def check_notice(self, doc: Document):
        k, items = self.opts["min_length"], doc.notice.items
        reported: set[tuple[int, int]] = set()
        for (first, origin), (later, start) in first_two_places(items, k, self.opts["boilerplate_items"],
                                                                         doc.facts.measures):
            if (first, later) in reported:
                continue
            reported.add((first, later))
            text, end = doc.text, start + k
            while end < len(text) and origin + (end - start) < start and text[end] == text[origin + end - start] \
                    and text[end] not in "\r\n":
                end += 1  # report the whole shared run, not just its first window
            while start < end and text[start] in "，,。；;、：:":
                start += 1
            while end > start and text[end - 1] in "，,。；;、：:":
                end -= 1
            a = items[first - 1].ref
            b = items[later - 1].ref
            yield Finding(start, end, f"{b}的整改措施与{a}的措施重复：“{text[start:end]}”",
                          path=item_place(doc.notice.items[later - 1], "response"))


def first_two_places(items: list[Item], k: int, most: int, measures: MaskedMeasures) \
        -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """For each run of k characters in the measures of at least 2 and fewer than `most` items, in the order
    the runs first occur: ((item index, offset), (item index, offset)) of its first two occurrences in
    different items. Quotations are masked (`measures`, as the facts hold them); runs holding digits are left
    out."""
    whole, starts = measures.text, measures.starts
    if _UNUSUAL.search(whole):
        whole = _UNUSUAL.sub(_digit_blanked, whole)  # character for character: the offsets stay
    # each item's stretches of at least k characters without masked quotations, digits or line breaks (between
    # its measures), found from where its first measure starts to where its last one ends
    ends = [*starts, len(whole) + 1]  # each measure's start, and one past the end of the text
    stretches = _stretches(k).findall
    segments = [set(stretches(whole, ends[a], ends[b] - 1)) for a, b in pairwise(measures.first)]
    # A stretch that `most` items or more hold is stock phrasing: each of its runs is held as often, so they are
    # made once, to be left out, instead of for each item that holds it.
    stock = {seg for seg, count in Counter(chain.from_iterable(segments)).items() if count >= most}
    own = [held - stock for held in segments]
    # Once stock phrasing is left out, most notices hold no run twice (in two items or in one): the size of one
    # set of all their runs tells so, with no set for each item to make and count.
    every = list(chain.from_iterable(own))
    if len(_runs(every, k)) == sum(map(len, every)) - (k - 1) * len(every):
        return []
    # every run of k characters of each item's other stretches: sets, so that each item counts a run once
    runs = [_runs(held, k) for held in own]
    shared = {run for run, count in Counter(chain.from_iterable(runs)).items() if 2 <= count < most}
    if stock and shared:
        shared -= _runs(stock, k)
    texts = [measures.texts[a:b] for a, b in pairwise(measures.first)]
    seen: dict[str, list[tuple[int, int]]] = {}
    firsts: dict[str, tuple[int, int, int]] = {}
    for n, (item, ts, held) in enumerate(zip(items, texts, runs, strict=True)):
        for run in held & shared if shared else ():
            at = next((mi, j) for mi, t in enumerate(ts) if (j := t.find(run)) >= 0)
            seen.setdefault(run, []).append((item.index, item.measures[at[0]].span.start + at[1]))
            firsts.setdefault(run, (n, *at))
    return [(seen[run][0], seen[run][1]) for run in sorted(seen, key=firsts.__getitem__)]


# Every character str.isdigit holds a digit of (①, ², …) that \d does not is outside this class (a test checks
# this against the running Python's Unicode data), so a text with none of them needs no look at each character.
_UNUSUAL = patterns.compile(r"[^\x00-\xb1\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@cache
def _stretches(k: int) -> re.Pattern[str]:
    """The stretches of at least k characters without a line break (between measures), a masked quotation or a
    digit (str.isdigit: ① is a digit too). Once _UNUSUAL's digits are blanked, the only ones left are ASCII and
    full-width (a test checks this too), and `re` tests those faster than \\d."""
    return patterns.compile(rf"[^\n\u30000-9０-９]{{{k},}}")


def _digit_blanked(m: re.Match[str]) -> str:
    return "\u3000" if m.group().isdigit() else m.group()


def _runs(stretches: Iterable[str], k: int) -> set[str]:
    """Every run of k characters of the stretches."""
    return {seg[i:i + k] for seg in stretches for i in range(len(seg) - k + 1)}

