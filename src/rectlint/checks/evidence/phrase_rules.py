"""Evidence rules that look for one kind of phrase in an item's measures (quotations excepted)."""

import re

from rectlint import patterns
from rectlint.diagnostics import Category, Severity
from rectlint.model import Item, Status
from rectlint.places import item_place
from rectlint.rule import Document, Finding, Rule
from rectlint.sentences import SENTENCE


class PhraseRule(Rule):
    """Base of the rules below: report each match of PATTERN in the measures of the items it applies to."""

    PATTERN: re.Pattern[str]

    def applies(self, item: Item) -> bool:
        return True

    def message(self, item: Item, text: str) -> str:
        raise NotImplementedError

    def check_item(self, item: Item, doc: Document):
        if not self.applies(item):
            return
        for m, text in zip(item.measures, doc.masked_measures(item), strict=True):
            for hit in self.PATTERN.finditer(text):
                yield Finding(m.span.start + hit.start(), m.span.start + hit.end(), self.message(item, hit.group()),
                              path=item_place(item, "response"))


class ResponsibilityShift(PhraseRule):
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
    PATTERN = patterns.compile(r"已由[^，,。；;]{2,24}?(?:承担|负责|牵头)(?![^。；;]{0,12}完成)|职责(?:已)?划转|"
                         r"移交[^，,。；;]{2,20}?(?:处理|负责|办理)(?![^。；;]{0,12}完成)")
    measures_prefilter = PATTERN

    def message(self, item: Item, text: str) -> str:
        return f"{item.ref}以“{text}”作为整改结果，未说明问题是否已解决"


class DraftAsResult(PhraseRule):
    """A draft, a plan or an intention reported as the result of rectification.

    ## What it does
    Reports 初稿、征求意见稿、讨论稿、拟制定、正在研究制定, and a plan with a time (计划于…, 计划一年内…), in an
    item's measures.

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
    PATTERN = patterns.compile(r"初稿|征求意见稿|讨论稿|送审稿|拟制定|拟出台|正在(?:研究)?(?:制定|起草|修订)|"
                         r"计划(?=于|在|到|年底|今年|明年|[\d一二三四五六七八九十]年?内)")
    measures_prefilter = PATTERN

    def message(self, item: Item, text: str) -> str:
        return f"{item.ref}的整改措施只是“{text}”，尚不是整改结果"


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
    PATTERN = patterns.compile(r"(?:明显|显著|大幅|大大|有效|持续)(?:提高|提升|增强|改善|下降|减少|好转)|持续向好")
    measures_prefilter = PATTERN

    def check_item(self, item: Item, doc: Document):
        for m, text in zip(item.measures, doc.masked_measures(item), strict=True):
            for sentence in SENTENCE.finditer(text):
                if re.search(r"\d", sentence.group()):
                    continue
                for hit in self.PATTERN.finditer(sentence.group()):
                    at = m.span.start + sentence.start() + hit.start()
                    yield Finding(at, at + len(hit.group()), f"“{hit.group()}”没有数据支撑",
                                  path=item_place(item, "response"))


class NegativeCommitment(PhraseRule):
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
    PATTERN = patterns.compile(r"不再开展|暂不(?:开展|实施|推进)|无法(?:整改|完成|实施)|不具备(?:整改)?条件")
    measures_prefilter = PATTERN

    def applies(self, item: Item) -> bool:
        return item.status is Status.DONE

    def message(self, item: Item, text: str) -> str:
        return f"{item.ref}标为“{item.status_label}”，但整改措施是“{text}”"


class SloganOnly(Rule):
    """An item whose measures are stock phrases with nothing that can be checked.

    ## What it does
    Reports an item whose measures hold no evidence at all (no date, count, document, accountability
    outcome or completed action) and are dense with stock phrases (高度重视、进一步、切实、确保、扎实、持续、
    不断、有效、充分、深入、全面、严格、积极、坚决、全力): at least `density` of them per 80 characters.

    ## Why it matters
    "对问题只表态……慷慨激昂、信誓旦旦" is the 文字整改 critics describe (research notes §5, F4/F5): such a
    response could answer any problem and proves none.

    ## Example
    ```
    整改情况：一是坚持正确用人导向，确保干部政治可靠。二是积极与组织部门沟通，选强配优干部。三是加强年轻
    干部培养，有效优化年龄结构。
    ```

    ## Use instead
    State what was done: how many posts were filled, when, by what procedure.

    ## Options
    `density` (default `3`): stock phrases per 80 characters.
    """

    code = "E007"
    name = "slogan-only"
    category = Category.EVIDENCE
    severity = Severity.INFO
    options = {"density": 3}
    STOCK = patterns.compile(r"高度重视|进一步|切实|确保|扎实|持续|不断|有效|充分|深入|全面|严格|积极|坚决|全力")

    def check_item(self, item: Item, doc: Document):
        if not item.measures or doc.facts.evidence[item.index].proven:
            return
        text = "".join(doc.masked_measures(item))
        stock = self.STOCK.findall(text)
        if len(stock) * 80 >= self.opts["density"] * max(len(text), 80):
            first = item.measures[0].span
            yield Finding(first.start, first.end,
                          f"{item.ref}的整改措施只有“{'、'.join(dict.fromkeys(stock))}”等表态，没有可核实的内容",
                          path=item_place(item, "response"))
