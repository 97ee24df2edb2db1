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


class Json(Reporter):
    reports_errors = True

    def __init__(self, context: ReportContext) -> None:
        super().__init__(context)
        self.entries: list[dict[str, Any]] = []
        self.statistics = Statistics() if context.statistics else None

    def file(self, result: FileResult) -> str:
        self.count(result)
        self.entries.append(file_entry(result))
        if self.statistics is not None:
            self.statistics.add(result)
        return ""

    def document(self) -> dict[str, Any]:
        doc = {"version": 1, "tool": {"name": "rectlint", "version": __version__}, "files": self.entries,
               "summary": {"files": self.files, "diagnostics": sum(self.severities.values()), "errors": self.errors,
                           "by_severity": {k: self.severities.get(k, 0) for k in ("error", "warning", "info")}}}
        if self.statistics is not None:
            doc["statistics"] = self.statistics.rows()
        if self.context.baseline is not None:
            doc["baseline"] = self.context.baseline.report()
        return doc

    def finish(self) -> str:
        return json.dumps(self.document(), ensure_ascii=False, indent=2) + "\n"
