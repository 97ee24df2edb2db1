"""Read: bytes → decoded text, plus the map from text offsets back to lines and columns.

The text keeps its original line ends (LF, CRLF or CR), so an offset into it is an offset into the
decoded text exactly as the user sees it; nothing downstream ever works on a re-normalised copy.
"""

from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass, field
from pathlib import Path

from rectlint import patterns
from rectlint.model import Span, build

_LINE_BREAK = patterns.compile(r"\r\n|\r|\n")


class ReadError(Exception):
    """A file that cannot be read as text: the message names the reason in one line."""


@dataclass(frozen=True)
class Position:
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
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
        self._line_starts = starts

    @property
    def line_starts(self) -> list[int]:
        return self._line_starts

    def position(self, offset: int) -> Position:
        """Line and column (both 1-based) of a code-point offset."""
        return Position(*self.line_column(offset))

    def line_column(self, offset: int) -> tuple[int, int]:
        """position() as a tuple: what the hot paths use, without an object per call."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """The model span of text[start:end], with both ends' lines and columns."""
        starts, size = self._line_starts, len(self.text)
        a = max(0, min(start, size))
        i = bisect.bisect_right(starts, a) - 1
        b = max(0, min(end, size))
        j = i if b >= starts[i] and (i + 1 == len(starts) or b < starts[i + 1]) else bisect.bisect_right(starts, b) - 1
        return build(Span, start=start, end=end, line=i + 1, column=a - starts[i] + 1, end_line=j + 1,
                     end_column=b - starts[j] + 1)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line end."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def lines(self) -> list[tuple[int, str]]:
        """(start offset, text without line end) for every physical line."""
        out = []
        for i, start in enumerate(self._line_starts):
            end = self._line_starts[i + 1] if i + 1 < len(self._line_starts) else len(self.text)
            out.append((start, self.text[start:end].rstrip("\r\n")))
        return out


def _dominant_newline(text: str) -> str:
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


def decode(data: bytes, path: str = "<bytes>") -> SourceText:
    """Decode bytes by content: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030, then detection."""
    if data.startswith(codecs.BOM_UTF8):
        return _make(path, data[3:].decode("utf-8", errors="strict"), "utf-8", True)
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return _make(path, data[2:].decode(enc), enc, True)
            except UnicodeDecodeError as exc:
                raise ReadError(f"not valid {enc} text ({exc.reason} at byte {exc.start + 2})") from None
    if _looks_binary(data):
        raise ReadError("binary file, not text")
    try:
        return _make(path, data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    try:
        return _make(path, data.decode("gb18030"), "gb18030", False)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare file that is neither

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("cannot detect the text encoding (neither UTF-8 nor GB18030)")
    return _make(path, str(best), best.encoding, False)


def _make(path: str, text: str, encoding: str, bom: bool) -> SourceText:
    return SourceText(path=path, text=text, encoding=encoding, bom=bom, newline=_dominant_newline(text))


def read_path(path: str | Path) -> SourceText:
    """Read and decode a file; every failure becomes a one-line ReadError."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    return read_bytes(data, str(path))


def read_bytes(data: bytes, path: str) -> SourceText:
    if not data.strip():
        raise ReadError("empty file" if not data else "file holds only whitespace")
    source = decode(data, path)
    if not source.text.strip():
        raise ReadError("file holds only whitespace")
    return source
