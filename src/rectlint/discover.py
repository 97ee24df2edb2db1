"""Which files a run checks: explicit paths as given, directories searched for notice files (skipping what
the configuration excludes and what git ignores), '-' for stdin."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rectlint.records import dataclass

if TYPE_CHECKING:
    from rectlint.resolver import Resolver

# Suffixes picked up when a directory is searched; a file named explicitly is always checked.
NOTICE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".docx", ".html", ".htm", ".pdf"}


@dataclass(frozen=True)
class Target:
    """A file to check (or standard input), with the name the report gives it."""

    shown: str  # the name reports use
    path: Path | None  # None: standard input
    error: str | None = None  # why it cannot be checked, known from the search (a directory it could not list)


def discover(paths: tuple[str, ...] | list[str], stdin_filename: str | None = None,
             resolver: Resolver | None = None, force_exclude: bool = False) -> Iterator[Target]:
    """Targets in the order given, directories in sorted order. Files named explicitly are checked even
    when excluded, unless `force_exclude` (as pre-commit passes every changed file by name)."""
    if resolver is None:
        from rectlint.resolver import Resolver

        resolver = Resolver()
    for raw in paths:
        if raw == "-":
            if not (force_exclude and stdin_filename and resolver.force_excluded(Path(stdin_filename))):
                yield Target(stdin_filename or "-", None)
            continue
        p = Path(raw)
        if force_exclude and resolver.force_excluded(p):
            continue
        if p.is_dir():
            real = resolver.real_dir(p)
            yield from _search(p, real, resolver, _GitIgnored(real))
        else:
            yield Target(raw, p)


def _search(shown: Path, real: Path, resolver: Resolver, git: _GitIgnored) -> Iterator[Target]:
    try:
        entries = sorted(os.scandir(real), key=lambda e: e.name)
    except OSError as exc:  # the notices below it would go unchecked unseen: the run says so and fails
        from rectlint.source import os_reason

        yield Target(str(shown), shown, f"directory not searched: {os_reason(exc)}")
        return
    cfg = resolver.config_at(real)  # the excludes of an entry's directory decide about it
    # A file's place is matched as text, and its Path made once, for its Target: Paths made for each file cost
    # more than the rest of an unchanged re-run's search.
    excludes, here = cfg.excludes, real.as_posix().rstrip("/") + "/"
    for entry in entries:
        name = entry.name
        if entry.is_dir(follow_symlinks=False):
            if not excludes.matches_text(here + name, name) and not (cfg.gitignore and git.ignores(real, name, True)):
                yield from _search(shown / name, real / name, resolver, git)
        elif _notice_file(entry) and not excludes.matches_text(here + name, name) and not (
                cfg.gitignore and git.ignores(real, name)):
            path = shown / name
            yield Target(str(path), path)


def _notice_file(entry: os.DirEntry) -> bool:
    """A file a directory search checks: a notice suffix, not a Word lock file (~$name.docx), and a regular file
    (a link to one too; a dangling link, a link loop, a FIFO are no notice files and are passed over)."""
    if os.path.splitext(entry.name)[1].lower() not in NOTICE_SUFFIXES or entry.name.startswith("~$"):
        return False
    try:
        return entry.is_file()
    except OSError:  # a link loop: is_file answers False only for a link to nothing
        return False


class _GitIgnored:
    """What git ignores below one searched directory: asked once, when a configuration first wants it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._paths: set[str] | None = None
        self._prefix: dict[Path, str] = {}  # a searched directory's place below the root, as git writes it

    def ignores(self, folder: Path, name: str, directory: bool = False) -> bool:
        """Whether git ignores the entry `name` of `folder` (absolute, resolved, under the root)."""
        if self._paths is None:
            self._paths = self._ask()
        if not self._paths:
            return False
        prefix = self._prefix.get(folder)
        if prefix is None:
            relative = folder.relative_to(self.root).as_posix()
            prefix = self._prefix[folder] = "" if relative == "." else relative + "/"
        return prefix + name + ("/" if directory else "") in self._paths

    def _ask(self) -> set[str]:
        import subprocess  # only for a git repository's ignore list

        try:
            out = subprocess.run(["git", "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
                                  "--directory"], cwd=self.root, capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):  # no git: nothing is ignored
            return set()
        return set(out.stdout.decode("utf-8", "surrogateescape").split("\0")) if out.returncode == 0 else set()
