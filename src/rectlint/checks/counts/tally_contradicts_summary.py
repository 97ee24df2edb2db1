from rectlint.diagnostics import Category, Severity
from rectlint.model import STATUS_LABELS, Status
from rectlint.rule import Document, Finding, Rule

FIELDS = [(field, status, STATUS_LABELS[status]) for field, status in (
    ("done", Status.DONE), ("in_progress", Status.IN_PROGRESS), ("long_term", Status.LONG_TERM),
    ("basically_done", Status.BASICALLY_DONE), ("not_done", Status.NOT_DONE))]


class TallyContradictsSummary(Rule):
    """The items' own status labels do not add up to the summary's counts.

    ## What it does
    When the overall summary states how many problems are done (or in progress, long-term…) and every
    listed item carries a status label, counts the labels and reports each figure the tally contradicts.

    ## Why it matters
    If the summary says 9 problems are rectified but only 8 items are labelled 已完成, one of the two is
    wrong, and the reader cannot tell which problems the summary counted as done.

    ## Example
    ```
    ……已完成整改9个，正在整改2个……      (8 items labelled 已完成, 3 labelled 正在整改)
    ```

    ## Use instead
    Make the labels and the summary agree.
    """

    code = "C004"
    name = "tally-contradicts-summary"
    category = Category.COUNTS
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        summary, items = doc.facts.summary, doc.notice.items
        if summary is None or not items or any(i.status is Status.UNSTATED for i in items):
            return
        if summary.total is not None and summary.total.value != len(items):
            return  # the items are not the whole list (see C001)
        tally = doc.facts.status_tally
        for field, status, label in FIELDS:
            stated = getattr(summary, field)
            if stated is not None and stated.value != tally[status]:
                yield Finding(stated.span.start, stated.span.end,
                              f"总体情况称{label}{stated.value}个，但逐项标注为“{label}”的有{tally[status]}个")
