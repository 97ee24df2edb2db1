"""Small helpers shared by the tests."""

from __future__ import annotations

from rectlint.diagnostics import Diagnostic
from rectlint.engine import Settings, analyse, check
from rectlint.registry import select_rules
from rectlint.rule import Document
from rectlint.source import SourceText


def source(text: str, path: str = "<test>") -> SourceText:
    """Already-decoded text (decoding has tests of its own)."""
    return SourceText(path=path, text=text)


def lint(text: str, select: str | None = None, options: dict | None = None) -> list[Diagnostic]:
    rules = select_rules([select]) if select else select_rules()
    opts = {r.code: options for r in rules} if options else {}
    return check(source(text), Settings(rules=rules, options=opts))[1]


def doc_of(text: str) -> Document:
    return analyse(source(text))
