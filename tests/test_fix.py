"""--fix and --diff: safe edits only, idempotent, atomic, and the file keeps its encoding, BOM and line ends."""

from __future__ import annotations

import codecs
import os
import re

import pytest
from click.testing import CliRunner

from rectlint.cli import main

TEXT = ("中共青禾市水利局党组关于巡察整改情况的通报\n"
        "问题1：台账不全,资料缺失。\n"
        "整改情况：已整改。截止目前补齐台账12本，确保确保不再发生，存在事不关已的思想。\n")
FIXED = ("中共青禾市水利局党组关于巡察整改情况的通报\n"
         "问题1：台账不全，资料缺失。\n"
         "整改情况：已整改。截至目前补齐台账12本，确保不再发生，存在事不关己的思想。\n")


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("utf-8", b"", "\n"), ("utf-8", codecs.BOM_UTF8, "\r\n"), ("gb18030", b"", "\r\n"), ("gb18030", b"", "\r"),
])
def test_fix_keeps_encoding_bom_and_line_ends(tmp_path, encoding: str, bom: bytes, newline: str) -> None:
    f = tmp_path / "notice.txt"
    f.write_bytes(bom + TEXT.replace("\n", newline).encode(encoding))
    r = run("check", "--fix", "--select", "W,P", str(f))
    assert r.exit_code == 0, r.output
    assert f.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)


def test_fix_is_idempotent_and_leaves_unchanged_files_alone(tmp_path) -> None:
    f = tmp_path / "notice.txt"
    f.write_text(TEXT, "utf-8")
    run("check", "--fix", str(f))
    once = f.read_bytes()
    stamp = f.stat().st_mtime_ns
    os.utime(f, ns=(stamp - 10_000_000_000, stamp - 10_000_000_000))
    before = f.stat().st_mtime_ns
    r = run("check", "--fix", str(f))
    assert f.read_bytes() == once
    assert f.stat().st_mtime_ns == before
    assert "Fixed 0 findings" in r.output


def test_diff_changes_nothing(tmp_path) -> None:
    f = tmp_path / "notice.txt"
    f.write_text(TEXT, "utf-8")
    r = run("check", "--diff", str(f))
    assert r.exit_code == 1
    assert "-问题1：台账不全,资料缺失。" in r.output and "+问题1：台账不全，资料缺失。" in r.output
    assert f.read_text("utf-8") == TEXT


def test_fix_never_changes_numbers_or_dates(tmp_path) -> None:
    """Fixes fire right next to figures (截止9月22日, a half-width comma, 2025年06月, 1-3月), and the figures
    and the impossible date stay exactly as written."""
    f = tmp_path / "notice.txt"
    text = ("问题1：台账不全。\n"
            "整改情况：已整改。截止9月22日,9月31日补齐台账12本,完成率80%；2025年06月11日复查，1-3月抽查。\n")
    f.write_text(text, "utf-8")
    run("check", "--fix", str(f))
    fixed = f.read_text("utf-8")
    assert fixed != text
    assert "截至9月22日，9月31日补齐台账12本，完成率80%" in fixed
    # every figure survives; only the padding zero of 06月 goes (D007), which leaves the date unchanged
    assert [int(n) for n in re.findall(r"\d+", fixed)] == [int(n) for n in re.findall(r"\d+", text)]


def test_fix_on_stdin_prints_the_fixed_text() -> None:
    r = CliRunner().invoke(main, ["check", "--fix", "--select", "W,P", "-"], input=TEXT.encode("utf-8"))
    assert r.stdout.startswith(FIXED)
