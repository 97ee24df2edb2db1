from rectlint.checks.status import unfinished
from rectlint.diagnostics import Category, Severity
from rectlint.model import Item, Status
from rectlint.places import item_place
from rectlint.rule import Document, Finding, Rule


class DoneButUnfinished(Rule):
    """An item declared rectified whose own response says the work is not finished.

    ## What it does
    For an item labelled 已整改 / 已完成, reports words in its response that say otherwise: 正在、仍在、
    尚未、未整改到位、未完成、剩余、初稿、有待… Quotations (the problem restated in “…”) are skipped.

    ## Why it matters
    The label and the body contradict each other; one of them is false. Reporting unfinished work as
    done is what the 2022 《关于加强巡视整改和成果运用的意见》 calls 虚假整改 (research notes §1.2).

    ## Example
    ```
    整改情况：已整改。……定期召开党组会议研究未整改到位问题推进情况。
    ```

    ## Use instead
    ```
    整改情况：正在整改。……剩余3项问题已明确责任部门和完成时限。
    ```
    """

    code = "R001"
    name = "done-but-unfinished"
    category = Category.STATUS
    severity = Severity.WARNING

    def check_item(self, item: Item, doc: Document):
        if first := unfinished(item, doc, Status.DONE):
            yield Finding(first.start, first.end,
                          f"{item.ref}标为“{item.status_label}”，但整改情况写有“{first.text}”，"
                          "说明整改尚未完成", path=item_place(item, "response"))
