from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class MissingTitle(Rule):
    """The notice has no title naming its issuer and its subject.

    ## What it does
    Reports a notice whose first lines hold no title of the form `中共××党组关于巡察整改情况的通报`
    (also split over two lines: issuer, then `关于……的通报`).

    ## Why it matters
    《党政机关公文处理工作条例》第九条 makes the title (发文机关 + 事由 + 文种) part of every official
    document; without it a published notice cannot be cited or found.

    ## Example
    ```
    根据市委统一部署，2025年4月8日至5月30日，市委第二巡察组对市水利局党组进行了巡察。
    ```

    ## Use instead
    ```
    中共青禾市水利局党组关于巡察整改进展情况的通报
    根据市委统一部署，……
    ```
    """

    code = "S002"
    name = "missing-title"
    category = Category.STRUCTURE
    severity = Severity.ERROR

    def check_notice(self, doc: Document):
        n = doc.notice
        if n.structured and not n.title and n.paragraphs:
            first = n.paragraphs[0].span
            yield Finding(first.start, first.end, "通报缺少标题（如“中共××党组关于巡察整改情况的通报”）")
