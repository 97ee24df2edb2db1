from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule

LABELS = {"done": "已完成", "basically_done": "基本完成", "in_progress": "正在整改", "long_term": "长期坚持",
          "not_done": "未完成"}


class PartsDoNotSum(Rule):
    """The parts of a count sentence do not add up to its total.

    ## What it does
    In every sentence that gives a total of problems and two or more parts (已完成 / 基本完成 /
    正在整改 / 长期坚持 / 未完成), checks that the parts add up to the total.

    ## Why it matters
    `反馈18个问题，已完成整改15个，正在整改2个` leaves one problem unaccounted for. Sums that do not
    close are a classic sign of figures copied from different versions of the rectification ledger.

    ## Example
    ```
    巡察反馈的18个问题，已完成整改15个，正在整改2个。
    ```

    ## Use instead
    ```
    巡察反馈的18个问题，已完成整改15个，正在整改2个，需长期坚持1个。
    ```
    """

    code = "C002"
    name = "parts-do-not-sum"
    category = Category.COUNTS
    severity = Severity.ERROR

    def check_notice(self, doc: Document):
        for st in doc.facts.counts:
            parts = st.parts()
            if st.total is None or len(parts) < 2 or sum(parts.values()) == st.total.value:
                continue
            detail = "+".join(f"{LABELS[k]}{v}" for k, v in parts.items())
            yield Finding(st.span.start, st.span.end,
                          f"各项之和{sum(parts.values())}（{detail}）与总数{st.total.value}不符")
