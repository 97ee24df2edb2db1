from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class MissingSignature(Rule):
    """The notice is not signed by its issuing organ.

    ## What it does
    Reports a notice whose closing has no line naming the issuing organ (`中共青禾市水利局党组`) above the
    date.

    ## Why it matters
    GB/T 9704-2012 7.3.5 requires the 发文机关署名 with the 成文日期; the organ that signs is the one
    answerable for the rectification it reports.

    ## Example
    ```
    欢迎广大干部群众对巡察整改落实情况进行监督。
    2025年11月20日
    ```

    ## Use instead
    ```
    中共青禾市水利局党组
    2025年11月20日
    ```
    """

    code = "S003"
    name = "missing-signature"
    category = Category.STRUCTURE
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        n = doc.notice
        if not n.structured or (n.signature and n.signature.issuer) or not n.paragraphs:
            return
        where = n.signature.span if n.signature else n.paragraphs[-1].span
        yield Finding(where.start, where.end, "落款缺少发文机关署名")
