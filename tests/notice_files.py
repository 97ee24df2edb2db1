"""One notice as a plain-text file, a Word document, a web page and a PDF, built at test time.

The notice is examples/layout-numbered.txt with a task table added and one item's status label taken
out. In the .docx its headings and items are numbered by Word (一、 / （一） / 1. from numbering.xml,
items through a numbered paragraph style), a run turns bold in the middle of 截止 and of 确保确保, and
the page header and footer hold text that is not part of the notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from conftest import EXAMPLES

TABLE = [["序号", "问题", "整改状态"],
         ["1", "学习贯彻不够深入", "已完成"],
         ["2", "重点水利工程项目推进迟缓", "正在整改，确保确保年底前完成"]]
HEADER_TEXT = "青禾市水利局文件"
FOOTER_TEXT = "第1页 共3页"
UNLABELLED = "整改情况：已完成。一是对近三年"  # item 11 loses its status label: R002 points at its number
# Where a bold run starts inside a word: after the first character of these.
BOLD_CUTS = ["截止", "确保确保"]

_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^（[一二三四五六七八九十]+）")
_ITEM = re.compile(r"^\d+\.")


@dataclass
class Block:
    kind: str  # p | h1 | h2 | item | table
    text: str  # the full text as read (with its number)

    @property
    def number(self) -> str:
        pattern = {"h1": _H1, "h2": _H2, "item": _ITEM}.get(self.kind)
        m = pattern.match(self.text) if pattern else None
        return m.group() if m else ""

    @property
    def body(self) -> str:
        return self.text[len(self.number):]


def blocks() -> list[Block]:
    out = []
    for line in (EXAMPLES / "layout-numbered.txt").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        kind = "h1" if _H1.match(line) else "h2" if _H2.match(line) else "item" if _ITEM.match(line) else "p"
        line = line.replace(UNLABELLED, "对近三年") if line.startswith(UNLABELLED) else line
        out.append(Block(kind, line))
        if line.startswith("截至目前，巡察反馈的12个问题中"):
            out.append(Block("table", ""))
    return out


def table_lines() -> list[str]:
    return ["\t".join(row) for row in TABLE]


def notice_text() -> str:
    """The notice as a person would type it: a blank line between paragraphs, table rows tab-separated."""
    return "\n\n".join("\n".join(table_lines()) if b.kind == "table" else b.text for b in blocks()) + "\n"


def extracted_text() -> str:
    """What every reader should give for the notice: one paragraph (or table row) per line."""
    return "\n".join("\n".join(table_lines()) if b.kind == "table" else b.text for b in blocks()) + "\n"


# ---- Word --------------------------------------------------------------------------------------------

_NUMBERING = """
<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
    <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
    <w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/>
    <w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"""
_NUM = ('<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">'
        '<w:abstractNumId w:val="90"/></w:num>')
_NUMPR = ('<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          '<w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')


def _add_numbering(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    abstract = parse_xml(_NUMBERING)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(_NUM))
    style = document.styles.add_style("Notice Item", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(_NUMPR.format(level=2)))


def _add_runs(paragraph, text: str) -> None:
    """The text in runs; a bold run starts inside each word of BOLD_CUTS."""
    cuts = sorted(text.index(w) + 1 for w in BOLD_CUTS if w in text)
    at, bold = 0, False
    for cut in [*cuts, len(text)]:
        if cut > at:
            paragraph.add_run(text[at:cut]).bold = bold or None
        at, bold = cut, True


def build_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    _add_numbering(document)
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER_TEXT
    section.footer.paragraphs[0].text = FOOTER_TEXT
    from docx.oxml import parse_xml

    for b in blocks():
        if b.kind == "table":
            table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
            for r, row in enumerate(TABLE):
                for c, cell in enumerate(row):
                    _add_runs(table.cell(r, c).paragraphs[0], cell)
            continue
        paragraph = document.add_paragraph(style="Notice Item" if b.kind == "item" else None)
        if b.kind in ("h1", "h2"):
            paragraph._p.get_or_add_pPr().append(parse_xml(_NUMPR.format(level=0 if b.kind == "h1" else 1)))
        _add_runs(paragraph, b.body)
    document.save(path)
    return path


# ---- Web page ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_青禾市水利局</title>
<script>document.write("一、这段脚本不是通报");</script><style>#zoom p {{ text-indent: 2em; }}</style></head>
<body>
<div class="header"><div class="logo">青禾市水利局</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li></ul>
</div>
<div class="position">您的位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
<div class="main-box">
<h1 class="article-title">{title}</h1>
<div class="info">【发布时间：2025-11-20&nbsp;&nbsp;来源：市水利局&nbsp;&nbsp;字号：大 中 小】</div>
<div id="zoom">
<!-- rectlint: ignore[W001] -->
{body}
</div>
<div class="share">分享到：微信 微博</div>
</div>
<footer><p>版权所有：青禾市水利局　ICP备00000000号</p><p>地址：青禾市滨河东路88号</p></footer>
<script>var _hmt = _hmt || [];</script>
</body></html>
"""


def page(charset: str = "utf-8") -> str:
    bs = blocks()
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>\n" for row in TABLE)
    body = "\n".join(f"<table>\n{rows}</table>" if b.kind == "table" else f"<p>&nbsp;&nbsp;{escape(b.text)}</p>"
                     for b in bs[1:])
    return PAGE.format(charset=charset, title=escape(bs[0].text), body=body)


def build_html(path: Path, encoding: str = "utf-8") -> Path:
    path.write_bytes(page(encoding).encode(encoding))
    return path


# ---- PDF ---------------------------------------------------------------------------------------------

def build_pdf(path: Path, paragraphs: list[str] | None = None) -> Path:
    """The notice's paragraphs in a CID font (reportlab's STSong-Light needs no font file), indented and
    wrapped like a printed notice, over several pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("notice", fontName="STSong-Light", fontSize=14, leading=22, wordWrap="CJK",
                           firstLineIndent=28)
    texts = paragraphs if paragraphs is not None else [b.text for b in blocks() if b.kind != "table"]
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph(escape(t), style) for t in texts])
    return path
