from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class MissingNextSteps(Rule):
    """The notice has no section on the next steps.

    ## What it does
    Reports a notice with problem items but no section headed 下一步 / 下步工作 / 今后 (e.g.
    `二、下步工作安排`). A 下一步 sentence inside an item does not count.

    ## Why it matters
    A rectification notice is read for what remains to be done as much as for what was done; the
    common template closes with the unit's plan for the problems that need long-term work (research
    notes §1.4, item 5).

    ## Example
    ```
    ……21.基层环保设施未能充分发挥作用。整改情况：正在整改。……
    欢迎广大干部群众对巡察整改落实情况进行监督。
    ```

    ## Use instead
    ```
    ……
    二、下步工作安排
    （一）持续巩固整改成果。……
    ```
    """

    code = "S005"
    name = "missing-next-steps"
    category = Category.STRUCTURE
    severity = Severity.INFO

    def check_notice(self, doc: Document):
        n = doc.notice
        if n.items and n.next_steps is None:
            last = n.items[-1].span
            yield Finding(last.start, last.start + len(n.items[-1].label), "通报缺少“下一步工作安排”部分")
