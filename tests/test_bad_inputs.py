"""Bad inputs: each is one line naming the file and the reason, exit code 2, and the rest of the run goes on.

Also: directory search that neither loops nor repeats, a text that is no notice at all (one verdict, not a
list of findings), and configuration or rule packs that are malformed (one clear line with the key path).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from conftest import EXAMPLES
from helpers import GOOD_PACK, installed_plugin, lint
from rectlint.cli import main
from rectlint.declarative import load_pack
from rectlint.registry import RegistryError
from rectlint.source import ReadError, decode

GOOD = EXAMPLES / "layout-numbered.txt"  # a notice with findings (D004 among them)
OUTPUT_SCHEMA = Draft202012Validator(json.loads(files("rectlint.schemas").joinpath("output.schema.json").read_text()))
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# A chapter of a story, written for this test: numbered headings, a list, dates, a half-width comma, a
# doubled word and an impossible date, everything notice rules react to, and no notice anywhere.
STORY = textwrap.dedent("""\
    一、雨季

    2019年3月5日，雨下了整整一天。镇子东头的老码头被水淹了一半,船工们把船拴在柳树上，蹲在屋檐下抽烟，谁也不说话。

    林秀从学校回来的时候，天已经黑透了。她撑着一把旧伞，沿着河堤往家走，鞋子早就湿了，每走一步都咕叽作响。

    二、码头

    哥哥说起码头上的事：王家的船昨晚翻了，三条船沉了两条，一船的瓦罐全沉了。王老汉坐在岸边哭了半宿，说他已经完成了这辈子最后一趟活。

    “明天水退了，大家去帮他捞一捞吧。”林秀说。“确保确保没人再下河。”

    1. 第二天早上，雨停了。
    2. 第三天，水退了一半。
    4. 第五天，太阳出来了，2月30日那天的事谁也不愿再提。

    三、父亲

    那时候河水清得能看见底下的石头，父亲摇着橹，一边唱着她听不懂的老调子。后来父亲去了南方，再也没有回来。
    """)


JAPANESE = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _loop(p: Path) -> None:
    other = p.with_name("other.txt")
    p.symlink_to(other)
    other.symlink_to(p)


def _large(p: Path) -> None:
    with open(p, "wb") as f:  # sparse: 50 MB on paper, nothing on disk, refused before any byte is read
        f.truncate(50 * 2**20)


BAD = {
    "empty": (lambda p: p.write_bytes(b""), "empty file"),
    "whitespace": (lambda p: p.write_bytes(b" \r\n\t\n" + "\u3000\n".encode()), "file holds only whitespace"),
    "binary": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "binary file"),
    "shift-jis": (lambda p: p.write_bytes(JAPANESE.encode("shift_jis")),
                  "not UTF-8 or GB18030 text (the nearest guess is cp932; convert it to UTF-8)"),
    "high-bytes": (lambda p: p.write_bytes(bytes([0x80, 0xFF, 0xC1, 0xFE, 0x8F, 0xA0]) * 50),
                   "not UTF-8 or GB18030 text"),
    "bad-bom": (lambda p: p.write_bytes(b"\xef\xbb\xbf" + "通报".encode("gb18030")), "not valid utf-8 text"),
    "large": (_large, "too large for a notice (50.0 MB; limit 5 MB, see --max-file-size)"),
    "fifo": (_fifo, "not a regular file"),
    "broken-link": (lambda p: p.symlink_to(p.with_name("gone.txt")), "broken symbolic link"),
    "link-loop": (_loop, "symbolic link loop"),
    "absent": (lambda p: None, "no such file"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_a_bad_file_is_one_line_and_the_good_one_is_still_checked(tmp_path: Path, kind: str) -> None:
    make, reason = BAD[kind]
    bad = tmp_path / "bad.txt"
    make(bad)
    started = time.monotonic()
    r = run("check", "--select", "D004", str(bad), str(GOOD))
    assert time.monotonic() - started < 10
    assert r.exit_code == 2
    [line] = r.stderr.splitlines()
    assert line.startswith(f"rectlint: error: {bad}: ") and reason in line
    assert "D004" in r.stdout and "1 file could not be checked" in r.stdout
    assert "Traceback" not in r.output


@pytest.mark.parametrize("kind", ["large", "fifo", "link-loop", "broken-link", "absent", "shift-jis"])
def test_json_lists_the_file_errors(tmp_path: Path, kind: str) -> None:
    make, reason = BAD[kind]
    bad = tmp_path / "bad.txt"
    make(bad)
    r = run("check", "--output-format", "json", str(bad), str(GOOD))
    assert r.exit_code == 2
    doc = json.loads(r.stdout)
    assert not list(OUTPUT_SCHEMA.iter_errors(doc))
    first, second = doc["files"]
    assert reason in first["error"] and not first["diagnostics"]
    assert second["diagnostics"] and "error" not in second
    assert doc["summary"]["errors"] == 1


@pytest.mark.skipif(AS_ROOT, reason="root reads any file whatever its mode")
def test_an_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "locked.txt"
    bad.write_text("问题1：台账不全。\n", "utf-8")
    bad.chmod(0)
    try:
        r = run("check", str(bad), str(GOOD))
    finally:
        bad.chmod(0o644)
    assert r.exit_code == 2 and f"rectlint: error: {bad}: permission denied" in r.stderr


def test_a_fifo_named_on_the_command_line_does_not_block(tmp_path: Path) -> None:
    """In a real process (no test runner between): nobody ever writes to the pipe, and the run still ends."""
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    done = subprocess.run([sys.executable, "-m", "rectlint", "check", str(pipe), str(GOOD)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"rectlint: error: {pipe}: not a regular file" in done.stderr


def test_the_size_limit_is_an_option_and_applies_to_stdin(tmp_path: Path) -> None:
    text = GOOD.read_bytes()
    assert run("check", "--max-file-size", "0.001", "-", stdin=text).exit_code == 2
    r = run("check", "--max-file-size", "0.001", "--select", "D004", str(GOOD))
    assert r.exit_code == 2 and "too large for a notice (0.0 MB; limit 0.001 MB" in r.stderr
    assert run("check", "--max-file-size", "0", "--select", "D004", str(GOOD)).exit_code == 1  # 0: no limit


def test_other_encodings_are_refused_but_gbk_with_rare_characters_is_not() -> None:
    trad = "中共青禾市水利局黨組關於巡察整改情況的通報。根據市委統一部署，市委第二巡察組對市水利局黨組進行了巡察。"
    assert decode(trad.encode("gbk")).text == trad  # traditional characters in GBK: still GB18030
    rare = "二〇二五年，张喆、李珺整改完成——"
    assert decode(rare.encode("gb18030")).encoding == "gb18030"
    with pytest.raises(ReadError, match="nearest guess is big5"):
        decode(trad.encode("big5"))


# -- directories ---------------------------------------------------------------------------------


def test_directory_search_neither_loops_nor_repeats(tmp_path: Path) -> None:
    top = tmp_path / "notices"
    (top / "a").mkdir(parents=True)
    (top / "a" / "one.txt").write_bytes(GOOD.read_bytes())
    (top / "b.txt").write_bytes(GOOD.read_bytes())
    (top / "a" / "up").symlink_to(top, target_is_directory=True)  # a loop back to the top
    (top / "again").symlink_to(top / "a", target_is_directory=True)  # the same files by a second way
    (top / "link.txt").symlink_to(top / "b.txt")  # a file link is checked as a file
    (top / "dangling.txt").symlink_to(top / "gone.txt")  # found while searching: not a notice file, skipped
    _loop(top / "loop.txt")  # likewise (its stat fails with ELOOP, where a dangling link's says it is no file)
    os.mkfifo(top / "pipe.txt")  # likewise
    (top / ".hidden").mkdir()
    (top / ".hidden" / "x.txt").write_bytes(GOOD.read_bytes())
    (top / ".b.txt.abc.rectlint-tmp").write_bytes(b"left by a killed --fix run")
    r = run("check", "--output-format", "json", "--select", "D004", str(top))
    assert r.exit_code == 1
    paths = [Path(f["path"]).relative_to(top).as_posix() for f in json.loads(r.stdout)["files"]]
    assert paths == ["a/one.txt", "b.txt", "link.txt"]


def test_a_directory_that_cannot_be_listed_is_an_error_and_the_rest_is_checked(tmp_path: Path, monkeypatch) -> None:
    """Its notices would go unchecked unseen: the run names it, fails, and checks everything else."""
    top = tmp_path / "notices"
    (top / "a").mkdir(parents=True)
    (top / "locked").mkdir()
    (top / "locked" / "x.txt").write_bytes(GOOD.read_bytes())
    (top / "a" / "one.txt").write_bytes(GOOD.read_bytes())
    listed = os.scandir

    def scandir(path):  # as for a directory without read permission (which root would list all the same)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return listed(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = run("check", "--select", "D004", str(top))
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [f"rectlint: error: {top / 'locked'}: directory not searched: permission denied"]
    assert f"{top / 'a' / 'one.txt'}:" in r.stdout and "1 file could not be checked" in r.stdout
    r = run("check", "--output-format", "json", "--select", "D004", str(top))
    files = json.loads(r.stdout)["files"]
    assert [(Path(f["path"]).name, f.get("error")) for f in files] == [
        ("one.txt", None), ("locked", "directory not searched: permission denied")]


def test_ten_thousand_files(tmp_path: Path) -> None:
    """Mostly small notices, a few bad files among them: every file gets its own result, in well under a minute."""
    top = tmp_path / "many"
    for i in range(100):
        (top / f"{i:02d}").mkdir(parents=True)
    notice = ("中共青禾市第{n}局党组关于巡察整改情况的通报\n"
              "问题1：台账不全,资料缺失。\n整改情况：已整改。补齐台账{n}本。\n")
    for i in range(10_000):
        f = top / f"{i % 100:02d}" / f"n{i:05d}.txt"
        if i % 1000 == 7:
            f.write_bytes(b"")
        else:
            f.write_text(notice.format(n=i), "utf-8")
    started = time.monotonic()
    r = run("check", "--output-format", "json", "--select", "P001,S002", str(top))
    elapsed = time.monotonic() - started
    doc = json.loads(r.stdout)
    assert r.exit_code == 2
    assert doc["summary"]["files"] == 10_000 and doc["summary"]["errors"] == 10
    assert sum(1 for f in doc["files"] if f["diagnostics"]) == 9_990
    assert elapsed < 60, f"{elapsed:.1f} s for 10,000 files"


# -- a text that is no notice --------------------------------------------------------------------


def test_a_story_gets_one_verdict_and_nothing_else(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, "utf-8")
    for select in ([], ["--select", "ALL"]):
        r = run("check", "--output-format", "json", *select, str(story))
        found = json.loads(r.stdout)["files"][0]["diagnostics"]
        assert [(d["code"], d["category"]) for d in found] == [("S001", "structure")]
        assert "不是巡察整改情况通报" in found[0]["message"]
    assert run("check", "--select", "P001", str(story)).exit_code == 0  # the verdict's rule off: nothing to say


def test_an_excerpt_is_still_checked_and_a_notice_is_never_called_a_story() -> None:
    excerpt = "台账不全,资料缺失。\n二是确保确保资金按期拨付。\n"
    assert {d.code for d in lint(excerpt)} >= {"P001", "W003"}
    assert "S001" not in {d.code for d in lint(GOOD.read_text("utf-8"))}
    with_subject = STORY.replace("雨下了整整一天", "巡察组进驻的那天，雨下了整整一天")
    assert {d.code for d in lint(with_subject)} >= {"P001", "W003", "D004"}


# -- configuration and rule packs ----------------------------------------------------------------


@pytest.mark.parametrize(("content", "message"), [
    ('options = { D010 = { min_days = "30" } }', 'options.D010.min_days: expected an integer, got "30"'),
    ("options = { E001 = { require_commitment = 1 } }", "options.E001.require_commitment: expected a boolean, got 1"),
    ('options = { S004 = { required = "phone" } }', 'options.S004.required: expected a list, got "phone"'),
    ('options = { S004 = { required = ["fax"] } }', "options.S004.required: unknown channel 'fax'"),
    ('options = { P001 = { uniform_share = "most" } }', 'options.P001.uniform_share: expected a number, got "most"'),
    ("select = 3", "select: 3 is not of type 'array'"),
    (b"select = ['\xff']", "cannot read"),
])
def test_bad_option_values_are_refused_before_any_file_is_checked(tmp_path: Path, monkeypatch, content,
                                                                   message: str) -> None:
    """Without the type check, a string where a rule expects a number failed on every file as an internal error."""
    (tmp_path / "rectlint.toml").write_bytes(content if isinstance(content, bytes) else content.encode())
    monkeypatch.chdir(tmp_path)
    r = run("check", str(GOOD))
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "rectlint.toml: " in r.stderr and message in r.stderr, r.stderr
    assert "Traceback" not in r.output and "internal error" not in r.output


def _corrupt(tmp_path: Path, old: str, new: str) -> Path:
    text = files("rectlint.rules").joinpath("usage.yaml").read_text("utf-8")
    assert old in text
    pack = tmp_path / "usage-copy.yaml"
    pack.write_text(text.replace(old, new, 1), "utf-8")
    return pack


@pytest.mark.parametrize(("old", "new", "message"), [
    ("severity: warning", "severity: fatal", ".severity: 'fatal' is not one of"),
    ("kind: substitution", "kind: replace", ".kind: 'replace' is not one of"),
    ("message: ", "mesage: ", "'message' is a required property"),
    ("message: \"", "message: \"{matched}", ".message: unknown placeholder {matched}"),
    ("safe: true", "safe: yes-please", ".safe: 'yes-please' is not of type 'boolean'"),
    ("pack: usage", "pack: [usage]", "pack: ['usage'] is not of type 'string'"),
    ("rules:\n", "rules:\n  - 3\n", "rules[0]: 3 is not of type 'object'"),
])
def test_a_corrupted_copy_of_a_built_in_pack_names_the_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(RegistryError) as info:
        load_pack(_corrupt(tmp_path, old, new))
    text = str(info.value)
    assert text.startswith("rule pack usage-copy.yaml: ") and message in text and "\n" not in text


def test_a_replacement_naming_a_missing_group_is_a_load_error(tmp_path: Path) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(GOOD_PACK.replace("replacement: 生态环境部", "replacement: '生态\\2部'"), "utf-8")
    with pytest.raises(RegistryError, match=r"rules\[0\]\.swap\[0\]\.replacement: invalid group reference 2"):
        load_pack(pack)


def test_a_plugin_pack_with_a_bad_key_stops_the_run_with_one_line(tmp_path: Path, monkeypatch) -> None:
    """Packs can come from outside (a plugin's RULE_PACKS): a broken one is named, never a traceback."""
    (tmp_path / "acme_bad.py").write_text(
        "from pathlib import Path\nRULE_PACKS = [Path(__file__).with_name('acme.yaml')]\n", "utf-8")
    (tmp_path / "acme.yaml").write_text(GOOD_PACK.replace("severity: info", "severity: loud"), "utf-8")
    with installed_plugin(tmp_path, monkeypatch, "acme_bad"):
        r = run("check", str(GOOD))
    assert r.exit_code == 2
    assert r.stderr == "rectlint: error: rule pack acme.yaml: rules[1].severity: 'loud' is not one of " \
                       "['error', 'warning', 'info']\n"


def test_a_report_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.json"
    r = run("check", "--output-format", "json", "-o", str(target), str(GOOD))
    assert r.exit_code == 2
    assert r.stderr == f"rectlint: error: {target}: cannot write the report (No such file or directory)\n"
