"""Status rules about items that carry no status label."""

from rectlint.checks.status import unfinished
from rectlint.diagnostics import Category, Severity
from rectlint.model import Item, Status
from rectlint.places import item_place
from rectlint.rule import Document, Finding, Rule


class MissingStatusLabel(Rule):
    """Items without a status label (已完成 / 正在整改 / 长期坚持…).

    ## What it does
    When some items of the notice carry a status label, reports each item that does not. When no item
    carries one, reports the notice once, at its first item (unless labels are not `mandatory`).

    ## Why it matters
    Without per-item status the reader cannot tell which problems are closed, and the completion figures
    cannot be checked against the items (research notes F13; the rectification ledgers themselves track
    未完成 / 基本完成 / 已完成 per problem).

    ## Example
    ```
    1.理论学习不够深入。
    整改情况：一是制定学习计划……
    ```

    ## Use instead
    ```
    1.理论学习不够深入。
    整改情况：已完成。一是制定学习计划……
    ```

    ## Options
    `mandatory` (default `true`): every notice must label its items. With `false`, a notice that labels
    none of its items passes (some jurisdictions publish measures only); one that labels some of them
    must still label them all.
    """

    code = "R002"
    name = "missing-status-label"
    category = Category.STATUS
    severity = Severity.INFO
    options = {"mandatory": True}

    def check_notice(self, doc: Document):
        items = doc.notice.items
        unlabeled = [i for i in items if i.status is Status.UNSTATED]
        if not unlabeled:
            return
        if len(unlabeled) == len(items):
            if not self.opts["mandatory"]:
                return
            first = items[0]
            yield Finding(first.span.start, first.span.start + len(first.label),
                          f"全部{len(items)}项问题均未标注整改状态（已完成、正在整改等）")
            return
        for item in unlabeled:
            yield Finding(item.span.start, item.span.start + len(item.label), f"{item.ref}未标注整改状态")


class UnlabeledUnfinished(Rule):
    """An item with no status label whose response says the work is not finished.

    ## What it does
    For an item without a status label, reports words in its measures that say the work is still going
    on (正在、尚未、未完成、初稿…), so that the reader is not left to assume it was completed.

    ## Why it matters
    In a notice without labels every item reads as done; an unfinished one hidden among them is
    selective reporting (research notes F14).

    ## Example
    ```
    2.审计反馈问题整改不到位。
    整改情况：……项目正在实施。
    ```

    ## Use instead
    ```
    整改情况：正在整改。……项目正在实施，预计12月底前完成验收。
    ```
    """

    code = "R003"
    name = "unlabeled-unfinished"
    category = Category.STATUS
    severity = Severity.INFO

    def check_item(self, item: Item, doc: Document):
        if first := unfinished(item, doc, Status.UNSTATED):
            yield Finding(first.start, first.end, f"{item.ref}未标注整改状态，但写有“{first.text}”，整改可能尚未完成",
                          path=item_place(item, "response"))
