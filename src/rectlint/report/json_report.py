"""The JSON contract (`--output-format json`), described by schemas/output.schema.json."""

from __future__ import annotations

from json.encoder import encode_basestring as q
from typing import Any

from rectlint import __version__
from rectlint.diagnostics import Diagnostic, Fix
from rectlint.report.base import FileResult, ReportContext, Reporter, Statistics
from rectlint.report.jsonstream import indented

# A file's entry is written by hand in the exact text `indented` gives for it (tests compare the two):
# a run over thousands of cached findings spends most of its time here.
ENTRY, DIAG = "\n      ", "\n          "  # the indentation of an entry's members, of a diagnostic's members
_I = "," + DIAG  # between a diagnostic's members


def entry_text(r: FileResult) -> str:
    """The file's entry in the "files" array: path, diagnostics, encoding and error."""
    if (kept := r.json) is not None:
        return kept if type(kept) is str else kept.decode()
    out = "{" + ENTRY + '"path": ' + q(r.path) + "," + ENTRY + '"diagnostics": '
    out += "[" + ",".join(map(_diagnostic_text, r.diagnostics)) + ENTRY + "]" if r.diagnostics else "[]"
    if r.encoding is not None:
        out += "," + ENTRY + '"encoding": ' + q(r.encoding)
    if r.error:
        out += "," + ENTRY + '"error": ' + q(r.error)
    return out + "\n    }"


def _diagnostic_text(d: Diagnostic) -> str:
    head = _HEADS.get((d.code, d.name, d.category, d.severity))
    if head is None:
        head = _HEADS[d.code, d.name, d.category, d.severity] = (
            f'\n        {{{DIAG}"code": {q(d.code)}{_I}"name": {q(d.name)}{_I}"category": {q(d.category)}'
            f'{_I}"severity": {q(d.severity)}{_I}"message": ')
    return head + q(d.message) + _TAIL % (d.offset, d.end_offset, d.line, d.column, d.end_line, d.end_column,
                                          "null" if d.path is None else q(d.path), q(d.excerpt),
                                          "null" if d.fix is None else _fix_text(d.fix))


# The members of a diagnostic that one rule's findings share, up to the message: written once per rule.
_HEADS: dict[tuple[str, str, str, str], str] = {}
# The members after the message, filled in one operation (15% faster than the f-string of the same text).
_TAIL = (f'{_I}"offset": %d{_I}"end_offset": %d{_I}"line": %d{_I}"column": %d{_I}"end_line": %d{_I}"end_column": %d'
         f'{_I}"path": %s{_I}"excerpt": %s{_I}"fix": %s\n        }}')
FIX, EDIT = DIAG + "  ", DIAG + "      "  # the indentation of a fix's members, of an edit's members


def _fix_text(f: Fix) -> str:
    edits = ",".join(f'{FIX}  {{{EDIT}"start": {e.start:d},{EDIT}"end": {e.end:d},{EDIT}"content": {q(e.content)}'
                     f'{FIX}  }}' for e in f.edits)
    return (f'{{{FIX}"message": {q(f.message)},{FIX}"applicability": {q(f.applicability)},{FIX}"edits": '
            + (f"[{edits}{FIX}]" if f.edits else "[]") + f"{DIAG}}}")


class Json(Reporter):
    """One indented JSON document, written as it grows: each file's entry leaves as soon as the file is
    checked, so memory does not grow with the number of findings."""

    reports_errors = True
    writes_json_findings = True

    def __init__(self, context: ReportContext) -> None:
        super().__init__(context)
        self.statistics = Statistics() if context.statistics else None
        self.started = False

    def _head(self) -> str:
        """The document up to the opening bracket of "files"."""
        head = indented({"version": 1, "tool": {"name": "rectlint", "version": __version__}, "files": []}, 0)
        return head[:head.rindex("[") + 1]

    def file(self, result: FileResult) -> str | bytes:
        self.count(result)
        if self.statistics is not None:
            self.statistics.add(result)
        lead = ",\n    " if self.started else self._head() + "\n    "
        self.started = True
        if type(kept := result.json) is bytes and self.utf8_bytes:
            # the cache's UTF-8 as it is: decoding it to be encoded again cost a sixth of a re-run
            return lead.encode() + kept
        return lead + entry_text(result)

    def finish(self) -> str:
        rest: dict[str, Any] = {
            "summary": {"files": self.files, "diagnostics": sum(self.severities.values()), "errors": self.errors,
                        "by_severity": {k: self.severities.get(k, 0) for k in ("error", "warning", "info")}}}
        if self.statistics is not None:
            rest["statistics"] = self.statistics.rows()
        if self.context.baseline is not None:
            rest["baseline"] = self.context.baseline.report()
        files = "\n  ]" if self.started else self._head() + "]"
        return files + "," + indented(rest, 0)[1:] + "\n"
