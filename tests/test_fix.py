"""--fix and --diff: safe edits only, idempotent, atomic, and the file keeps its encoding, BOM and line ends."""

from __future__ import annotations

import codecs
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from helpers import source
from rectlint.cli import main
from rectlint.engine import Settings, check
from rectlint.fixer import WriteError, fix_text, write_atomically
from rectlint.registry import select_rules
from test_robustness import damaged_examples

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
    ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"), ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
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
    inode = f.stat().st_ino
    r = run("check", "--fix", str(f))
    assert f.read_bytes() == once
    assert f.stat().st_mtime_ns == before and f.stat().st_ino == inode
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


# -- safety: atomic, faithful, and never half-done ----------------------------------------------------


def _notices(folder: Path, count: int) -> dict[Path, tuple[bytes, bytes]]:
    """`count` fixable notices in alternating encodings and line ends: path → (original, fixed) bytes."""
    folder.mkdir(exist_ok=True)
    out = {}
    for i in range(count):
        encoding, newline = ("gb18030", "\r\n") if i % 2 else ("utf-8", "\n")
        f = folder / f"n{i:03d}.txt"
        before = TEXT.replace("12本", f"{i}本").replace("\n", newline).encode(encoding)
        after = FIXED.replace("12本", f"{i}本").replace("\n", newline).encode(encoding)
        f.write_bytes(before)
        out[f] = (before, after)
    return out


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_fixed_file_keeps_its_mode_and_only_its_bytes_change(tmp_path) -> None:
    [(f, (_, after))] = _notices(tmp_path / "d", 1).items()
    f.chmod(0o640)
    r = run("check", "--fix", "--select", "W,P", str(f))
    assert r.exit_code == 0
    assert f.read_bytes() == after
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert _leftovers(f.parent) == []


def test_a_link_is_kept_and_its_target_fixed(tmp_path) -> None:
    [(f, (_, after))] = _notices(tmp_path / "d", 1).items()
    link = tmp_path / "link.txt"
    link.symlink_to(f)
    run("check", "--fix", "--select", "W,P", str(link))
    assert link.is_symlink() and f.read_bytes() == after


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_an_interrupted_run_leaves_every_file_whole(tmp_path, monkeypatch, failure) -> None:
    """The third rename fails (a full disk) or the user presses Ctrl-C there: every file holds either its
    original bytes or its fully fixed bytes, and no temporary file is left behind."""
    files = _notices(tmp_path / "d", 6)
    real_replace, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise failure
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    r = run("check", "--fix", "--select", "W,P", "--jobs", "1", str(tmp_path / "d"))  # one process: one count
    states = ["fixed" if f.read_bytes() == after else "original" if f.read_bytes() == before else "broken"
              for f, (before, after) in files.items()]
    assert "broken" not in states
    assert _leftovers(tmp_path / "d") == []
    if isinstance(failure, OSError):  # that one file is an error, the others are fixed
        assert r.exit_code == 2 and states == ["fixed", "fixed", "original", "fixed", "fixed", "fixed"]
        assert "n002.txt: fixes not written (No space left on device)" in r.stderr
    else:  # the run stops there
        assert states == ["fixed", "fixed", "original", "original", "original", "original"]


def test_a_killed_run_leaves_originals_or_fixes_and_the_next_run_finishes(tmp_path) -> None:
    """SIGKILL at some moment of a run over many files: whatever the moment, no file is half-written; the
    next run fixes the rest and removes any temporary file the killed one left."""
    files = _notices(tmp_path / "d", 120)
    proc = subprocess.Popen([sys.executable, "-m", "rectlint", "check", "--fix", "--select", "W,P", "--jobs", "1",
                             str(tmp_path / "d")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and all(f.read_bytes() == b for f, (b, _) in files.items()):
        time.sleep(0.005)  # until the first file is fixed
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for f, (before, after) in files.items():
        assert f.read_bytes() in (before, after), f
    assert any(f.read_bytes() == after for f, (_, after) in files.items())
    run("check", "--fix", "--select", "W,P", str(tmp_path / "d"))
    assert all(f.read_bytes() == after for f, (_, after) in files.items())
    assert _leftovers(tmp_path / "d") == []


def test_nothing_is_written_over_a_file_that_changed_or_is_read_only(tmp_path, monkeypatch) -> None:
    f = tmp_path / "notice.txt"
    f.write_text(TEXT, "utf-8")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomically(f, FIXED.encode(), original=TEXT.replace("问题1", "问题2").encode())
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # a read-only file, even when run as root
    with pytest.raises(WriteError, match="read-only file"):
        write_atomically(f, FIXED.encode(), original=TEXT.encode())
    assert f.read_text("utf-8") == TEXT and _leftovers(tmp_path) == []


def _all_rules(src):
    return check(src, Settings(rules=select_rules()))[1]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_examples())
def test_fixing_damaged_examples_never_fails_and_settles_at_once(text: str) -> None:
    if not text.strip():
        return
    fixed, _ = fix_text(source(text), _all_rules)
    assert fix_text(fixed, _all_rules)[1] == 0
