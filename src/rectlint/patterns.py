"""Compiling rectlint's regular expressions, with the compiled programs kept between runs.

Every pattern of rectlint and of its rule packs is compiled through `compile` (or `compile_fast`, which
also leads a slow pattern with a lookahead on its first characters; see prefilter.py). `re` cannot
save a compiled pattern, but the program it compiles to is plain data: it is stored in the start-up
cache (startcache.py) and handed back to `_sre` next time, which checks it before use. A program is
stored as the bytes of its code words, which marshal reads at once (as a list of ints, the table took
a twentieth of a one-file run to load), and made a list only when its pattern is compiled. A Python whose
`re` internals differ gets a cache file of its own, and anything unexpected falls back to re.compile.
"""

from __future__ import annotations

import atexit
import re
import sys
from typing import Any

from rectlint import startcache

try:  # the compiler's internals, as re._compiler.compile uses them (3.11+)
    import _sre
    from re import _compiler, _parser

    _NAME: str | None = f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{sys.byteorder}.marshal"
    _WORD = {2: "H", 4: "I"}[_sre.CODESIZE]  # a code word, as memoryview.cast names it
except (ImportError, AttributeError, KeyError):  # pragma: no cover - another Python implementation
    _NAME = None

# Patterns that change leave entries behind. Past this many (a run uses about 300 of some 1.5 KB each; 5,000
# took 13 ms of every start to load) the stored table keeps only what the current run used.
_MAX_ENTRIES = 1000
_table: dict[tuple, Any] | None = None
_used: set[tuple] = set()
_changed = False


def _entries() -> dict[tuple, Any]:
    global _table
    if _table is None:
        stored = startcache.load(_NAME) if _NAME else None
        _table = stored if isinstance(stored, dict) else {}
        atexit.register(save)
    return _table


def _remember(key: tuple, value: Any) -> None:
    global _changed
    _entries()[key] = value
    _used.add(key)
    _changed = True


def save() -> None:
    """Store the programs compiled in this run (done at exit; callable earlier)."""
    global _changed, _table
    if not (_changed and _NAME and _table is not None):
        return
    if len(_table) > _MAX_ENTRIES:  # patterns that changed leave entries behind: keep only the live ones
        _table = {k: v for k, v in _table.items() if k in _used}
    startcache.store(_NAME, _table)
    _changed = False


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile, from the stored program when there is one."""
    flags = int(flags)
    key = ("program", pattern, flags)
    entry = _entries().get(key)
    if entry is not None:
        _used.add(key)
        try:
            stored_flags, words, groups, groupindex, indexgroup = entry
            return _sre.compile(pattern, stored_flags, memoryview(words).cast(_WORD).tolist(), groups, groupindex,
                                indexgroup)
        except Exception:
            pass
    if _NAME is None:  # pragma: no cover
        return re.compile(pattern, flags)
    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints: opcodes are an int subclass
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        compiled = _sre.compile(pattern, flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex,
                                tuple(indexgroup))
        words = b"".join(op.to_bytes(_sre.CODESIZE, sys.byteorder) for op in code)
        entry = (flags | parsed.state.flags, words, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except re.error:
        raise
    except Exception:
        return re.compile(pattern, flags)
    _remember(key, entry)
    return compiled


def derived(kind: str, pattern: str, flags: int, derive) -> Any:
    """derive(pattern, flags), kept in the start-up cache under `kind` (which must change when `derive` does)."""
    key = (kind, pattern, int(flags))
    table = _entries()
    if key in table:
        _used.add(key)
        return table[key]
    value = derive(pattern, flags)
    _remember(key, value)
    return value


def compile_fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """compile(), led by a lookahead on the pattern's first characters when that lets `re` skip most text."""
    from rectlint import prefilter

    led = derived("led", pattern, flags, prefilter.accelerated)
    try:
        return compile(led, flags)
    except re.error:  # pragma: no cover - global inline flags: they must open the pattern
        return compile(pattern, flags)

