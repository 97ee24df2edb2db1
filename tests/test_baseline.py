"""The baseline: record a corpus's findings, hide them on later runs, survive edits elsewhere in a notice,
report and prune stale entries, and name files relative to the baseline file wherever the run starts."""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from conftest import EXAMPLES
from rectlint.cli import main

BASELINE_SCHEMA = Draft202012Validator(json.loads(files("rectlint.schemas").joinpath("baseline.schema.json")
                                                  .read_text()))
OUTPUT_SCHEMA = Draft202012Validator(json.loads(files("rectlint.schemas").joinpath("output.schema.json").read_text()))
NAMES = ("layout-numbered.txt", "layout-problem-labelled.txt", "layout-theme-grouped.txt")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch) -> Path:
    """tmp/notices/*.txt (the three example notices, each with planted defects); the run starts in tmp."""
    (tmp_path / "notices").mkdir()
    for name in NAMES:
        shutil.copy(EXAMPLES / name, tmp_path / "notices" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def findings(result) -> list[tuple[str, str, int, str]]:
    doc = json.loads(result.stdout)
    assert not list(OUTPUT_SCHEMA.iter_errors(doc))
    return [(f["path"].rsplit("/", 1)[-1], d["code"], d["line"], d["excerpt"]) for f in doc["files"]
            for d in f["diagnostics"]]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def write_baseline(*paths: str) -> dict:
    r = run("--baseline-write", "rectlint-baseline.json", *(paths or ("notices",)))
    assert r.exit_code == 0, r.output
    return json.loads(Path("rectlint-baseline.json").read_text("utf-8"))


def test_write_records_every_finding_and_a_rerun_hides_them(corpus: Path) -> None:
    before = findings(run("--output-format", "json", "notices"))
    assert len(before) > 10
    r = run("--baseline-write", "rectlint-baseline.json", "notices")
    assert (r.exit_code, r.stdout.strip()) == (0, "No findings in 3 files.")
    assert f"recorded {len(before)} findings" in r.stderr
    data = json.loads(Path("rectlint-baseline.json").read_text("utf-8"))
    assert not list(BASELINE_SCHEMA.iter_errors(data)) and data["version"] == 1
    entries = data["entries"]
    assert len(entries) == len(before)
    order = [(e["file"], e["code"], e["place"], e["hash"], e["occurrence"]) for e in entries]
    assert order == sorted(order)
    assert {e["file"] for e in entries} == {f"notices/{n}" for n in NAMES}
    assert {"code": "D004", "excerpt": "9月31日", "file": "notices/layout-numbered.txt"}.items() <= next(
        e for e in entries if e["code"] == "D004" and e["file"].endswith("numbered.txt")).items()
    assert "line" not in entries[0]
    assert Path("rectlint-baseline.json").read_text("utf-8").count("\n") == len(entries) + 5  # one entry a line

    again = run("--baseline", "rectlint-baseline.json", "notices")
    assert again.exit_code == 0 and again.stdout.strip() == "No findings in 3 files."
    assert again.stderr.strip() == f"rectlint: baseline rectlint-baseline.json: {len(before)} findings hidden."


def test_edits_elsewhere_keep_entries_valid_and_a_new_defect_shows(corpus: Path) -> None:
    write_baseline()
    notice = corpus / "notices" / "layout-numbered.txt"
    old_lines = {code: line for _, code, line, _ in findings(run("--output-format", "json", str(notice)))}
    # Lines inserted at the top (an editor's note and blank lines) shift every finding down …
    notice.write_text("<!-- 2025-11-21 据印发稿校对 -->\n\n\n" + notice.read_text("utf-8"), "utf-8")
    # … another paragraph is reworded …
    edit(notice, "排查整治乱占、乱采、乱堆、乱建问题37处", "排查整治乱占、乱采、乱堆、乱建等“四乱”问题37处")
    # … and a new defect is planted in item 2.
    edit(notice, "7月16日提请", "7月32日提请")
    r = run("--baseline", "rectlint-baseline.json", "--output-format", "json", "notices")
    line = next(i for i, text in enumerate(notice.read_text("utf-8").splitlines(), 1) if "7月32日" in text)
    assert findings(r) == [("layout-numbered.txt", "D004", line, "7月32日")]
    assert r.exit_code == 1
    assert json.loads(r.stdout)["baseline"]["stale"] == []
    now = {code: line for _, code, line, _ in findings(run("--output-format", "json", str(notice)))}
    assert now["D006"] == old_lines["D006"] + 3  # the hidden findings did move


def test_a_fixed_defect_makes_its_entry_stale_and_prune_removes_it(corpus: Path) -> None:
    entries = write_baseline()["entries"]
    edit(corpus / "notices" / "layout-numbered.txt", "二是9月31日在白鹭湖水库", "二是9月30日在白鹭湖水库")
    r = run("--baseline", "rectlint-baseline.json", "--output-format", "json", "notices")
    assert r.exit_code == 0 and findings(r) == []
    report = json.loads(r.stdout)["baseline"]
    assert [(e["code"], e["excerpt"]) for e in report["stale"]] == [("D004", "9月31日")]
    assert (report["action"], report["entries"], report["rewritten"]) == ("check", len(entries), False)
    assert "1 stale entry no longer found (--baseline-prune removes it)" in r.stderr
    assert len(json.loads(Path("rectlint-baseline.json").read_text("utf-8"))["entries"]) == len(entries)

    pruned = run("--baseline", "rectlint-baseline.json", "--baseline-prune", "notices")
    assert pruned.exit_code == 0 and "1 stale entry removed" in pruned.stderr
    left = json.loads(Path("rectlint-baseline.json").read_text("utf-8"))["entries"]
    assert len(left) == len(entries) - 1 and not any(e["excerpt"] == "9月31日" for e in left)
    assert not list(Path().glob(".rectlint-baseline.json.*"))  # written atomically, no temporary left
    clean = run("--baseline", "rectlint-baseline.json", "notices")
    assert "stale" not in clean.stderr


def test_paths_are_relative_to_the_baseline_file_not_the_working_directory(corpus: Path, monkeypatch) -> None:
    write_baseline()
    (corpus / "elsewhere").mkdir()
    monkeypatch.chdir(corpus / "elsewhere")
    r = run("--baseline", "../rectlint-baseline.json", "--output-format", "json", "../notices")
    assert findings(r) == [] and json.loads(r.stdout)["baseline"]["stale"] == []
    absolute = run("--baseline", str(corpus / "rectlint-baseline.json"), str(corpus / "notices" / NAMES[0]))
    assert absolute.exit_code == 0 and "stale" not in absolute.stderr
    data = (EXAMPLES / NAMES[1]).read_bytes()
    piped = CliRunner().invoke(main, ["check", "--baseline", "../rectlint-baseline.json", "--stdin-filename",
                                      f"../notices/{NAMES[1]}", "-"], input=data)
    assert piped.exit_code == 0 and piped.stdout.strip() == "No findings in 1 file."


def test_partial_runs_leave_other_entries_alone(corpus: Path) -> None:
    entries = write_baseline()["entries"]
    (corpus / "notices" / NAMES[2]).unlink()  # a notice taken out of the corpus: its entries are stale
    one = run("--baseline", "rectlint-baseline.json", "--output-format", "json", f"notices/{NAMES[0]}")
    stale = json.loads(one.stdout)["baseline"]["stale"]
    assert stale and {e["file"] for e in stale} == {f"notices/{NAMES[2]}"}
    narrow = run("--baseline", "rectlint-baseline.json", "--select", "D004", "--output-format", "json",
                 f"notices/{NAMES[0]}", f"notices/{NAMES[1]}")
    assert {e["file"] for e in json.loads(narrow.stdout)["baseline"]["stale"]} == {f"notices/{NAMES[2]}"}
    assert len(json.loads(Path("rectlint-baseline.json").read_text("utf-8"))["entries"]) == len(entries)


@pytest.mark.parametrize(("content", "message"), [
    ("{\"version\": 1, \"entries\": [", "not valid JSON (Expecting value at line 1, column 28)"),
    ("{\"version\": 2, \"entries\": []}", "baseline version 2 is not supported (this rectlint reads version 1)"),
    ("[]", "not a rectlint baseline (expected an object with \"version\": 1)"),
    ("{\"version\": 1, \"entries\": [{\"file\": \"a.txt\", \"code\": \"D004\", \"place\": \"notice\", "
     "\"occurrence\": 0}]}", "entries[0]: 'hash' is a required property"),
])
def test_an_unusable_baseline_is_a_usage_error(corpus: Path, content: str, message: str) -> None:
    Path("rectlint-baseline.json").write_text(content, "utf-8")
    r = run("--baseline", "rectlint-baseline.json", "notices")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == f"rectlint: error: rectlint-baseline.json: {message}\n"


@pytest.mark.parametrize(("args", "message"), [
    (["--baseline", "absent.json"], "absent.json: no such baseline file"),
    (["--baseline-prune"], "--baseline-prune needs --baseline FILE"),
    (["--baseline", "a.json", "--baseline-write", "b.json"], "cannot be combined"),
])
def test_baseline_flag_errors(corpus: Path, args: list[str], message: str) -> None:
    r = run(*args, "notices")
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.output
