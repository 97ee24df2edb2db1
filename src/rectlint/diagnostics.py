"""Diagnostics: what a rule reports, located in the decoded text."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


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


class Edit(BaseModel):
    """Replace text[start:end] with `content`."""

    model_config = ConfigDict(defer_build=True)  # built by rectlint.model.build; the schema only for JSON

    start: int
    end: int
    content: str


class Fix(BaseModel):
    model_config = ConfigDict(defer_build=True)

    message: str
    applicability: str = "safe"  # safe | unsafe
    edits: list[Edit]


class Diagnostic(BaseModel):
    model_config = ConfigDict(defer_build=True)

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


def diagnostic_from_json(d: dict) -> Diagnostic:
    """A Diagnostic from its own JSON form (model_dump(mode="json")), built without validation: the cache
    stores only what rectlint wrote, and a re-run over thousands of cached findings must stay fast."""
    from rectlint.model import build

    fix = d.get("fix")
    if fix is not None:
        fix = build(Fix, message=fix["message"], applicability=fix["applicability"],
                    edits=[build(Edit, **e) for e in fix["edits"]])
    return build(Diagnostic, **{**d, "category": Category(d["category"]), "severity": Severity(d["severity"]),
                                "fix": fix})
