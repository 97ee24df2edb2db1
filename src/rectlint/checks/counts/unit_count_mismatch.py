from rectlint.diagnostics import Category, Severity
from rectlint.evidence import masked
from rectlint.model import Item
from rectlint.patterns import compile_fast
from rectlint.places import item_place
from rectlint.rule import Document, Finding, Rule

COUNT = compile_fast(r"(?<![\d.第])(\d+)\s*(座|家|辆|户|处|所|台|套|栋)")


class UnitCountMismatch(Rule):
    """The problem and its response count the same things with different totals (12座 vs 16座).

    ## What it does
    For each measure word naming things (座、家、辆、户、处、所、台、套、栋), compares the largest count in the
    problem with the largest count in the response and reports the response's figure when it is larger:
    a smaller figure is usually a subset (34 of 845 enterprises applied), a larger one a different base.

    ## Why it matters
    "12座当中10座闲置" answered by "建成16座……剩余4座" leaves the reader unable to tell which base is
    right, or whether the response is about the same facilities (research notes F15).

    ## Example
    ```
    问题21：……抽查乡镇污水处理站12座，其中10座闲置。
    整改情况：正在整改。目前建成16座，其中12座已正常运行，剩余4座正在整改。
    ```

    ## Use instead
    Use the same base in both, or explain the difference (`另新建4座`).
    """

    code = "C007"
    name = "unit-count-mismatch"
    category = Category.COUNTS
    severity = Severity.INFO

    measures_prefilter = COUNT  # no measure counts anything in these units: nothing to compare

    def check_item(self, item: Item, doc: Document):
        problem: dict[str, int] = {}
        for p in item.problem_paragraphs:
            for m in COUNT.finditer(masked(p.text)):
                problem[m.group(2)] = max(problem.get(m.group(2), 0), int(m.group(1)))
        if not problem:  # nothing the measures could contradict
            return
        best: dict[str, tuple[int, int, int]] = {}
        for m, text in zip(item.measures, doc.masked_measures(item), strict=True):
            for c in COUNT.finditer(text):
                value = int(c.group(1))
                if c.group(2) in problem and value > best.get(c.group(2), (-1, 0, 0))[0]:
                    best[c.group(2)] = (value, m.span.start + c.start(), m.span.start + c.end())
        for unit, (value, start, end) in best.items():
            if value > problem[unit]:
                yield Finding(start, end, f"整改情况称{value}{unit}，问题中为{problem[unit]}{unit}，基数不一致",
                              path=item_place(item, "response"))
