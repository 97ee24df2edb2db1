"""Small helpers shared by the tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rectlint import registry
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


# A rule pack of both kinds, as a team would keep next to its notices.
GOOD_PACK = """
pack: local
rules:
  - code: LX001
    name: old-ministry-name
    kind: substitution
    category: wording
    severity: warning
    summary: The ministry's name before the 2018 reform.
    message: "“{match}”应为“{replacement}”"
    swap:
      - pattern: 国家生态环境部
        replacement: 生态环境部
        safe: true
    doc: {what: a, why: b, example: c, use_instead: d}
  - code: LX002
    name: banned-phrase
    kind: existence
    category: wording
    severity: info
    summary: A phrase the house style bans.
    message: "避免使用“{match}”"
    tokens: [高度重视]
    exceptions: [高度重视并]
    doc: {what: a, why: b, example: c, use_instead: d}
"""


@contextmanager
def installed_plugin(folder: Path, monkeypatch, module: str) -> Iterator[None]:
    """The module `folder/module.py` installed as a distribution declaring the `rectlint.rules` entry point,
    for as long as the block runs (the registry is rebuilt on the way in and out)."""
    dist = folder / f"{module}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 1.0\n", "utf-8")
    (dist / "entry_points.txt").write_text(f"[rectlint.rules]\nplugin = {module}\n", "utf-8")
    monkeypatch.syspath_prepend(str(folder))
    registry.all_rules.cache_clear()
    try:
        yield
    finally:
        sys.modules.pop(module, None)
        registry.all_rules.cache_clear()
