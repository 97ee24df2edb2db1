
from rectlint import patterns
from rectlint.diagnostics import Category, Severity
from rectlint.places import item_place
from rectlint.rule import Document, Finding, Rule

# An action done on that date, within a few characters after it.
ACTION = patterns.compile(
    r"^[^。；;]{0,30}?(?:印发|完成|召开|聘请|搬迁|补缴|成立|开展|创建|制定|出台|下发|建立|修订|组织)")
# Not an action: a baseline or a statistic (从…到, 自…以来, 同比, 以来, 130件).
BASELINE = patterns.compile(r"^\s*(?:以来|起|至今|同期|前|以前|之前)|^[^，,。；;]{0,6}?\d+\s*(?:件|个|家|起|人|次)")


class DateBeforeInspection(Rule):
    """Evidence dated before the inspection began, offered as rectification.

    ## What it does
    In an item's response, reports a date with an action after it (`2024年下半年……完成设岗工作`,
    `已于2019年印发`) that ends before the inspection began: work done before the inspectors came
    cannot be the rectification of what they found. A date inside the inspection period is reported
    as info only, since 立行立改 (fixing on the spot during the inspection) is legitimate. Baselines
    and statistics (`自2020年以来`, `2020年130件`) and dates repeated from the problem are skipped.

    ## Why it matters
    Offering earlier work as the response is a recognised form of 纸面整改 (research notes F6); the
    reviewer needs to see what was done after the feedback.

    ## Example
    ```
    整改情况：已整改。……市攻坚办已于2019年印发工作内容相似的文件执行。
    ```

    ## Use instead
    Report what was done after the feedback, or explain why the earlier document settles the problem.
    """

    code = "D009"
    name = "date-before-inspection"
    category = Category.DATES
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        t = doc.facts.timeline
        if not t.inspection or not t.inspection.start:
            return
        begin = t.inspection.start
        end = t.inspection.end if t.inspection.is_range and t.inspection.end else begin
        problems: dict[int, str] = {}  # each item's problem statement, joined when one of its dates is looked at
        text = doc.text
        for ref in doc.facts.dates:  # in document order: item by item, paragraph by paragraph
            if not ref.start or not ref.end or ref.end > end or (held := doc.response_holding(ref.span)) is None:
                continue
            item, p = held
            if (problem := problems.get(item.index)) is None:
                problem = problems[item.index] = "".join(x.text for x in item.problem_paragraphs)
            if ref.text in problem:
                continue
            after = text[ref.span.end:p.span.end]
            if BASELINE.match(after) or not ACTION.match(after):
                continue
            if ref.end < begin:
                yield Finding(ref.span.start, ref.span.end,
                              f"整改措施的日期“{ref.text}”早于巡察开始（{begin.isoformat()}），不能作为整改成效",
                              path=item_place(item, "response"))
            else:
                yield Finding(ref.span.start, ref.span.end,
                              f"整改措施的日期“{ref.text}”在巡察期间（立行立改），请确认其为整改举措",
                              path=item_place(item, "response"), severity=Severity.INFO)
