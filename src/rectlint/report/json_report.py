"""The JSON contract (`--output-format json`), described by schemas/output.schema.json."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from rectlint import __version__
from rectlint.report.base import FileResult

FIELDS = ("code", "name", "category", "severity", "message", "line", "column", "end_line", "end_column",
          "offset", "end_offset", "path", "excerpt", "fix")


def document(results: Iterable[FileResult]) -> dict[str, Any]:
    files = []
    severities: Counter[str] = Counter()
    errors = 0
    for r in results:
        entry: dict[str, Any] = {"path": r.path, "diagnostics": []}
        if r.source is not None:
            entry["encoding"] = r.source.encoding
        if r.error:
            entry["error"] = r.error
            errors += 1
        for d in r.diagnostics:
            entry["diagnostics"].append(d.model_dump(mode="json", include=set(FIELDS)))
            severities[str(d.severity)] += 1
        files.append(entry)
    return {"version": 1, "tool": {"name": "rectlint", "version": __version__}, "files": files,
            "summary": {"files": len(files), "diagnostics": sum(severities.values()), "errors": errors,
                        "by_severity": {k: severities.get(k, 0) for k in ("error", "warning", "info")}}}


def render(results: Iterable[FileResult]) -> str:
    return json.dumps(document(results), ensure_ascii=False, indent=2)
