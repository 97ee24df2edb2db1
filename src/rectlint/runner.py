"""One run over many inputs: for each target, read → check → (fix) → a FileResult, in input order."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import field
from functools import partial
from typing import TYPE_CHECKING

from rectlint.cache import Cache, Entry, entry
from rectlint.discover import Target
from rectlint.engine import Settings
from rectlint.parallel import ordered_map
from rectlint.records import dataclass
from rectlint.report.base import CachedResult, FileResult
from rectlint.source import DEFAULT_MAX_MB

if TYPE_CHECKING:
    from rectlint.diagnostics import Diagnostic


@dataclass
class RunOptions:
    """How a run checks its files: settings, fixes, workers, results cache."""

    settings_for: Callable[[Target], Settings]  # each file's settings (its nearest configuration)
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # compute the fixes' diff, write nothing
    jobs: int = 1
    cache: Cache | None = None
    keep_source: bool = True  # False: results drop the decoded text once checked (the reporter does not show it)
    summary: bool = False  # fill FileResult.summary (only reporters that show it ask for it)
    # The report is JSON and the caller reads no finding itself: a checked file's findings are rendered with the
    # check (and kept in the cache), and a cached file's stay the cache's text until something reads them.
    json: bool = False
    max_mb: float | None = DEFAULT_MAX_MB  # larger files are refused unread (None: no limit)


@dataclass
class Outcome:
    """One file's result, with the fixes made to it and their diff."""

    result: FileResult
    fixed: int = 0
    diff: str = ""


@dataclass
class Totals:
    """What a run's files add up to: fixes made and their diffs."""

    fixed: int = 0
    diffs: list[str] = field(default_factory=list)


def run(targets: Iterator[Target], options: RunOptions, totals: Totals) -> Iterator[FileResult]:
    """Results in the order of `targets`, whatever the number of jobs; fix counts and diffs go to `totals`."""
    todo = list(targets)  # small; knowing them all decides whether worker processes pay off
    # Unchanged files are answered here from the cache, each when its turn comes (so results never pile
    # up in memory); only the others go to worker processes.
    hits = {i: key for i, t in enumerate(todo) if (key := _cached_key(t, options)) is not None}
    misses = [t for i, t in enumerate(todo) if i not in hits]
    jobs = min(options.jobs, len(misses)) if all(t.path is not None for t in misses) else 1  # stdin: here
    fresh = ordered_map(partial(check_target, options=options), misses, jobs, _lost)
    for i, target in enumerate(todo):
        outcome = (_from_cache(target, hits[i], options) or check_target(target, options)) if i in hits \
            else next(fresh)
        totals.fixed += outcome.fixed
        if outcome.diff:
            totals.diffs.append(outcome.diff)
        yield outcome.result


def _lost(target: Target) -> Outcome:
    """The result of a file whose worker process ended before sending it back (killed, out of memory)."""
    return Outcome(FileResult(target.shown, error="internal error: the process checking it ended unexpectedly"))


def _cached_key(target: Target, options: RunOptions) -> str | None:
    """The cache key of a file whose result is cached, or None (a file that cannot be read is left to
    check_target, which reports why)."""
    from rectlint.source import ReadError, load_bytes

    if options.cache is None or target.path is None or options.fix or options.diff:
        return None
    try:
        key = _key(options, target, load_bytes(target.path, options.max_mb))
    except ReadError:
        return None
    return key if options.cache.has(key) else None


def _from_cache(target: Target, key: str, options: RunOptions) -> Outcome | None:
    """The cached result (None when the entry turned out unreadable: the file is checked instead)."""
    from rectlint.source import ReadError, load_bytes

    assert options.cache is not None and target.path is not None
    kept = options.cache.get(key)
    if kept is None:
        return None
    try:
        data = load_bytes(target.path, options.max_mb) if options.keep_source else b""
        return Outcome(_from_entry(target, data, kept, options))
    except (ReadError, ValueError, KeyError, TypeError, EOFError):
        return None


def _key(options: RunOptions, target: Target, data: bytes) -> str:
    assert options.cache is not None
    token = options.settings_for(target).token + ("+summary" if options.summary else "")
    return options.cache.key(data, target.shown, token)


def check_target(target: Target, options: RunOptions) -> Outcome:
    """Check one input; every failure becomes that file's error, never an exception."""
    from rectlint.engine import without_cycle_collection

    # The notice's objects are freed (when _checked returns) before the collector is back: it then counts only
    # the few that survive, instead of traversing the whole tree in its next collection (0.17 ms a file).
    with without_cycle_collection():
        return _checked(target, options)


def _checked(target: Target, options: RunOptions) -> Outcome:
    from rectlint.engine import check
    from rectlint.fixer import WriteError
    from rectlint.source import ReadError, load_bytes, load_stream, read_bytes

    if target.error is not None:
        return Outcome(FileResult(target.shown, error=target.error))
    try:
        data = load_bytes(target.path, options.max_mb) if target.path else load_stream(sys.stdin.buffer, options.max_mb)
        settings = options.settings_for(target)
        # run() has answered the cached files already: what reaches here is checked, and its result stored
        cached = options.cache is not None and target.path is not None and not (options.fix or options.diff)
        key = _key(options, target, data) if cached else None
        source = read_bytes(data, target.shown)
        fixed, diff = 0, ""
        if (options.fix or options.diff) and source.kind != "text":
            # The text came out of a Word/HTML/PDF file: an edit to it has no place to go back to.
            print(f"rectlint: {target.shown}: fixes apply to text files only", file=sys.stderr)
        elif options.fix or options.diff:
            fixed, source, diff = _fix(source, target, settings, options)
        doc, diags = check(source, settings)
        result = FileResult(target.shown, source, diags, encoding=source.encoding)
        if options.summary:
            from rectlint.summary import summarise

            result.summary = summarise(doc)
        if key is not None:
            if options.json:
                from rectlint.report.json_report import entry_text

                result.json = entry_text(result)
            options.cache.put(key, entry(source.encoding, result.summary, diags, result.json))
        if not options.keep_source:
            result.source = None
        return Outcome(result, fixed, diff)
    except (ReadError, WriteError) as exc:
        return Outcome(FileResult(target.shown, error=str(exc)))
    except Exception as exc:  # a bug must not hide the other files' results
        return Outcome(FileResult(target.shown, error=f"internal error: {type(exc).__name__}: {exc}"))


def _from_entry(target: Target, data: bytes, kept: Entry, options: RunOptions) -> FileResult:
    from rectlint.source import read_bytes

    if options.json and kept.text is not None and not options.keep_source:
        return CachedResult.lazy(target.shown, kept.encoding, kept.summary_dict(), kept.tally, kept.text,
                                 partial(_made, kept.rows))
    source = read_bytes(data, target.shown) if options.keep_source else None
    return FileResult(target.shown, source, _made(kept.rows), summary=kept.summary_dict(), encoding=kept.encoding)


def _made(rows: bytes) -> list[Diagnostic]:
    """The findings of a cache entry's rows."""
    import marshal

    from rectlint.diagnostics import diagnostic_from_row

    return [diagnostic_from_row(d) for d in marshal.loads(rows)]


def _fix(source, target: Target, settings: Settings, options: RunOptions):
    """Fix one input; files are rewritten atomically only when something changed, stdin is echoed."""
    from rectlint.engine import check
    from rectlint.fixer import encode, fix_text, unified_diff, write_atomically

    after, count = fix_text(source, lambda s: check(s, settings)[1], options.unsafe_fixes)
    write = options.fix and not options.diff
    if write and target.path is None:
        sys.stdout.buffer.write(encode(after))
        sys.stdout.flush()
    elif write and count and after.text != source.text:
        write_atomically(target.path, encode(after), original=encode(source))
    return count, after, unified_diff(source, after) if after.text != source.text else ""
