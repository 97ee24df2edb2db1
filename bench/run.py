"""Benchmark: build a mutated corpus from the bundled examples and print rectlint's figures.

    python bench/run.py [--files 1000] [--keep DIR] [--shapes] [--python PY | --here]

rectlint is timed as the README installs it: `pip install .` into a fresh virtual environment (made once
per run in a temporary directory; --python reuses an interpreter that has rectlint installed, --here
uses the one running this script). Prints MB/s for `rectlint check` over the corpus with one process and
with --jobs 2 (and with the one rule S001: what the pipeline costs before the rules), the wall time of a
single-file run (start-up included), of an unchanged re-run (results cache), peak RSS, and the same figures
for any peer found on PATH (autocorrect). Targets
(issue 5): >= 20 MB/s with --jobs 2, single file < 150 ms, re-run < 0.5 s, peak RSS < 200 MB. With --shapes,
three large inputs are timed at full and quarter size (ratio near 4 without start-up = linear cost).

The figures measured, and what they say about the targets, are in the README's performance section.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
SWAPS = [("青禾市", "江川市"), ("水利局", "林业局"), ("云岭县", "梅山县"), ("，", ","), ("截至", "截止"),
         ("7月", "8月"), ("3次", "5次"), ("已完成", "正在整改"), ("确保", "确保确保")]


def build_corpus(folder: Path, files: int, seed: int = 7) -> int:
    """Mutated copies of the examples: lines dropped, duplicated and swapped, names and figures changed."""
    rng = random.Random(seed)
    texts = [p.read_text("utf-8").splitlines() for p in EXAMPLES]
    total = 0
    for i in range(files):
        lines = list(rng.choice(texts))
        for _ in range(rng.randint(0, 4)):
            j = rng.randrange(len(lines))
            op = rng.random()
            if op < 0.3:
                del lines[j]
            elif op < 0.6:
                lines.insert(j, lines[j])
            else:
                a, b = rng.choice(SWAPS)
                lines[j] = lines[j].replace(a, b)
        # pad with more items so that the corpus reaches about 20 MB at 1,000 files
        body = lines + [ln for ln in rng.choice(texts) if ln.startswith(("问题", "整改情况", "1", "2", "3"))] * 4
        data = (redated("\n".join(body), rng) + f"\n（编号{i:04d}）\n").encode("utf-8")
        (folder / f"n{i:04d}.txt").write_bytes(data)
        total += len(data)
    return total


YEAR, DAY = re.compile(r"(20\d\d)(?=年)"), re.compile(r"(\d{1,2}月)(\d{1,2})(?=日)")


def redated(text: str, rng: random.Random) -> str:
    """The notice's own dates: every year moved by one offset, each day of the month replaced by another (the
    same date alike throughout the notice). Notices still share most date texts (months, 今年, 3月份): the
    README says what that does to the figures."""
    shift, days = rng.randint(-5, 1), {}
    text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    return DAY.sub(lambda m: m.group(1) + str(days.setdefault(m.group(), rng.randint(1, 28))), text)


HEAD = re.compile(r"^\d{1,3}\.")


def _parts(text: str) -> tuple[list[str], list[str], list[str]]:
    """An example's lines split into the front (title, opening), the numbered items, and the rest."""
    lines = text.splitlines()
    first = next(i for i, ln in enumerate(lines) if HEAD.match(ln))
    last = max(i for i, ln in enumerate(lines) if ln.startswith("整改情况"))
    return lines[:first], lines[first:last + 1], lines[last + 1:]


def shape_big(size: int) -> str:
    """One notice of about `size` bytes: the numbered example with its item list repeated."""
    front, items, back = _parts(EXAMPLES[0].read_text("utf-8"))
    block = "\n".join(items)
    reps = max(1, size // len(block.encode("utf-8")))
    return "\n".join([*front, *[block] * reps, *back]) + "\n"


def shape_items(count: int) -> str:
    """A notice with `count` numbered items, each a problem line and a short response, numbered 1..count."""
    front, items, back = _parts(EXAMPLES[0].read_text("utf-8"))
    problems = [HEAD.sub("", ln) for ln in items if HEAD.match(ln)]
    responses = [ln for ln in items if ln.startswith("整改情况")]
    body = []
    for i in range(count):
        body += [f"{i + 1}.{problems[i % len(problems)]}", responses[i % len(responses)][:120]]
    return "\n".join([*front, *body, *back]) + "\n"


def shape_long_line(chars: int) -> str:
    """A notice whose first response is one line of `chars` characters (a response pasted without breaks)."""
    front, items, back = _parts(EXAMPLES[0].read_text("utf-8"))
    prose = "".join(ln for ln in items if ln.startswith("整改情况"))
    line = "整改情况：" + (prose * (chars // len(prose) + 1))[:chars]
    return "\n".join([*front, items[0], line, *items[2:], *back]) + "\n"


# name, builder, full-size argument; each shape is also run at a quarter of that size
SHAPES = [("one 5 MB notice", shape_big, 5_000_000), ("a notice with 2,000 items", shape_items, 2000),
          ("a 200,000-character line", shape_long_line, 200_000)]


def shapes(folder: Path, rectlint: list[str], timeout: float, startup: float) -> None:
    """Time each shape at full and at quarter size. Linear cost shows as a ratio near 4 once the start-up
    (`startup`, the single-file time) is taken off both; the raw ratio is printed too."""
    for name, build, full in SHAPES:
        walls = []
        for arg in (full // 4, full):
            path = folder / f"shape-{build.__name__}-{arg}.txt"
            path.write_text(build(arg), encoding="utf-8")
            t = time.perf_counter()
            try:
                subprocess.run([*rectlint, "check", "--exit-zero", "--output-format", "json", str(path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=timeout)
                walls.append(time.perf_counter() - t)
            except subprocess.TimeoutExpired:
                walls.append(float("inf"))
            path.unlink()
        quarter, whole = walls
        net = (whole - startup) / max(quarter - startup, 1e-3)
        print(f"{name + ':':<30} {whole:7.2f} s   (1/4 size {quarter:6.2f} s, ratio {whole / quarter:4.1f},"
              f" {net:4.1f} without start-up)")


def timed(cmd: list[str], runs: int = 3, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median wall seconds over `runs` runs, and the largest peak RSS (MB) of one run's process tree."""
    walls, peaks = [], []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, _, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - t)
        peaks.append(usage.ru_maxrss / 1024)  # the process itself; workers are forked copies of it
    return statistics.median(walls), max(peaks)


def install() -> Path:
    """A fresh virtual environment with this checkout installed as `pip install .` installs it."""
    where = Path(tempfile.mkdtemp(prefix="rectlint-bench-venv-"))
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    python = where / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(ROOT)], check=True,
                   stderr=subprocess.DEVNULL)
    return python


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--shapes", action="store_true", help="also time the large-input shapes")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before a shape run is given up")
    which = ap.add_mutually_exclusive_group()
    which.add_argument("--python", type=Path, help="an interpreter with rectlint installed (no new venv)")
    which.add_argument("--here", action="store_true", help="time the rectlint this interpreter imports")
    args = ap.parse_args()
    # Byte-code is written as a user's Python writes it (an environment may turn that off for itself).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    python = Path(sys.executable) if args.here else args.python or install()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="rectlint-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    size = build_corpus(folder, args.files)
    mb = size / 1e6
    rectlint = [str(python), "-m", "rectlint"]
    print(f"corpus: {args.files} files, {mb:.1f} MB in {folder}")
    check = [*rectlint, "check", "--exit-zero", "--output-format", "json"]
    wall, rss = timed([*check, "--no-cache", "--jobs", "1", str(folder)], runs=1)
    print(f"rectlint, 1 process:     {mb / wall:7.2f} MB/s  ({wall:.1f} s)   peak RSS {rss:.0f} MB")
    wall2, rss2 = timed([*check, "--no-cache", "--jobs", "2", str(folder)], runs=1)
    print(f"rectlint, --jobs 2:      {mb / wall2:7.2f} MB/s  ({wall2:.1f} s)   peak RSS {rss2:.0f} MB per process")
    # The pipeline every rule needs, with one trivial rule: how much of the time is left for the rules.
    floor, _ = timed([*check, "--no-cache", "--jobs", "2", "--select", "S001", str(folder)], runs=1)
    print(f"  the same, S001 alone:  {mb / floor:7.2f} MB/s  ({floor:.1f} s)   reading, parsing, facts and report:"
          f" {floor / wall2:.0%} of the time")
    one, _ = timed([*check, "--no-cache", str(EXAMPLES[0])], runs=5)
    print(f"rectlint, single file:   {one * 1000:7.0f} ms wall (start-up included)")
    cache_env = {**os.environ, "RECTLINT_CACHE_DIR": str(folder.parent / f"{folder.name}-cache")}
    timed([*check, "--jobs", "2", str(folder)], runs=1, env=cache_env)  # fills the cache
    again, _ = timed([*check, str(folder)], runs=3, env=cache_env)
    print(f"rectlint, unchanged re-run: {again:5.2f} s wall (results cache)")
    shutil.rmtree(cache_env["RECTLINT_CACHE_DIR"], ignore_errors=True)
    peer = shutil.which("autocorrect")
    if peer:
        pwall, prss = timed([peer, "--lint", "--format", "json", "--threads", "2", str(folder)], runs=1)
        pone, _ = timed([peer, "--lint", "--format", "json", str(EXAMPLES[0])], runs=5)
        print(f"autocorrect, 2 threads:  {mb / pwall:7.2f} MB/s  ({pwall:.1f} s)   peak RSS {prss:.0f} MB;"
              f" single file {pone * 1000:.0f} ms")
        print(f"ratios rectlint/autocorrect: throughput {pwall / wall2:.2f} (--jobs 2 vs 2 threads),"
              f" single file {one / pone:.2f} (time)")
    else:
        print("autocorrect: not installed (npm install autocorrect-node, put its bin on PATH, to compare)")
    if args.shapes:
        shapes(folder, rectlint, args.timeout, one)
    if not args.keep:
        shutil.rmtree(folder)
    if not (args.here or args.python):
        shutil.rmtree(python.parent.parent)


if __name__ == "__main__":
    main()
