"""`--output-format docx`: the Word notice handed back with one comment per finding.

Each comment is anchored to exactly the characters the finding points at: runs are split at the span's
ends (the pieces keep the run's formatting), and a span over several paragraphs of one container gets
one comment range across them. A finding in a number Word generates (no run holds it) is anchored to
the paragraph's first run. The copy is built from the bytes that were read; the input file is never
written.
"""

from __future__ import annotations

import io
from copy import deepcopy
from pathlib import Path
from typing import Any

from rectlint.diagnostics import Diagnostic
from rectlint.discover import Target
from rectlint.report.base import FileResult, Reporter, ReportError
from rectlint.source import SourceText

AUTHOR = "rectlint"
INITIALS = "RL"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class DocxReview(Reporter):
    binary = True
    needs_source = True  # the review copy is rebuilt from the document that was read

    def __init__(self, context) -> None:
        super().__init__(context)
        self.reviewed: bytes | None = None

    def usage_error(self, targets: list[Target]) -> str | None:
        if len(targets) != 1:
            return f"--output-format docx needs exactly one .docx input, not {len(targets)}"
        path, out = targets[0].path, self.context.output_file
        if not out:
            return "--output-format docx writes a Word file: name it with -o FILE"
        if path is not None and Path(out).resolve() == path.resolve():
            return "--output-format docx: -o must name a new file; the input is never overwritten"
        return None

    def file(self, result: FileResult) -> bytes:
        self.count(result)
        if result.source is None:
            return b""
        if result.source.kind != "docx":
            raise ReportError(f"--output-format docx needs a .docx input; {result.path} was read as "
                              f"{result.source.kind}")
        self.reviewed = review(result.source, result.diagnostics)
        return b""

    def finish(self) -> bytes:
        if self.reviewed is None:
            raise ReportError("no reviewed document written: the input could not be checked")
        return self.reviewed


def comment_text(d: Diagnostic, note: str = "") -> list[str]:
    """The paragraphs of one finding's comment."""
    lines = [f"{d.code} {d.name}: {d.message}{note}"]
    if d.fix:
        lines.append(f"建议：{d.fix.message}")
    return lines


def review(source: SourceText, diagnostics: list[Diagnostic]) -> bytes:
    """A copy of the .docx that `source` was read from, with a comment for each diagnostic."""
    from docx.text.run import Run

    from rectlint.readers.docx import DocxOrigin, open_document, paragraphs

    origin = source.origin
    assert isinstance(origin, DocxOrigin)
    document = open_document(origin.data)
    paras = paragraphs(document.element.body)
    for d in diagnostics:
        first, last, note = _anchor(paras, origin, d)
        head, *rest = comment_text(d, note)
        comment = document.add_comment([Run(first, document), Run(last, document)], text=head, author=AUTHOR,
                                       initials=INITIALS)
        for line in rest:
            comment.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _anchor(paras: list[Any], origin: Any, d: Diagnostic) -> tuple[Any, Any, str]:
    """The first and last run (w:r) of the comment range for `d`, and a note for the comment if any."""
    parts = origin.overlapping(d.offset, d.end_offset)
    i, a, _ = parts[0]
    # One range may cross paragraphs of one container (body, or one cell), never out of it.
    same = [part for part in parts if paras[part[0]].getparent() is paras[i].getparent()]
    same = [part for k, part in enumerate(same) if part[0] == i + k]
    j, _, b = same[-1]
    note = "（仅标注了所在段落的部分）" if len(same) < len(parts) else ""
    if a == b and i == j:  # only in Word's own numbering, or between paragraphs: the nearest run
        run = _first_run(paras[i]) if a == 0 else _last_run(paras[i])
        return run, run, note
    start = _run_starting_at(paras[i], a) if a < _length(paras[i]) else _last_run(paras[i])
    end = _run_ending_at(paras[j], b) if b > 0 else _first_run(paras[j])
    return start, end, note


def _length(p: Any) -> int:
    from rectlint.readers.docx import runs

    pieces = runs(p)
    return pieces[-1][2] if pieces else 0


def _first_run(p: Any) -> Any:
    return _text_run(p, first=True)


def _last_run(p: Any) -> Any:
    return _text_run(p, first=False)


def _text_run(p: Any, first: bool) -> Any:
    """The paragraph's first (or last) run that shows text; any run if none does; a new empty one if it has none."""
    from rectlint.readers.docx import runs

    pieces = runs(p) if first else runs(p)[::-1]
    if not pieces:
        return p.add_r()
    return next((r for r, s, e in pieces if e > s), pieces[0][0])


def _run_starting_at(p: Any, k: int) -> Any:
    """The run whose text starts at character k of the paragraph, splitting one if needed."""
    from rectlint.readers.docx import runs

    for r, s, e in runs(p):
        if s <= k < e:
            return r if s == k else split_run(r, k - s)
    return _last_run(p)


def _run_ending_at(p: Any, k: int) -> Any:
    """The run whose text ends at character k of the paragraph, splitting one if needed."""
    from rectlint.readers.docx import runs

    for r, s, e in runs(p):
        if s < k <= e:
            if e > k:
                split_run(r, k - s)
            return r
    return _last_run(p)


def split_run(r: Any, k: int) -> Any:
    """Split run `r` after its k-th character; `r` keeps the start, the returned copy holds the rest.

    Both keep the run's properties (w:rPr); content that shows no text (field characters, drawings)
    stays with the part before the split.
    """
    from rectlint.readers.docx import run_content

    right = deepcopy(r)
    at = 0
    for (mine, text), (theirs, _) in zip(run_content(r), run_content(right), strict=True):
        n = len(text)
        if at + n <= k:
            right.remove(theirs)
        elif at >= k:
            r.remove(mine)
        else:  # a w:t across the split
            cut = k - at
            mine.text, theirs.text = text[:cut], text[cut:]
            mine.set(_XML_SPACE, "preserve")
            theirs.set(_XML_SPACE, "preserve")
        at += n
    r.addnext(right)
    return right
