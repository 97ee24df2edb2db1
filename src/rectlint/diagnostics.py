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
