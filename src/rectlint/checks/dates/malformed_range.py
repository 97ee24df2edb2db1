from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class MalformedRange(Rule):
    """A date range whose two ends are written at different precisions (1至8月15日).

    ## What it does
    Reports a range whose start and end name different units, such as a bare month number ending on a
    day (`2021年1至8月15日`), using the date expressions the facts stage has already read.

    ## Why it matters
    `1至8月15日` could mean 1 August to 15 August or 1 January to 15 August; the reader cannot tell
    which period the figure beside it covers. GB/T 15835 and GB/T 9704 ask for both ends in full.

    ## Example
    ```
    2021年1至8月15日气味投诉43件。
    ```

    ## Use instead
    ```
    2021年1月1日至8月15日气味投诉43件。
    ```

    ## Fix safety
    No fix: which day the range starts on is for the drafter to say.
    """

    code = "D012"
    name = "malformed-range"
    category = Category.DATES
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        for ref in doc.facts.dates:
            if ref.malformed:
                yield Finding(ref.span.start, ref.span.end, f"时间范围“{ref.text}”两端的写法不一致，起止应写完整")
