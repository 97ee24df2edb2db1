"""Apply fixes: only the edits a rule marked safe (or unsafe ones on request), never overlapping, until
the text stops changing; write the result atomically in the file's own encoding, BOM and line ends."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from rectlint.diagnostics import Diagnostic, Edit
from rectlint.source import BOMS, SourceText

MAX_PASSES = 10


class WriteError(Exception):
    """Fixes that were not written, and why (one line); the file is left as it was."""


def _edits(diagnostics: list[Diagnostic], unsafe: bool) -> list[Edit]:
    chosen: list[Edit] = []
    taken_until = -1
    candidates = sorted(
        (e for d in diagnostics if d.fix and (unsafe or d.fix.applicability == "safe") for e in d.fix.edits),
        key=lambda e: (e.start, e.end))
    for e in candidates:
        if e.start >= taken_until:  # an edit overlapping an earlier one waits for the next pass
            chosen.append(e)
            taken_until = max(e.end, e.start + 1)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    out, at = [], 0
    for e in edits:
        out.append(text[at:e.start])
        out.append(e.content)
        at = e.end
    out.append(text[at:])
    return "".join(out)


def fix_text(source: SourceText, lint: Callable[[SourceText], list[Diagnostic]],
             unsafe: bool = False) -> tuple[SourceText, int]:
    """Fix until nothing fixable is left; return the fixed source and how many edits were applied."""
    applied = 0
    for _ in range(MAX_PASSES):
        edits = _edits(lint(source), unsafe)
        if not edits:
            break
        source = SourceText(path=source.path, text=apply_edits(source.text, edits), encoding=source.encoding,
                            bom=source.bom, newline=source.newline)
        applied += len(edits)
    return source, applied


def encode(source: SourceText) -> bytes:
    return (BOMS.get(source.encoding, b"") if source.bom else b"") + source.text.encode(source.encoding)


TEMP_SUFFIX = ".rectlint-tmp"  # with a leading dot: hidden, and never a notice suffix, so never checked itself


def write_atomically(path: Path, data: bytes, original: bytes | None = None) -> None:
    """Replace the file's bytes `original` by `data` so that, whatever happens, it holds one or the other.

    The new bytes go to a temporary file in the same directory (same file system), are synced, get the
    file's mode (and owner, where allowed), and are renamed over it; a symbolic link is followed, so the
    link stays and its target is fixed. Nothing is written when the file changed since it was read, or
    when it is read-only. A temporary file left by a run that was killed is removed here. With no
    `original` (rectlint's own files, such as a baseline) the file may be new and is not compared.
    """
    import glob
    import tempfile  # with shutil, random and the compression modules: only for a run that writes

    path = Path(os.path.realpath(path))
    failed = "fixes not written" if original is not None else "not written"
    try:
        if original is not None:
            if not os.access(path, os.W_OK):
                raise WriteError("read-only file, fixes not written")
            if path.read_bytes() != original:
                raise WriteError("changed on disk while being checked, fixes not written")
        info = path.stat() if path.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise WriteError(f"{failed} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask())
        if info:
            with contextlib.suppress(OSError):  # only root may give a file away; anyone else keeps their own
                os.chown(tmp, info.st_uid, info.st_gid)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise WriteError(f"{failed} ({exc.strerror or exc})") from None
        raise
    _sync_directory(path.parent)
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _sync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where a directory cannot be opened, there is nothing to do."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def unified_diff(before: SourceText, after: SourceText) -> str:
    import difflib

    return "".join(difflib.unified_diff(before.text.splitlines(keepends=True), after.text.splitlines(keepends=True),
                                        fromfile=before.path, tofile=before.path))
