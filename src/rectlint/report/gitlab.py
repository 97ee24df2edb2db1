"""`--output-format gitlab`: a GitLab Code Quality report (a JSON array), paths relative to the current directory.

Severities: error → critical, warning → minor, info → info (see levels.py for why).
"""

from __future__ import annotations

import hashlib
from typing import Any

from rectlint.diagnostics import Diagnostic
from rectlint.fingerprint import fingerprints
from rectlint.report.base import FileResult, Reporter
from rectlint.report.jsonstream import JsonArray
from rectlint.report.levels import level


def issue(path: str, d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    # rectlint's fingerprint identifies a finding within its file; GitLab needs it unique across the report.
    unique = hashlib.sha256(f"{path}\0{fingerprint}".encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return {"description": f"{d.code} {d.message}", "check_name": f"{d.code} {d.name}", "fingerprint": unique,
            "severity": level("gitlab", d.severity),
            "location": {"path": path, "positions": {"begin": {"line": d.line, "column": d.column},
                                                     "end": {"line": d.end_line, "column": d.end_column}}}}


class Gitlab(Reporter):
    def __init__(self, context) -> None:
        super().__init__(context)
        self.array = JsonArray()

    def file(self, result: FileResult) -> str:
        self.count(result)
        path = self.relative(result.path)
        prints = fingerprints(result.diagnostics)
        return self.array.add([issue(path, d, fp) for d, fp in zip(result.diagnostics, prints, strict=True)])

    def finish(self) -> str:
        return self.array.close()
