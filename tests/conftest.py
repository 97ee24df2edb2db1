from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The caches of the tests, in processes they start too: the start-up cache (compiled patterns, rule packs,
# parse table) and the results of checked files (never in the checkout).
os.environ["RECTLINT_STARTUP_CACHE"] = tempfile.mkdtemp(prefix="rectlint-test-startup-")
os.environ["RECTLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="rectlint-test-results-")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
XUCHANG = SEEDS / "000_66597606a0dd2ede.txt"
KAIFENG = SEEDS / "001_155e5a49720877fd.txt"


@pytest.fixture
def seeds() -> tuple[Path, Path]:
    if not (XUCHANG.exists() and KAIFENG.exists()):
        pytest.skip("the seed notices (../shared/seeds) are not available")
    return XUCHANG, KAIFENG
