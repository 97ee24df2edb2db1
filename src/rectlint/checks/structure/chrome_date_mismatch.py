from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class ChromeDateMismatch(Rule):
    """The web page's 成文日期 disagrees with the date under the signature.

    ## What it does
    Compares the 成文日期 of a 政务公开 header table kept with the page (`成文日期：2025-11-03`) with the
    date of the signature, and reports the signature date when they differ. Publication dates of the
    site (发布时间, 信息时间) may legitimately be later and are not compared.

    ## Why it matters
    Two different 成文日期 for one document mean one of them was typed wrong, and the notice's
    timeliness cannot be judged.

    ## Example
    ```
    成文日期：2025-11-03
    ……
    2025年11月30日
    ```

    ## Use instead
    Make the header and the signature carry the same date.
    """

    code = "S006"
    name = "chrome-date-mismatch"
    category = Category.STRUCTURE
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        t = doc.facts.timeline
        if not t.published or not t.published.start:
            return
        for ref in t.chrome:
            if ref.label == "成文日期" and ref.start and ref.start != t.published.start:
                yield Finding(t.published.span.start, t.published.span.end,
                              f"落款日期{t.published.start.isoformat()}与网页信息中的成文日期"
                              f"{ref.start.isoformat()}不一致")
