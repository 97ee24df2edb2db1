"""`--output-format github`: GitHub Actions workflow commands, one annotation per finding.

GitHub shows only 10 errors and 10 warnings per step as annotations, so the plain summary line follows.
"""

from __future__ import annotations

from rectlint.diagnostics import Diagnostic
from rectlint.report.base import FileResult, Reporter
from rectlint.report.levels import level


def escape_data(text: str) -> str:
    """Workflow-command message escaping (actions/toolkit `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property escaping: as the message, plus the separators `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{kind} {props}::{escape_data(message)}\n"


class Github(Reporter):
    def file(self, result: FileResult) -> str:
        self.count(result)
        path = self.relative(result.path)
        if result.error:  # also on stderr (reports_errors is False): the annotation puts it on the pull request
            return command("error", {"title": "rectlint", "file": path}, f"{path}: {result.error}")
        return "".join(self.annotation(path, d) for d in result.diagnostics)

    def annotation(self, path: str, d: Diagnostic) -> str:
        one_line = d.line == d.end_line  # columns only mean something on a single line
        props: dict[str, object] = {"title": f"rectlint ({d.code})", "file": path, "line": d.line}
        if one_line:
            props["col"] = d.column
        props["endLine"] = d.end_line
        if one_line:
            props["endColumn"] = d.end_column
        return command(level("github", d.severity), props, f"{path}:{d.line}:{d.column}: {d.code} {d.message}")

    def finish(self) -> str:
        return self.summary_line() + "\n"
