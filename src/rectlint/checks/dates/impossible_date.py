from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class ImpossibleDate(Rule):
    """A date that does not exist: `2月30日`, `9月31日`, `13月`.

    ## What it does
    Reports every date in the notice (body, opening and signature) whose month is not 1–12 or whose day
    is not in that month, taking leap years into account when the year is known.

    ## Why it matters
    An impossible date is a typing error at best; in a record of rectification it makes the evidence it
    dates unverifiable, and a reviewer will ask what the true date was.

    ## Example
    ```
    9月31日，召开专题会议研究整改工作。
    ```

    ## Use instead
    ```
    9月30日，召开专题会议研究整改工作。
    ```

    ## Fix safety
    No fix: only the drafter knows the right date.
    """

    code = "D004"
    name = "impossible-date"
    category = Category.DATES
    severity = Severity.ERROR

    def check_notice(self, doc: Document):
        t = doc.facts.timeline
        refs = [*doc.facts.dates, *([t.published] if t.published else [])]
        for ref in refs:
            if ref.problem and not ref.malformed:
                yield Finding(ref.span.start, ref.span.end, f"日期“{ref.text}”不存在：{ref.problem}")
