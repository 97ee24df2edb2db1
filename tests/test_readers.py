"""Word documents, web pages and PDFs: the notice's text comes out as Word, the browser or the page show it,
gives the same findings as the plain-text notice, and positions map back to the original."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import notice_files as nf
from rectlint.cli import main
from rectlint.discover import discover
from rectlint.engine import Settings, check
from rectlint.readers.docx_numbering import Numbering, format_number
from rectlint.readers.pdf import NO_TEXT
from rectlint.registry import select_rules
from rectlint.source import ReadError, SourceText, read_bytes, read_path

SETTINGS = Settings(rules=select_rules())


def findings(source: SourceText) -> list[tuple[str, str]]:
    return [(d.code, d.excerpt) for d in check(source, SETTINGS)[1]]


@pytest.fixture
def notice_docx(tmp_path: Path) -> Path:
    return nf.build_docx(tmp_path / "notice.docx")


# ---- Word --------------------------------------------------------------------------------------------

def test_docx_reads_as_word_shows_it(notice_docx: Path) -> None:
    source = read_path(notice_docx)
    assert source.kind == "docx"
    assert source.text == nf.extracted_text()  # 一、（一）1. from numbering.xml, table rows, bold runs joined
    assert nf.HEADER_TEXT not in source.text and nf.FOOTER_TEXT not in source.text


def test_docx_gives_the_findings_of_the_same_notice_as_text(notice_docx: Path) -> None:
    as_docx = findings(read_path(notice_docx))
    assert as_docx == findings(SourceText("notice.txt", nf.notice_text()))
    codes = {code for code, _ in as_docx}
    assert {("W001", "截止"), ("W003", "确保确保"), ("R002", "11."), ("D004", "9月31日")} <= set(as_docx)
    assert len(codes) >= 8


def test_docx_positions_map_to_paragraph_and_character(notice_docx: Path) -> None:
    import docx

    source = read_path(notice_docx)
    document = docx.Document(str(notice_docx))
    by_code = {}
    for d in check(source, SETTINGS)[1]:
        by_code.setdefault(d.code, []).append(d)
    # D004 in a body paragraph: paragraph number and character index into python-docx's paragraph text.
    d = by_code["D004"][0]
    place = source.origin.describe(d.offset)
    number, char = (int(x.split()[-1]) for x in place.removeprefix("docx ").split(", "))
    assert place.startswith("docx paragraph ")
    assert document.paragraphs[number - 1].text[char - 1:].startswith("9月31日")
    # W003 in the table: table, row, cell.
    d = by_code["W003"][0]
    assert source.origin.describe(d.offset) == "docx table 1, row 3, cell 3, character 6"
    assert document.tables[0].cell(2, 2).text[5:].startswith("确保确保")
    # R002 on item 11's number, which Word generates: the start of that paragraph.
    d = by_code["R002"][0]
    place = source.origin.describe(d.offset)
    number = int(place.split(",")[0].split()[-1])
    assert place.endswith("character 1") and document.paragraphs[number - 1].text == "选人用人工作不够规范。"


def test_full_report_says_where_in_the_original(notice_docx: Path, tmp_path: Path) -> None:
    page = nf.build_html(tmp_path / "notice.html")
    r = CliRunner().invoke(main, ["check", "--output-format", "full", "--select", "D004",
                                  str(notice_docx), str(page)])
    assert r.exit_code == 1
    lines = [ln for ln in r.output.splitlines() if "-->" in ln]
    assert lines[0].endswith("(docx paragraph 21, character 60)")
    assert lines[1].endswith("(positions in the text extracted from the HTML page)")


def _numbering(xml: str) -> Numbering:
    from lxml import etree

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return Numbering.from_parts(etree.fromstring(f"<w:numbering {ns}>{xml}</w:numbering>"), None)


def _p(num_id: str, ilvl: int = 0):
    from lxml import etree

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return etree.fromstring(f'<w:p {ns}><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/>'
                            f"</w:numPr></w:pPr></w:p>")


def test_word_numbering_counts_like_word() -> None:
    levels = ('<w:abstractNum w:abstractNumId="1">'
              '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/>'
              '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
              '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>'
              '<w:lvlText w:val="%2"/></w:lvl></w:abstractNum>')
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
            '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    numbering = _numbering(levels + nums)
    labels = [numbering.label(_p(n, lvl)) for n, lvl in
              [("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1), ("2", 0), ("3", 0), ("0", 0)]]
    # A level's default suffix is a tab; a second w:num of one list continues it; a startOverride restarts it.
    assert labels == ["一、", "①\t", "②\t", "二、", "①\t", "三、", "一、", ""]


@pytest.mark.parametrize(("fmt", "values", "expect"), [
    ("chineseCounting", [1, 10, 11, 20, 99, 100], ["一", "十", "十一", "二十", "九十九", "一〇〇"]),
    ("chineseCountingThousand", [10, 101, 110], ["十", "一百零一", "一百一十"]),
    ("ideographTraditional", [1, 4], ["甲", "丁"]),
    ("decimalEnclosedCircle", [1, 20, 21], ["①", "⑳", "21"]),
    ("upperLetter", [1, 26, 27], ["A", "Z", "AA"]),
    ("lowerRoman", [4, 9], ["iv", "ix"]),
    ("decimalZero", [3], ["03"]),
])
def test_number_formats(fmt: str, values: list[int], expect: list[str]) -> None:
    assert [format_number(v, fmt) for v in values] == expect


def _zip(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in names.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("data", "name", "reason"), [
    (b"PK\x03\x04 this is not really a zip", "notice.docx", "corrupt .docx"),
    (_zip({"word/document.xml": b"<w:document"}), "notice.docx", "corrupt .docx"),
    (_zip({"readme.txt": b"hello"}), "notice.docx", "not a Word document"),
    (_zip({"xl/workbook.xml": b"<x/>"}), "tasks.xlsx", "Excel workbook (.xlsx) is not supported"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "notice.doc", "Word 97-2003 document (.doc)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "notice.wps", "WPS document (.wps)"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "scan.jpg", "JPEG image"),
    ("中共青禾市水利局党组".encode(), "notice.docx", "not a Word .docx file"),
    (b"%PDF-1.7\n garbage", "notice.pdf", "corrupt PDF"),
])
def test_unreadable_files_are_one_line_errors_naming_the_format(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(data, name)
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


def test_a_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    pdf = nf.build_pdf(tmp_path / "notice.pdf", ["中共青禾市水利局党组关于巡察整改进展情况的通报"])
    odd = tmp_path / "notice.txt"
    odd.write_bytes(pdf.read_bytes())
    assert read_path(odd).kind == "pdf"


# ---- Web pages ---------------------------------------------------------------------------------------

DIRECTIVE = "<!-- rectlint: ignore[W001] -->"


def _with_directive(text: str) -> str:
    first, rest = text.split("\n", 1)
    return f"{first}\n{DIRECTIVE}\n{rest}"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_web_page_gives_the_article_text_only(tmp_path: Path, encoding: str) -> None:
    source = read_path(nf.build_html(tmp_path / "notice.html", encoding))
    assert source.kind == "html"
    assert source.encoding == ("utf-8" if encoding == "utf-8" else "gb18030")
    # Title from the page's h1, body from #zoom; nav, script, share bar and footer left out.
    assert source.text == _with_directive(nf.extracted_text())
    for chrome in ("首页", "政务公开", "document.write", "_hmt", "分享到", "版权所有", "发布时间"):
        assert chrome not in source.text


def test_web_page_findings_match_the_text_file(tmp_path: Path) -> None:
    source = read_path(nf.build_html(tmp_path / "notice.html", "gbk"))
    assert findings(source) == findings(SourceText("notice.txt", _with_directive(nf.notice_text())))
    assert source.origin.describe(0) == "positions in the text extracted from the HTML page"


def test_web_page_without_a_known_container_uses_the_densest_block() -> None:
    lines = nf.extracted_text().splitlines()[:6]
    paragraphs = "".join(f"<p>{line}</p>" for line in lines[1:])
    page = (f"<html><head><title>{lines[0]} - 青禾市水利局</title></head><body>"
            "<div class='menu'><a href='/'>首页</a> <a href='/a'>机构设置</a> <a href='/b'>政策文件</a></div>"
            "<div class='links'><p><a href='/c'>关于做好秋冬季森林防火工作的通知</a></p></div>"
            f"<div class='wrap'><div class='box'>{paragraphs}</div></div>"
            "<div class='bottom'>主办单位：青禾市水利局 <!-- rectlint: ignore-file[S004] --></div></body></html>")
    text = read_bytes(page.encode("utf-8"), "page.html").text
    # The title comes from <title>, less the site's name.
    assert text.splitlines() == [*lines, "<!-- rectlint: ignore-file[S004] -->"]


def test_declared_charset_that_lies_is_overruled_by_the_bytes() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><div id="zoom"><p>{}</p></div></body></html>'
    line = nf.extracted_text().splitlines()[2]
    source = read_bytes(page.format(line).encode("gbk"), "page.htm")
    assert source.text == line + "\n" and source.encoding == "gb18030"


def test_html_is_recognised_by_content_without_a_suffix() -> None:
    page = "<!DOCTYPE html><html><body><div class='TRS_Editor'><p>{}</p><p>{}</p></div></body></html>"
    lines = nf.extracted_text().splitlines()[:2]
    assert read_bytes(page.format(*lines).encode(), "-").text.splitlines() == lines


# ---- PDF ---------------------------------------------------------------------------------------------

@pytest.fixture
def reportlab():
    # reportlab's built-in CID font (STSong-Light) renders CJK text without any font file on the machine.
    return pytest.importorskip("reportlab", reason="reportlab (test extra) builds the PDF fixtures")


def test_pdf_text_with_wrapped_lines_joined(tmp_path: Path, reportlab) -> None:
    source = read_path(nf.build_pdf(tmp_path / "notice.pdf"))
    expect = "\n".join(b.text for b in nf.blocks() if b.kind != "table") + "\n"
    assert source.kind == "pdf"
    assert source.text == expect
    pages = source.origin.page_starts
    assert len(pages) >= 3 and pages == sorted(pages)
    d4 = next(d for d in check(source, SETTINGS)[1] if d.code == "D004")
    assert source.origin.describe(d4.offset) == f"pdf page {source.origin.page(d4.offset)}"
    assert source.origin.page(d4.offset) > 1 and source.origin.page(0) == 1


def test_pdf_findings_match_the_text_file(tmp_path: Path, reportlab) -> None:
    text = "\n\n".join(b.text for b in nf.blocks() if b.kind != "table") + "\n"
    assert findings(read_path(nf.build_pdf(tmp_path / "notice.pdf"))) == findings(SourceText("n.txt", text))


def test_pdf_without_text_layer(tmp_path: Path, reportlab) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 300, 400, fill=1)  # a page that is only a picture
    c.showPage()
    c.save()
    with pytest.raises(ReadError, match=r"no text layer \(scanned PDF\?\); run OCR first") as info:
        read_path(path)
    assert str(info.value) == NO_TEXT


def test_encrypted_pdf(tmp_path: Path, reportlab) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = nf.build_pdf(tmp_path / "plain.pdf", ["中共青禾市水利局党组关于巡察整改进展情况的通报"])
    writer = PdfWriter()
    writer.append(PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as f:
        writer.write(f)
    with pytest.raises(ReadError, match="encrypted PDF"):
        read_path(locked)


# ---- Discovery and the command line ------------------------------------------------------------------

def test_directories_find_word_web_and_pdf_notices(tmp_path: Path, notice_docx: Path) -> None:
    for name in ("b.html", "c.htm", "d.pdf", "e.txt", "~$notice.docx", "f.png", "g.doc"):
        (tmp_path / name).write_bytes(b"x")
    found = sorted(Path(t.shown).name for t in discover([str(tmp_path)]))
    assert found == ["b.html", "c.htm", "d.pdf", "e.txt", "notice.docx"]


def test_check_reads_each_format_and_reports_a_broken_file_in_one_line(tmp_path: Path,
                                                                        notice_docx: Path) -> None:
    page = nf.build_html(tmp_path / "b.html", "gbk")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(notice_docx.read_bytes()[:3000])  # cut short: the zip's directory is gone
    r = CliRunner().invoke(main, ["check", "--select", "D004,W003", str(notice_docx), str(page), str(broken)])
    assert r.exit_code == 2
    out = r.stdout.splitlines()
    assert sum(ln.startswith(f"{notice_docx}:") for ln in out) == 3  # D004 and W003 twice
    assert sum(ln.startswith(f"{page}:") for ln in out) == 3
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("rectlint: error:")]
    assert errors == [f"rectlint: error: {broken}: corrupt .docx (File is not a zip file)"]
    assert "Traceback" not in r.output


def test_fix_leaves_word_files_alone(notice_docx: Path) -> None:
    before = notice_docx.read_bytes()
    r = CliRunner().invoke(main, ["check", "--fix", "--select", "W001,W003", str(notice_docx)])
    assert notice_docx.read_bytes() == before
    assert f"rectlint: {notice_docx}: fixes apply to text files only" in r.stderr
    assert r.exit_code == 1 and "W003" in r.stdout and "Fixed 0 findings." in r.stderr
