"""Command line: `rectlint check`, `parse`, `rule`, `rules`.

Exit codes (same for every output format): 0 nothing at or above the fail level, 1 findings at or
above it, 2 usage, configuration or internal error (including a file that could not be checked).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click

from rectlint import __version__
from rectlint.diagnostics import Severity
from rectlint.report import FORMATS


def _fail(message: str) -> None:
    click.echo(f"rectlint: error: {message}", err=True)
    sys.exit(2)


class _Guarded(click.Group):
    """Any unexpected error ends the run with one line and exit code 2, never a traceback
    (RECTLINT_DEBUG=1 shows it, for a bug report)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit,
                KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader went away (`rectlint check … | head`): nothing left to say
            sys.stderr.close()
            sys.exit(1)
        except Exception as exc:
            if os.environ.get("RECTLINT_DEBUG"):
                raise
            click.echo(f"rectlint: internal error: {type(exc).__name__}: {exc} "
                       "(RECTLINT_DEBUG=1 shows where)", err=True)
            sys.exit(2)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="rectlint", message="%(prog)s %(version)s")
def main() -> None:
    """rectlint: lint 巡察/巡视整改情况通报 (inspection rectification notices)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--select", multiple=True, help="Rules to enable (codes, prefixes, names, categories; comma-separated).")
@click.option("--extend-select", multiple=True, help="Rules to enable in addition to the default set.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option("--output-format", type=click.Choice(list(FORMATS)), default="concise", show_default=True,
              envvar="RECTLINT_OUTPUT_FORMAT")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fail-level", type=click.Choice([s.value for s in Severity]), default=None,
              help="Lowest severity that makes the run fail (exit 1). Default: warning.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Use this rectlint.toml or pyproject.toml for every file instead of the nearest one above each.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--exclude", multiple=True,
              help="Globs to skip when searching directories (instead of the configured ones).")
@click.option("--extend-exclude", multiple=True, help="Globs to skip in addition to the configured ones.")
@click.option("--force-exclude", is_flag=True,
              help="Apply the excludes to files named on the command line too (for pre-commit).")
@click.option("--show-settings", is_flag=True, help="Print the settings resolved for the first file, and exit.")
@click.option("--show-files", is_flag=True, help="List the files that would be checked, and exit.")
@click.option("--stdin-filename", help="Name to report for input read from '-' (its directory picks the config).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files (atomically; standard input is printed).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores). Output order never depends on it.")
@click.option("--no-cache", is_flag=True, help="Check every file again instead of reusing results of unchanged files.")
@click.option("--cache-dir", type=click.Path(file_okay=False), envvar="RECTLINT_CACHE_DIR", default=None,
              help="Where results are cached (default: .rectlint_cache in the current directory).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Hide the findings recorded in this baseline file; report its stale entries.")
@click.option("--baseline-write", type=click.Path(dir_okay=False),
              help="Record every current finding in this baseline file (replacing it) and report none of them.")
@click.option("--baseline-prune", is_flag=True, help="With --baseline: rewrite the file without its stale entries.")
@click.option("--max-file-size", type=click.FloatRange(min=0), default=None, metavar="MB",
              help="Refuse files larger than this many megabytes (0: no limit; default: 5).")
def check(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          output_format: str, output_file: str | None, statistics: bool, exit_zero: bool, fail_level: str | None,
          config_file: str | None, isolated: bool, exclude: tuple[str, ...], extend_exclude: tuple[str, ...],
          force_exclude: bool, show_settings: bool, show_files: bool, stdin_filename: str | None, fix: bool,
          unsafe_fixes: bool, diff: bool, jobs: int | None, no_cache: bool, cache_dir: str | None,
          baseline_file: str | None, baseline_write: str | None, baseline_prune: bool,
          max_file_size: float | None) -> None:
    """Check notices (files, directories, or - for standard input)."""
    from rectlint.cache import DEFAULT_DIR, Cache
    from rectlint.config import ConfigError
    from rectlint.discover import discover
    from rectlint.parallel import default_jobs
    from rectlint.registry import RegistryError, SelectorError
    from rectlint.report import reporter
    from rectlint.report.base import ReportContext, ReportError
    from rectlint.resolver import Overrides, Resolver
    from rectlint.runner import RunOptions, Totals, run

    try:
        resolver = Resolver(Overrides(select, extend_select, ignore, exclude, extend_exclude, fail_level),
                            config_file, isolated)
        targets = list(discover(paths, stdin_filename, resolver, force_exclude))
        if show_files:
            click.echo("\n".join(t.shown for t in targets))
            sys.exit(0)
        if show_settings:
            from rectlint.settings_view import show_settings as render

            if not targets:
                _fail("--show-settings: no file to show the settings of")
            click.echo(render(resolver, targets[0]))
            sys.exit(0)
        # every configuration error before any output; files share a few settings, each one's rules are read once
        distinct = {id(s): s for s in map(resolver.settings_for, targets)}.values()
        threshold = resolver.fail_level().rank
    except (RegistryError, SelectorError, ConfigError) as exc:
        _fail(str(exc))
    selected = sorted({r.code for s in distinct for r in s.rules})
    baseline = None if diff else _baseline(baseline_file, baseline_write, baseline_prune, selected)
    out = reporter(output_format, ReportContext(statistics=statistics, output_file=output_file, argv=sys.argv[1:],
                                                baseline=baseline))
    if problem := out.usage_error(targets):
        _fail(problem)
    options = RunOptions(resolver.settings_for, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
                         jobs=jobs or default_jobs(), cache=None if no_cache else Cache(Path(cache_dir or DEFAULT_DIR)),
                         keep_source=out.needs_source, summary=out.needs_summary,
                         json=out.writes_json_findings and baseline is None,
                         **({} if max_file_size is None else {"max_mb": max_file_size or None}))
    totals = Totals()
    results = run(iter(targets), options, totals)
    if baseline is not None:
        results = map(baseline.apply, results)
    errors = failed = False
    if diff:
        for result in results:
            errors |= _report_error(result)
        click.echo("".join(totals.diffs), nl=False)
        sys.exit(2 if errors else 1 if totals.diffs else 0)
    try:
        ranks = {s.value: s.rank for s in Severity}
        with _output(output_file, out.binary) as stream:
            raw = None if out.binary else _utf8_bytes(stream)
            out.utf8_bytes = raw is not None
            for result in results:
                if not out.reports_errors or output_file:  # a report written to a file is not seen in the log
                    _report_error(result)
                errors |= bool(result.error)
                if (tally := result.tally()) is None:
                    failed |= any(d.severity.rank >= threshold for d in result.diagnostics)
                else:
                    failed |= any(ranks[severity] >= threshold for _, _, severity in tally)
                part = out.file(result)
                if raw is not None and type(part) is bytes:
                    raw.write(part)  # the stream's text is flushed after each file: nothing overtakes it
                else:
                    stream.write(part)
                stream.flush()
            if fix and "-" not in paths:
                click.echo(f"Fixed {totals.fixed} finding{'s' if totals.fixed != 1 else ''}.", err=True)
            if baseline is not None:
                errors |= _finish_baseline(baseline)
            stream.write(out.finish())
    except ReportError as exc:
        _fail(str(exc))
    if out.binary:  # the report is a document: the totals go to the terminal
        click.echo(out.summary_line(), err=True)
    sys.exit(2 if errors else 1 if failed and not exit_zero else 0)


@contextmanager
def _output(output_file: str | None, binary: bool) -> Iterator[IO]:
    """Where the report goes: standard output, or a file written in full only when the run gets that far."""
    # A file name that is not UTF-8 holds its bytes as lone surrogates, which UTF-8 cannot encode: they are
    # written as the escape \udcff, which JSON reads back as that same name, where an error would end the run.
    if not output_file:
        if not binary and isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(errors="backslashreplace")
        yield sys.stdout.buffer if binary else sys.stdout
        return
    target = Path(output_file)
    tmp = target.with_name(f".{target.name}.rectlint-tmp")
    text = {"encoding": "utf-8", "newline": "\n", "errors": "backslashreplace"}
    try:
        with open(tmp, "wb" if binary else "w", **({} if binary else text)) as f:
            yield f
        tmp.replace(target)
    except OSError as exc:
        _fail(f"{output_file}: cannot write the report ({exc.strerror or exc})")
    finally:
        tmp.unlink(missing_ok=True)


def _utf8_bytes(stream: IO) -> IO[bytes] | None:
    """The binary stream under a text stream that writes its text in UTF-8 as it is given, else None."""
    import codecs

    raw = getattr(stream, "buffer", None)
    try:
        utf8 = codecs.lookup(stream.encoding).name == "utf-8"
    except (AttributeError, TypeError, LookupError):
        return None
    # standard output translates line breaks where they are not "\n"; a report file is opened with newline="\n"
    return raw if utf8 and (os.linesep == "\n" or stream is not sys.stdout) else None


def _baseline(read: str | None, write: str | None, prune: bool, selected: list[str]):
    """The run's Baseline, or None; a bad combination of flags or an unreadable file ends the run (exit 2)."""
    if read and write:
        _fail("--baseline and --baseline-write cannot be combined (write a new baseline, or check against one)")
    if prune and not read:
        _fail("--baseline-prune needs --baseline FILE")
    if not (read or write):
        return None
    from rectlint.baseline import Baseline, BaselineError

    try:
        return Baseline.open(read or write, "prune" if prune else "check" if read else "write",  # type: ignore[arg-type]
                             selected)
    except BaselineError as exc:
        _fail(str(exc))


def _finish_baseline(baseline) -> bool:
    """Write or prune the baseline file and print its one-line note; True when that failed."""
    from rectlint.baseline import BaselineError

    try:
        click.echo(f"rectlint: {baseline.finish()}", err=True)
    except BaselineError as exc:
        click.echo(f"rectlint: error: {exc}", err=True)
        return True
    return False


def _report_error(result) -> bool:
    """A file that could not be checked: one line on stderr."""
    if result.error:
        click.echo(f"rectlint: error: {result.path}: {result.error}", err=True)
    return bool(result.error)


@main.command()
@click.argument("key", required=False)
@click.option("--schema", is_flag=True, help="Print the JSON Schema of the configuration.")
def config(key: str | None, schema: bool) -> None:
    """List the configuration keys, explain one (type, default, example), or print the schema."""
    from rectlint.config import schema_text
    from rectlint.settings_view import explain, keys, list_keys

    if schema:
        click.echo(schema_text())
    elif key is None:
        click.echo(list_keys())
    else:
        text = explain(key)
        if text is None:
            _fail(f"no setting '{key}' (keys: {', '.join(keys())})")
        click.echo(text)


@main.command()
@click.argument("file")
@click.option("--stdin-filename", help="Name to report for input read from '-'.")
def parse(file: str, stdin_filename: str | None) -> None:
    """Print the parsed tree of a notice, with its resolved dates and counts, as JSON."""
    from rectlint.engine import analyse
    from rectlint.report.parse_json import tree
    from rectlint.source import ReadError, read_path, read_stream

    try:
        source = read_stream(sys.stdin.buffer, stdin_filename or "-") if file == "-" else read_path(file)
    except ReadError as exc:
        _fail(f"{file}: {exc}")
    import json  # not for a check run's own start

    click.echo(json.dumps(tree(analyse(source)), ensure_ascii=False, indent=2))


@main.command()
@click.argument("code")
def rule(code: str) -> None:
    """Show the documentation of a rule, by code or name."""
    from rectlint.registry import RegistryError, find_rule

    try:
        found = find_rule(code)
    except RegistryError as exc:
        _fail(str(exc))
    if found is None:
        _fail(f"no rule '{code}' (try `rectlint rules`)")
    click.echo(render_rule_doc(found))


def render_rule_doc(r) -> str:
    opts = ", ".join(f"{k} = {v!r}" for k, v in r.options.items()) or "none"
    head = [f"# {r.code} {r.name}", "",
            f"Category: {r.category}  ", f"Default severity: {r.severity}  ",
            f"Fixable: {'yes' if r.fixable else 'no'}  ", f"Options: {opts}", ""]
    return "\n".join(head) + "\n" + r.documentation()


def rules_table(rules) -> str:
    rows = ["| Code | Name | Category | Severity | Fix | What it reports |", "|---|---|---|---|---|---|"]
    rows += [f"| {r.code} | {r.name} | {r.category} | {r.severity} | {'yes' if r.fixable else ''} | "
             f"{r.summary().replace('|', '/')} |" for r in rules]
    return "\n".join(rows)


@main.command("rules")
@click.option("--output-format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_cmd(output_format: str) -> None:
    """List every rule (markdown: the table in the README)."""
    from rectlint.registry import RegistryError, all_rules

    try:
        rules = all_rules()
    except RegistryError as exc:
        _fail(str(exc))
    if output_format == "json":
        import json

        click.echo(json.dumps([r.describe() for r in rules], ensure_ascii=False, indent=2))
        return
    if output_format == "markdown":
        click.echo(rules_table(rules))
        return
    for r in rules:
        click.echo(f"{r.code}  {r.name:<28} {r.category!s:<12} {r.severity!s:<8} {r.summary()}")
