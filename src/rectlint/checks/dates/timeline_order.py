from itertools import pairwise

from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class TimelineOrder(Rule):
    """The notice's key dates are out of order.

    ## What it does
    Checks inspection start ≤ inspection end ≤ feedback ≤ rectification start ≤ rectification end ≤
    成文日期, using the dates resolved from the opening and the signature, and reports the first date of
    each pair that breaks the order.

    ## Why it matters
    The sequence is fixed by the process (巡察 → 反馈 → 集中整改 → 公开). A feedback date before the
    inspection ended, or a notice dated before its own rectification period closed, is almost always a
    wrong year or month, and it undermines every date in the notice.

    ## Example
    ```
    2025年4月8日至5月30日，市委第二巡察组对……进行了巡察。5月2日，市委第二巡察组向……反馈了巡察意见。
    ```

    ## Use instead
    ```
    ……进行了巡察。7月2日，市委第二巡察组向……反馈了巡察意见。
    ```
    """

    code = "D005"
    name = "timeline-order"
    category = Category.DATES
    severity = Severity.ERROR

    def check_notice(self, doc: Document):
        t = doc.facts.timeline
        events = []  # (label, date, span) in the order the process requires
        for ref, label in ((t.inspection, "巡察"), (t.feedback, "反馈"), (t.rectification, "集中整改"),
                           (t.published, "成文日期")):
            if not ref or not ref.start:
                continue
            if ref.is_range and ref.end:
                events += [(label + "开始", ref.start, ref.span), (label + "结束", ref.end, ref.span)]
            else:
                events.append((label, ref.start, ref.span))
        for (la, da, _), (lb, db, sb) in pairwise(events):
            if db < da:
                yield Finding(sb.start, sb.end,
                              f"{lb}（{db.isoformat()}）早于{la}（{da.isoformat()}），时间顺序不合逻辑")
