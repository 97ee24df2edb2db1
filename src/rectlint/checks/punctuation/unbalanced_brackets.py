
from collections.abc import Iterator

from rectlint import patterns
from rectlint.diagnostics import Category, Severity
from rectlint.rule import Document, Finding, Rule

PAIRS = {"（": "）", "《": "》", "“": "”", "【": "】", "〔": "〕", "‘": "’"}
CLOSERS = {v: k for k, v in PAIRS.items()}
BRACKETS = patterns.compile("[" + "".join(PAIRS) + "".join(CLOSERS) + "]")
OTHERS = patterns.compile("[^\n" + "".join(PAIRS) + "".join(CLOSERS) + "]+")  # all but marks and line breaks
ADJACENT_PAIR = patterns.compile("|".join(opener + closer for opener, closer in PAIRS.items()))


def _paired(depth: int) -> str:
    """A paragraph whose marks all pair, nested up to `depth` deep: runs of other characters taken whole and
    repeats kept once made, so that `re` never goes back."""
    run = "[^\n" + "".join(PAIRS) + "".join(CLOSERS) + "]*+"
    inner = run
    for _ in range(depth):
        pairs = "|".join(opener + inner + closer for opener, closer in PAIRS.items())
        inner = f"{run}(?>(?:(?:{pairs}){run})*)"
    return inner


ALL_PAIRED = patterns.compile(f"(?>(?:\n{_paired(2)})*)")  # matches all the joined text when no mark is left over


class UnbalancedBrackets(Rule):
    """An opening （ 《 “ 【 〔 ‘ without its closing mark, or a closing mark without its opening one.

    ## What it does
    Pairs the Chinese brackets and quotation marks of each paragraph and reports every mark left
    without a partner, at the mark itself.

    ## Why it matters
    GB/T 15834-2011 uses these marks only in pairs. An unclosed 《 makes the title of a document run on
    into the sentence; an unclosed “ makes it impossible to tell what is quoted from the feedback and
    what is the drafter's own claim.

    ## Example
    ```
    印发《青禾市水利局财务管理办法，规范报销程序。
    ```

    ## Use instead
    ```
    印发《青禾市水利局财务管理办法》，规范报销程序。
    ```
    """

    code = "P002"
    name = "unbalanced-brackets"
    category = Category.PUNCTUATION
    severity = Severity.WARNING

    def check_notice(self, doc: Document):
        # Most paragraphs pair all their marks, as one match over all of them tells (unless marks nest more
        # than two deep: each level more makes the pattern six times as long). Else the marks of all of them
        # (each paragraph's after a line break) lose their adjacent pairs until none is left: a paragraph with
        # a mark left over is paired one by one.
        if not doc.notice.paragraphs:
            return
        text = doc.joined.text
        if ALL_PAIRED.match(text).end() == len(text):  # type: ignore[union-attr]  # most notices: one pass, no copy
            return
        marks = OTHERS.sub("", text)
        while (fewer := ADJACENT_PAIR.sub("", marks)) != marks:
            marks = fewer
        if not marks.strip("\n"):  # every mark paired: no paragraph to look at
            return
        for paragraph, left in zip(doc.notice.paragraphs, marks.split("\n")[1:], strict=True):
            if left:
                yield from self._unpaired(paragraph)

    @staticmethod
    def _unpaired(paragraph) -> Iterator[Finding]:
        stack: list[tuple[str, int]] = []
        base = paragraph.span.start
        for m in BRACKETS.finditer(paragraph.text):
            i, ch = m.start(), m.group()
            if ch in PAIRS:
                stack.append((ch, i))
            elif ch in CLOSERS:
                if stack and stack[-1][0] == CLOSERS[ch]:
                    stack.pop()
                elif any(opener == CLOSERS[ch] for opener, _ in stack):  # close the nearest matching opener
                    while stack[-1][0] != CLOSERS[ch]:
                        opener, at = stack.pop()
                        yield Finding(base + at, base + at + 1, f"“{opener}”没有配对的“{PAIRS[opener]}”")
                    stack.pop()
                else:
                    yield Finding(base + i, base + i + 1, f"“{ch}”没有配对的“{CLOSERS[ch]}”")
        for opener, at in stack:
            yield Finding(base + at, base + at + 1, f"“{opener}”没有配对的“{PAIRS[opener]}”")
