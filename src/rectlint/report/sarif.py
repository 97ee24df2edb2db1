"""`--output-format sarif`: SARIF 2.1.0, one run, for GitHub code scanning (upload-sarif) and other viewers.

Columns count code points (columnKind unicodeCodePoints), as every rectlint position does; URIs are relative
to %SRCROOT% (the current directory). partialFingerprints carry rectlint's own finding identity, which does
not move when other parts of the notice are edited, so code scanning keeps an alert across such edits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from rectlint.diagnostics import Diagnostic
from rectlint.fingerprint import fingerprints
from rectlint.report.about import NAME, VERSION, homepage, rule_url, rules_by_code, section
from rectlint.report.base import FileResult, ReportContext, Reporter
from rectlint.report.jsonstream import indented
from rectlint.report.levels import level

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"


def descriptor(code: str) -> dict[str, Any]:
    """The rule's reportingDescriptor: its documentation is the help code scanning shows beside an alert."""
    rule = rules_by_code().get(code)
    if rule is None:
        return {"id": code}
    doc, summary = rule.documentation(), rule.summary()
    out: dict[str, Any] = {
        "id": rule.code, "name": rule.name, "shortDescription": {"text": summary},
        "fullDescription": {"text": section(doc, "What it does") or summary},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": level("sarif", rule.severity)},
        "properties": {"tags": [str(rule.category)]},
    }
    if url := rule_url():
        out["helpUri"] = url
    return out


class Sarif(Reporter):
    """The run's results are written as files are checked (memory does not grow with the findings); the
    tool, its rule descriptions and the invocation follow them (member order means nothing in JSON)."""

    reports_errors = True

    def __init__(self, context: ReportContext) -> None:
        super().__init__(context)
        self.rule_index: dict[str, int] = {}  # rules in the order their first result came
        self.notifications: list[dict[str, Any]] = []
        self.started = False

    def artifact(self, path: str) -> dict[str, str]:
        rel = self.relative(path)
        if Path(rel).is_absolute():
            return {"uri": Path(rel).as_uri()}
        return {"uri": quote(rel, safe="/", errors="surrogateescape"), "uriBaseId": ROOT_ID}

    def file(self, result: FileResult) -> str:
        self.count(result)
        where = self.artifact(result.path)
        if result.error:
            self.notifications.append({"level": "error", "message": {"text": f"{result.path}: {result.error}"},
                                       "locations": [{"physicalLocation": {"artifactLocation": where}}]})
        prints = fingerprints(result.diagnostics)
        out = []
        for d, fp in zip(result.diagnostics, prints, strict=True):
            out.append(("," if self.started else _HEAD) + "\n        " + indented(self.result(where, d, fp), 4))
            self.started = True
        return "".join(out)

    def result(self, where: dict[str, str], d: Diagnostic, fingerprint: str) -> dict[str, Any]:
        region: dict[str, Any] = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line,
                                  "endColumn": d.end_column, "charOffset": d.offset,
                                  "charLength": d.end_offset - d.offset}
        if len(d.excerpt) == d.end_offset - d.offset:  # excerpts are cut at 200 characters
            region["snippet"] = {"text": d.excerpt}
        out: dict[str, Any] = {
            "ruleId": d.code, "ruleIndex": self.rule_index.setdefault(d.code, len(self.rule_index)),
            "level": level("sarif", d.severity), "message": {"text": d.message},
            "locations": [{"physicalLocation": {"artifactLocation": where, "region": region}}],
            "partialFingerprints": {"rectlint/v1": fingerprint},
        }
        if d.path:
            out["properties"] = {"structuralPath": d.path}
        if d.fix and d.fix.applicability == "safe":
            replacements = [{"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                             "insertedContent": {"text": e.content}} for e in d.fix.edits]
            out["fixes"] = [{"description": {"text": d.fix.message},
                             "artifactChanges": [{"artifactLocation": where, "replacements": replacements}]}]
        return out

    def run_tail(self) -> dict[str, Any]:
        """The run's members after its results."""
        # Only the rules that have results are described: each description carries the rule's whole
        # documentation, and a viewer needs descriptors only for the ruleIds it shows. The selection the
        # run used is in invocations[0].arguments.
        driver: dict[str, Any] = {"name": NAME, "version": VERSION, "rules": [descriptor(c) for c in self.rule_index]}
        if home := homepage():
            driver["informationUri"] = home
        invocation: dict[str, Any] = {"executionSuccessful": not self.errors, "arguments": self.context.argv}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        return {"tool": {"driver": driver}, "invocations": [invocation],
                "originalUriBaseIds": {ROOT_ID: {"uri": self.context.root.resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints"}

    def finish(self) -> str:
        results = "\n      ]" if self.started else _HEAD + "]"
        return results + "," + indented(self.run_tail(), 2)[1:] + "\n  ]\n}\n"


# The document up to the opening bracket of the one run's results.
_HEAD = indented({"$schema": SCHEMA, "version": "2.1.0", "runs": [{"results": []}]}, 0).rsplit("[", 1)[0] + "["
