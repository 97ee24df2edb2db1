"""`pip install .` then running from another directory: grammar and rule data ship inside the package."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

from conftest import EXAMPLES, ROOT


def _fresh_env(env_dir: Path) -> Path:
    """A new virtualenv that sees this environment's dependencies but not its copy of rectlint."""
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    purelib = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # Plain path lines: the directories join sys.path, but their own .pth files (such as an editable
    # install of rectlint) are not run.
    deps = {*site.getsitepackages(), sysconfig.get_paths()["purelib"]}
    Path(purelib, "_rectlint_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n", "utf-8")
    return py


def test_installed_package_runs_from_another_directory(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    py = _fresh_env(env_dir)
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", str(ROOT)], check=True,
                   capture_output=True, text=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(EXAMPLES / "layout-numbered.txt", work / "notice.txt")
    where = subprocess.run([py, "-c", "import rectlint, importlib.resources as r; print(rectlint.__file__);"
                            "print(r.files('rectlint.grammars').joinpath('notice.lark').is_file())"],
                           cwd=work, check=True, capture_output=True, text=True).stdout.split()
    assert str(env_dir) in where[0] and where[1] == "True"
    rectlint = py.with_name("rectlint")
    run = subprocess.run([rectlint, "check", "--select", "D004", "notice.txt"], cwd=work, capture_output=True,
                         text=True)
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith("notice.txt:41:60: D004")
    page = subprocess.run([rectlint, "check", "--output-format", "html", "notice.txt"], cwd=work, capture_output=True,
                          text=True, encoding="utf-8")
    assert page.returncode == 1 and "mark.hl" in page.stdout and "showModal" in page.stdout  # styles, script ship
    version = subprocess.run([rectlint, "--version"], cwd=work, capture_output=True, text=True)
    assert version.stdout.startswith("rectlint 0.")


def test_every_package_directory_is_declared() -> None:
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {".".join(p.parent.relative_to(src).parts) for p in src.rglob("__init__.py")}
    assert found <= declared
