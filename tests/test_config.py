"""Configuration files: per-rule severity and options, selection, fail level, and clear errors."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from rectlint.cli import main


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copy(EXAMPLES / "layout-numbered.txt", tmp_path / "notice.txt")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # the file is found from the current directory upward
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def codes(result) -> dict[str, str]:
    return {d["code"]: d["severity"] for f in json.loads(result.output)["files"] for d in f["diagnostics"]}


def test_pyproject_table_sets_severity_options_and_selection(project) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.rectlint]\nignore = ["W"]\n[tool.rectlint.severity]\ndone-without-evidence = "error"\n'
        '[tool.rectlint.options]\nE001 = { require_commitment = false }\n', "utf-8")
    found = codes(run("check", "--output-format", "json", "../notice.txt"))
    assert found["E001"] == "error"
    assert not [c for c in found if c.startswith("W")]


def test_rectlint_toml_fail_level_and_cli_override(project) -> None:
    (project / "rectlint.toml").write_text('select = ["W003"]\nfail-level = "error"\n', "utf-8")
    assert run("check", "../notice.txt").exit_code == 0  # W003 is a warning, below the fail level
    assert run("check", "--fail-level", "warning", "../notice.txt").exit_code == 1
    assert set(codes(run("check", "--output-format", "json", "--select", "D004", "../notice.txt"))) == {"D004"}


@pytest.mark.parametrize(("content", "message"), [
    ('[tool.rectlint]\nseverity = { E001 = "fatal" }\n', "severity.E001: 'fatal' is not one of"),
    ('[tool.rectlint]\noptions = { E001 = { nope = 1 } }\n', "options.E001.nope: E001 has no such option"),
    ('[tool.rectlint]\nselectt = ["E"]\n', "Additional properties are not allowed ('selectt'"),
    ('[tool.rectlint]\nseverity = { X999 = "info" }\n', "severity.X999: no such rule"),
    ('[tool.rectlint\n', "not valid TOML"),
])
def test_bad_configuration_is_one_clear_line(project, content: str, message: str) -> None:
    (project / "pyproject.toml").write_text(content, "utf-8")
    r = run("check", "../notice.txt")
    assert r.exit_code == 2
    assert message in r.output and "pyproject.toml" in r.output
    assert "Traceback" not in r.output


def test_config_command(project) -> None:
    (project / "rectlint.toml").write_text('ignore = ["P"]\n', "utf-8")
    shown = json.loads(run("config").output)
    assert shown["ignore"] == ["P"] and shown["file"].endswith("rectlint.toml")
    assert json.loads(run("config", "--schema").output)["title"] == "rectlint configuration"
