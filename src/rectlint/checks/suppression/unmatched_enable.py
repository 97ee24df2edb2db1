from rectlint.diagnostics import Severity
from rectlint.rule import Document, Finding
from rectlint.suppress import SuppressionRule, Suppressions


class UnmatchedEnable(SuppressionRule):
    """An `enable` comment with no `disable` before it for the same rules.

    ## What it does
    Reports an entry of `<!-- rectlint: enable[…] -->` when none of the rules it names was disabled by an
    earlier `disable` comment that is still open.

    ## Why it matters
    An `enable` without its `disable` usually means the `disable` was deleted, mistyped or names other
    rules, so the passage the author meant to exempt is not exempt, or a different one is.

    ## Example
    ```
    <!-- rectlint: disable[D004] -->
    ……
    <!-- rectlint: enable[D006] -->
    ```

    ## Use instead
    ```
    <!-- rectlint: disable[D004] -->
    ……
    <!-- rectlint: enable[D004] -->
    ```

    ## Fix safety
    There is no fix: whether the `disable` or the `enable` is wrong is the author's call.

    ## Options
    None.
    """

    code = "X003"
    name = "unmatched-enable"
    severity = Severity.WARNING

    def check_suppressions(self, found: Suppressions, doc: Document):
        for s in found.unmatched:
            yield Finding(s.start, s.end, f"“enable[{s.text}]”之前没有对应的“disable”")
