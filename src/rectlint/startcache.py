"""What rectlint derives from its own files at every start, kept between runs.

Compiling some 350 regular expressions, validating the rule packs against their JSON Schema and
building the grammar's parse table took about 0.15 s of each run. The results are stored in the
user's cache directory ($RECTLINT_STARTUP_CACHE, else $XDG_CACHE_HOME/rectlint, else ~/.cache/rectlint;
RECTLINT_STARTUP_CACHE set to an empty string turns the cache off), under names that say what they were
derived from; entries are keyed by content, so a changed pattern or pack is simply a new entry.
A cache that cannot be read or written is ignored: rectlint then rebuilds, and nothing else changes.
Values are stored with marshal, which holds plain data only and never runs code when loaded (the
parse table too: lalr.py keeps it as plain data, so a warm start does not import Lark). The one
exception is the code of the dataclasses' generated methods (records.py), which is run as Python's own
bytecode files are, and is read only from a file the user owns and no one else may write to.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

try:  # hashlib's own BLAKE2, without importing hashlib, which loads OpenSSL (2% of a one-file run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b


@cache
def directory() -> Path | None:
    configured = os.environ.get("RECTLINT_STARTUP_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return None if base.startswith("~") else Path(base) / "rectlint"  # no home directory: no cache


def digest(data: bytes) -> str:
    """A hex digest of what an entry is derived from, for its key or name."""
    return blake2b(data, digest_size=20).hexdigest()


def kept(kind: str, text: str, derive: Callable[[str], Any]) -> Any:
    """derive(text), stored under a name of `kind` and the text's digest (None is never stored). The text is
    stored beside the value and compared when it is loaded: a file that loads as something else (damaged,
    or written by another version) is derived anew instead of handed on."""
    name = f"{kind}-{digest(text.encode())}.marshal"
    stored = load(name)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == text and stored[1] is not None:
        return stored[1]
    value = derive(text)
    if value is not None:
        store(name, (text, value))
    return value


def path(name: str) -> Path | None:
    """Where `name` is kept (its directory created), or None when there is no usable cache directory."""
    where = directory()
    if where is None:
        return None
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return where / name


def load(name: str, private: bool = False) -> object | None:
    """The value stored under `name`, or None when there is none (or it cannot be read). A `private` value
    (code that will run) is read only from a file of the user's own that no one else may write to."""
    target = path(name)
    if target is None:
        return None
    try:
        with open(target, "rb") as f:
            if private:
                st = os.fstat(f.fileno())
                if st.st_uid != os.getuid() or st.st_mode & 0o022:
                    return None
            return marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def store(name: str, value: object, private: bool = False) -> None:
    """Store `value` under `name`, atomically; a failure (read-only disk, unmarshallable value) is ignored.
    A `private` value's file is made writable by the user alone, whatever the umask."""
    target = path(name)
    if target is None:
        return
    try:
        data = marshal.dumps(value)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        if private:
            tmp.chmod(0o600)
        os.replace(tmp, target)
    except (OSError, ValueError):
        pass
