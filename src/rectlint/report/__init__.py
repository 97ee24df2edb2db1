"""Reporters: one module per output format, registered here by name.

A new format is one module with a `Reporter` subclass and one line in FORMATS; the CLI's choices,
help and docs come from this table.
"""

from __future__ import annotations

from importlib import import_module

from rectlint.report.base import ReportContext, Reporter

# name → "module:Class", imported only when that format is asked for
FORMATS: dict[str, str] = {
    "concise": "rectlint.report.text:Concise",
    "full": "rectlint.report.text:Full",
    "json": "rectlint.report.json_report:Json",
    "json-lines": "rectlint.report.json_lines:JsonLines",
    "github": "rectlint.report.github:Github",
    "gitlab": "rectlint.report.gitlab:Gitlab",
    "junit": "rectlint.report.junit:Junit",
    "rdjson": "rectlint.report.rdjson:Rdjson",
    "sarif": "rectlint.report.sarif:Sarif",
    "html": "rectlint.report.html:Html",
    "docx": "rectlint.report.docx_review:DocxReview",
}


def reporter(name: str, context: ReportContext) -> Reporter:
    module, _, cls = FORMATS[name].partition(":")
    return getattr(import_module(module), cls)(context)
