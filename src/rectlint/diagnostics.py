"""Diagnostics: what a rule reports, located in the decoded text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Category(StrEnum):
    STRUCTURE = "structure"
    DATES = "dates"
    COUNTS = "counts"
    EVIDENCE = "evidence"
    STATUS = "status"
    NUMBERING = "numbering"
    WORDING = "wording"
    PUNCTUATION = "punctuation"
    FORMULATION = "formulation"
    SUPPRESSION = "suppression"  # reports on suppression comments (rectlint.suppress)

    @property
    def label(self) -> str:
        """The category's name for Chinese readers (reports for reviewers)."""
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    Category.STRUCTURE: "结构", Category.DATES: "日期", Category.COUNTS: "数字", Category.EVIDENCE: "佐证",
    Category.STATUS: "整改状态", Category.NUMBERING: "序号", Category.WORDING: "用词",
    Category.PUNCTUATION: "标点", Category.FORMULATION: "提法", Category.SUPPRESSION: "抑制注释",
}


@dataclass(slots=True, kw_only=True)
class Edit:
    """Replace text[start:end] with `content`."""

    start: int
    end: int
    content: str


@dataclass(slots=True, kw_only=True)
class Fix:
    message: str
    applicability: str = "safe"  # safe | unsafe
    edits: list[Edit]

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message, "applicability": self.applicability,
                "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in self.edits]}


@dataclass(slots=True, kw_only=True)
class Diagnostic:

    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    offset: int
    end_offset: int
    line: int
    column: int
    end_line: int
    end_column: int
    path: str | None = None  # structural place, e.g. "items/9/response"
    excerpt: str = ""
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (self.offset, self.end_offset, self.code)

    def to_json(self) -> dict[str, Any]:
        """Every field as JSON values, in declared order (the cache's and the JSON reports' form)."""
        return {"code": self.code, "name": self.name, "category": self.category.value,
                "severity": self.severity.value, "message": self.message, "offset": self.offset,
                "end_offset": self.end_offset, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "path": self.path, "excerpt": self.excerpt,
                "fix": self.fix.to_json() if self.fix is not None else None}


def diagnostic_from_json(d: dict) -> Diagnostic:
    """A Diagnostic from its own JSON form (`to_json`), built without validation: the cache stores only what
    rectlint wrote, and a re-run over thousands of cached findings must stay fast."""
    fix = d["fix"]
    if fix is not None:
        fix = Fix(message=fix["message"], applicability=fix["applicability"], edits=[Edit(**e) for e in fix["edits"]])
    return Diagnostic(**{**d, "category": Category(d["category"]), "severity": Severity(d["severity"]), "fix": fix})
