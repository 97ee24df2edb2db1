"""Which files a run checks: explicit paths as given, directories searched for notice files, '-' for stdin."""

from __future__ import annotations

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
            for f in sorted(p.rglob("*")):
                if f.suffix.lower() in NOTICE_SUFFIXES and f.is_file() and not any(
                        part.startswith(".") for part in f.relative_to(p).parts):
                    yield Target(str(f), f)
        else:
            yield Target(raw, p)
