"""Runs every rule's YAML cases (tests/cases/CODE.yaml): one generic test, as in sqlfluff."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from helpers import lint
from rectlint.registry import all_rules

CASES = Path(__file__).parent / "cases"
SCHEMA = Draft202012Validator(json.loads(files("rectlint.schemas").joinpath("rule-cases.schema.json").read_text()))


def _load() -> list[tuple[str, dict]]:
    out = []
    for f in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text("utf-8"))
        errors = list(SCHEMA.iter_errors(data))
        assert not errors, f"{f.name}: {errors[0].message}"
        for case in data["cases"]:
            out.append((data["rule"], case))
    return out


ALL = _load()


@pytest.mark.parametrize(("code", "case"), ALL, ids=[f"{c}-{case['name']}" for c, case in ALL])
def test_case(code: str, case: dict) -> None:
    also = case.get("select", [])
    got = lint(case["text"], select=",".join([code, *also]), options=case.get("options"))
    if also:
        got = [d for d in got if d.code == code]
    assert all(d.code == code for d in got)
    want = case["expect"]
    assert len(got) == len(want), [(d.line, d.column, d.excerpt, d.message) for d in got]
    for d, w in zip(got, want, strict=True):
        assert (d.line, d.column, d.end_column) == (w["line"], w["column"], w["end_column"]), d
        assert d.end_line == w.get("end_line", w["line"])
        if "excerpt" in w:
            assert d.excerpt == w["excerpt"]
        if "message" in w:
            assert w["message"] in d.message
        if "severity" in w:
            assert d.severity == w["severity"]


def test_every_rule_has_passing_and_failing_cases() -> None:
    by_rule: dict[str, list[dict]] = {}
    for code, case in ALL:
        by_rule.setdefault(code, []).append(case)
    for rule in all_rules():
        cases = by_rule.get(rule.code, [])
        assert any(not c["expect"] for c in cases), f"{rule.code} has no passing case"
        assert any(c["expect"] for c in cases), f"{rule.code} has no failing case"
