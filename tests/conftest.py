from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> None:
    """CLI runs in tests cache their results in a temporary folder, never in the checkout."""
    import os

    os.environ["RECTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("rectlint-cache"))
