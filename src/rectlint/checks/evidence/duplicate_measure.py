from rectlint.diagnostics import Category, Severity
from rectlint.evidence import masked
from rectlint.places import item_place
from rectlint.rule import Document, Finding, Rule


class DuplicateMeasure(Rule):
    """The same measure offered as the rectification of different problems.

    ## What it does
    Finds a run of at least `min_length` characters (default 16) that appears in the measures of two
    different items, and reports it in the later item. Runs shared by `boilerplate_items` items or
    more (default 3) are stock phrases and are ignored, and so are runs holding digits (two measures on
    the same day are not the same measure). Each measure is cut into overlapping runs once
    and looked up in a table, so the cost grows with the length of the notice, not with the square of
    its number of items.

    ## Why it matters
    "不同的问题，验收销号的公示材料完全一样" is the 纸面销号 pattern named by 《瞭望》 (research notes §5,
    F7): one meeting or one document used to close several problems.

    ## Example
    ```
    问题12 … 已督促鼓楼区加快协调区相关部门进一步加强各类管网建设和污水、雨水设施的管理工作。
    问题13 … 并督促顺河区加快协调区相关部门进一步加强各类管网建设和污水、雨水设施的管理工作。
    ```

    ## Use instead
    Report what was done for each problem; if one measure really answers both, say so once and refer
    to it.

    ## Options
    `min_length` (default `16`), `boilerplate_items` (default `3`).
    """

    code = "E006"
    name = "duplicate-measure"
    category = Category.EVIDENCE
    severity = Severity.INFO
    options = {"min_length": 16, "boilerplate_items": 3}

    def check_notice(self, doc: Document):
        k = self.opts["min_length"]
        seen: dict[str, list[tuple[int, int]]] = {}  # run → [(item index, absolute start)]
        for item in doc.notice.items:
            for m in item.measures:
                text = masked(m.text)
                for i in range(len(text) - k + 1):
                    run = text[i:i + k]
                    if "\u3000" in run or any(c.isdigit() for c in run):
                        continue  # quotations are masked; shared dates and figures are not a measure
                    places = seen.setdefault(run, [])
                    if not places or places[-1][0] != item.index:
                        places.append((item.index, m.span.start + i))
        reported: set[tuple[int, int]] = set()
        for places in seen.values():
            items = {index for index, _ in places}
            if len(items) < 2 or len(items) >= self.opts["boilerplate_items"]:
                continue
            (first, origin), (later, start) = places[0], places[1]
            if (first, later) in reported:
                continue
            reported.add((first, later))
            text, end = doc.text, start + k
            while end < len(text) and origin + (end - start) < start and text[end] == text[origin + end - start] \
                    and text[end] not in "\r\n":
                end += 1  # report the whole shared run, not just its first window
            while start < end and text[start] in "，,。；;、：:":
                start += 1
            while end > start and text[end - 1] in "，,。；;、：:":
                end -= 1
            a = doc.notice.items[first - 1].ref
            b = doc.notice.items[later - 1].ref
            yield Finding(start, end, f"{b}的整改措施与{a}的措施重复：“{text[start:end]}”",
                          path=item_place(doc.notice.items[later - 1], "response"))
