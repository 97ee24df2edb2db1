"""The HTML report: every finding highlighted in place, the side list, the figures, escaping, determinism."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT
from helpers import MARKUP_NOTICE, html_report
from rectlint.cli import main
from rectlint.report.base import FileResult
from rectlint.report.highlight import Piece, mark_up
from rectlint.report.html import doc_html


def lf(text: str) -> str:
    """What an HTML parser makes of line ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Page(HTMLParser):
    """The parts of the page the tests look at: marks with their text, side-list entries, links, details."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self.open_marks: list[dict] = []
        self.entries: list[dict] = []
        self.links: list[str] = []
        self.ids: Counter[str] = Counter()
        self.tags: Counter[str] = Counter()
        self.details: list[str] = []
        self.text_of: dict[str, list[str]] = {}  # element id → its text, for a few ids
        self.current: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        if "id" in a:
            self.ids[a["id"]] += 1
        for key in ("href", "src"):
            if key in a:
                self.links.append(a[key])
        if tag == "mark":
            mark = {**a, "text": ""}
            self.marks.append(mark)
            self.open_marks.append(mark)
        elif tag == "li" and "finding" in a.get("class", ""):
            self.entries.append(a)
        elif tag == "details":
            self.details.append(a["id"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open_marks.pop()

    def handle_data(self, data: str) -> None:
        for mark in self.open_marks:
            mark["text"] += data


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[str, list[FileResult], Page]:
    html, results = html_report(tmp_path_factory.mktemp("notices"), EXAMPLES)
    return html, results, Page(html)


# ---------------------------------------------------------------------------------------------------
# mark_up


def tags(piece: Piece) -> str:
    return f"<{piece.key}{piece.part}:{piece.start}-{piece.end}>"


def test_nested_spans_nest_and_crossing_spans_are_cut() -> None:
    out = mark_up("abcdefghij", [(0, 5, "A"), (3, 8, "B"), (3, 4, "C"), (1, 2, "D"), (1, 2, "E")], tags, "</>")
    assert out == ("<A0:0-5>a<D0:1-2><E0:1-2>b</></>c<B0:3-5><C0:3-4>d</>e</></><B1:5-8>fgh</>ij")


def test_marked_up_text_is_escaped_and_line_ends_are_lf() -> None:
    out = mark_up("a<!--\r\nb&c\rd", [(1, 6, "A"), (6, 8, "B")], tags, "</>")
    assert out == "a<A0:1-6>&lt;!--</><B0:6-8>\nb</>&amp;c\nd"


def test_spans_are_clamped_and_empty_ones_dropped() -> None:
    assert mark_up("abc", [(2, 9, "A"), (1, 1, "B"), (-3, 1, "C")], tags, "</>") == "<C0:0-1>a</>b<A0:2-3>c</>"


def test_rule_documentation_is_escaped_markdown() -> None:
    out = doc_html("Reports <b> & `9月31日`.\n\n## Example\n```\n<!-- x -->\n```\n- one\n- two\n")
    assert out == ("<p>Reports &lt;b&gt; &amp; <code>9月31日</code>.</p><h4>Example</h4><pre>&lt;!-- x --&gt;</pre>"
                   "<ul><li>one</li><li>two</li></ul>")


def test_rule_documentation_joins_chinese_lines_without_a_space() -> None:
    assert doc_html("写作截止\n目前，\nnot\nhere") == "<p>写作截止目前， not here</p>"


# ---------------------------------------------------------------------------------------------------
# the page


def findings(results: list[FileResult]):
    """(finding id, result, diagnostic) in page order; ids count every file, checked or not."""
    for number, r in enumerate(results, 1):
        for i, d in enumerate(r.diagnostics, 1):
            yield f"f{number}-{i}", r, d


def test_every_finding_is_highlighted_exactly_in_place(report) -> None:
    _, results, page = report
    by_finding: dict[str, list[dict]] = {}
    for m in page.marks:
        by_finding.setdefault(m["data-finding"], []).append(m)
    seen = 0
    for fid, r, d in findings(results):
        pieces = by_finding.pop(fid)
        assert pieces[0]["id"] == fid and all("id" not in p for p in pieces[1:])
        assert pieces[0]["data-code"] == d.code and f"{d.code} " in pieces[0]["title"]
        assert int(pieces[0]["data-start"]) == d.offset and int(pieces[-1]["data-end"]) == d.end_offset
        for a, b in pairwise(pieces):
            assert a["data-end"] == b["data-start"]
        for p in pieces:
            assert p["text"] == lf(r.source.text[int(p["data-start"]):int(p["data-end"])])
            assert f"sev-{d.severity}" in p["class"]
        assert "".join(p["text"] for p in pieces) == lf(d.excerpt)
        seen += 1
    assert not by_finding and seen == sum(len(r.diagnostics) for r in results) > 25


def test_crossing_and_repeated_spans(report) -> None:
    _, results, page = report
    crlf = results[-2]
    fid = {d.code: f for f, r, d in findings(results) if r is crlf}
    pieces = [m for m in page.marks if m["data-finding"] == fid["W005"]]
    assert [p["text"] for p in pieces] == ["进一步规范。", "二是今后"]  # cut where E007 ends
    assert [p.get("data-part") for p in pieces] == [None, "1"]
    spanning = next(m for m in page.marks if m["data-finding"] == fid["S009"])
    assert spanning["text"] == "<!-- 待核 -->。\n\n整改情况"


def test_side_list_has_every_finding_grouped_by_category_and_severity(report) -> None:
    html, results, page = report
    ids = [fid for fid, _, _ in findings(results)]
    assert sorted(e["data-target"] for e in page.entries) == sorted(ids)
    for e in page.entries:
        assert page.ids[e["data-target"]] == 1  # the link's target exists, once
    # within one notice the list runs category by category, and by severity inside each
    article = html.split('<article class="notice" id="file-1"')[1].split("</article>")[0]
    order = re.findall(r'data-category="(\w+)"|<h5 class="sev-(\w+)"', article)
    cats = [c for c, _ in order if c]
    assert cats == sorted(set(cats), key=cats.index) and len(cats) == len(set(cats))


def test_rule_documentation_is_embedded_once_per_rule_used(report) -> None:
    _, results, page = report
    used = {d.code for r in results for d in r.diagnostics}
    assert sorted(page.details) == sorted(f"rule-{c}" for c in used)
    rule_links = {link for link in page.links if link.startswith("#rule-")}
    assert rule_links == {f"#rule-{c}" for c in used}


def test_figures_and_counts(report) -> None:
    html, results, _ = report
    total = sum(len(r.diagnostics) for r in results)
    assert f"发现问题 {total} 处" in html and "无法检查 1" in html
    markup = html.split('data-file="notices/markup.txt"')[1].split("</article>")[0]
    assert '<span class="big">75%</span>' in markup and '<span class="big">80%</span>' in markup
    assert '<p class="verdict bad">不一致</p>' in markup
    assert "<th>已完成</th><td class=\"num\">3</td><td class=\"num\">3</td>" in markup
    assert '检查发现 <span class="count">8</span>' in markup
    grouped = html.split('data-file="examples/layout-theme-grouped.txt"')[1].split("</article>")[0]
    assert "无法比较：通报称问题18个，逐项列出8项" in grouped


def test_index_lists_every_file_and_the_ones_that_could_not_be_checked(report) -> None:
    html, results, _ = report
    index = html.split('<nav class="file-index"')[1].split("</nav>")[0]
    assert index.count("<tr") == len(results) + 1
    assert "notices/gone.txt" in index and "无法检查：</strong>no such file" in index
    assert 'data-file="notices/gone.txt"' not in html


def test_everything_is_escaped_and_self_contained(report) -> None:
    html, _, page = report
    for raw in ("<!-- 待核 -->", "<抽检>", "A&B"):
        assert raw in MARKUP_NOTICE and raw not in html
    assert "&lt;!-- 待核 --&gt;" in html and "&lt;抽检&gt;" in html and "A&amp;B" in html
    assert page.tags["script"] == 1 and page.tags["style"] == 1 and page.tags["link"] == 1
    assert all(link.startswith(("#", "data:")) for link in page.links)
    assert not re.search(r"https?://|url\(", html.split("<main>")[0] + html.split("</main>")[1])
    assert max(page.ids.values()) == 1


def test_output_is_deterministic(tmp_path: Path) -> None:
    pages = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        pages.append(html_report(tmp_path / name, EXAMPLES)[0])
    assert pages[0] == pages[1]


def test_check_writes_the_page_and_names_unreadable_files_on_stderr(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.html"
    r = CliRunner().invoke(main, ["check", "--output-format", "html", "-o", str(out), "examples",
                                  str(tmp_path / "gone.txt")])
    assert r.exit_code == 2
    assert r.stdout == "" and "gone.txt: no such file" in r.stderr
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert page.count('<article class="notice"') == 3 and "no such file" in page


def test_page_snapshot(monkeypatch, file_regression) -> None:
    """The content of the page for one example (styles and script left out: they are not content)."""
    monkeypatch.chdir(ROOT)
    r = CliRunner().invoke(main, ["check", "--output-format", "html", "examples/layout-numbered.txt"])
    assert r.exit_code == 1
    main_part = r.stdout[r.stdout.index("<main>"):r.stdout.index("</main>") + 7]
    file_regression.check(main_part.replace("><", ">\n<"), extension=".html")
