"""Human formats: `concise` (one line per finding) and `full` (with the source line and a caret)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from rectlint.report.base import FileResult


def width(text: str) -> int:
    """Display width in terminal cells: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


def concise(results: Iterable[FileResult]) -> str:
    out = []
    for r in results:
        for d in r.diagnostics:
            mark = " [*]" if d.fix and d.fix.applicability == "safe" else ""
            out.append(f"{r.path}:{d.line}:{d.column}: {d.code}{mark} [{d.severity}] {d.message}")
    return "\n".join(out)


def full(results: Iterable[FileResult]) -> str:
    out = []
    for r in results:
        for d in r.diagnostics:
            assert r.source is not None
            line = r.source.line_text(d.line).replace("\t", " ")
            gutter = len(str(d.end_line if d.end_line == d.line else d.line))
            col0 = d.column - 1
            end = d.end_column - 1 if d.end_line == d.line else len(line)
            end = max(end, col0 + 1)
            pad = " " * width(line[:col0])
            carets = "^" * max(1, width(line[col0:end]))
            out.append(f"{d.code} [{d.severity}] {d.message}\n"
                       f"{' ' * gutter}--> {r.path}:{d.line}:{d.column}\n"
                       f"{' ' * gutter} |\n"
                       f"{d.line:>{gutter}} | {line}\n"
                       f"{' ' * gutter} | {pad}{carets}")
            if d.fix:
                out.append(f"{' ' * gutter} = {'fix' if d.fix.applicability == 'safe' else 'suggestion'}: "
                           f"{d.fix.message}")
            out.append("")
    return "\n".join(out).rstrip("\n")
