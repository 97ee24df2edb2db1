"""Read: bytes → decoded text, plus the map from text offsets back to lines and columns.

The text keeps its original line ends (LF, CRLF or CR), so an offset into it is an offset into the
decoded text exactly as the user sees it; nothing downstream ever works on a re-normalised copy.
Word documents, web pages and PDFs are turned into text by rectlint.readers; their SourceText carries
an `origin` that maps offsets in that text back to places in the original file.
"""

from __future__ import annotations

import bisect
import codecs
import errno
import os
import stat
import sys
from collections import Counter
from dataclasses import field
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from rectlint import patterns
from rectlint.model import Span
from rectlint.records import dataclass

if TYPE_CHECKING:
    from rectlint.readers.origin import Origin

# The byte-order marks a file may start with, by the encoding they announce (UTF-8 first: it is the common one).
BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
_LINE_BREAK = patterns.compile(r"\r\n|\r|\n")


# A notice is tens of kilobytes; checking costs about 0.15 s and 20 MB of memory per megabyte of text.
DEFAULT_MAX_MB = 5


class ReadError(Exception):
    """A file that cannot be read as text: the message names the reason in one line."""


@dataclass(frozen=True)
class Position:
    """A place in the text as editors show it."""

    line: int  # 1-based
    column: int  # 1-based, in code points


@dataclass
class SourceText:
    """Decoded text of one input and how it was decoded."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    kind: str = "text"  # text | docx | html | pdf: what the text was read from
    origin: Origin | None = field(default=None, repr=False)  # None for plain text: offsets are the file's own
    # Found on first use (see line_starts); not part of the value
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    @property
    def line_starts(self) -> list[int]:
        """The offset each line starts at. Worked out on first use: a parse asks line_texts first, whose split
        of the text gives them, so the text is split once."""
        return self._line_starts or self._find_line_starts()

    def _find_line_starts(self) -> list[int]:
        if "\r" in self.text:
            starts = [0]
            starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
            self._line_starts = starts
        else:
            self.line_texts()
        return self._line_starts

    def position(self, offset: int) -> Position:
        """Line and column (both 1-based) of a code-point offset."""
        return Position(*self.line_column(offset))

    def line_column(self, offset: int) -> tuple[int, int]:
        """position() as a tuple: what the hot paths use, without an object per call."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """The model span of text[start:end], with both ends' lines and columns."""
        # Called for every node and date of a notice: clamp only what needs it, and look the end's line up
        # only when it is not the start's.
        starts, size = self.line_starts, len(self.text)
        a = start if 0 <= start <= size else max(0, min(start, size))
        b = end if 0 <= end <= size else max(0, min(end, size))
        i = bisect.bisect_right(starts, a) - 1
        j = i if starts[i] <= b < (starts[i + 1] if i + 1 < len(starts) else size + 1) else \
            bisect.bisect_right(starts, b) - 1
        return Span(start, end, i + 1, a - starts[i] + 1, j + 1, b - starts[j] + 1)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line end."""
        start, end = self.line_bounds(line)
        return self.text[start:end]

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Where the text of a 1-based line starts and ends (before its line end), without copying it."""
        starts, text = self.line_starts, self.text
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_texts(self) -> list[str]:
        """The text of every physical line without its line end, in the order of `line_starts`."""
        text = self.text
        if "\r" in text:
            return _LINE_BREAK.split(text)
        lines = text.split("\n")  # several times faster than the pattern, and exact when no line ends in CR
        if not self._line_starts:  # each line starts one past the end of the one before: summed in C
            starts = list(accumulate(map((1).__add__, map(len, lines)), initial=0))
            starts.pop()  # the end of the last line, which starts no line
            self._line_starts = starts
        return lines


def _dominant_newline(text: str) -> str:
    if "\r" not in text:  # one scan instead of three for the common case
        return "\n"
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))  # not tab, LF, FF, CR, ESC


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))  # counted in C, not byte by byte
    return controls > max(8, len(sample) // 100)


_GB_FAMILY = {"gb18030", "gbk", "gb2312"}
_SAMPLE = 200_000  # characters looked at to judge an encoding


def decode(data: bytes, path: str = "<bytes>") -> SourceText:
    """Decode bytes by content: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (GBK, GB 2312).

    Other encodings are refused with a one-line reason naming the nearest guess.
    """
    for enc, bom in BOMS.items():
        if data.startswith(bom):
            try:
                return _make(path, data[len(bom):].decode(enc), enc, True)
            except UnicodeDecodeError as exc:
                raise ReadError(f"not valid {enc} text ({exc.reason} at byte {exc.start + len(bom)})") from None
    if _looks_binary(data):
        raise ReadError("binary file, not text")
    try:
        return _make(path, data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_gb(text):
        return _make(path, text, "gb18030", False)
    from charset_normalizer import from_bytes  # only for the rare file that is neither

    best = from_bytes(data).best()
    if text is not None and best is not None and best.encoding in _GB_FAMILY:  # rare characters, Chinese all the same
        return _make(path, text, "gb18030", False)
    # Anything else is refused: no notice comes in it, and a wrong guess would be linted (and fixed) as garbage.
    guess = f" (the nearest guess is {best.encoding}; convert it to UTF-8)" if best is not None else ""
    raise ReadError(f"not UTF-8 or GB18030 text{guess}")


@cache
def _common_gb() -> frozenset[str]:
    """The characters of GB 2312's double-byte region (as GBK maps it), plus 〇: what a notice is written in."""
    pairs = bytes(b for hi in range(0xA1, 0xF8) for lo in range(0xA1, 0xFF) for b in (hi, lo))
    return frozenset(pairs.decode("gbk", errors="ignore")) | {"〇"}


def _plausible_gb(text: str) -> bool:
    """Valid GB18030 can still be another encoding read wrongly (Shift-JIS, Big5 almost always decode):
    Chinese text keeps to GB 2312's characters, such a misreading mostly does not."""
    counts = Counter(text[:_SAMPLE])
    wide = sum(n for ch, n in counts.items() if ch >= "\x80")
    rare = sum(n for ch, n in counts.items() if ch >= "\x80" and ch not in _common_gb())
    return rare <= max(2, wide // 10)


def _make(path: str, text: str, encoding: str, bom: bool) -> SourceText:
    return SourceText(path=path, text=text, encoding=encoding, bom=bom, newline=_dominant_newline(text))


def read_path(path: str | Path, max_mb: float | None = DEFAULT_MAX_MB) -> SourceText:
    """Read and decode a regular file; every failure becomes a one-line ReadError."""
    return read_bytes(load_bytes(path, max_mb), str(path))


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def load_bytes(path: str | Path, max_mb: float | None = DEFAULT_MAX_MB) -> bytes:
    """A regular file's bytes; every failure becomes a one-line ReadError.

    Only regular files are read (a FIFO or a device would block or never end), and one larger than
    `max_mb` megabytes is refused before it is read (None or 0: no limit).
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise ReadError("broken symbolic link" if Path(path).is_symlink() else "no such file") from None
    except OSError as exc:
        raise ReadError(os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file")
        _check_size(info.st_size, max_mb)
        data = _read_to_end(fd, info.st_size, max_mb)
    except OSError as exc:
        raise ReadError(os_reason(exc)) from None
    finally:
        os.close(fd)
    return data


def read_stream(stream: BinaryIO, path: str, max_mb: float | None = DEFAULT_MAX_MB) -> SourceText:
    """Read standard input (or any stream) to its end, within the same size limit as files."""
    return read_bytes(load_stream(stream, max_mb), path)


def load_stream(stream: BinaryIO, max_mb: float | None) -> bytes:
    if not max_mb:
        return stream.read()
    data = stream.read(int(max_mb * 2**20) + 1)  # one byte more than allowed tells that it is too large
    _check_size(len(data), max_mb)
    return data


def _read_to_end(fd: int, size: int, max_mb: float | None) -> bytes:
    """The rest of an open regular file, read in the size fstat gave (to its end: the size can be stale, as
    in /proc). Through a buffered file, a read of the largest size allowed cost twice as much as the file's
    read itself."""
    cap = int(max_mb * 2**20) + 1 if max_mb else sys.maxsize  # one byte more than allowed tells that it is too large
    chunks: list[bytes] = []
    total = 0
    while total < cap and (chunk := os.read(fd, min(max(size - total, 1 << 16), cap - total))):
        chunks.append(chunk)
        total += len(chunk)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    _check_size(len(data), max_mb)
    return data


def _check_size(size: int, max_mb: float | None) -> None:
    if max_mb and size > max_mb * 2**20:
        raise ReadError(f"too large for a notice ({size / 2**20:.1f} MB; limit {max_mb:g} MB, see --max-file-size)")


def os_reason(exc: OSError) -> str:
    """What went wrong, in a few words for a one-line error."""
    reasons = {errno.ELOOP: "symbolic link loop", errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.EISDIR: "is a directory", errno.ENOENT: "no such file"}
    return reasons.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def read_bytes(data: bytes, path: str) -> SourceText:
    """Read one input: a Word document, web page or PDF by its reader, anything else as plain text."""
    from rectlint.readers import read_document

    # isspace() stops at the first other character, where strip() would copy the whole input
    if not data or data.isspace():
        raise ReadError("empty file" if not data else "file holds only whitespace")
    source = read_document(data, path) or decode(data, path)
    if not source.text or source.text.isspace():
        raise ReadError("file holds only whitespace")
    return source
