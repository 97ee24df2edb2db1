"""How each CI format names rectlint's three severities, in one table so the formats cannot drift apart."""

from __future__ import annotations

from rectlint.diagnostics import Severity

LEVELS: dict[str, dict[str, str]] = {
    "sarif": {"error": "error", "warning": "warning", "info": "note"},
    "github": {"error": "error", "warning": "warning", "info": "notice"},
    # GitLab Code Quality grades info < minor < major < critical < blocker. A rectlint error is a statement the
    # notice gets wrong (an impossible date, parts that do not add up), which must be mended before the notice
    # is published: critical. Warnings are doubtful wording or missing evidence: minor. Blocker is not used.
    "gitlab": {"error": "critical", "warning": "minor", "info": "info"},
    "rdjson": {"error": "ERROR", "warning": "WARNING", "info": "INFO"},
}


def level(fmt: str, severity: Severity | str) -> str:
    return LEVELS[fmt][str(severity)]
