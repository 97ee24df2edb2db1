from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class ItemCountMismatch(Rule):
    """The summary's number of problems differs from the number of items listed.

    ## What it does
    Compares the total in the overall summary (`巡察反馈的12个问题中……`) with the problem items the
    notice actually lists. Notices that group problems under themes (（一）……方面 → 1.关于……) often
    list fewer headings than problems, so the rule only compares items that are not grouped.

    ## Why it matters
    A notice that reports 12 problems but accounts for 11 leaves one unexplained, which is exactly the
    选择性整改 a reviewer must not miss; one that lists 13 has a wrong total.

    ## Example
    ```
    截至目前，巡察反馈的12个问题中，已完成整改9个……
    1.…… 2.…… … 11.……   (no item 12)
    ```

    ## Use instead
    List every problem, or correct the total.

    ## Options
    `include_grouped` (default `false`): also compare when items are grouped under themes.
    """

    code = "C001"
    name = "item-count-mismatch"
    category = Category.COUNTS
    severity = Severity.WARNING
    options = {"include_grouped": False}

    def check_notice(self, doc: Document):
        summary, items = doc.facts.summary, doc.notice.items
        if summary is None or summary.problems is None or not items:
            return
        if not self.opts["include_grouped"] and any(part.startswith(("（", "(")) for i in items
                                                    for part in i.path.split("/")[:-1]):
            return
        if summary.problems.value != len(items):
            s = summary.problems.span
            yield Finding(s.start, s.end, f"总体情况称共{summary.problems.value}个问题，但正文逐项列出{len(items)}个")
