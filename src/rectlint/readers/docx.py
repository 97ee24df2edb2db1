"""Word .docx → text: body paragraphs in document order, tables where they stand, numbers as Word shows them.

Each body paragraph is one line; a table row is one line with its cells joined by a tab (paragraphs
within a cell by a space). Headers, footers, footnotes, comments and text boxes are not part of the
notice's running text and are left out. The walk over paragraphs and runs here is also what the
reviewed copy (report/docx_review.py) uses, so an offset maps to the same run in both.
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Iterator
from typing import Any

from rectlint.readers.docx_numbering import Numbering, W
from rectlint.readers.origin import Origin
from rectlint.records import dataclass
from rectlint.source import ReadError, SourceText

CELL_SEPARATOR = "\t"
CELL_PARAGRAPH_SEPARATOR = " "
# Containers whose content is read as if it stood in their place (content controls, custom XML, tracked
# insertions and moves); deleted and moved-away content is not shown by Word and is skipped.
_TRANSPARENT = {W + t for t in ("sdt", "sdtContent", "customXml", "smartTag", "hyperlink", "ins", "moveTo",
                                "fldSimple", "dir", "bdo")}


@dataclass(frozen=True)
class Place:
    """Where a paragraph stands: a body paragraph (1-based count), or a table cell's paragraph."""

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    cell_paragraph: int = 1

    def describe(self, character: int) -> str:
        if self.table is None:
            return f"docx paragraph {self.paragraph}, character {character}"
        inner = f", paragraph {self.cell_paragraph}" if self.cell_paragraph > 1 else ""
        return f"docx table {self.table}, row {self.row}, cell {self.cell}{inner}, character {character}"


@dataclass(frozen=True)
class ParagraphSpan:
    """One paragraph in the extracted text: its Word-generated number (label), then its own text."""

    start: int  # offset of the paragraph's first character (its label's, if numbered) in the extracted text
    label: int  # length of the number Word generates in front of it (no run holds it)
    length: int  # length of the paragraph's own text
    place: Place

    @property
    def text_start(self) -> int:
        return self.start + self.label


class DocxOrigin(Origin):
    """Offsets in the extracted text → paragraphs of the original; keeps the file for a reviewed copy."""

    def __init__(self, paragraphs: list[ParagraphSpan], data: bytes) -> None:
        self.paragraphs = paragraphs
        self.data = data
        self._starts = [p.start for p in paragraphs]

    def index(self, offset: int) -> int:
        """The paragraph at `offset` (the one before it when the offset falls between paragraphs)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def describe(self, offset: int) -> str:
        span = self.paragraphs[self.index(offset)]
        return span.place.describe(min(max(0, offset - span.text_start), span.length) + 1)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(paragraph index, start, end) in each paragraph's own text that [start, end) covers.

        A part that lies only in a paragraph's number gives an empty range at 0; a span that lies only
        between paragraphs gives the empty range at the end of the paragraph before it.
        """
        out = []
        end = max(end, start + 1)
        for i in range(self.index(start), len(self.paragraphs)):
            p = self.paragraphs[i]
            if p.start >= end:
                break
            if p.text_start + p.length <= start:  # the span starts after this paragraph's text
                continue
            a = min(max(0, start - p.text_start), p.length)
            out.append((i, a, min(max(0, end - p.text_start), p.length)))
        if not out:
            i = self.index(start)
            out.append((i, self.paragraphs[i].length, self.paragraphs[i].length))
        return out


def open_document(data: bytes) -> Any:
    """The python-docx Document of `data`; every failure is a one-line ReadError."""
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise ReadError("corrupt .docx (not a Word package)") from None
    except Exception as exc:  # zip, XML and content-type errors all mean the same to the user
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"corrupt .docx ({reason[:120]})") from None


def _flatten(el: Any, wanted: set[str]) -> Iterator[Any]:
    """Children of `el` with a wanted tag, looking through transparent wrappers."""
    for child in el:
        if child.tag in wanted:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _flatten(child, wanted)


def _cell_paragraphs(tc: Any) -> Iterator[Any]:
    """A cell's paragraphs in order, nested tables' cells included."""
    for child in _flatten(tc, {W + "p", W + "tbl"}):
        if child.tag == W + "p":
            yield child
        else:
            for tr in _flatten(child, {W + "tr"}):
                for inner in _flatten(tr, {W + "tc"}):
                    yield from _cell_paragraphs(inner)


def paragraph_lines(body: Any) -> Iterator[list[tuple[Any, Place]]]:
    """The lines of the extracted text: each a list of (w:p element, place), in document order."""
    paragraph = table = 0
    for block in _flatten(body, {W + "p", W + "tbl"}):
        if block.tag == W + "p":
            paragraph += 1
            yield [(block, Place(paragraph=paragraph))]
            continue
        table += 1
        for row, tr in enumerate(_flatten(block, {W + "tr"}), 1):
            line = []
            for cell, tc in enumerate(_flatten(tr, {W + "tc"}), 1):
                line.extend((p, Place(table=table, row=row, cell=cell, cell_paragraph=k))
                            for k, p in enumerate(_cell_paragraphs(tc), 1))
            yield line


def paragraphs(body: Any) -> list[Any]:
    """Every paragraph the text is made of, in the order of its ParagraphSpans."""
    return [p for line in paragraph_lines(body) for p, _ in line]


def _child_text(child: Any) -> str:
    """What one piece of run content shows, as python-docx's Run.text reads it."""
    tag = child.tag
    if tag == W + "t":
        return child.text or ""
    if tag in (W + "tab", W + "ptab"):
        return "\t"
    if tag == W + "br":
        return "\n" if child.get(W + "type", "textWrapping") == "textWrapping" else ""
    if tag == W + "cr":
        return "\n"
    if tag == W + "noBreakHyphen":
        return "-"
    return ""


def _hidden(r: Any) -> bool:
    vanish = r.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in ("0", "false")


def run_content(r: Any) -> list[tuple[Any, str]]:
    """The run's content elements with the text each shows (hidden runs show none)."""
    hidden = _hidden(r)
    return [(c, "" if hidden else _child_text(c)) for c in r if c.tag != W + "rPr"]


def runs(p: Any) -> list[tuple[Any, int, int]]:
    """(w:r, start, end) for each run of a paragraph, offsets into the paragraph's own text."""
    out, at = [], 0
    for r in _flatten(p, {W + "r"}):
        n = sum(len(t) for _, t in run_content(r))
        out.append((r, at, at + n))
        at += n
    return out


def paragraph_text(p: Any) -> str:
    return "".join(t for r in _flatten(p, {W + "r"}) for _, t in run_content(r))


def _part_element(document: Any, reltype: str) -> Any:
    try:
        return document.part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


def read(data: bytes, path: str) -> SourceText:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = open_document(data)
    numbering = Numbering.from_parts(_part_element(document, RT.NUMBERING), _part_element(document, RT.STYLES))
    pieces: list[str] = []
    spans: list[ParagraphSpan] = []
    at = 0
    for line in paragraph_lines(document.element.body):
        for k, (p, place) in enumerate(line):
            if k:
                sep = CELL_SEPARATOR if place.cell_paragraph == 1 else CELL_PARAGRAPH_SEPARATOR
                pieces.append(sep)
                at += len(sep)
            label, text = numbering.label(p), paragraph_text(p)
            spans.append(ParagraphSpan(at, len(label), len(text), place))
            pieces += (label, text)
            at += len(label) + len(text)
        pieces.append("\n")
        at += 1
    text = "".join(pieces)
    if not text.strip():
        raise ReadError("the Word document holds no text")
    return SourceText(path=path, text=text, encoding="utf-8", kind="docx", origin=DocxOrigin(spans, data))
