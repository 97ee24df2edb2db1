"""The CI formats, each validated against its schema or parsed back, on notices with planted defects."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft4Validator, Draft7Validator, Draft202012Validator

from conftest import EXAMPLES, ROOT
from helpers import lint
from rectlint.cli import main
from rectlint.report import FORMATS, reporter
from rectlint.report.base import FileResult, ReportContext
from rectlint.report.github import Github, escape_data, escape_property
from rectlint.report.junit import Junit
from rectlint.report.positions import ByteColumns
from rectlint.source import read_bytes

SCHEMAS = Path(__file__).parent / "schemas"
SARIF = Draft7Validator(json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8")))
RDJSON = Draft4Validator(json.loads((SCHEMAS / "rdjson" / "DiagnosticResult.json").read_text("utf-8")))
GITLAB = Draft202012Validator(json.loads((SCHEMAS / "gitlab-code-quality.json").read_text("utf-8")))

# The formats these tests know how to drive; formats added elsewhere (html, docx…) are skipped, not failed.
KNOWN = {"concise", "full", "json", "json-lines", "github", "gitlab", "junit", "rdjson", "sarif", "html"}
NEEDS_DOCX = {"docx"}  # one .docx input and -o: its exit codes are tested in test_docx_review.py

NOTICE = "notices/青禾市水利局整改通报.txt"  # a Chinese file name: URIs must percent-encode it
LABELLED = "notices/problem-labelled.txt"
GROUPED = "notices/theme-grouped.txt"  # no D004 in it: the clean file under --select D004
GITHUB_LINE = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository-like directory holding the three example notices; the run's current directory."""
    (tmp_path / "notices").mkdir()
    for name, example in ((NOTICE, "layout-numbered.txt"), (LABELLED, "layout-problem-labelled.txt"),
                          (GROUPED, "layout-theme-grouped.txt")):
        shutil.copy(EXAMPLES / example, tmp_path / name)
    (tmp_path / "notices" / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(fmt: str, *args: str):
    return CliRunner().invoke(main, ["check", "--output-format", fmt, *args])


def lines_of(work: Path, name: str) -> list[str]:
    return (work / name).read_text("utf-8").splitlines()


# -- SARIF -------------------------------------------------------------------------------------------------

def test_sarif_follows_the_schema_and_describes_the_rules_it_uses(work: Path) -> None:
    r = check("sarif", NOTICE, LABELLED, GROUPED)
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert not list(SARIF.iter_errors(doc))
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == work.resolve().as_uri() + "/"
    rules = run["tool"]["driver"]["rules"]
    # each rule with results described once, in the order of its first result (results stream out first)
    assert [d["id"] for d in rules] == list(dict.fromkeys(res["ruleId"] for res in run["results"]))
    assert r.stdout == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    d004 = next(d for d in rules if d["id"] == "D004")
    assert d004["name"] == "impossible-date" and d004["defaultConfiguration"]["level"] == "error"
    assert "## Why it matters" in d004["help"]["markdown"] and d004["properties"]["tags"] == ["dates"]
    assert {res["level"] for res in run["results"]} == {"error", "warning", "note"}
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = loc["artifactLocation"]["uri"]
        assert "\\" not in uri and not uri.startswith("/") and unquote(uri) in (NOTICE, LABELLED, GROUPED)


def test_sarif_regions_point_at_the_finding(work: Path) -> None:
    run = json.loads(check("sarif", "--select", "D004,W001", NOTICE).stdout)["runs"][0]
    text = (work / NOTICE).read_text("utf-8")
    for res in run["results"]:
        region = res["locations"][0]["physicalLocation"]["region"]
        excerpt = text[region["charOffset"]:region["charOffset"] + region["charLength"]]
        assert excerpt == region["snippet"]["text"]
        line = text.splitlines()[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == excerpt
    fixed = next(res for res in run["results"] if res["ruleId"] == "W001")
    change = fixed["fixes"][0]["artifactChanges"][0]
    edit = change["replacements"][0]
    start, length = edit["deletedRegion"]["charOffset"], edit["deletedRegion"]["charLength"]
    assert text[start:start + length] == "截止" and edit["insertedContent"]["text"] == "截至"
    assert "fixes" not in next(res for res in run["results"] if res["ruleId"] == "D004")  # D004 has no fix


def test_sarif_fingerprints_survive_lines_inserted_at_the_top(work: Path) -> None:
    def results() -> list[dict]:
        return json.loads(check("sarif", NOTICE).stdout)["runs"][0]["results"]

    before = results()
    path = work / NOTICE
    path.write_text("\n\n\n" + path.read_text("utf-8"), "utf-8")
    after = results()
    assert [r["ruleId"] for r in before] == [r["ruleId"] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 3 for r in before] == \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert len({r["partialFingerprints"]["rectlint/v1"] for r in before}) == len(before)


def test_sarif_reports_a_file_that_could_not_be_checked(work: Path) -> None:
    r = check("sarif", NOTICE, "notices/empty.txt")
    assert r.exit_code == 2
    doc = json.loads(r.stdout)
    assert not list(SARIF.iter_errors(doc))
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == "notices/empty.txt: empty file"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "notices/empty.txt"
    assert doc["runs"][0]["results"]  # the other file is still reported


def test_a_report_written_to_a_file_still_names_a_bad_file_on_stderr(work: Path) -> None:
    r = check("sarif", "-o", "rectlint.sarif", NOTICE, "notices/empty.txt")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == "rectlint: error: notices/empty.txt: empty file\n"
    assert not list(SARIF.iter_errors(json.loads((work / "rectlint.sarif").read_text("utf-8"))))


# -- rdjson ------------------------------------------------------------------------------------------------

def test_rdjson_follows_the_schema_with_utf8_byte_columns(work: Path) -> None:
    r = check("rdjson", NOTICE, LABELLED)
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert not list(RDJSON.iter_errors(doc))
    assert doc["source"]["name"] == "rectlint"
    points = [json.loads(ln) for ln in check("json-lines", NOTICE, LABELLED).stdout.splitlines()]
    assert len(points) == len(doc["diagnostics"])
    for d, p in zip(doc["diagnostics"], points, strict=True):
        assert d["code"]["value"] == p["code"] and d["location"]["path"] == p["filename"]
        line = lines_of(work, p["filename"])[p["location"]["row"] - 1]
        start = d["location"]["range"]["start"]
        assert start["line"] == p["location"]["row"]
        assert start["column"] - 1 == len(line[:p["location"]["column"] - 1].encode("utf-8"))
    d004 = next(d for d in doc["diagnostics"] if d["code"]["value"] == "D004")
    rng = d004["location"]["range"]
    raw = lines_of(work, NOTICE)[rng["start"]["line"] - 1].encode("utf-8")
    assert raw[rng["start"]["column"] - 1:rng["end"]["column"] - 1].decode("utf-8") == "9月31日"
    assert rng["end"]["column"] - rng["start"]["column"] == len("9月31日".encode()) == 9  # 3 Han characters
    assert d004["severity"] == "ERROR" and "suggestions" not in d004


def test_rdjson_counts_the_bytes_of_a_long_line_once(work: Path) -> None:
    """Each column encoded the line up to it: 30,000 findings on one line of 420,000 characters took a minute."""
    item = "问题1：台账不全,资料缺失。"
    (work / "long.txt").write_text(item * 30_000 + "\n", "utf-8")
    started = time.monotonic()
    r = check("rdjson", "--select", "P001", "long.txt")
    assert time.monotonic() - started < 10
    found = json.loads(r.stdout)["diagnostics"]
    assert len(found) == 30_000
    last = found[-1]["location"]["range"]["start"]["column"]
    assert last == len((item * 29_999 + "问题1：台账不全").encode()) + 1


def test_byte_columns_agree_with_encoding_on_both_sides_of_the_long_line_threshold() -> None:
    """Columns up to ByteColumns.LONG are counted by encoding the line's start, later ones from a table of the line:
    both must give what encoding the line up to the column gives, on a line of ASCII, Han and astral characters."""
    line = ("ab問題,𠀋" * 400)[:ByteColumns.LONG + 500]
    columns = ByteColumns(read_bytes(("标题\r\n" + line + "\r\n末行\n").encode(), "x.txt"))
    assert [columns(2, c) for c in range(1, len(line) + 2)] == [len(line[:c - 1].encode()) + 1
                                                                 for c in range(1, len(line) + 2)]
    assert list(columns.tables) == [2]  # the long line, tabled once


def test_rdjson_suggestions_replace_the_right_bytes(work: Path) -> None:
    doc = json.loads(check("rdjson", "--select", "W001", NOTICE).stdout)
    [d] = doc["diagnostics"]
    [s] = d["suggestions"]
    raw = lines_of(work, NOTICE)[s["range"]["start"]["line"] - 1].encode("utf-8")
    assert raw[s["range"]["start"]["column"] - 1:s["range"]["end"]["column"] - 1].decode("utf-8") == "截止"
    assert s["text"] == "截至"


# -- GitLab Code Quality -------------------------------------------------------------------------------------

def test_gitlab_follows_the_code_quality_shape(work: Path) -> None:
    r = check("gitlab", NOTICE, LABELLED, GROUPED)
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert not list(GITLAB.iter_errors(doc))
    assert {i["location"]["path"] for i in doc} == {NOTICE, LABELLED, GROUPED}
    assert len({i["fingerprint"] for i in doc}) == len(doc)
    by_code = {i["check_name"].split()[0]: i["severity"] for i in doc}
    assert (by_code["D004"], by_code["W001"], by_code["E007"]) == ("critical", "minor", "info")
    d004 = next(i for i in doc if i["check_name"] == "D004 impossible-date" and i["location"]["path"] == NOTICE)
    pos = d004["location"]["positions"]
    line = lines_of(work, NOTICE)[pos["begin"]["line"] - 1]
    assert line[pos["begin"]["column"] - 1:pos["end"]["column"] - 1] == "9月31日"


def test_gitlab_fingerprints_differ_between_files_with_the_same_finding(work: Path) -> None:
    shutil.copy(work / NOTICE, work / "notices" / "copy.txt")
    doc = json.loads(check("gitlab", "--select", "D004", NOTICE, "notices/copy.txt").stdout)
    assert len(doc) == 2 and doc[0]["fingerprint"] != doc[1]["fingerprint"]


@pytest.mark.parametrize("fmt", ["concise", "json", "gitlab", "sarif"])
def test_a_file_name_that_is_not_utf8_is_written_escaped(work: Path, fmt: str) -> None:
    """Such a name reaches rectlint with its bytes as lone surrogates, which a UTF-8 stream refuses: the
    report failed as an internal error (gitlab and SARIF already hashing or quoting it). JSON reads the
    escape back as the name."""
    name = os.fsdecode(b"notices/n\xff.txt")
    shutil.copy(work / NOTICE, work / name)
    for out in ("", "report.txt"):
        r = check(fmt, "--select", "D004", *(["-o", out] if out else []), name)
        assert r.exit_code == 1, r.output
        text = (work / out).read_text("utf-8") if out else r.stdout
        assert ("n%FF.txt" if fmt == "sarif" else "n\\udcff.txt") in text  # a URI holds the byte itself
    if fmt == "json":
        assert json.loads(text)["files"][0]["path"] == name


def test_gitlab_with_nothing_to_report_is_an_empty_array(work: Path) -> None:
    r = check("gitlab", "--select", "D004", GROUPED)
    assert r.exit_code == 0 and json.loads(r.stdout) == []


# -- JUnit -------------------------------------------------------------------------------------------------

def test_junit_parses_back_with_a_suite_per_file(work: Path) -> None:
    r = check("junit", "--select", "D004,W001", NOTICE, GROUPED, "notices/empty.txt")
    assert r.exit_code == 2
    root = ET.fromstring(r.stdout)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {NOTICE, GROUPED, "notices/empty.txt"}
    failures = suites[NOTICE].findall("testcase/failure")
    assert sorted(f.get("type") for f in failures) == ["D004", "W001"]
    assert any("日期“9月31日”不存在" in (f.get("message") or "") for f in failures)
    clean = suites[GROUPED].findall("testcase")
    assert len(clean) == 1 and not list(clean[0])
    [error] = suites["notices/empty.txt"].findall("testcase/error")
    assert error.get("message") == "empty file"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")


def test_junit_escapes_markup_and_drops_what_xml_cannot_hold(work: Path) -> None:
    diags = lint((work / NOTICE).read_text("utf-8"), "D004")
    hostile = replace(diags[0], message='日期<“9月31日”> & "引号"\x01\x0b不存在\n第二行')
    reporter = Junit(ReportContext(root=work))
    reporter.file(FileResult('a&b<"c">.txt', None, [hostile]))
    root = ET.fromstring(reporter.finish())
    failure = root.find("testsuite/testcase/failure")
    assert root.find("testsuite").get("name") == 'a&b<"c">.txt'
    assert failure.get("message") == '日期<“9月31日”> & "引号"\ufffd\ufffd不存在\n第二行'


# -- GitHub Actions --------------------------------------------------------------------------------------------

def parse_github(output: str) -> tuple[list[tuple[str, dict[str, str], str]], list[str]]:
    annotations, plain = [], []
    for line in output.splitlines():
        m = GITHUB_LINE.match(line)
        if not m:
            plain.append(line)
            continue
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        annotations.append((m.group(1), {k: unquote(v) for k, v in props.items()}, unquote(m.group(3))))
    return annotations, plain


def test_github_annotations_parse_back(work: Path) -> None:
    r = check("github", NOTICE, LABELLED)
    assert r.exit_code == 1
    annotations, plain = parse_github(r.stdout)
    [summary] = plain
    assert summary.startswith(f"Found {len(annotations)} findings (") and summary.endswith(" in 2 files.")
    assert {kind for kind, _, _ in annotations} == {"error", "warning", "notice"}
    kind, props, message = next(a for a in annotations if a[1]["title"] == "rectlint (D004)" and
                                a[1]["file"] == NOTICE)
    assert kind == "error"
    line = lines_of(work, NOTICE)[int(props["line"]) - 1]
    assert line[int(props["col"]) - 1:int(props["endColumn"]) - 1] == "9月31日"
    assert message == f"{NOTICE}:{props['line']}:{props['col']}: D004 日期“9月31日”不存在：9月没有31日"


def test_github_escapes_properties_and_messages(work: Path) -> None:
    name = "notices/通报,第2期:修订.txt"
    shutil.copy(work / NOTICE, work / name)
    r = check("github", "--select", "D004", name)
    first = r.stdout.splitlines()[0]
    assert "file=notices/通报%2C第2期%3A修订.txt," in first
    _, props, message = parse_github(r.stdout)[0][0]
    assert props["file"] == name and message.startswith(f"{name}:")  # the message keeps , and :
    assert escape_data("完成率100%\r\n第二行") == "完成率100%25%0D%0A第二行"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_drops_columns_when_a_span_covers_several_lines(work: Path) -> None:
    [d] = lint((work / NOTICE).read_text("utf-8"), "D004")
    wide = replace(d, end_line=d.line + 2, end_column=4)
    out = Github(ReportContext(root=work)).file(FileResult(NOTICE, None, [d, wide]))
    (_, one, _), (_, several, _) = parse_github(out)[0]
    assert {"col", "endColumn"} <= set(one)
    assert set(several) == {"title", "file", "line", "endLine"} and several["endLine"] == str(d.line + 2)


def test_github_annotates_a_file_that_could_not_be_checked(work: Path) -> None:
    r = check("github", "notices/empty.txt")
    assert r.exit_code == 2
    annotations, plain = parse_github(r.stdout)
    assert annotations == [("error", {"title": "rectlint", "file": "notices/empty.txt"},
                            "notices/empty.txt: empty file")]
    assert plain[-1].endswith("1 file could not be checked.")
    assert "rectlint: error: notices/empty.txt: empty file" in r.stderr


# -- JSON lines ----------------------------------------------------------------------------------------------

def test_json_lines_one_object_per_finding_and_per_bad_file(work: Path) -> None:
    r = check("json-lines", NOTICE, "notices/empty.txt")
    assert r.exit_code == 2
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows[-1] == {"filename": "notices/empty.txt", "error": "empty file"}
    findings = rows[:-1]
    assert len(findings) == 7 and {f["filename"] for f in findings} == {NOTICE}
    w001 = next(f for f in findings if f["code"] == "W001")
    assert w001["name"] == "jiezhi-for-jiezhi" and w001["severity"] == "warning"
    assert w001["fix"]["applicability"] == "safe"
    assert w001["fix"]["edits"] == [{"content": "截至", "location": w001["location"],
                                     "end_location": w001["end_location"]}]
    r001 = next(f for f in findings if f["code"] == "R001")
    assert r001["structural_path"] == "items/一/4/response" and r001["excerpt"] == "仍在"
    assert len({f["fingerprint"] for f in findings}) == len(findings)


# -- every format ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize(("args", "code"), [
    (["--select", "D004", GROUPED], 0),
    (["--select", "D004", NOTICE, GROUPED], 1),
    (["--select", "E007", "--fail-level", "error", NOTICE], 0),  # info findings below the fail level
    (["--select", "D004", "--exit-zero", NOTICE], 0),
    (["--select", "D004", NOTICE, "notices/empty.txt"], 2),
    (["--select", "D004", "notices/absent.txt"], 2),
])
def test_exit_codes_are_the_same_for_every_format(work: Path, fmt: str, args: list[str], code: int) -> None:
    if fmt in NEEDS_DOCX:
        pytest.skip(f"format '{fmt}' needs a .docx input and -o")
    assert fmt in KNOWN, f"a new format '{fmt}': add it to KNOWN or NEEDS_DOCX"
    r = check(fmt, *args)
    assert r.exit_code == code, r.output
    assert "Traceback" not in r.output


# -- pre-commit ------------------------------------------------------------------------------------------------

def test_pre_commit_hook_runs_rectlint_check_on_the_files_it_is_given(work: Path) -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "rectlint" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "plain-text", "html"}  # identify's tags for .md, .txt, .html
    command, *args = hook["entry"].split()
    assert command in tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    r = CliRunner().invoke(main, [*args, *hook.get("args", []), NOTICE, GROUPED])  # as pre-commit calls it
    assert r.exit_code == 1 and "D004" in r.stdout


@pytest.mark.parametrize("args", [[NOTICE, LABELLED, "notices/empty.txt"], ["--statistics", NOTICE, GROUPED],
                                  ["--baseline-write", "base.json", NOTICE], ["--exclude", "*.txt", "notices"]],
                         ids=["findings-and-a-bad-file", "statistics", "baseline", "no-files"])
def test_json_written_file_by_file_is_the_document_json_dumps_would_write(work: Path, args: list[str]) -> None:
    r = check("json", *args)
    doc = json.loads(r.stdout)
    assert r.stdout == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert doc["summary"]["files"] == len(doc["files"])
    assert ("statistics" in doc) == ("--statistics" in args) and ("baseline" in doc) == ("--baseline-write" in args)


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "rdjson"])
def test_document_formats_write_each_file_as_soon_as_it_is_checked(work: Path, fmt: str) -> None:
    """Memory must not grow with the findings of a run: a file's findings leave with the file, not at the end."""
    source = read_bytes((work / NOTICE).read_bytes(), NOTICE)
    diags = lint(source.text)
    out = reporter(fmt, ReportContext(root=work))
    first = out.file(FileResult("a.txt", source, diags, encoding="utf-8"))
    second = out.file(FileResult("b.txt", source, diags, encoding="utf-8"))
    rest = out.finish()
    assert all(d.message in first and d.message in second and d.message not in rest for d in diags)
    assert json.loads(first + second + rest)
