"""Human formats: `concise` (one line per finding) and `full` (with the source line and a caret)."""

from __future__ import annotations

import unicodedata

from rectlint.diagnostics import Diagnostic
from rectlint.report.base import FileResult, Reporter, Statistics


def width(text: str) -> int:
    """Display width in terminal cells: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


class Concise(Reporter):
    """`path:line:col: CODE [*] [severity] message`, one line per finding, then a summary line."""

    def __init__(self, context) -> None:
        super().__init__(context)
        self.statistics = Statistics() if context.statistics else None

    def file(self, result: FileResult) -> str:
        self.count(result)
        if self.statistics is not None:
            self.statistics.add(result)
            return ""
        return "".join(self.render(result, d) + "\n" for d in result.diagnostics)

    def render(self, result: FileResult, d: Diagnostic) -> str:
        mark = " [*]" if d.fix and d.fix.applicability == "safe" else ""
        return f"{result.path}:{d.line}:{d.column}: {d.code}{mark} [{d.severity}] {d.message}"

    def finish(self) -> str:
        rows = self.statistics.rows() if self.statistics is not None else []
        table = "".join(f"{r['count']:>5}  {r['code']}  {r['name']}  [{r['severity']}]\n" for r in rows)
        return table + self.summary_line() + "\n"


CONTEXT = 200  # characters of a long line shown on each side of a finding in `full`


class Full(Concise):
    """Each finding with its source line, a caret under the span, and the fix when there is one.

    For a Word, HTML or PDF input the line shown is from the extracted text, and the position says
    where that is in the original (docx paragraph and character, PDF page).
    """

    needs_source = True

    def render(self, r: FileResult, d: Diagnostic) -> str:
        assert r.source is not None
        out = []
        start, stop = r.source.line_bounds(d.line)
        size = stop - start
        gutter = len(str(d.end_line if d.end_line == d.line else d.line))
        col0 = d.column - 1
        end = d.end_column - 1 if d.end_line == d.line else min(size, col0 + CONTEXT)
        end = max(end, col0 + 1)
        # A line is shown from CONTEXT characters before the span to CONTEXT after it: a notice's paragraph
        # whole, but not a line of megabytes once per finding on it (output and time grew as their product),
        # and only that much of it is copied.
        first, last = max(0, col0 - CONTEXT), min(size, end + CONTEXT)
        head, tail = "…" if first else "", "…" if last < size else ""
        line = head + r.source.text[start + first:start + last].replace("\t", " ") + tail
        col0, end = col0 - first + len(head), end - first + len(head)
        pad = " " * width(line[:col0])
        carets = "^" * max(1, width(line[col0:end]))
        where = f" ({r.source.origin.describe(d.offset)})" if r.source.origin else ""
        out.append(f"{d.code} [{d.severity}] {d.message}\n"
                   f"{' ' * gutter}--> {r.path}:{d.line}:{d.column}{where}\n"
                   f"{' ' * gutter} |\n"
                   f"{d.line:>{gutter}} | {line}\n"
                   f"{' ' * gutter} | {pad}{carets}")
        if d.fix:
            out.append(f"{' ' * gutter} = {'fix' if d.fix.applicability == 'safe' else 'suggestion'}: "
                       f"{d.fix.message}")
        return "\n".join(out) + "\n"  # a blank line between findings
