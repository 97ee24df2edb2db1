from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class MissingPublicationDate(Rule):
    """The notice has no 成文日期 under its signature.

    ## What it does
    Reports a notice whose closing has no date line (`2025年10月15日`) after the issuing organ's name.
    A date shown only by the web page (发布时间, 信息时间) does not count: it belongs to the site, not
    to the document.

    ## Why it matters
    GB/T 9704-2012 7.3.5 makes the 成文日期 part of every official document, and without it no reader
    can tell how long after the feedback the notice came out, or whether its figures are current.

    ## Example
    ```
    中共青禾市水利局党组
    ```
    (and nothing after it)

    ## Use instead
    ```
    中共青禾市水利局党组
    2025年11月20日
    ```
    """

    code = "D001"
    name = "missing-publication-date"
    category = Category.DATES
    severity = Severity.ERROR

    def check_notice(self, doc: Document):
        if doc.facts.timeline.published or not doc.notice.structured:
            return
        sig = doc.notice.signature
        where = sig.span if sig else (doc.notice.closing[-1].span if doc.notice.closing else
                                      doc.notice.paragraphs[-1].span if doc.notice.paragraphs else doc.notice.span)
        yield Finding(where.start, where.end, "落款缺少成文日期（应为“2025年10月15日”的形式）")
