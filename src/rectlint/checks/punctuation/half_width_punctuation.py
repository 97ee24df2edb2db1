
from rectlint import patterns
from rectlint.diagnostics import Category, Edit, Fix, Severity
from rectlint.rule import Document, Finding, Rule

HAN = r"\u4e00-\u9fff"
# A half-width mark touching a Han character (or a Chinese closing/opening mark) on either side, and ASCII
# brackets or quotes around Chinese text. The pattern opens with the marks themselves and each branch looks
# back at the one taken, so that `re` skips from mark to mark in C (three times faster than a lookahead).
MARK = patterns.compile(rf'[,;:?!("](?:(?<=[{HAN}》”’）][,;:?!])|(?<=[,;:?!])(?=[{HAN}《“‘（])'
                        rf'|(?<=\()(?=[^()\n]*[{HAN}])[^()\n]*\)|(?<=")(?=[^"\n]*[{HAN}])[^"\n]*")')
FULL = "，；：？！（）"
FULL_MARK = patterns.compile(f"[{FULL}]")
HALF = ",;:?!(\""  # what MARK opens with
WIDE = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})


def _replacement(mark: str) -> str:
    if mark.startswith('"'):
        return "“" + mark[1:-1] + "”"
    return mark.translate(WIDE)


class HalfWidthPunctuation(Rule):
    """Half-width punctuation `,;:?!()"` in Chinese text.

    ## What it does
    Finds ASCII punctuation next to Chinese characters, and ASCII brackets or quotes around Chinese
    text. When the notice mixes both widths, each half-width mark is reported; when (nearly) all of its
    punctuation is half-width, which is what a scraped or NFKC-normalised page looks like, it is
    reported once for the whole document, with one fix for every mark. Times (`8:00`), numbers and
    Latin text are not touched.

    ## Why it matters
    GB/T 15834-2011 prescribes the full-width forms ，；：？！（）“” in Chinese text. Mixed widths are the
    most visible sign of a notice pasted together from different sources.

    ## Example
    ```
    整改情况:一是建立整改台账,每月调度进展情况。
    ```

    ## Use instead
    ```
    整改情况：一是建立整改台账，每月调度进展情况。
    ```

    ## Fix safety
    Safe: each mark is replaced by its full-width form; no word, number or date changes.

    ## Options
    `uniform_share` (default `0.95`): the share of half-width marks above which the document is
    reported once instead of mark by mark.
    """

    code = "P001"
    name = "half-width-punctuation"
    category = Category.PUNCTUATION
    severity = Severity.WARNING
    fixable = True
    options = {"uniform_share": 0.95}

    def check_notice(self, doc: Document):
        joined = doc.joined  # MARK and FULL match no line break: one search finds what each paragraph holds
        marks = []
        for m in joined.near(MARK, HALF):  # each match opens with a half-width mark, which most notices lack
            start = joined.source_offset(m.start())
            marks.append((start, start + len(m.group()), m.group()))
        if not marks:
            return
        edits = [Edit(start=a, end=b, content=_replacement(t)) for a, b, t in marks]
        if len(marks) > 1 and self._uniform(len(marks), joined.text):
            a, b, t = marks[0]
            yield Finding(a, b, f"全文使用半角标点（{len(marks)}处，如“{t}”），应使用全角标点",
                          fix=Fix(message="全部改为全角标点", edits=edits))
            return
        for (a, b, t), edit in zip(marks, edits, strict=True):
            yield Finding(a, b, f"半角标点“{t}”应为全角“{edit.content}”",
                          fix=Fix(message=f"改为“{edit.content}”", edits=[edit]))

    def _uniform(self, marks: int, text: str) -> bool:
        """Whether `marks` half-width marks are at least the share of all marks that makes the text's
        punctuation half-width; the full-width ones are counted only until they make it fall short (most
        notices hold one in their first sentence)."""
        full, share = 0, self.opts["uniform_share"]
        for _ in FULL_MARK.finditer(text):
            full += 1
            if marks / (marks + full) < share:
                return False
        return marks / (marks + full) >= share
