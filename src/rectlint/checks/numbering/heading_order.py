from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule


class HeadingOrder(Rule):
    """Heading levels used out of the GB/T 9704 order 一、 → （一） → 1. → （1）.

    ## What it does
    Reports a new numbered list that starts at a higher level than the heading it stands under, such
    as `（一）` opening under `1.`, or `1.` opening under `（1）`. Skipping a level going down (一、 then 1.)
    is common in short notices and is not reported.

    ## Why it matters
    GB/T 9704-2012 7.3.3 fixes the order of the structural numbers: 第一层为“一、”，第二层为“（一）”，第三层为
    “1.”，第四层为“（1）”. A reversed hierarchy makes it impossible to tell which measures belong to which
    problem.

    ## Example
    ```
    1.理论学习不够深入。
    （一）制定学习计划。
    ```

    ## Use instead
    ```
    1.理论学习不够深入。
    （1）制定学习计划。
    ```
    """

    code = "N003"
    name = "heading-order"
    category = Category.NUMBERING
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        last = None
        for h in doc.notice.headings:
            if last is not None and h.number == 1 and h.level < last.level:
                yield Finding(h.span.start, h.span.start + len(h.marker),
                              f"“{h.marker}”（第{h.level}层）出现在“{last.marker}”（第{last.level}层）之下，"
                              f"层次应为一、→（一）→1.→（1）")
            last = h
