"""The start-up cache: stored regex programs behave like fresh ones, and a bad cache changes nothing."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest

from conftest import EXAMPLES
from rectlint import patterns, resources, startcache

PATTERNS = [r"(?P<y>\d{4})\s*年(?P<m>\d{1,2})月", r"(?<![\d.])\d{1,2}\s*月份?", r"(截止)(?=目前|\d)", r"(?i)abc|x",
            r"([\u4e00-\u9fff]{2})\1"]
TEXT = "2025年7月，截止目前12月份完成，ABC，确保确保。"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_stored_program_matches_like_re(pattern: str) -> None:
    first = patterns.compile(pattern)  # compiled and remembered
    again = patterns.compile(pattern)  # from the table
    fresh = re.compile(pattern)
    for p in (first, again):
        assert [(m.span(), m.groups(), m.groupdict()) for m in p.finditer(TEXT)] == \
            [(m.span(), m.groups(), m.groupdict()) for m in fresh.finditer(TEXT)]
        assert (p.pattern, p.flags, p.groups, p.groupindex) == (fresh.pattern, fresh.flags, fresh.groups,
                                                                fresh.groupindex)


def test_a_bad_pattern_is_still_an_error() -> None:
    with pytest.raises(re.error):
        patterns.compile("(unclosed")


def _run(env_dir: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rectlint", "check", "--no-cache", "--output-format", "json",
                           str(EXAMPLES / "layout-numbered.txt")], capture_output=True, text=True,
                          env={**os.environ, "RECTLINT_STARTUP_CACHE": env_dir})


def test_cold_warm_damaged_and_disabled_caches_give_the_same_report(tmp_path) -> None:
    cold = _run(str(tmp_path))
    stored = sorted(p.name for p in tmp_path.iterdir())
    assert "packs.marshal" in stored
    assert any(n.startswith("regex-") for n in stored) and any(n.startswith("lalr-") for n in stored)
    assert any(n.startswith("dataclass-code-") for n in stored)
    warm = _run(str(tmp_path))
    disabled = _run("")
    assert cold.stdout and cold.stdout == warm.stdout == disabled.stdout
    assert cold.stderr == warm.stderr == disabled.stderr == ""
    # garbage, and values that load but are not what was stored (the name is a digest of what it was derived from)
    for damage in (b"\x00garbage", *map(marshal.dumps, ({}, [], (), "text", {"properties": 1}, 0))):
        for p in tmp_path.iterdir():
            p.write_bytes(damage)
        damaged = _run(str(tmp_path))
        assert (damaged.stdout, damaged.stderr) == (cold.stdout, ""), damage  # and it stored anew what it derived


def test_stored_code_is_read_only_from_a_file_no_one_else_may_write(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RECTLINT_STARTUP_CACHE", str(tmp_path))
    startcache.directory.cache_clear()
    umask = os.umask(0o002)
    try:
        startcache.store("code", {"a": 1}, private=True)
        os.umask(umask)
        assert (tmp_path / "code").stat().st_mode & 0o777 == 0o600
        assert startcache.load("code", private=True) == {"a": 1}
        (tmp_path / "code").chmod(0o664)
        assert startcache.load("code", private=True) is None
        assert startcache.load("code") == {"a": 1}
    finally:
        os.umask(umask)
        startcache.directory.cache_clear()


@pytest.mark.parametrize("package", ["rectlint.rules", "rectlint.schemas", "rectlint.grammars", "rectlint.report"])
def test_package_data_is_found_where_importlib_resources_finds_it(package: str) -> None:
    import importlib.resources

    assert resources.files(package) == importlib.resources.files(package)


def test_unwritable_cache_is_ignored(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("RECTLINT_STARTUP_CACHE", str(blocker / "cache"))
    startcache.directory.cache_clear()
    try:
        startcache.store("x", {"a": 1})  # no exception
        assert startcache.load("x") is None
    finally:
        startcache.directory.cache_clear()


def test_a_one_file_run_imports_no_heavy_module_it_does_not_need() -> None:
    """Start-up time: pydantic, the Word/web/PDF readers, worker processes, git, diffs, YAML, JSON Schema and Lark
    (the start-up cache spares a warm start these three), importlib.resources (tempfile, zipfile), hashlib
    (OpenSSL), json (the configuration schema is kept parsed) and decimal (C003 reckons in integers) are imported
    only by the runs that use them."""
    code = ("import sys\nfrom rectlint.cli import main\n"
            "try:\n    main(['check', '--no-cache', '--exit-zero', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "heavy = ['pydantic', 'docx', 'selectolax', 'pypdf', 'multiprocessing', 'rectlint.forked', 'pickle',"
            " 'subprocess', 'difflib', 'yaml', 'jsonschema', 'lark', 'importlib.resources', 'tempfile', 'zipfile',"
            " 'hashlib', 'json', 'decimal']\n"
            "print('imported:', *[m for m in heavy if m in sys.modules], file=sys.stderr)\n")
    example = str(EXAMPLES / "layout-numbered.txt")
    for _ in range(2):  # the first run may fill the start-up cache
        run = subprocess.run([sys.executable, "-c", code, example], capture_output=True, text=True, check=True)
    assert run.stderr.splitlines()[-1] == "imported:"
