"""Evidence rules that look for one kind of phrase in an item's measures (quotations excepted)."""

import re

from rectlint.diagnostics import Category, Severity
from rectlint.evidence import masked
from rectlint.model import Item, Status
from rectlint.rule import Document, Finding, Rule


def _matches(item: Item, pattern: re.Pattern[str]):
    for m in item.measures:
        for hit in pattern.finditer(masked(m.text)):
            yield m.span.start + hit.start(), m.span.start + hit.end(), hit.group()


class ResponsibilityShift(Rule):
    """Rectification reported as handing the work to another body.

    ## What it does
    Reports measures that say the task now belongs to someone else (`已由市城市管理局承担`,
    `职责已划转`, `移交……处理`) without saying that it was done.

    ## Why it matters
    Handing a problem on is not solving it; the 中央巡视办 lists such 推责 among the forms of
    纸面整改 (research notes §1.2, F8). A reviewer must see who finished the work, and when.

    ## Example
    ```
    整改情况：经研究，目前该项工作已由市城市管理局承担。
    ```

    ## Use instead
    State what the body now responsible has done, with dates and figures, or label the item 正在整改.
    """

    code = "E002"
    name = "responsibility-shift"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    PATTERN = re.compile(r"已由[^，,。；;]{2,24}?(?:承担|负责|牵头)(?![^。；;]{0,12}完成)|职责(?:已)?划转|"
                         r"移交[^，,。；;]{2,20}?(?:处理|负责|办理)(?![^。；;]{0,12}完成)")

    def check_item(self, item: Item, doc: Document):
        for start, end, text in _matches(item, self.PATTERN):
            yield Finding(start, end, f"{item.ref}以“{text}”作为整改结果，未说明问题是否已解决",
                          path=f"items/{item.index}/response")


class DraftAsResult(Rule):
    """A draft, a plan or an intention reported as the result of rectification.

    ## What it does
    Reports 初稿、征求意见稿、讨论稿、拟制定、正在研究制定 in an item's measures.

    ## Why it matters
    A rule that exists only as a draft does not yet bind anyone; reporting it as the outcome is what the
    research notes call F10 (draft or plan as result), one of the signs of 纸面整改.

    ## Example
    ```
    整改情况：制定《干部职工因私出国（境）管理规定》初稿，明确专人负责证件保管。
    ```

    ## Use instead
    Report the document once issued (`8月5日印发《……规定》`), or label the item 正在整改.
    """

    code = "E003"
    name = "draft-as-result"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    PATTERN = re.compile(r"初稿|征求意见稿|讨论稿|送审稿|拟制定|拟出台|正在(?:研究)?(?:制定|起草|修订)")

    def check_item(self, item: Item, doc: Document):
        for start, end, text in _matches(item, self.PATTERN):
            yield Finding(start, end, f"{item.ref}的整改措施只是“{text}”，尚不是整改结果",
                          path=f"items/{item.index}/response")


class RelativeClaim(Rule):
    """A claim of improvement with no number in its sentence (明显提高, 显著提升…).

    ## What it does
    Reports 明显提高、显著提升、大幅下降、持续向好… when the same sentence gives no figure to support it.

    ## Why it matters
    "整改成效难量化 … 以定性描述为主" is the complaint reviewers make most of notices (research notes §5,
    F11). A relative claim without a baseline and a result cannot be checked.

    ## Example
    ```
    截至目前，本次巡察反馈问题的整改率已明显提高。
    ```

    ## Use instead
    ```
    截至9月30日，巡察反馈的22个问题已完成整改20个，整改率由77%提高到91%。
    ```
    """

    code = "E004"
    name = "relative-claim"
    category = Category.EVIDENCE
    severity = Severity.INFO
    PATTERN = re.compile(r"(?:明显|显著|大幅|大大|有效|持续)(?:提高|提升|增强|改善|下降|减少|好转)|持续向好")
    SENTENCE = re.compile(r"[^。；;！？!?]+")

    def check_item(self, item: Item, doc: Document):
        for m in item.measures:
            text = masked(m.text)
            for sentence in self.SENTENCE.finditer(text):
                if re.search(r"\d", sentence.group()):
                    continue
                for hit in self.PATTERN.finditer(sentence.group()):
                    at = m.span.start + sentence.start() + hit.start()
                    yield Finding(at, at + len(hit.group()), f"“{hit.group()}”没有数据支撑",
                                  path=f"items/{item.index}/response")


class NegativeCommitment(Rule):
    """An item declared rectified by deciding not to do something.

    ## What it does
    For an item labelled 已整改 / 已完成, reports 不再开展、暂不、无法、不具备条件 in its measures.

    ## Why it matters
    Dropping the activity the inspection criticised is not rectifying it, and labelling that 已整改
    overstates the result (research notes F17).

    ## Example
    ```
    整改情况：已整改。……今年不再开展绿色环保引领企业创建工作。
    ```

    ## Use instead
    Explain what replaces the activity and what it achieved, or label the item accordingly.
    """

    code = "E005"
    name = "negative-commitment"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    PATTERN = re.compile(r"不再开展|暂不(?:开展|实施|推进)|无法(?:整改|完成|实施)|不具备(?:整改)?条件")

    def check_item(self, item: Item, doc: Document):
        if item.status is not Status.DONE:
            return
        for start, end, text in _matches(item, self.PATTERN):
            yield Finding(start, end, f"{item.ref}标为“{item.status_label}”，但整改措施是“{text}”",
                          path=f"items/{item.index}/response")
