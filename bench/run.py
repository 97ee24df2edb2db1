"""Benchmark: build a mutated corpus from the bundled examples and print rectlint's figures.

    python bench/run.py [--files 1000] [--keep DIR]

Prints MB/s for `rectlint check` over the corpus with one process, the wall time of a single-file run
(start-up included), peak RSS, and the same figures for any peer found on PATH (autocorrect). Targets
(issue 5): >= 20 MB/s with --jobs 2, single file < 150 ms, re-run < 0.5 s, peak RSS < 200 MB. Figures
that need a feature rectlint does not have yet (--jobs, the cache) are printed as "n/a".
"""

from __future__ import annotations

import argparse
import random
import resource
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
        data = ("\n".join(body) + f"\n（编号{i:04d}）\n").encode("utf-8")
        (folder / f"n{i:04d}.txt").write_bytes(data)
        total += len(data)
    return total


def timed(cmd: list[str], runs: int = 3) -> tuple[float, float]:
    """Median wall seconds and peak child RSS in MB over `runs` runs."""
    walls = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - t)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(walls), rss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="rectlint-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    size = build_corpus(folder, args.files)
    mb = size / 1e6
    rectlint = [sys.executable, "-m", "rectlint"]
    print(f"corpus: {args.files} files, {mb:.1f} MB in {folder}")
    wall, rss = timed([*rectlint, "check", "--exit-zero", "--output-format", "json", str(folder)], runs=1)
    print(f"rectlint, 1 process:     {mb / wall:7.2f} MB/s  ({wall:.1f} s)   peak RSS {rss:.0f} MB")
    print("rectlint, --jobs 2:          n/a (not implemented yet)")
    one, _ = timed([*rectlint, "check", "--exit-zero", str(EXAMPLES[0])], runs=5)
    print(f"rectlint, single file:   {one * 1000:7.0f} ms wall (start-up included)")
    print("rectlint, unchanged re-run: n/a (no cache yet)")
    peer = shutil.which("autocorrect")
    if peer:
        pwall, _ = timed([peer, "--lint", "--format", "json", str(folder)], runs=1)
        print(f"autocorrect:             {mb / pwall:7.2f} MB/s   ratio rectlint/autocorrect {pwall / wall:.2f}")
    else:
        print("autocorrect: not installed (npm install autocorrect-node to compare)")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
