"""`--output-format json-lines`: one JSON object per finding per line (ruff's fields plus rectlint's own).

A file that could not be checked is one line `{"filename", "error"}`. Fields may be added, never renamed.
"""

from __future__ import annotations

from typing import Any

from rectlint.diagnostics import Diagnostic
from rectlint.fingerprint import fingerprints
from rectlint.report.about import rule_url
from rectlint.report.base import FileResult, Reporter
from rectlint.report.jsonstream import dumps
from rectlint.report.positions import edit_positions
from rectlint.source import Position, SourceText


def _at(p: Position) -> dict[str, int]:
    return {"row": p.line, "column": p.column}


def _fix(source: SourceText, d: Diagnostic) -> dict[str, Any] | None:
    if d.fix is None:
        return None
    edits = []
    for e in d.fix.edits:
        start, end = edit_positions(source, e)
        edits.append({"content": e.content, "location": _at(start), "end_location": _at(end)})
    return {"applicability": d.fix.applicability, "message": d.fix.message, "edits": edits}


def finding(result: FileResult, d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    assert result.source is not None
    return {"code": d.code, "name": d.name, "category": str(d.category), "severity": str(d.severity),
            "message": d.message, "filename": result.path, "location": {"row": d.line, "column": d.column},
            "end_location": {"row": d.end_line, "column": d.end_column}, "offset": d.offset,
            "end_offset": d.end_offset, "fix": _fix(result.source, d), "structural_path": d.path,
            "excerpt": d.excerpt, "fingerprint": fingerprint, "url": rule_url()}


class JsonLines(Reporter):
    needs_source = True  # fix edits and columns are positioned in the text
    reports_errors = True

    def file(self, result: FileResult) -> str:
        self.count(result)
        if result.error:
            return dumps({"filename": result.path, "error": result.error}) + "\n"
        prints = fingerprints(result.diagnostics)
        return "".join(dumps(finding(result, d, fp)) + "\n" for d, fp in zip(result.diagnostics, prints, strict=True))
