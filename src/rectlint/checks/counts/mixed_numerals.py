
from rectlint import patterns
from rectlint.diagnostics import Category, Severity
from rectlint.patterns import compile_fast
from rectlint.rule import Document, Finding, Rule
from rectlint.sentences import SENTENCE

UNITS = "名次个家项件人座份位"
ARABIC = compile_fast(rf"(?<![\d.])(?:第)?\d+\s*[{UNITS}]")
# Chinese numerals counting something (三次, 第七名); 一 alone and fixed expressions (一是, 三会一课) are not.
CHINESE = patterns.compile(rf"(?<![一二三四五六七八九十])第?[二三四五六七八九十两][一二三四五六七八九十]?[{UNITS}]"
                     rf"|第[一二三四五六七八九十]+[{UNITS}]")
DIGIT = patterns.compile(r"\d")
FIXED = patterns.compile(r"三会一课|两个维护|两个确立|四个意识|四个自信|一岗双责|三重一大|四种形态|五位一体|四个全面|"
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
    # A Chinese count leaves a numeral before its measure word whatever fixed expression is masked.
    prefilter = patterns.compile(rf"[一二三四五六七八九十两][{UNITS}]")

    def check_paragraph(self, paragraph, doc: Document):
        if not DIGIT.search(paragraph.text):  # no Arabic count either
            return
        for s in SENTENCE.finditer(paragraph.text):
            text = FIXED.sub(lambda m: "\u3000" * len(m.group()), s.group())
            arabic = {m.group()[-1]: m for m in ARABIC.finditer(text)}
            for m in CHINESE.finditer(text):
                if m.group()[-1] in arabic:
                    at = paragraph.span.start + s.start() + m.start()
                    other = arabic[m.group()[-1]].group()
                    yield Finding(at, at + len(m.group()), f"同一句中“{m.group()}”与“{other}”数字写法不一致")
                    break
