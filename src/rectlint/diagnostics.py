"""Diagnostics: what a rule reports, located in the decoded text."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from rectlint.records import dataclass


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
    """A fix of a finding: the edits that make it, and whether applying them is safe."""

    message: str
    applicability: str = "safe"  # safe | unsafe
    edits: list[Edit]


@dataclass(slots=True)  # positional too: the cache rebuilds findings from rows
class Diagnostic:
    """A finding as reported: the rule, its message and where it is in the notice."""

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

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as the class and its fields: results come back from worker processes pickled, and a finding
        then unpickles in one constructor call (the category and severity members are pickled once per task
        and shared), in a fraction of the generic form's time."""
        return Diagnostic, (self.code, self.name, self.category, self.severity, self.message, self.offset,
                            self.end_offset, self.line, self.column, self.end_line, self.end_column, self.path,
                            self.excerpt, self.fix)

    def to_row(self) -> list[Any]:
        """Every field as a JSON value, in declared order (the results cache keeps findings this way)."""
        f = self.fix
        fix = f and [f.message, f.applicability, [[e.start, e.end, e.content] for e in f.edits]]
        return [self.code, self.name, self.category.value, self.severity.value, self.message, self.offset,
                self.end_offset, self.line, self.column, self.end_line, self.end_column, self.path, self.excerpt, fix]


def diagnostic_from_row(row: list[Any]) -> Diagnostic:
    """A Diagnostic from its `to_row` form (the list is reused), built without validation: the cache stores
    only what rectlint wrote, and a re-run over thousands of cached findings must stay fast."""
    row[2], row[3] = _CATEGORIES[row[2]], _SEVERITIES[row[3]]
    if (fix := row[13]) is not None:
        row[13] = Fix(message=fix[0], applicability=fix[1],
                      edits=[Edit(start=a, end=b, content=c) for a, b, c in fix[2]])
    return Diagnostic(*row)


# value → member without the cost of calling the enum class
_CATEGORIES: dict[str, Category] = {c.value: c for c in Category}
_SEVERITIES: dict[str, Severity] = {s.value: s for s in Severity}
