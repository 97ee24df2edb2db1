from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class PublicationWindow(Rule):
    """The notice came out too soon or too long after the feedback.

    ## What it does
    Counts the days from the feedback to the 成文日期 and reports a notice dated sooner than `min_days`
    (default 30) or later than `max_days` (default 180) after it.

    ## Why it matters
    The 2015 《中国共产党巡视工作条例》第二十七条 asks for the rectification report within two months of the
    feedback, local rules set 集中整改 periods of about three months, and practice puts publication 90–180
    days after feedback (research notes §1.5). A notice a year late reports on stale work; one a week
    after the feedback cannot report rectification at all. The thresholds differ by jurisdiction.

    ## Example
    ```
    ……6月15日，市委巡察组向局党组反馈了巡察意见。…… 2026年6月20日
    ```

    ## Use instead
    Publish within the window your jurisdiction sets, or set the options to its rules.

    ## Options
    `min_days` (default `30`), `max_days` (default `180`).
    """

    code = "D010"
    name = "publication-window"
    category = Category.DATES
    severity = Severity.INFO
    options = {"min_days": 30, "max_days": 180}

    def check_notice(self, doc: Document):
        t = doc.facts.timeline
        if not (t.feedback and t.feedback.start and t.published and t.published.start):
            return
        days = (t.published.start - t.feedback.start).days
        where = t.published.span
        if 0 <= days < self.opts["min_days"]:
            yield Finding(where.start, where.end, f"成文日期距巡察反馈仅{days}天，少于{self.opts['min_days']}天")
        elif days > self.opts["max_days"]:
            yield Finding(where.start, where.end, f"成文日期距巡察反馈已{days}天，超过{self.opts['max_days']}天")
