from rectlint.diagnostics import Severity
from rectlint.rule import Document, Finding
from rectlint.suppress import SuppressionRule, Suppressions


class UnclosedDisable(SuppressionRule):
    """A `disable` comment that is never enabled again: it runs to the end of the file.

    ## What it does
    Reports an entry of `<!-- rectlint: disable[…] -->` for which no later `enable` comment closes the
    range, so the rules stay off up to the end of the notice (an implicit range, as in ruff's RUF104).

    ## Why it matters
    A range meant for one passage that silently covers every later item hides problems nobody looked
    at. When the whole file is meant, `file-ignore` says so.

    ## Example
    ```
    <!-- rectlint: disable[E001] -->
    4.……（已完成）
    整改情况：……
    5.……
    ```

    ## Use instead
    ```
    <!-- rectlint: disable[E001] -->
    4.……（已完成）
    整改情况：……
    <!-- rectlint: enable[E001] -->
    5.……
    ```
    or `<!-- rectlint: file-ignore[E001] -->` when the whole notice is meant.

    ## Fix safety
    There is no fix: where the range should end is the author's call.

    ## Options
    None.
    """

    code = "X004"
    name = "unclosed-disable"
    severity = Severity.INFO

    def check_suppressions(self, found: Suppressions, doc: Document):
        for s in found.unclosed:
            yield Finding(s.start, s.end, f"“disable[{s.text}]”没有对应的“enable”，抑制一直延续到文件末尾")
