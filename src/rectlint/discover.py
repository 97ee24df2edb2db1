"""Which files a run checks: explicit paths as given, directories searched for notice files, '-' for stdin."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Suffixes picked up when a directory is searched; a file named explicitly is always checked.
NOTICE_SUFFIXES = {".txt", ".text", ".md", ".markdown"}


@dataclass(frozen=True)
class Target:
    shown: str  # the name reports use
    path: Path | None  # None: standard input


def discover(paths: tuple[str, ...] | list[str], stdin_filename: str | None = None) -> Iterator[Target]:
    for raw in paths:
        if raw == "-":
            yield Target(stdin_filename or "-", None)
            continue
        p = Path(raw)
        if p.is_dir():
            yield from (Target(str(f), f) for f in _search(p))
        else:
            yield Target(raw, p)


def _search(root: Path) -> list[Path]:
    """Notice files under a directory, sorted; hidden files and folders are skipped.

    Symbolic links to folders are not followed (a link to a parent would loop, one to a sibling would
    check its files twice); a link to a file is checked when it leads to a regular file.
    """
    found = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            f = Path(folder, name)
            if not name.startswith(".") and f.suffix.lower() in NOTICE_SUFFIXES and f.is_file():
                found.append(f)
    return sorted(found)
