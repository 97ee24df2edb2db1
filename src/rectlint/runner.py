"""One run over many inputs: for each target, read → check → (fix) → a FileResult, in input order."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

from rectlint.discover import Target
from rectlint.engine import Settings
from rectlint.report.base import FileResult
from rectlint.source import DEFAULT_MAX_MB


@dataclass
class RunOptions:
    settings: Settings
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # compute the fixes' diff, write nothing
    max_mb: float | None = DEFAULT_MAX_MB  # larger files are refused unread (None: no limit)


@dataclass
class Outcome:
    result: FileResult
    fixed: int = 0
    diff: str = ""


@dataclass
class Totals:
    fixed: int = 0
    diffs: list[str] = field(default_factory=list)


def run(targets: Iterator[Target], options: RunOptions, totals: Totals) -> Iterator[FileResult]:
    """Results in the order of `targets`; fix counts and diffs are added to `totals`."""
    for target in targets:
        outcome = check_target(target, options)
        totals.fixed += outcome.fixed
        if outcome.diff:
            totals.diffs.append(outcome.diff)
        yield outcome.result


def check_target(target: Target, options: RunOptions) -> Outcome:
    """Check one input; every failure becomes that file's error, never an exception."""
    from rectlint.engine import check
    from rectlint.fixer import WriteError
    from rectlint.source import ReadError, read_path, read_stream

    try:
        source = read_path(target.path, options.max_mb) if target.path else \
            read_stream(sys.stdin.buffer, target.shown, options.max_mb)
        fixed, diff = 0, ""
        if options.fix or options.diff:
            fixed, source, diff = _fix(source, target, options)
        _, diags = check(source, options.settings)
        return Outcome(FileResult(target.shown, source, diags), fixed, diff)
    except (ReadError, WriteError) as exc:
        return Outcome(FileResult(target.shown, error=str(exc)))
    except Exception as exc:  # a bug must not hide the other files' results
        return Outcome(FileResult(target.shown, error=f"internal error: {type(exc).__name__}: {exc}"))


def _fix(source, target: Target, options: RunOptions):
    """Fix one input; files are rewritten atomically only when something changed, stdin is echoed."""
    from rectlint.engine import check
    from rectlint.fixer import encode, fix_text, unified_diff, write_atomically

    after, count = fix_text(source, lambda s: check(s, options.settings)[1], options.unsafe_fixes)
    write = options.fix and not options.diff
    if write and target.path is None:
        sys.stdout.buffer.write(encode(after))
        sys.stdout.flush()
    elif write and count and after.text != source.text:
        write_atomically(target.path, encode(after), original=encode(source))
    return count, after, unified_diff(source, after) if after.text != source.text else ""
