"""Snapshots of `parse` and `check --output-format json` on the bundled examples (pytest-regressions).

Run `pytest tests/test_snapshots.py --force-regen` after an intended change and review the diff.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT
from rectlint.cli import main

NAMES = sorted(p.name for p in EXAMPLES.glob("*.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_parse_snapshot(name: str, data_regression, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    r = CliRunner().invoke(main, ["parse", f"examples/{name}"])
    assert r.exit_code == 0, r.output
    data_regression.check(json.loads(r.output))


@pytest.mark.parametrize("name", NAMES)
def test_check_snapshot(name: str, data_regression, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    r = CliRunner().invoke(main, ["check", "--output-format", "json", f"examples/{name}"])
    assert r.exit_code in (0, 1), r.output
    data_regression.check(json.loads(r.output))
