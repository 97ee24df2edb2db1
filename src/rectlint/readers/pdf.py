"""PDF → text: each page's text layer in order, lines that a paragraph wrapped onto joined again.

PDF text comes in visual lines. A line that reaches (nearly) as far right as the page's longest line
was wrapped when the next line is plain text that is not indented (indentation is read from pypdf's
layout mode, when its lines agree with the plain ones); a heading, label or closing line always starts
a line of its own. Bare page numbers (- 2 -, 第2页) are dropped. Positions are reported with their page.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
import unicodedata
from typing import Any

from rectlint.readers.origin import Origin
from rectlint.source import ReadError, SourceText

NO_TEXT = "no text layer (scanned PDF?); run OCR first"
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*[，,/]?\s*共\s*\d+\s*页)?$"
                          r"|^\d+\s*/\s*\d+$")
_MIN_WRAP_WIDTH = 12  # in CJK characters: pages whose longest line is shorter are not re-joined
_SLACK = 2  # a wrapped line may end this many CJK characters short of the widest (punctuation, Latin runs)
_SLACK_UNINDENTED = 3.5  # … and this many when indentation is unknown (a first line is indented by two)
_SPACES = re.compile(r"\s+")


class PdfOrigin(Origin):
    def __init__(self, page_starts: list[int]) -> None:
        self.page_starts = page_starts  # offset where each page's text begins

    def page(self, offset: int) -> int:
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def describe(self, offset: int) -> str:
        return f"pdf page {self.page(offset)}"


def _width(line: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line)


def _continues(line: str) -> bool:
    """Whether `line` can be the rest of a wrapped paragraph (not a heading, label or closing line)."""
    from rectlint.lines import CHROME_PATTERNS, line_kind

    return line_kind(line) == "TEXT" and not any(p.search(line) for _, p in CHROME_PATTERNS)


def _indents(page: Any, lines: list[str]) -> list[int] | None:
    """Each line's indentation beyond the page's left margin, in characters, from pypdf's layout mode."""
    try:
        layout = [ln for ln in page.extract_text(extraction_mode="layout").splitlines() if ln.strip()]
    except Exception:
        return None
    if len(layout) != len(lines):
        return None
    if any(_SPACES.sub("", a) != _SPACES.sub("", b) for a, b in zip(layout, lines, strict=True)):
        return None
    indents = [len(ln) - len(ln.lstrip(" ")) for ln in layout]
    margin = min(indents, default=0)
    return [k - margin for k in indents]


def page_lines(data: bytes) -> list[list[tuple[str, int | None]]]:
    """Each page's non-blank lines with their indentation (None if unknown); ReadError if unreadable."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns about harmless damage on stderr
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # only an owner password: readable as is
            except Exception as exc:
                raise ReadError(f"encrypted PDF that cannot be opened ({str(exc)[:80]})") from None
            if not opened:
                raise ReadError("encrypted PDF (password required); remove the password first")
        pages = []
        for number, page in enumerate(reader.pages, 1):
            try:
                lines = [ln for ln in (page.extract_text() or "").splitlines() if ln.strip()]
            except Exception as exc:
                raise ReadError(f"cannot read the text of page {number} ({str(exc)[:80]})") from None
            indents = _indents(page, lines) if lines else None
            pages.append([(ln.strip(), indents[k] if indents else None) for k, ln in enumerate(lines)])
        return pages
    except ReadError:
        raise
    except Exception as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"corrupt PDF ({reason[:120]})") from None


def read(data: bytes, path: str) -> SourceText:
    pages = page_lines(data)
    if not any(pages):
        raise ReadError(NO_TEXT)
    out: list[str] = []
    starts: list[int] = []
    at = 0  # length of the text so far, a line end after each line
    wrapped = False  # the last line ran to the right margin
    for lines in pages:
        lines = [(ln, indent) for ln, indent in lines if not _PAGE_NUMBER.match(ln)]
        extent = [(indent or 0) + _width(ln) for ln, indent in lines]
        widest = max(extent, default=0)
        slack = _SLACK if lines and lines[0][1] is not None else _SLACK_UNINDENTED
        starts.append(at)
        for k, (line, indent) in enumerate(lines):
            if wrapped and not indent and _continues(line):
                if k == 0:
                    starts[-1] = at - 1
                out[-1] += line
                at += len(line)
            else:
                out.append(line)
                at += len(line) + 1
            wrapped = widest >= _MIN_WRAP_WIDTH and extent[k] >= widest - slack
    if not out:
        raise ReadError(NO_TEXT)
    return SourceText(path=path, text="\n".join(out) + "\n", kind="pdf", origin=PdfOrigin(starts))
