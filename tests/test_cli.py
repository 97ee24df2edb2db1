"""The command line: formats, selection, exit codes, stdin, and errors that never become tracebacks."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from conftest import EXAMPLES
from rectlint.cli import main
from rectlint.report.text import width

NUMBERED = str(EXAMPLES / "layout-numbered.txt")
OUTPUT_SCHEMA = Draft202012Validator(json.loads(files("rectlint.schemas").joinpath("output.schema.json").read_text()))


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_version() -> None:
    r = run("--version")
    assert r.exit_code == 0 and r.output.startswith("rectlint 0.")


def test_json_output_follows_the_schema() -> None:
    r = run("check", "--output-format", "json", str(EXAMPLES))
    assert r.exit_code == 1
    doc = json.loads(r.output)
    assert not list(OUTPUT_SCHEMA.iter_errors(doc))
    assert doc["summary"]["files"] == 3
    d = next(d for f in doc["files"] for d in f["diagnostics"] if d["code"] == "D004")
    text = (EXAMPLES / "layout-numbered.txt").read_text("utf-8")
    assert text[d["offset"]:d["end_offset"]] == "9月31日" == d["excerpt"]
    line = text.splitlines()[d["line"] - 1]
    assert line[d["column"] - 1:d["end_column"] - 1] == "9月31日"


def test_json_output_is_stable() -> None:
    assert run("check", "--output-format", "json", NUMBERED).output == run(
        "check", "--output-format", "json", NUMBERED).output


@pytest.mark.parametrize(("selector", "codes"), [
    ("D004", {"D004"}), ("impossible-date", {"D004"}), ("D", {"D004", "D006"}), ("dates", {"D004", "D006"}),
    ("E001,W003", {"E001", "W003"}),
])
def test_select_by_code_prefix_name_or_category(selector: str, codes: set[str]) -> None:
    r = run("check", "--output-format", "json", "--select", selector, NUMBERED)
    assert {d["code"] for d in json.loads(r.output)["files"][0]["diagnostics"]} == codes


def test_extend_select_and_ignore() -> None:
    r = run("check", "--output-format", "json", "--select", "D004", "--extend-select", "E001",
            "--ignore", "impossible-date", NUMBERED)
    assert {d["code"] for d in json.loads(r.output)["files"][0]["diagnostics"]} == {"E001"}


def test_unknown_selector_is_a_usage_error() -> None:
    r = run("check", "--select", "X999", NUMBERED)
    assert r.exit_code == 2 and "unknown rule selector 'X999'" in r.output


@pytest.mark.parametrize(("args", "code"), [
    (["--select", "W003"], 1),  # a warning fails at the default fail level
    (["--select", "W003", "--fail-level", "error"], 0),
    (["--select", "D004", "--fail-level", "error"], 1),
    (["--select", "D004", "--exit-zero"], 0),
    (["--select", "S001"], 0),
])
def test_exit_codes(args: list[str], code: int) -> None:
    assert run("check", *args, NUMBERED).exit_code == code


def test_stdin_with_a_name() -> None:
    data = (EXAMPLES / "layout-numbered.txt").read_bytes().decode("utf-8").encode("gb18030")
    r = run("check", "--select", "D004", "--stdin-filename", "notice.txt", "-", stdin=data)
    assert r.exit_code == 1
    assert r.output.startswith("notice.txt:41:60: D004")


def test_bad_file_is_reported_and_the_rest_is_checked(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
    r = CliRunner().invoke(main, ["check", "--output-format", "json", str(tmp_path), NUMBERED,
                                  str(tmp_path / "absent.txt")])
    assert r.exit_code == 2
    doc = json.loads(r.stdout)
    assert not list(OUTPUT_SCHEMA.iter_errors(doc))
    errors = {f["path"].rsplit("/", 1)[-1]: f["error"] for f in doc["files"] if "error" in f}
    assert errors == {"empty.txt": "empty file", "binary.txt": "binary file, not text",
                      "absent.txt": "no such file"}
    assert any(f["diagnostics"] for f in doc["files"])
    assert "Traceback" not in r.output


def test_full_format_puts_the_caret_under_the_span() -> None:
    r = run("check", "--select", "D004", "--output-format", "full", NUMBERED)
    lines = r.output.splitlines()
    source_line = next(ln for ln in lines if ln.startswith("41 | "))
    caret_line = lines[lines.index(source_line) + 1]
    prefix = source_line[len("41 | "):]
    before = prefix[:prefix.index("9月31日")]
    carets = caret_line[len("   | "):]
    assert carets.index("^") == width(before)
    assert carets.count("^") == width("9月31日")


def test_full_format_shows_a_window_of_a_long_line(tmp_path: Path) -> None:
    """Each finding printed its whole line: a 1.4 MB line with 100,000 findings took tens of gigabytes."""
    f = tmp_path / "long.txt"
    f.write_text("问题1：台账不全,资料缺失。" * 2000 + "\n", "utf-8")
    r = run("check", "--select", "P001", "--output-format", "full", str(f))
    lines = r.output.splitlines()
    shown = [ln[len("1 | "):] for ln in lines if ln.startswith("1 | ")]
    assert len(shown) == 2000 and max(map(len, shown)) <= 2 * 200 + 3
    middle = shown[1000]
    assert middle.startswith("…") and middle.endswith("…")
    carets = lines[lines.index("1 | " + middle) + 1][len("  | "):]
    assert middle[1 + 200] == "," and carets.index("^") == width(middle[:1 + 200])  # the span after "…"


def test_statistics() -> None:
    r = run("check", "--statistics", str(EXAMPLES))
    assert "E001  done-without-evidence" in r.output
    assert r.output.strip().endswith("in 3 files.")


def test_rule_documentation_by_code_and_name() -> None:
    by_code, by_name = run("rule", "E001"), run("rule", "done-without-evidence")
    assert by_code.exit_code == 0 and by_code.output == by_name.output
    for heading in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
        assert heading in by_code.output
    assert run("rule", "W001").output.count("## ") >= 4
    assert run("rule", "nope").exit_code == 2


def test_rules_json_lists_every_rule() -> None:
    rules = json.loads(run("rules", "--output-format", "json").output)
    assert {"code", "name", "category", "severity", "fixable", "summary"} <= set(rules[0])
    assert len({r["code"] for r in rules}) == len(rules) >= 16


def test_parse_prints_the_required_fields() -> None:
    r = run("parse", NUMBERED)
    tree = json.loads(r.output)
    for key in ("title", "issuer", "published", "inspection", "feedback_date", "rectification_period", "items",
                "contact"):
        assert key in tree
    assert tree["published"] == "2025-11-20"
    assert tree["inspection"]["start"] == "2025-04-08" and tree["inspection"]["end"] == "2025-05-30"
    assert tree["feedback_date"] == "2025-07-02"
    assert tree["rectification_period"]["end"] == "2025-10-02"
    assert {"number", "status", "problem", "span"} <= set(tree["items"][0])
    assert set(tree["contact"]) >= {"phone", "address", "email"}


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text("utf-8")
    start = readme.index("-->", readme.index("<!-- rules:start")) + 3
    table = readme[start:readme.index("<!-- rules:end -->")].strip()
    assert table == run("rules", "--output-format", "markdown").output.strip(), \
        "README rule table is stale: regenerate it with `rectlint rules --output-format markdown`"


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch) -> None:
    from rectlint.report import text

    def broken(self, result):
        raise RuntimeError("reporter broke")

    monkeypatch.setattr(text.Concise, "file", broken)
    r = run("check", NUMBERED)
    assert r.exit_code == 2
    assert r.stderr.strip() == "rectlint: internal error: RuntimeError: reporter broke (RECTLINT_DEBUG=1 shows where)"
    assert "Traceback" not in r.output
