from rectlint.diagnostics import Category, Severity
from rectlint.model import Item, Status
from rectlint.places import item_place
from rectlint.rule import Document, Finding, Rule


class DoneWithoutEvidence(Rule):
    """An item declared rectified whose response holds only promises.

    ## What it does
    For an item labelled 已整改 / 已完成, reads its measures and reports the item when they hold no
    evidence at all, that is no date, no count with a measure word (`3次`, `12家`), no document produced
    (`印发《……》`), no accountability outcome (处分、问责、罚款…) and no completed action
    (`已封堵`, `成立了`, `现已全部完成`), and yet do contain commitments (今后、以后、长期坚持、确保不再、
    下一步、力争、计划于…). Numbers and dates that only repeat the problem statement are not evidence, and
    neither is anything counted or dated inside a promise (`今后每季度至少开展1次检查`).
    A bare 将 is not taken as a future marker (将 often means 把).

    ## Why it matters
    The 中央巡视办 names 纸面整改、虚假整改 and "对问题只表态" as the defects rectification
    notices are read for (research notes §1.2, §5). A 已整改 label over nothing but intentions is the
    clearest of them, and the first thing a 纪检 reviewer looks for.

    ## Example
    ```
    问题4：整改材料不严肃。……
    整改情况：已整改。在今后的工作中长期坚持严格办文制度，确保不再发生类似问题。
    ```

    ## Use instead
    State what was done and when, or change the label:
    ```
    整改情况：已整改。7月15日，重新印发《整改工作方案》（青水党〔2025〕12号），对相关责任人进行了批评教育。
    ```

    ## Options
    `require_commitment` (default `true`): report only items whose measures also make promises; set it to
    `false` to report every 已整改 item that offers no evidence at all.
    """

    code = "E001"
    name = "done-without-evidence"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    options = {"require_commitment": True}

    def check_item(self, item: Item, doc: Document):
        if item.status is not Status.DONE or not item.measures:
            return
        ev = doc.facts.evidence[item.index]
        if ev.proven or (self.opts["require_commitment"] and not ev.commitments):
            return
        promises = "、".join(dict.fromkeys(m.text for m in ev.commitments))
        tail = f"，只有“{promises}”等承诺" if promises else ""
        where = item.status_span or item.response[0].span
        yield Finding(where.start, where.end,
                      f"{item.ref}标为“{item.status_label}”，但整改措施中没有日期、数量、"
                      f"文件或办结结果等佐证{tail}", path=item_place(item, "status"))
