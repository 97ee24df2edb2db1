
import bisect
import re

from rectlint import patterns
from rectlint.diagnostics import Category, Severity
from rectlint.evidence import blank
from rectlint.patterns import compile_fast
from rectlint.rule import Document, Finding, Rule
from rectlint.sentences import SENTENCE

UNITS = "名次个家项件人座份位"
ARABIC = compile_fast(rf"(?<![\d.])(?:第)?\d+\s*[{UNITS}]")
# Chinese numerals counting something (三次, 第七名); 一 alone and fixed expressions (一是, 三会一课) are not.
COUNTED = rf"第?[二三四五六七八九十两][一二三四五六七八九十]?[{UNITS}]|第[一二三四五六七八九十]+[{UNITS}]"
CHINESE = compile_fast(f"(?<![一二三四五六七八九十]){COUNTED}")
DIGIT = patterns.compile(r"\d")
FIXED = compile_fast(r"三会一课|两个维护|两个确立|四个意识|四个自信|一岗双责|三重一大|四种形态|五位一体|四个全面|"
                   r"两个结合|三个责任人|四不两直|十个严禁|[一二三四五六七八九十]是")


class MixedNumerals(Rule):
    """Chinese and Arabic numerals mixed for the same kind of count in one sentence.

    ## What it does
    Reports a sentence that counts with Chinese numerals (`第七名`, `三次`) and with Arabic numerals
    (`第11名`, `2次`) for the same measure word. Fixed expressions (一是, “三会一课”, 两个维护) are not counts.

    ## Why it matters
    GB/T 15835-2011 asks for Arabic numerals in counting and measuring, and keeps the 局部体例一致原则:
    within one passage the same kind of number is written the same way (research notes §2.4, NUM-MIX).

    ## Example
    ```
    7、8、9月份全市排第七名、第九名、第六名，累计浓度排第11名。
    ```

    ## Use instead
    ```
    7—9月全市分别排第7名、第9名、第6名，累计浓度排第11名。
    ```
    """

    code = "C006"
    name = "mixed-numerals"
    category = Category.COUNTS
    severity = Severity.INFO
    # A Chinese count (CHINESE without its lookbehind): masking fixed expressions only blanks characters, so
    # the characters of a count found in the masked text stand in the paragraph too.
    prefilter = patterns.compile(COUNTED)

    def check_paragraph(self, paragraph, doc: Document):
        if not DIGIT.search(paragraph.text):  # no Arabic count either
            return
        # No fixed expression or count holds a sentence's end: masking the paragraph masks each of its
        # sentences, and a count found in the paragraph is one found in its sentence.
        text = FIXED.sub(blank, paragraph.text)
        counted = list(CHINESE.finditer(text))
        if not counted:
            return
        sentences = list(SENTENCE.finditer(text))
        starts = [s.start() for s in sentences]
        arabic_in: dict[int, dict[str, re.Match[str]]] = {}  # by sentence, made for those with a Chinese count
        reported: set[int] = set()  # one finding per sentence
        for m in counted:
            k = bisect.bisect_right(starts, m.start()) - 1
            if k in reported:
                continue
            if (arabic := arabic_in.get(k)) is None:
                arabic = arabic_in[k] = {a.group()[-1]: a for a in ARABIC.finditer(sentences[k].group())}
            if m.group()[-1] in arabic:
                reported.add(k)
                at = paragraph.span.start + m.start()
                other = arabic[m.group()[-1]].group()
                yield Finding(at, at + len(m.group()), f"同一句中“{m.group()}”与“{other}”数字写法不一致")
