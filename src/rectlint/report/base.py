"""What every reporter receives: one result per input file, in the order the files were given."""

from __future__ import annotations

from dataclasses import dataclass, field

from rectlint.diagnostics import Diagnostic
from rectlint.source import SourceText


@dataclass
class FileResult:
    path: str
    source: SourceText | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # set when the file could not be read
