"""Command line: `rectlint check`, `parse`, `rule`, `rules`.

Exit codes (same for every output format): 0 nothing at or above the fail level, 1 findings at or
above it, 2 usage, configuration or internal error (including a file that could not be checked).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click

from rectlint import __version__
from rectlint.diagnostics import Severity
from rectlint.report import FORMATS
from rectlint.source import DEFAULT_MAX_MB


def _fail(message: str) -> None:
    click.echo(f"rectlint: error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
              help="Use this rectlint.toml or pyproject.toml instead of searching upward from the current directory.")
@click.option("--stdin-filename", help="Name to report for input read from '-'.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files (atomically; standard input is printed).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing.")
@click.option("--max-file-size", type=click.FloatRange(min=0), default=DEFAULT_MAX_MB, show_default=True,
              metavar="MB", help="Refuse files larger than this many megabytes (0: no limit).")
def check(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          output_format: str, output_file: str | None, statistics: bool, exit_zero: bool, fail_level: str | None,
          config_file: str | None, stdin_filename: str | None, fix: bool, unsafe_fixes: bool, diff: bool,
          max_file_size: float) -> None:
    """Check notices (files, directories, or - for standard input)."""
    from rectlint.config import ConfigError, resolve
    from rectlint.discover import discover
    from rectlint.engine import Settings
    from rectlint.registry import RegistryError, SelectorError, select_rules
    from rectlint.report import reporter
    from rectlint.report.base import ReportContext
    from rectlint.runner import RunOptions, Totals, run

    try:
        cfg = resolve(config_file, Path.cwd())
        rules = select_rules(list(select) or cfg.select, [*cfg.extend_select, *extend_select],
                             [*cfg.ignore, *ignore])
    except (RegistryError, SelectorError, ConfigError) as exc:
        _fail(str(exc))
    settings = Settings(rules=rules, severity=cfg.severity, options=cfg.options)
    threshold = Severity(fail_level or cfg.fail_level or "warning").rank
    options = RunOptions(settings, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, max_mb=max_file_size or None)
    totals = Totals()
    results = run(discover(paths, stdin_filename), options, totals)
    errors = failed = False
    if diff:
        for result in results:
            errors |= _report_error(result)
        click.echo("".join(totals.diffs), nl=False)
        sys.exit(2 if errors else 1 if totals.diffs else 0)
    out = reporter(output_format, ReportContext(statistics=statistics, output_file=output_file, argv=sys.argv[1:]))
    with _output(output_file, out.binary) as stream:
        for result in results:
            if not out.reports_errors:
                _report_error(result)
            errors |= bool(result.error)
            failed |= any(d.severity.rank >= threshold for d in result.diagnostics)
            stream.write(out.file(result))
            stream.flush()
        if fix and "-" not in paths:
            click.echo(f"Fixed {totals.fixed} finding{'s' if totals.fixed != 1 else ''}.", err=True)
        stream.write(out.finish())
    sys.exit(2 if errors else 1 if failed and not exit_zero else 0)


@contextmanager
def _output(output_file: str | None, binary: bool) -> Iterator[IO]:
    """Where the report goes: standard output, or a file written in full only when the run gets that far."""
    if not output_file:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    target = Path(output_file)
    tmp = target.with_name(f".{target.name}.rectlint-tmp")
    try:
        with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": "\n"})) as f:
            yield f
        tmp.replace(target)
    except OSError as exc:
        _fail(f"{output_file}: cannot write the report ({exc.strerror or exc})")
    finally:
        tmp.unlink(missing_ok=True)


def _report_error(result) -> bool:
    """A file that could not be checked: one line on stderr."""
    if result.error:
        click.echo(f"rectlint: error: {result.path}: {result.error}", err=True)
    return bool(result.error)


@main.command()
@click.option("--schema", is_flag=True, help="Print the JSON Schema of the configuration.")
def config(schema: bool) -> None:
    """Show the configuration in effect (or, with --schema, what it may contain)."""
    from rectlint.config import ConfigError, resolve, schema_text

    if schema:
        click.echo(schema_text())
        return
    try:
        cfg = resolve(None, Path.cwd())
    except ConfigError as exc:
        _fail(str(exc))
    click.echo(json.dumps({"file": str(cfg.path) if cfg.path else None, "select": cfg.select,
                           "extend-select": cfg.extend_select, "ignore": cfg.ignore, "fail-level": cfg.fail_level,
                           "severity": {k: str(v) for k, v in cfg.severity.items()}, "options": cfg.options},
                          ensure_ascii=False, indent=2))


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
        click.echo(json.dumps([r.describe() for r in rules], ensure_ascii=False, indent=2))
        return
    if output_format == "markdown":
        click.echo(rules_table(rules))
        return
    for r in rules:
        click.echo(f"{r.code}  {r.name:<28} {r.category!s:<12} {r.severity!s:<8} {r.summary()}")
