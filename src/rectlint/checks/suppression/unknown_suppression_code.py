from rectlint.diagnostics import Severity
from rectlint.rule import Document, Finding
from rectlint.suppress import SuppressionRule, Suppressions


class UnknownSuppressionCode(SuppressionRule):
    """A suppression comment lists something that is not a rule.

    ## What it does
    Reports an entry of a `<!-- rectlint: …[…] -->` comment that is neither a rule code, a code prefix, a
    rule name, a category nor `ALL` (the selectors `--select` accepts), and an entry naming only the
    suppression rules themselves, which comments cannot silence.

    ## Why it matters
    A mistyped code (`D04`, `impossible-dates`) suppresses nothing, so the finding it was meant to hide
    still shows, and the comment misleads the next reader about what was decided.

    ## Example
    ```
    <!-- rectlint: ignore[impossible-dates] 原文如此 -->
    ```

    ## Use instead
    ```
    <!-- rectlint: ignore[impossible-date] 原文如此 -->
    ```

    ## Fix safety
    There is no fix: only the author knows which rule was meant.

    ## Options
    None.
    """

    code = "X002"
    name = "unknown-suppression-code"
    severity = Severity.WARNING

    def check_suppressions(self, found: Suppressions, doc: Document):
        for s in found.unknown():
            if s.names_suppression_rule:
                message = f"“{s.text}”是抑制注释的检查规则，不能用注释抑制；请用 --ignore 或配置关闭"
            else:
                message = f"抑制注释中的“{s.text}”不是规则代码、代码前缀、规则名或类别"
            yield Finding(s.start, s.end, message)
