"""The JSON contract (`--output-format json`), described by schemas/output.schema.json."""

from __future__ import annotations

import json
from typing import Any

from rectlint import __version__
from rectlint.diagnostics import Diagnostic
from rectlint.report.base import FileResult, ReportContext, Reporter, Statistics


def diagnostic(d: Diagnostic) -> dict[str, Any]:
    return d.to_json()


def file_entry(r: FileResult) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": r.path, "diagnostics": [diagnostic(d) for d in r.diagnostics]}
    if r.encoding is not None:
        entry["encoding"] = r.encoding
    if r.error:
        entry["error"] = r.error
    return entry


def _indented(value: Any, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it nested `level` deep (a string's own newlines are escaped)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


class Json(Reporter):
    """One indented JSON document, written as it grows: each file's entry leaves as soon as the file is
    checked, so memory does not grow with the number of findings."""

    reports_errors = True

    def __init__(self, context: ReportContext) -> None:
        super().__init__(context)
        self.statistics = Statistics() if context.statistics else None
        self.started = False

    def _head(self) -> str:
        """The document up to the opening bracket of "files"."""
        head = _indented({"version": 1, "tool": {"name": "rectlint", "version": __version__}, "files": []}, 0)
        return head[:head.rindex("[") + 1]

    def file(self, result: FileResult) -> str:
        self.count(result)
        if self.statistics is not None:
            self.statistics.add(result)
        lead = ",\n    " if self.started else self._head() + "\n    "
        self.started = True
        return lead + _indented(file_entry(result), 2)

    def finish(self) -> str:
        rest: dict[str, Any] = {
            "summary": {"files": self.files, "diagnostics": sum(self.severities.values()), "errors": self.errors,
                        "by_severity": {k: self.severities.get(k, 0) for k in ("error", "warning", "info")}}}
        if self.statistics is not None:
            rest["statistics"] = self.statistics.rows()
        if self.context.baseline is not None:
            rest["baseline"] = self.context.baseline.report()
        files = "\n  ]" if self.started else self._head() + "]"
        return files + "," + _indented(rest, 0)[1:] + "\n"
