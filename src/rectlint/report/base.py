"""What every reporter receives, and the shape every reporter has.

Reporters stream: `file()` is called once per input as soon as it is checked (in input order) and may
return text to write at once; `finish()` returns what is left. Document formats (JSON, SARIF…) keep only
the small per-finding data they need, never the sources, unless the format shows the text itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any

from rectlint.diagnostics import Diagnostic
from rectlint.discover import Target
from rectlint.records import dataclass
from rectlint.source import SourceText


class ReportError(Exception):
    """The report cannot be produced as asked (wrong inputs for the format); one line for the user."""


@dataclass
class FileResult:
    """What checking one file gave: its findings, or the error that stopped it."""

    path: str
    source: SourceText | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # set when the file could not be read or checked
    summary: dict[str, Any] = field(default_factory=dict)  # per-notice figures (items by status, rates)
    encoding: str | None = None  # how the input was decoded
    # The file's entry in the JSON report, when the run has that text already (the results cache keeps it, in
    # UTF-8 bytes): written as it is. Not an argument of __init__, so a copy by dataclasses.replace (a
    # baseline's) goes without.
    json: str | bytes | None = field(default=None, init=False, repr=False, compare=False)

    def tally(self) -> dict[tuple[str, str, str], int] | None:
        """(code, name, severity) -> number of findings, when known without making them (None: count them)."""
        return None


class CachedResult(FileResult):
    """A result read from the results cache: its findings are made from the cache's rows only when something
    reads them. A JSON report does not: it writes the text the cache kept, and takes the totals from the tally."""

    _made: list[Diagnostic] | None = None  # the findings, once made (or set)
    _tally: dict[tuple[str, str, str], int] | None = None
    _make: Callable[[], list[Diagnostic]]  # makes them from the cache's rows

    @classmethod
    def lazy(cls, path: str, encoding: str | None, summary: dict[str, Any], tally: dict[tuple[str, str, str], int],
             text: bytes, make: Callable[[], list[Diagnostic]]) -> CachedResult:
        result = cls(path, summary=summary, encoding=encoding)
        result._made, result._tally, result._make, result.json = None, tally, make, text
        return result

    @property
    def diagnostics(self) -> list[Diagnostic]:
        if self._made is None:
            self._made, self.json = self._make(), None  # the list may change now: the text would not follow
        return self._made

    @diagnostics.setter
    def diagnostics(self, value: list[Diagnostic]) -> None:
        self._made, self.json = value, None

    def tally(self) -> dict[tuple[str, str, str], int] | None:
        return self._tally if self._made is None else None


@dataclass
class ReportContext:
    """What a reporter may need beyond the results."""

    statistics: bool = False
    root: Path = field(default_factory=Path.cwd)  # paths in reports are made relative to it where they can be
    output_file: str | None = None
    argv: list[str] = field(default_factory=list)
    baseline: Any = None  # rectlint.baseline.Baseline when the run uses one; finished before Reporter.finish()


class Reporter:
    """Base reporter: counts what it sees so every format can end with the same totals."""

    binary = False  # True: file()/finish() return bytes (e.g. docx)
    needs_source = False  # True: results must keep the decoded text (the report shows it)
    reports_errors = False  # True: file-level errors appear in the report itself, not only on stderr
    needs_summary = False  # True: the runner fills FileResult.summary (per-notice figures) for this format
    writes_json_findings = False  # True: a file's findings are written in the entry json_report.entry_text renders
    # Set by the caller when the report goes to a stream that encodes text in UTF-8 as it is (no newline
    # translation), where bytes that file() returns are written as they are.
    utf8_bytes = False

    def __init__(self, context: ReportContext) -> None:
        self.context = context
        self.severities: Counter[str] = Counter()
        self.files = 0
        self.errors = 0

    def count(self, result: FileResult) -> None:
        self.files += 1
        self.errors += bool(result.error)
        if (tally := result.tally()) is None:
            self.severities.update(str(d.severity) for d in result.diagnostics)
        else:
            for (_, _, severity), n in tally.items():
                self.severities[severity] += n

    def usage_error(self, targets: list[Target]) -> str | None:
        """Why this format cannot report on these inputs, if it cannot (checked before any is read)."""
        return None

    def file(self, result: FileResult) -> str | bytes:
        self.count(result)
        return b"" if self.binary else ""

    def finish(self) -> str | bytes:
        return b"" if self.binary else ""

    def summary_line(self) -> str:
        total = sum(self.severities.values())
        sev = self.severities
        checked = self.files - self.errors
        if not total:
            head = "No findings"
        else:
            head = (f"Found {total} finding{'s' if total != 1 else ''} "
                    f"({sev['error']} error, {sev['warning']} warning, {sev['info']} info)")
        tail = f" in {checked} file{'s' if checked != 1 else ''}"
        errors = self.errors
        return head + tail + (f"; {errors} file{'s' if errors != 1 else ''} could not be checked." if errors else ".")

    def relative(self, path: str) -> str:
        """`path` relative to the report root when it lies under it, with forward slashes."""
        p = Path(path)
        try:
            return p.resolve().relative_to(self.context.root.resolve()).as_posix() if p.is_absolute() or \
                p.exists() else p.as_posix()
        except (ValueError, OSError):
            return p.as_posix()


class Statistics:
    """Counts per rule, for --statistics."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str, str]] = Counter()

    def add(self, result: FileResult) -> None:
        if (tally := result.tally()) is None:
            self.counts.update((d.code, d.name, str(d.severity)) for d in result.diagnostics)
        else:
            self.counts.update(tally)

    def rows(self) -> list[dict[str, Any]]:
        return [{"code": c, "name": n, "severity": s, "count": k}
                for (c, n, s), k in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))]
