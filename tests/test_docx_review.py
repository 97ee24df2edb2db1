"""`--output-format docx`: a copy of the notice with a Word comment on exactly each finding's characters."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import notice_files as nf
from rectlint.cli import main
from rectlint.diagnostics import Category, Diagnostic, Severity
from rectlint.engine import Settings, check
from rectlint.registry import select_rules
from rectlint.report.docx_review import review
from rectlint.source import read_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchored(path: Path) -> dict[int, tuple[str, list]]:
    """Comment id → (the text between its range start and end, the runs there), read with python-docx.

    Hidden runs (w:vanish) show no text, as in Word."""
    import docx
    from docx.text.run import Run

    body = docx.Document(str(path)).element.body
    open_: dict[int, tuple[list[str], list, list]] = {}
    out = {}
    for el in body.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "r"):
        if el.tag == W + "commentRangeStart":
            open_[int(el.get(W + "id"))] = ([], [], [])
        elif el.tag == W + "commentRangeEnd":
            texts, runs, _ = open_.pop(int(el.get(W + "id")))
            out[int(el.get(W + "id"))] = ("".join(texts), runs)
        else:
            p = next(el.iterancestors(W + "p"))
            for texts, runs, paras in open_.values():
                if paras and paras[-1] is not p:
                    texts.append("\n")
                paras.append(p)
                texts.append("" if el.find(f"{W}rPr/{W}vanish") is not None else Run(el, None).text)
                runs.append(el)
    return out


@pytest.fixture
def reviewed(tmp_path: Path):
    notice = nf.build_docx(tmp_path / "notice.docx")
    before = hashlib.sha256(notice.read_bytes()).hexdigest()
    out = tmp_path / "reviewed.docx"
    r = CliRunner().invoke(main, ["check", "--output-format", "docx", "-o", str(out), str(notice)])
    assert r.exit_code == 1, r.output
    assert hashlib.sha256(notice.read_bytes()).hexdigest() == before  # the original is never written
    source = read_path(notice)
    return notice, out, source, check(source, Settings(rules=select_rules()))[1], r


def test_one_comment_per_finding_on_exactly_its_characters(reviewed) -> None:
    import docx

    _, out, source, diags, run = reviewed
    comments = list(docx.Document(str(out)).comments)
    ranges = anchored(out)
    assert len(comments) == len(diags) == len(ranges) >= 10
    in_numbers = 0
    for comment, d in zip(comments, diags, strict=True):
        assert comment.author == "rectlint" and comment.initials == "RL"
        head = f"{d.code} {d.name}: {d.message}"
        assert comment.text == (f"{head}\n建议：{d.fix.message}" if d.fix else head)
        text, _ = ranges[comment.comment_id]
        if source.origin.overlapping(d.offset, d.end_offset)[0][1:] == (0, 0):  # only in Word's numbering
            in_numbers += 1
            assert d.excerpt == "11." and text == "选人用人工作不够规范。"  # the paragraph's first run
        else:
            assert text == d.excerpt
    assert in_numbers == 1
    assert "Found" in run.stderr and not run.stdout  # the totals go to the terminal, the document to -o


def test_split_runs_keep_their_formatting_and_the_text(reviewed) -> None:
    import docx

    _, out, source, _, _ = reviewed
    ranges = anchored(out)
    comments = {c.text.split(":")[0]: c.comment_id for c in docx.Document(str(out)).comments}
    # 截止 straddles a plain run and a bold one: the comment covers 截 (plain) and 止 (bold) only.
    text, runs = ranges[comments["W001 jiezhi-for-jiezhi"]]
    assert text == "截止"
    bold = [r.find(f"{W}rPr/{W}b") is not None for r in runs if r.find(W + "t") is not None]
    assert bold == [False, True]
    # The reviewed copy reads as the same notice.
    assert read_path(out).text == source.text


def test_span_over_two_paragraphs_gets_one_range(tmp_path: Path) -> None:
    notice = nf.build_docx(tmp_path / "notice.docx")
    source = read_path(notice)
    first, second = source.text.splitlines()[2:4]
    start = source.text.index(first) + len(first) - 4
    end = source.text.index(second) + 3
    body_to_table = source.text.index("序号") - 3
    diags = [_diagnostic(source, start, end), _diagnostic(source, body_to_table, body_to_table + 5)]
    out = tmp_path / "reviewed.docx"
    out.write_bytes(review(source, diags))
    ranges = anchored(out)
    assert ranges[0][0] == first[-4:] + "\n" + second[:3]
    # From a body paragraph into a table: only the paragraph's part, and the comment says so.
    import docx

    assert ranges[1][0] == source.text[body_to_table:body_to_table + 2]
    assert "仅标注了所在段落的部分" in list(docx.Document(str(out)).comments)[1].text


def _diagnostic(source, start: int, end: int) -> Diagnostic:
    a, b = source.position(start), source.position(end)
    return Diagnostic(code="X001", name="test", category=Category.WORDING, severity=Severity.INFO, message="m",
                      offset=start, end_offset=end, line=a.line, column=a.column, end_line=b.line,
                      end_column=b.column, excerpt=source.text[start:end])


@pytest.mark.parametrize(("extra", "message"), [
    (["two"], "needs exactly one .docx input, not 2"),
    (["no-o"], "name it with -o FILE"),
    (["text"], "needs a .docx input"),
    (["same"], "-o must name a new file"),
    (["broken"], "no reviewed document written"),
])
def test_docx_output_refuses_what_it_cannot_do(tmp_path: Path, extra: list[str], message: str) -> None:
    notice = nf.build_docx(tmp_path / "notice.docx")
    text = tmp_path / "notice.txt"
    text.write_text(nf.notice_text(), "utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    out = tmp_path / "out.docx"
    args = {"two": [str(notice), str(text), "-o", str(out)], "no-o": [str(notice)],
            "text": [str(text), "-o", str(out)], "same": [str(notice), "-o", str(notice)],
            "broken": [str(broken), "-o", str(out)]}[extra[0]]
    before = notice.read_bytes()
    r = CliRunner().invoke(main, ["check", "--output-format", "docx", *args])
    assert r.exit_code == 2
    assert message in r.stderr and "Traceback" not in r.output
    assert not out.exists() and not list(tmp_path.glob(".*rectlint-tmp"))
    assert notice.read_bytes() == before


def test_runs_in_links_and_tracked_changes_read_and_anchor_as_word_shows_them(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("中共青禾市水利局党组关于巡察整改进展情况的通报")
    document.element.body.insert(1, parse_xml(
        f"<w:p {ns}><w:r><w:t>整改</w:t></w:r><w:hyperlink><w:r><w:t>情况</w:t></w:r></w:hyperlink>"
        "<w:ins w:id='1' w:author='a'><w:r><w:t>：</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='a'><w:r><w:delText>删去的字</w:delText></w:r></w:del>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>"
        "<w:r><w:tab/><w:t>已完成</w:t><w:br/><w:t xml:space='preserve'>截止 目前</w:t></w:r></w:p>"))
    notice = tmp_path / "inline.docx"
    document.save(notice)
    source = read_path(notice)
    assert source.text.splitlines()[1:] == ["整改情况：\t已完成", "截止 目前"]
    start = source.text.index("整改情况：") + 2
    end = source.text.index("止")
    out = tmp_path / "reviewed.docx"
    out.write_bytes(review(source, [_diagnostic(source, start, end), _diagnostic(source, end, end + 3)]))
    ranges = anchored(out)
    assert ranges[0][0] == "情况：\t已完成\n截"  # a line break inside a run is a line of the text
    assert ranges[1][0] == "止 目"
    assert read_path(out).text == source.text
