from rectlint.diagnostics import Severity
from rectlint.rule import Document, Finding
from rectlint.suppress import SuppressionRule, Suppressions


class InvalidSuppression(SuppressionRule):
    """A `<!-- rectlint: … -->` comment that cannot be read, and so has no effect.

    ## What it does
    Reports a suppression comment that does not stand on a line of its own, lacks its closing `-->`, has
    an action other than `disable`, `enable`, `ignore` or `file-ignore`, or lists no rules in brackets;
    with `require_reason`, also a suppression that gives no reason after the brackets.

    ## Why it matters
    Such a comment is ignored, so the findings it was written for still appear, or, worse, its author
    believes a passage is exempt when it is not.

    ## Example
    ```
    <!-- rectlint: ignore D004 -->
    <!-- rectlint: disabled[E001] -->
    ```

    ## Use instead
    ```
    <!-- rectlint: ignore[D004] 原文如此，经核实为笔误 -->
    <!-- rectlint: disable[E001] -->
    ```

    ## Fix safety
    There is no fix: the intended rules and scope are the author's call.

    ## Options
    `require_reason` (default `false`): also report `ignore`, `disable` and `file-ignore` comments that give
    no reason after the list of rules.
    """

    code = "X005"
    name = "invalid-suppression"
    severity = Severity.WARNING
    options = {"require_reason": False}

    def check_suppressions(self, found: Suppressions, doc: Document):
        for bad in found.invalid:
            yield Finding(bad.start, bad.end, bad.message)
        if self.opts["require_reason"]:
            for d in found.directives:
                if d.action != "enable" and not d.reason:
                    yield Finding(d.start, d.end, f"“{d.action}”抑制注释须在规则列表后写明理由")
