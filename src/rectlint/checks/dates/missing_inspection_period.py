from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class MissingInspectionPeriod(Rule):
    """The opening does not say when the inspection began and ended.

    ## What it does
    Reads the opening sentence (`2025年3月6日至4月28日，市委第三巡察组对……进行了巡察`) and reports
    a notice that gives no inspection period, or only one end of it.

    ## Why it matters
    The period is the yardstick of the whole notice: rectification is judged from the feedback that
    followed it, and measures dated before it cannot be rectification. Every published notice states
    it (research notes §1.4, the opening formula).

    ## Example
    ```
    根据市委统一部署，市委第三巡察组对市水利局党组进行了巡察。
    ```

    ## Use instead
    ```
    根据市委统一部署，2025年4月8日至5月30日，市委第二巡察组对市水利局党组进行了巡察。
    ```
    """

    code = "D002"
    name = "missing-inspection-period"
    category = Category.DATES
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        if not doc.notice.structured:
            return
        inspection = doc.facts.timeline.inspection
        if inspection is None:
            where = doc.opening_span()
            yield Finding(where.start, where.end, "开头未写明巡察起止日期")
        elif not inspection.is_range:
            yield Finding(inspection.span.start, inspection.span.end,
                          f"巡察只写了一个日期“{inspection.text}”，缺少起止日期")
