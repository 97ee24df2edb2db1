"""Baseline: accept the findings a corpus already has, so a run reports only new ones.

`check --baseline-write FILE` records every current finding; `check --baseline FILE` hides the recorded
ones. An entry is keyed by file (relative to the baseline file's directory, forward slashes), rule code,
structural place, excerpt hash and occurrence (fingerprint.keys), never by line, so editing another part
of a notice keeps the baseline valid. Entries no longer matched are stale; `--baseline-prune` rewrites the
file without them. The format is schemas/baseline.schema.json: a version and sorted entries, one per line.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from rectlint.diagnostics import Diagnostic
from rectlint.fingerprint import keys
from rectlint.records import dataclass
from rectlint.report.base import FileResult

VERSION = 1
EXCERPT_CHARS = 60
STDIN = "-"


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names the file and the reason."""


@dataclass(frozen=True, order=True)
class Entry:
    """One finding recorded in a baseline: the fields that identify it, and what readers are shown."""

    file: str
    code: str
    place: str
    hash: str
    occurrence: int = 0
    name: str = field(default="", compare=False)
    excerpt: str = field(default="", compare=False)  # for readers only

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.code, self.place, self.hash, self.occurrence)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "code": self.code, "name": self.name, "place": self.place, "hash": self.hash,
                "occurrence": self.occurrence, "excerpt": self.excerpt}


def entries(file: str, diagnostics: list[Diagnostic]) -> list[Entry]:
    """One entry per finding of one file."""
    return [Entry(file, code, place, digest, occurrence, d.name, _readable(d.excerpt))
            for d, (code, place, digest, occurrence) in zip(diagnostics, keys(diagnostics), strict=True)]


_SPACE = re.compile(r"\s+")


def _readable(excerpt: str) -> str:
    flat = _SPACE.sub(" ", excerpt).strip()
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS - 1] + "…"


# -- the file --------------------------------------------------------------------------------------------


def load(path: Path) -> list[Entry]:
    """Read and validate a baseline file; every failure is a one-line BaselineError."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create it with --baseline-write)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(data, dict) or "version" not in data:
        raise BaselineError(f'{path}: not a rectlint baseline (expected an object with "version": {VERSION})')
    if data["version"] != VERSION:
        raise BaselineError(f"{path}: baseline version {json.dumps(data['version'])} is not supported "
                            f"(this rectlint reads version {VERSION})")
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in errors[0].absolute_path).lstrip(".")
        raise BaselineError(f"{path}: {where or '(top)'}: {errors[0].message}")
    return [Entry(**e) for e in data["entries"]]


def _validator():
    from importlib.resources import files

    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(files("rectlint.schemas").joinpath("baseline.schema.json").read_text()))


def dump(entries: Iterable[Entry]) -> str:
    """The file's text: sorted entries, one per line, so a change to the corpus is a small diff."""
    rows = ",\n".join(f"    {json.dumps(e.as_json(), ensure_ascii=False)}" for e in sorted(entries))
    listed = f"[\n{rows}\n  ]" if rows else "[]"
    return f'{{\n  "version": {VERSION},\n  "entries": {listed}\n}}\n'


def save(path: Path, entries: Iterable[Entry]) -> None:
    from rectlint.fixer import WriteError, write_atomically

    try:
        write_atomically(path, dump(entries).encode("utf-8"))
    except WriteError as exc:
        raise BaselineError(f"{path}: cannot write the baseline ({exc})") from None


# -- one run ---------------------------------------------------------------------------------------------


class Baseline:
    """A run against a baseline file: `apply` each result as it streams by, then `finish` once.

    action: "write" records every finding (and so hides it), "check" hides the recorded ones, "prune"
    also rewrites the file without its stale entries. Only rules checked in this run (`selected`) and
    files seen in it can make an entry stale, so a run over part of a corpus leaves the rest alone; an
    entry whose file no longer exists is stale too.
    """

    def __init__(self, path: Path, action: str, selected: Iterable[str], recorded: list[Entry] | None = None):
        self.path = path
        self.shown = str(path)
        self.action = action
        self.selected = frozenset(selected)
        self.root = path.resolve().parent
        self.recorded = recorded or []
        self.by_file: dict[str, set[tuple[str, str, str, int]]] = {}
        for e in self.recorded:
            self.by_file.setdefault(e.file, set()).add(e.key)
        self.seen: dict[str, set[tuple[str, str, str, int]]] = {}  # file → keys matched in this run
        self.written: list[Entry] = []
        self.hidden = 0
        self.stale: list[Entry] = []
        self.rewritten = False
        self.entries_after = 0  # entries in the file once the run is over

    @classmethod
    def open(cls, path: str, action: str, selected: Iterable[str]) -> Baseline:
        p = Path(path)
        return cls(p, action, selected, None if action == "write" else load(p))

    def file_key(self, shown: str) -> str:
        """How the baseline names a checked file: relative to the baseline's directory, forward slashes."""
        if shown == STDIN:
            return STDIN
        target = Path(shown).resolve()
        try:
            return target.relative_to(self.root).as_posix()
        except ValueError:
            try:
                return Path(os.path.relpath(target, self.root)).as_posix()
            except ValueError:  # another drive
                return target.as_posix()

    def apply(self, result: FileResult) -> FileResult:
        if result.error:
            return result
        file = self.file_key(result.path)
        found = entries(file, result.diagnostics)
        if self.action == "write":
            self.written.extend(found)
            self.hidden += len(found)
            return replace(result, diagnostics=[])
        recorded = self.by_file.get(file, set())
        matched = self.seen.setdefault(file, set())
        kept = []
        for d, e in zip(result.diagnostics, found, strict=True):
            if e.key in recorded:
                matched.add(e.key)
            else:
                kept.append(d)
        self.hidden += len(result.diagnostics) - len(kept)
        return replace(result, diagnostics=kept)

    def finish(self) -> str:
        """Write or prune the file as asked; return the one-line note for standard error."""
        if self.action == "write":
            save(self.path, self.written)
            self.rewritten, self.entries_after = True, len(self.written)
            return f"baseline {self.shown}: recorded {_count(len(self.written), 'finding')}."
        self.stale = [e for e in self.recorded if self._is_stale(e)]
        self.entries_after = len(self.recorded)
        note = f"baseline {self.shown}: {_count(self.hidden, 'finding')} hidden"
        if not self.stale:
            return note + "."
        stale = _count(len(self.stale), "stale entry", "stale entries")
        if self.action == "prune":
            gone = set(self.stale)
            kept = [e for e in self.recorded if e not in gone]
            save(self.path, kept)
            self.rewritten, self.entries_after = True, len(kept)
            return f"{note}; {stale} removed."
        return f"{note}; {stale} no longer found (--baseline-prune removes {'it' if len(self.stale) == 1 else 'them'})."

    def _is_stale(self, e: Entry) -> bool:
        if e.file in self.seen:
            return e.code in self.selected and e.key not in self.seen[e.file]
        return e.file != STDIN and not (self.root / e.file).exists()

    def report(self) -> dict[str, Any]:
        """The top-level "baseline" object of the JSON report (after `finish`)."""
        return {"path": self.shown, "action": self.action, "entries": self.entries_after, "hidden": self.hidden,
                "stale": [e.as_json() for e in self.stale], "rewritten": self.rewritten}


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
