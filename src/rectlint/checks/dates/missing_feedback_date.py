from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class MissingFeedbackDate(Rule):
    """The opening does not say when the inspection team gave its feedback.

    ## What it does
    Reports a notice whose opening has no sentence dating the feedback
    (`6月11日，市委第三巡察组向……反馈了巡察意见`).

    ## Why it matters
    Rectification deadlines run from the feedback: the 2015 《中国共产党巡视工作条例》第二十七条 asks
    for the rectification report within two months of it, and local rules fix the 集中整改 period from
    that day. Without it the timeliness of the notice cannot be judged.

    ## Example
    ```
    2025年4月8日至5月30日，市委第二巡察组对市水利局党组进行了巡察。现将整改情况予以公布。
    ```

    ## Use instead
    ```
    ……进行了巡察。7月2日，市委第二巡察组向市水利局党组反馈了巡察意见。
    ```
    """

    code = "D003"
    name = "missing-feedback-date"
    category = Category.DATES
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        if doc.notice.structured and doc.facts.timeline.feedback is None:
            where = doc.opening_span()
            yield Finding(where.start, where.end, "开头未写明巡察反馈日期")
