from collections.abc import Iterator

from rectlint.diagnostics import Category, Severity
from rectlint.model import Item
from rectlint.rule import Document, Finding, Rule


def _sequence_findings(entries: list[tuple[int | None, int, int, str]], what: str) -> Iterator[Finding]:
    """entries: (number, start, end, label) in document order; report jumps and repeats."""
    previous = None
    for number, start, end, label in entries:
        if number is None:
            continue
        if previous is not None:
            if number == previous:
                yield Finding(start, end, f"{what}编号“{label}”重复")
            elif number != previous + 1:
                yield Finding(start, end, f"{what}编号从{previous}跳到{number}（“{label}”）")
        elif number != 1:
            yield Finding(start, end, f"{what}编号从{number}开始，而不是从1开始")
        previous = number


class NumberingSequence(Rule):
    """Numbers that skip or repeat: items 1. 2. 4., 问题N, sections 一、二、, themes （一）（二）,
    and measures 一是/二是…, ①②…, （1）（2）….

    ## What it does
    Checks that each run of numbers starts at 1 and goes up by one: the sections, the themes inside a
    section, the items inside a block, and the enumerated measures inside an item's response. It
    reports the first marker that breaks the run.

    ## Why it matters
    A gap (二是 followed by 四是, item 3 followed by item 5) usually means a measure or a problem was
    deleted in editing, and readers will ask where it went; a repeat means two records share a number
    and cannot be cited unambiguously.

    ## Example
    ```
    一是建立台账。二是明确时限。四是跟踪问效。
    ```

    ## Use instead
    ```
    一是建立台账。二是明确时限。三是跟踪问效。
    ```
    """

    code = "N001"
    name = "numbering-sequence"
    category = Category.NUMBERING
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        n = doc.notice
        yield from _sequence_findings(
            [(s.heading.number, s.heading.span.start, s.heading.span.start + len(s.heading.marker),
              s.heading.marker) for s in n.sections], "一级标题")
        for blocks in [n.groups, *(s.groups for s in n.sections)]:
            yield from _sequence_findings(
                [(g.heading.number, g.heading.span.start, g.heading.span.start + len(g.heading.marker),
                  g.heading.marker) for g in blocks], "二级标题")
        by_parent: dict[tuple[str, str], list[Item]] = {}
        for item in n.items:
            family = "问题" if item.label.startswith("问题") else item.label[:1] if item.label[:1] in "（(" else "N"
            by_parent.setdefault((item.path.rpartition("/")[0], family), []).append(item)
        for items in by_parent.values():
            yield from _sequence_findings(
                [(i.number, i.span.start, i.span.start + len(i.label), i.label) for i in items], "问题")

    def check_item(self, item: Item, doc: Document):
        runs: dict[str | None, list[tuple[int | None, int, int, str]]] = {}
        for m in item.measures:
            if m.marker:
                runs.setdefault(m.series, []).append((m.number, m.span.start, m.span.start + len(m.marker), m.marker))
        for entries in runs.values():
            yield from _sequence_findings(entries, "措施")
