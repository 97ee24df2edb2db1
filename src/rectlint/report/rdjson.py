"""`--output-format rdjson`: reviewdog's Diagnostic Format (DiagnosticResult), for `reviewdog -f=rdjson`.

reviewdog counts columns in UTF-8 bytes, 1-based, end exclusive: a Han character is 3 columns wide.
"""

from __future__ import annotations

from typing import Any

from rectlint.diagnostics import Diagnostic
from rectlint.report.about import NAME, homepage, rule_url
from rectlint.report.base import FileResult, Reporter
from rectlint.report.jsonstream import JsonArray, dumps
from rectlint.report.levels import level
from rectlint.report.positions import ByteColumns, edit_positions
from rectlint.source import Position, SourceText


def _range(columns: ByteColumns, start: Position, end: Position) -> dict[str, Any]:
    return {"start": {"line": start.line, "column": columns(start.line, start.column)},
            "end": {"line": end.line, "column": columns(end.line, end.column)}}


def diagnostic(path: str, source: SourceText, d: Diagnostic, columns: ByteColumns) -> dict[str, Any]:
    span = _range(columns, Position(d.line, d.column), Position(d.end_line, d.end_column))
    code = {"value": d.code} | ({"url": url} if (url := rule_url()) else {})
    out: dict[str, Any] = {"message": d.message, "location": {"path": path, "range": span},
                           "severity": level("rdjson", d.severity), "code": code}
    if d.fix:  # suggestions are only proposed on the review; a person accepts them, so unsafe ones are offered too
        out["suggestions"] = [{"range": _range(columns, *edit_positions(source, e)), "text": e.content}
                              for e in d.fix.edits]
    return out


class Rdjson(Reporter):
    needs_source = True  # fix edits and columns are positioned in the text
    def __init__(self, context) -> None:
        super().__init__(context)
        source = {"name": NAME} | ({"url": url} if (url := homepage()) else {})
        self.array = JsonArray(f'{{"source": {dumps(source)}, "diagnostics": [', "]}")

    def file(self, result: FileResult) -> str:
        self.count(result)
        if result.source is None:
            return ""
        path = self.relative(result.path)
        columns = ByteColumns(result.source)
        return self.array.add([diagnostic(path, result.source, d, columns) for d in result.diagnostics])

    def finish(self) -> str:
        return self.array.close()
