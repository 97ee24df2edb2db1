"""Which files a run checks: explicit paths as given, directories searched for notice files, '-' for stdin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Suffixes picked up when a directory is searched; a file named explicitly is always checked.
NOTICE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".docx", ".html", ".htm", ".pdf"}


def _searched(f: Path, root: Path) -> bool:
    """A notice file under a searched directory: not hidden, not a Word lock file (~$name.docx)."""
    return (f.suffix.lower() in NOTICE_SUFFIXES and not f.name.startswith("~$") and f.is_file()
            and not any(part.startswith(".") for part in f.relative_to(root).parts))


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
                if _searched(f, p):
                    yield Target(str(f), f)
        else:
            yield Target(raw, p)
