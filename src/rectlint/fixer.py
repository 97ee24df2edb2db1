"""Apply fixes: only the edits a rule marked safe (or unsafe ones on request), never overlapping, until
the text stops changing; write the result atomically in the file's own encoding, BOM and line ends."""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rectlint.diagnostics import Diagnostic, Edit
from rectlint.source import SourceText

MAX_PASSES = 10


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
    bom = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    return (bom.get(source.encoding, b"") if source.bom else b"") + source.text.encode(source.encoding)


def write_atomically(path: Path, data: bytes) -> None:
    """Temporary file in the same directory, then rename: an interrupted run leaves the original intact.

    An existing file keeps its permissions; a new one gets the usual ones (0o666 less the umask).
    """
    mode = path.stat().st_mode if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".rectlint", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def unified_diff(before: SourceText, after: SourceText) -> str:
    return "".join(difflib.unified_diff(before.text.splitlines(keepends=True), after.text.splitlines(keepends=True),
                                        fromfile=before.path, tofile=before.path))
