from rectlint.diagnostics import Fix, Severity
from rectlint.rule import Document, Finding
from rectlint.suppress import SuppressionRule, Suppressions, removal


class UnusedSuppression(SuppressionRule):
    """A suppression comment that suppressed nothing.

    ## What it does
    Reports each rule listed in an `ignore`, `disable` or `file-ignore` comment that hid no finding in this
    run. Only rules the run checks count: a comment naming a rule left out by `--select`, `--ignore` or the
    configuration is not reported.

    ## Why it matters
    Once the passage is corrected the comment outlives its reason, and it would silently hide the next
    real problem of that kind in the same place. Removing stale comments keeps every suppression a
    deliberate, current decision.

    ## Example
    ```
    <!-- rectlint: ignore[D004] 原文如此 -->
    整改情况：已完成。9月30日在白鹭湖水库开展防汛应急演练。
    ```

    ## Use instead
    ```
    整改情况：已完成。9月30日在白鹭湖水库开展防汛应急演练。
    ```

    ## Fix safety
    The fix removes the rule from the comment, or the whole comment line when none of its rules was used.
    It is safe when every rule the entry names was checked in this run; an entry such as `dates` that also
    names unchecked rules gets an unsafe fix, since those rules might still need it. Ranges
    (`disable`…`enable`) are not fixed: their two ends must be edited together.

    ## Options
    None.
    """

    code = "X001"
    name = "unused-suppression"
    severity = Severity.WARNING
    fixable = True

    def check_suppressions(self, found: Suppressions, doc: Document):
        unused = found.unused()
        for s in unused:
            fix = None
            if s.directive.action != "disable":
                safe = s.codes <= found.selected
                fix = Fix(message=f"删除未使用的“{s.text}”", applicability="safe" if safe else "unsafe",
                          edits=[removal(s, unused)])
            yield Finding(s.start, s.end, f"抑制注释中的“{s.text}”没有抑制任何问题，可以删除", fix=fix)
