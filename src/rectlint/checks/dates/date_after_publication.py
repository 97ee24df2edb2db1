import bisect

from rectlint import patterns
from rectlint.diagnostics import Category, Severity
from rectlint.places import item_place
from rectlint.rule import Document, Finding, Rule

# A date followed by 前/底前/以前… is a deadline, and a date in a clause of intent is a plan.
DEADLINE_AFTER = patterns.compile(r"\s*(?:底|末)?\s*(?:前(?![往去来进行])|以前|之前|起(?![草诉])|为限)")
CLAUSE_END = patterns.compile(r"[，,。；;]")
PLAN_BEFORE = patterns.compile(r"力争|计划|预计|拟|将于|争取|确保|要求|须|必须|前完成|按期")


class DateAfterPublication(Rule):
    """A rectification measure is dated after the notice itself.

    ## What it does
    Reports a date inside an item's response that falls after the 成文日期, unless the date is a
    deadline (`12月底前完成`) or part of a stated plan (`力争…`, `计划…`, `预计…`).

    ## Why it matters
    A notice reports what has been done. A completed measure dated after the notice was signed is
    either a wrong date or a measure that had not happened yet, which is a false record (纸面整改).

    ## Example
    ```
    2025年11月20日 … 一是12月5日召开专题会议……
    ```

    ## Use instead
    Correct the date, or state it as a plan: `计划于12月5日召开专题会议`.
    """

    code = "D006"
    name = "date-after-publication"
    category = Category.DATES
    severity = Severity.ERROR

    def check_notice(self, doc: Document):
        published = doc.facts.timeline.published
        if not published or not published.start:
            return
        text = doc.text
        stops: dict[int, list[int]] = {}  # where a paragraph's clauses end, found at its first late date
        for ref in doc.facts.dates:  # in document order: item by item, paragraph by paragraph
            if not ref.start or ref.start <= published.start or (held := doc.response_holding(ref.span)) is None:
                continue
            item, p = held
            if (ends := stops.get(p.span.start)) is None:
                ends = stops[p.span.start] = [m.start() for m in CLAUSE_END.finditer(text, p.span.start, p.span.end)]
            i = bisect.bisect_left(ends, ref.span.start)  # the last clause end before the date
            clause_start = ends[i - 1] + 1 if i else p.span.start
            if DEADLINE_AFTER.match(text, ref.span.end, p.span.end) or PLAN_BEFORE.search(
                    text, clause_start, ref.span.start):
                continue
            yield Finding(ref.span.start, ref.span.end,
                          f"整改措施的日期“{ref.text}”（{ref.start.isoformat()}）晚于成文日期"
                          f"（{published.start.isoformat()}）", path=item_place(item, "response"))
