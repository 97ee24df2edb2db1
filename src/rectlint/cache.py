"""A content-hash cache of findings: re-checking an unchanged repository reads results instead of linting.

An entry's key hashes the file's bytes, its name (it is reported), the resolved settings (rules, severities,
options) and the code that produced the findings: rectlint's version plus a stamp of its installed files, so
editing a rule or a rule pack in a development install never serves stale results. Entries are small files
under `.rectlint_cache/` (one per input, written atomically, so parallel workers never clash), each a marshal
of plain values (marshal builds strings, numbers and containers, and runs nothing): the encoding, the summary,
a tally of the findings, the file's entry in the JSON report (UTF-8) when the run that stored them wrote one, and
the findings' rows, themselves a marshal read only when the findings are made (a JSON report writes the text as it is).
"""

from __future__ import annotations

import marshal
import os
from functools import cache
from pathlib import Path
from typing import Any

from rectlint import __version__

DEFAULT_DIR = ".rectlint_cache"
FORMAT = 3  # 2: findings kept as rows; 3: a marshal, with a tally and the file's entry in the JSON report


@cache
def code_stamp() -> str:
    """Version plus (path, size, mtime) of every file in the installed package."""
    import hashlib  # loads OpenSSL: only for a run that keeps results

    root = Path(__file__).parent
    h = hashlib.sha256(f"{__version__}/{FORMAT}".encode())
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            st = os.stat(os.path.join(folder, name))
            h.update(f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


def settings_token(settings) -> str:
    """The resolved settings, hashed from a stable string: which rules (and where they come from), severities,
    options. Every file's key takes it, and the string itself runs to some 3,600 characters."""
    import hashlib
    import json  # only for a run that keeps results

    rules = sorted(f"{r.code}={r.__module__}.{r.__qualname__}" for r in settings.rules)
    text = json.dumps({"rules": rules, "severity": {k: str(v) for k, v in sorted(settings.severity.items())},
                       "options": settings.options}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


class Entry:
    """What the cache keeps of a checked file, stored as the tuple of its fields (a plain class: making a
    NamedTuple cost every run's start 1.1 M instructions)."""

    __slots__ = ("encoding", "rows", "summary", "tally", "text")

    def __init__(self, encoding: str | None, summary: str, tally: dict[tuple[str, str, str], int],
                 text: bytes | None, rows: bytes) -> None:
        self.encoding = encoding
        self.summary = summary  # FileResult.summary as JSON ("" when empty, as most runs leave it)
        self.tally = tally  # (code, name, severity) -> number of findings
        self.text = text  # the file's entry in the JSON report (json_report.entry_text, UTF-8), when the run wrote one
        self.rows = rows  # marshal of the findings' Diagnostic.to_row forms

    def fields(self) -> tuple[Any, ...]:
        return self.encoding, self.summary, self.tally, self.text, self.rows

    def summary_dict(self) -> dict[str, Any]:
        import json

        return json.loads(self.summary) if self.summary else {}


def entry(encoding: str | None, summary: dict[str, Any], diagnostics: list, text: str | None) -> Entry:
    import json

    tally: dict[tuple[str, str, str], int] = {}
    for d in diagnostics:
        k = (d.code, d.name, d.severity.value)
        tally[k] = tally.get(k, 0) + 1
    try:
        kept = None if text is None else text.encode()
    except UnicodeEncodeError:  # a lone surrogate: the text is rendered from the rows when it is asked for
        kept = None
    return Entry(encoding, json.dumps(summary, ensure_ascii=False) if summary else "", tally, kept,
                 marshal.dumps([d.to_row() for d in diagnostics]))


def _read(path: str) -> bytes:
    """An entry's bytes in four system calls (a buffered file makes twice as many, and each is costly). Entries
    are replaced, never written in place: one read of the size fstat gives is all of it (a short read would
    only be found damaged)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        return os.read(fd, os.fstat(fd).st_size)
    finally:
        os.close(fd)


class Cache:
    def __init__(self, directory: Path) -> None:
        # entries are named by string joins: a Path for each would cost more than the rest of a cached file
        self.directory = os.path.join(directory, f"v{FORMAT}")
        self._ready = False

    def key(self, data: bytes, shown: str, token: str) -> str:
        import hashlib

        h = hashlib.sha256(data)
        h.update(f"\0{shown}\0{token}\0{code_stamp()}".encode("utf-8", "surrogateescape"))
        return h.hexdigest()

    def _path(self, key: str) -> str:
        return f"{self.directory}{os.sep}{key[:2]}{os.sep}{key}.entry"

    def has(self, key: str) -> bool:
        return os.path.isfile(self._path(key))

    def get(self, key: str) -> Entry | None:
        """The entry, or None when it is absent, damaged or not one this version wrote: the file is checked again."""
        try:
            values = marshal.loads(_read(self._path(key)))
            got = Entry(*values) if type(values) is tuple else None
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if got is None or not (isinstance(got.encoding, str | None) and type(got.summary) is str
                                and type(got.tally) is dict and isinstance(got.text, bytes | None)
                                and type(got.rows) is bytes):
            return None
        return got

    def put(self, key: str, value: Entry) -> None:
        import tempfile  # with shutil, random and the compression modules: only for a run that stores results

        path = self._path(key)
        try:
            data = marshal.dumps(value.fields())
            self._prepare()
            folder = os.path.dirname(path)
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except (OSError, ValueError):
            pass  # a cache that cannot be written (or a value marshal cannot keep) only costs time

    def _prepare(self) -> None:
        if self._ready:
            return
        root = Path(self.directory).parent
        root.mkdir(parents=True, exist_ok=True)
        ignore = root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by rectlint\n*\n", encoding="utf-8")
        self._ready = True
