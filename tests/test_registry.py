"""Rule discovery: entry-point plugins, declarative packs and their schema errors."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from helpers import GOOD_PACK, installed_plugin, lint
from rectlint import registry
from rectlint.declarative import load_pack
from rectlint.registry import RegistryError, all_rules


def test_codes_and_names_are_unique_and_well_formed() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len({r.name for r in rules}) == len(rules)
    assert {str(r.category) for r in rules} <= {"structure", "dates", "counts", "evidence", "status", "numbering",
                                                "wording", "punctuation", "formulation", "suppression"}


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
    with installed_plugin(tmp_path, monkeypatch, "acme_rules"):
        codes = {r.code for r in all_rules()}
        assert {"AC001", "LX001", "LX002", "E001"} <= codes
        found = lint("问题1：ACME公司。国家生态环境部通报。\n", select="AC001,LX001")
        assert [d.code for d in found] == ["AC001", "LX001"]


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


def test_every_category_has_a_chinese_label() -> None:
    from rectlint.diagnostics import Category

    assert all(c.label and not c.label.isascii() for c in Category)


def test_builtin_rules_load_without_reading_every_distribution(tmp_path: Path, monkeypatch) -> None:
    """Only rectlint's own entry is declared: it is loaded directly; anything else goes to importlib.metadata."""
    assert registry._entry_points() == [registry.BUILTIN]
    assert registry.BUILTIN.load() is sys.modules["rectlint.checks"]
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip on the path: its contents are unknown
    monkeypatch.syspath_prepend(str(archive))
    assert registry._declared_entry_points() is None
    assert [ep.value for ep in registry._entry_points()] == ["rectlint.checks"]


def test_submodules_are_those_pkgutil_lists(tmp_path, monkeypatch) -> None:
    """registry._submodules lists a package's modules as pkgutil.iter_modules does (packages, modules, neither)."""
    import importlib
    import pkgutil

    import rectlint.checks

    for name in ("pkg", "nopkg", "mod.py"):
        (tmp_path / "plugin" / name).mkdir(parents=True)
    for name in ("__init__.py", "b.py", "a.py", "pkg/__init__.py", "pkg.py", "c.pyc", "notes.txt", "d.e.py"):
        (tmp_path / "plugin" / name).write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugin = importlib.import_module("plugin")
    for package in [rectlint.checks, *(importlib.import_module(i.name) for i in pkgutil.iter_modules(
            rectlint.checks.__path__, "rectlint.checks.") if i.ispkg), plugin]:
        assert registry._submodules(package) == [i.name for i in pkgutil.iter_modules(package.__path__,
                                                                                     package.__name__ + ".")]
