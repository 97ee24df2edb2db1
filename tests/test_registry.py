"""Rule discovery: entry-point plugins, declarative packs and their schema errors."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from helpers import lint
from rectlint import registry
from rectlint.declarative import load_pack
from rectlint.registry import RegistryError, all_rules

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


def test_codes_and_names_are_unique_and_well_formed() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len({r.name for r in rules}) == len(rules)
    assert {str(r.category) for r in rules} <= {"structure", "dates", "counts", "evidence", "status", "numbering",
                                                "wording", "punctuation", "formulation"}


def test_a_pack_loads_both_kinds(tmp_path: Path) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(GOOD_PACK, "utf-8")
    sub, exist = load_pack(pack)
    assert (sub.code, sub.fixable, exist.fixable) == ("LX001", True, False)
    assert "## What it does" in sub.documentation()


@pytest.mark.parametrize(("edit", "message"), [
    (lambda s: s.replace("kind: existence", "kind: occurrenceX"), "rules[1].kind"),
    (lambda s: s.replace("code: LX001", "code: lx1"), "rules[0].code"),
    (lambda s: s.replace("    tokens: [高度重视]\n", ""), "'tokens' is a required property"),
    (lambda s: s.replace("国家生态环境部", "国家(生态"), "bad regular expression"),
    (lambda s: s + "\n  - [unclosed", "not valid YAML"),
])
def test_a_bad_pack_is_a_clear_error(tmp_path: Path, edit, message: str) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(edit(GOOD_PACK), "utf-8")
    with pytest.raises(RegistryError) as info:
        load_pack(pack)
    assert "bad.yaml" in str(info.value) and message in str(info.value)


def test_plugins_are_found_through_the_entry_point_group(tmp_path: Path, monkeypatch) -> None:
    """An installed distribution declaring `rectlint.rules` contributes Python rules and YAML packs."""
    (tmp_path / "acme_rules.py").write_text(textwrap.dedent('''
        from pathlib import Path
        from rectlint.diagnostics import Category, Severity
        from rectlint.rule import Finding, Rule

        RULE_PACKS = [Path(__file__).with_name("acme.yaml")]

        class NoAcronym(Rule):
            """Reports the acronym ACME."""
            code = "AC001"
            name = "no-acme"
            category = Category.WORDING
            severity = Severity.INFO

            def check_paragraph(self, paragraph, doc):
                at = paragraph.text.find("ACME")
                if at >= 0:
                    yield Finding(paragraph.span.start + at, paragraph.span.start + at + 4, "avoid ACME")
        '''), "utf-8")
    (tmp_path / "acme.yaml").write_text(GOOD_PACK, "utf-8")
    dist = tmp_path / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n", "utf-8")
    (dist / "entry_points.txt").write_text("[rectlint.rules]\nacme = acme_rules\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.all_rules.cache_clear()
    try:
        codes = {r.code for r in all_rules()}
        assert {"AC001", "LX001", "LX002", "E001"} <= codes
        found = lint("问题1：ACME公司。国家生态环境部通报。\n", select="AC001,LX001")
        assert [d.code for d in found] == ["AC001", "LX001"]
    finally:
        sys.modules.pop("acme_rules", None)
        registry.all_rules.cache_clear()


def test_every_rule_is_documented() -> None:
    for rule in all_rules():
        doc = rule.documentation()
        for heading in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
            assert heading in doc, f"{rule.code} lacks {heading}"
        if rule.fixable:
            assert "## Fix safety" in doc, f"{rule.code} is fixable but says nothing of fix safety"
        if rule.options:
            assert "## Options" in doc, f"{rule.code} has options but does not document them"
            for key in rule.options:
                assert key in doc, f"{rule.code} does not document option {key}"


def test_builtin_rules_load_without_reading_every_distribution(tmp_path: Path, monkeypatch) -> None:
    """Only rectlint's own entry is declared: it is loaded directly; anything else goes to importlib.metadata."""
    assert registry._entry_points() == [registry.BUILTIN]
    assert registry.BUILTIN.load() is sys.modules["rectlint.checks"]
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip on the path: its contents are unknown
    monkeypatch.syspath_prepend(str(archive))
    assert registry._declared_entry_points() is None
    assert [ep.value for ep in registry._entry_points()] == ["rectlint.checks"]
