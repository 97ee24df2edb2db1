"""--jobs never changes the output; the cache returns exactly what a fresh check returns, and only then."""

from __future__ import annotations

import json
import marshal
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from rectlint.cli import main


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Twelve notices: the examples, and variants with one planted defect each, in nested folders."""
    root = tmp_path / "notices"
    for i in range(4):
        for example in sorted(EXAMPLES.glob("*.txt")):
            text = example.read_text("utf-8")
            if i:
                text = text.replace("截至", "截止", i).replace("。", "。。", 1)
            target = root / f"batch{i % 2}" / f"{i}-{example.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
    return root


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["check", *args])
    return r.exit_code, r.output


@pytest.mark.parametrize("fmt", ["concise", "json", "full"])
def test_output_is_byte_identical_whatever_the_jobs(corpus: Path, tmp_path: Path, fmt: str) -> None:
    outputs = {run("--no-cache", "--output-format", fmt, "-j", str(j), str(corpus)) for j in (1, 2, 3)}
    assert len(outputs) == 1
    code, out = outputs.pop()
    assert code == 1 and out.count("W001") >= 3


MARK = "（来自缓存）"


def _mark(entry: Path) -> None:
    """Prefix every message an entry keeps, in its rows and in its JSON text."""
    from rectlint.cache import Entry

    kept = Entry(*marshal.loads(entry.read_bytes()))
    rows = marshal.loads(kept.rows)
    for row in rows:
        row[4] = MARK + row[4]  # a row: the message is its fifth field
    kept.text = kept.text and kept.text.replace(b'"message": "', f'"message": "{MARK}'.encode())
    kept.rows = marshal.dumps(rows)
    entry.write_bytes(marshal.dumps(kept.fields()))


@pytest.mark.parametrize("fmt", ["json", "concise"])
def test_a_second_run_reads_the_cache_and_says_the_same(corpus: Path, tmp_path: Path, fmt: str) -> None:
    cache = tmp_path / "cache"
    first = run("--cache-dir", str(cache), "--output-format", fmt, str(corpus))
    entries = list(cache.rglob("*.entry"))
    assert len(entries) == 12 and (cache / ".gitignore").exists()
    second = run("--cache-dir", str(cache), "--output-format", fmt, str(corpus))
    assert second == first
    assert len(list(cache.rglob("*.entry"))) == 12
    for entry in entries:  # mark each entry: the third run must show the marks, so it read them
        _mark(entry)
    _, third = run("--cache-dir", str(cache), "--output-format", fmt, str(corpus))
    if fmt == "json":
        messages = [d["message"] for f in json.loads(third)["files"] for d in f["diagnostics"]]
        assert messages and all(m.startswith(MARK) for m in messages)
    else:
        findings = [line for line in third.splitlines() if line.startswith(str(corpus))]
        assert findings and all(MARK in line for line in findings)


@pytest.mark.parametrize("fmt", ["json", "concise"])
@pytest.mark.parametrize("first", ["json", "concise"])
def test_a_cached_run_counts_fails_and_tells_statistics_as_a_fresh_one(
        corpus: Path, tmp_path: Path, fmt: str, first: str) -> None:
    """Entries stored by a run of either format; a JSON re-run takes its totals from their tallies."""
    cache = tmp_path / "cache"
    run("--cache-dir", str(cache), "--output-format", first, str(corpus))
    for args in ([], ["--statistics"], ["--fail-level", "error"], ["--select", "W001", "--fail-level", "error"]):
        fresh = run("--no-cache", "--output-format", fmt, *args, str(corpus))
        assert run("--cache-dir", str(cache), "--output-format", fmt, *args, str(corpus)) == fresh
        assert run("--cache-dir", str(cache), "--output-format", fmt, *args, str(corpus)) == fresh


@pytest.mark.parametrize("charset", ["utf-8", "gb18030"])
def test_a_json_re_run_writes_the_same_to_any_stream_and_file(corpus: Path, tmp_path: Path, charset: str) -> None:
    """The kept text goes out as the cache's UTF-8 bytes only to a stream that writes UTF-8 as it is."""
    cache = tmp_path / "cache"

    def report(*args: str) -> tuple[int, bytes, bytes]:
        out = tmp_path / "report.json"
        r = CliRunner(charset=charset).invoke(main, ["check", "--output-format", "json", *args, str(corpus)])
        code = CliRunner().invoke(main, ["check", "--output-format", "json", "-o", str(out), *args, str(corpus)])
        return r.exit_code + 10 * code.exit_code, r.stdout_bytes, out.read_bytes()

    fresh = report("--no-cache")
    assert fresh[1] and fresh[1] == fresh[2].decode("utf-8").encode(charset)
    assert report("--cache-dir", str(cache)) == fresh
    assert report("--cache-dir", str(cache)) == fresh


def test_a_json_re_run_makes_no_finding_unless_a_baseline_reads_them(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from rectlint import runner

    cache, baseline = tmp_path / "cache", tmp_path / "baseline.json"
    notice = next(corpus.rglob("1-layout-numbered.txt"))
    run("--no-cache", "--baseline-write", str(baseline), str(notice))
    notice.write_text(notice.read_text("utf-8").replace("截至", "截止"), "utf-8")  # one finding the baseline lacks
    fresh = run("--cache-dir", str(cache), "--output-format", "json", str(corpus))
    with_baseline = run("--no-cache", "--baseline", str(baseline), "--output-format", "json", str(corpus))
    assert run("--cache-dir", str(cache), "--baseline", str(baseline), "--output-format", "json", str(corpus)) \
        == with_baseline != fresh
    monkeypatch.setattr(runner, "_made", lambda rows: pytest.fail("findings made from the rows"))
    assert run("--cache-dir", str(cache), "--output-format", "json", str(corpus)) == fresh


def test_an_edited_file_or_other_settings_are_checked_again(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    notice = next(corpus.rglob("0-layout-numbered.txt"))
    before = run("--cache-dir", str(cache), str(notice))[1]
    notice.write_text(notice.read_text("utf-8").replace("截至", "截止"), "utf-8")
    after = run("--cache-dir", str(cache), str(notice))[1]
    assert after.count("W001") == before.count("W001") + 1
    assert run("--cache-dir", str(cache), "--select", "W001", str(notice))[1].count("W001") == after.count("W001")
    assert "D004" not in run("--cache-dir", str(cache), "--select", "W001", str(notice))[1]
    assert len(list(cache.rglob("*.entry"))) == 3


def test_a_damaged_entry_is_ignored_and_no_cache_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run("--cache-dir", str(cache), str(corpus))
    entries = sorted(cache.rglob("*.entry"))
    assert len(entries) == 12
    kept = marshal.loads(entries[0].read_bytes())
    damaged = [b"{not json", entries[1].read_bytes()[:-7], marshal.dumps({"diagnostics": []}), marshal.dumps(kept[:4]),
               marshal.dumps((*kept[:4], b"\xff\x00")), marshal.dumps((kept[0], kept[1], [], *kept[3:]))]
    for entry, data in zip(entries, damaged * 2, strict=True):
        entry.write_bytes(data)
    for fmt in ("concise", "json"):  # each entry is read, found wanting, and the file checked again
        assert run("--cache-dir", str(cache), "--no-cache", "--output-format", fmt, str(corpus)) == \
            run("--cache-dir", str(cache), "--output-format", fmt, str(corpus))
        for entry, data in zip(entries, damaged * 2, strict=True):
            entry.write_bytes(data)
    other = tmp_path / "other"
    run("--no-cache", "--cache-dir", str(other), str(corpus))
    assert not other.exists()


def test_fixing_bypasses_the_cache(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    notice = next(corpus.rglob("1-layout-numbered.txt"))
    run("--cache-dir", str(cache), str(notice))
    copy = tmp_path / "copy.txt"
    shutil.copy(notice, copy)
    run("--cache-dir", str(cache), "--fix", str(notice))
    assert notice.read_bytes() != copy.read_bytes()  # the fix ran although the file was cached


def test_an_interrupt_in_a_worker_stops_the_run_instead_of_hanging_it(corpus: Path, monkeypatch) -> None:
    from rectlint import runner

    real = runner.check_target

    def interrupted(target, options):
        if target.path is not None and target.path.name.startswith("2-"):
            raise KeyboardInterrupt
        return real(target, options)

    monkeypatch.setattr(runner, "check_target", interrupted)
    r = CliRunner().invoke(main, ["check", "--no-cache", "-j", "2", str(corpus)])
    assert isinstance(r.exception, KeyboardInterrupt) or r.exit_code == 1  # CliRunner reports ^C as Abort
    assert "2-layout" not in r.stdout


@pytest.mark.parametrize("count, jobs", [(1, 2), (7, 2), (12, 3), (100, 2), (1000, 2), (5000, 8)])
def test_every_worker_gets_several_tasks_and_large_runs_few_round_trips(count: int, jobs: int) -> None:
    from rectlint.parallel import chunksize

    size = chunksize(count, jobs)
    assert size >= 1
    assert -(-count // size) >= min(count, 4 * jobs)  # tasks to go round, while there are files for them
    assert size == 16 or count < 16 * 4 * jobs  # a large run: few round trips through the parent


def test_findings_survive_the_trip_from_a_worker_process() -> None:
    import pickle

    from helpers import lint

    diags = lint((EXAMPLES / "layout-numbered.txt").read_text("utf-8"))
    assert any(d.fix for d in diags) and any(d.path for d in diags)
    back = pickle.loads(pickle.dumps(diags, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == diags
    # equal is not enough: a StrEnum equals its value, a Fix must come back a Fix
    assert [(type(d.category), type(d.severity), type(d.fix)) for d in back] == \
        [(type(d.category), type(d.severity), type(d.fix)) for d in diags]
    assert all(type(e) is type(f) for a, b in zip(back, diags, strict=True) if a.fix and b.fix
               for e, f in zip(a.fix.edits, b.fix.edits, strict=True))


def _fails_at_150(n: int) -> int:
    if n == 150:
        raise ValueError(n)
    return n * n


@pytest.mark.parametrize("jobs", [2, 3])
def test_results_come_in_order_and_an_exception_when_its_turn_comes(jobs: int) -> None:
    from rectlint.parallel import ordered_map

    assert list(ordered_map(_fails_at_150, range(150), jobs)) == [n * n for n in range(150)]
    seen = []
    with pytest.raises(ValueError, match="150"):
        for result in ordered_map(_fails_at_150, range(300), jobs):
            seen.append(result)
    assert seen == [n * n for n in range(150)]


def _dies_in_a_worker(n: int) -> int:
    import time

    if os.getpid() != _PARENT:
        os._exit(9)  # as a worker killed by the system would end: no word, no result
    time.sleep(0.002)  # the parent is slow enough for the worker to claim a chunk before it ends
    return n * n


_PARENT = os.getpid()


def test_the_items_of_a_worker_that_died_are_given_up_and_the_rest_are_checked() -> None:
    from rectlint.parallel import ordered_map

    results = list(ordered_map(_dies_in_a_worker, range(200), 2, lost=lambda n: -n))
    lost = [n for n, r in enumerate(results) if r != n * n]
    assert lost and lost == list(range(lost[0], lost[0] + len(lost)))  # one chunk, the one the worker had
    assert all(results[n] == -n for n in lost)
    with pytest.raises(RuntimeError, match="ended before sending"):
        list(ordered_map(_dies_in_a_worker, range(200), 2))
