"""Command line: `rectlint check`, `parse`, `rule`, `rules`.

Exit codes (same for every output format): 0 nothing at or above the fail level, 1 findings at or
above it, 2 usage, configuration or internal error (including a file that could not be checked).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from rectlint import __version__
from rectlint.diagnostics import Severity

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
OUTPUT_FORMATS = ["concise", "full", "json"]


def _discover(paths: tuple[str, ...]) -> Iterator[tuple[str, Path | None]]:
    """Explicit files as given; directories searched recursively for notice files; '-' is stdin."""
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.suffix.lower() in TEXT_SUFFIXES and f.is_file() and not any(
                        part.startswith(".") for part in f.relative_to(p).parts):
                    yield str(f), f
        else:
            yield raw, p


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
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default="concise", show_default=True,
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
def check(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          output_format: str, output_file: str | None, statistics: bool, exit_zero: bool, fail_level: str | None,
          config_file: str | None, stdin_filename: str | None, fix: bool, unsafe_fixes: bool, diff: bool) -> None:
    """Check notices (files, directories, or - for standard input)."""
    from rectlint.config import ConfigError, resolve
    from rectlint.engine import Settings
    from rectlint.engine import check as run_check
    from rectlint.registry import RegistryError, SelectorError, select_rules
    from rectlint.report.base import FileResult
    from rectlint.source import ReadError, read_bytes, read_path

    try:
        cfg = resolve(config_file, Path.cwd())
        rules = select_rules(list(select) or cfg.select, [*cfg.extend_select, *extend_select],
                             [*cfg.ignore, *ignore])
    except (RegistryError, SelectorError, ConfigError) as exc:
        _fail(str(exc))
    settings = Settings(rules=rules, severity=cfg.severity, options=cfg.options)
    fail_level = fail_level or cfg.fail_level or "warning"
    results: list[FileResult] = []
    fixed = 0
    diffs: list[str] = []
    for shown, path in _discover(paths):
        try:
            if path is None:
                shown = stdin_filename or "-"
                source = read_bytes(sys.stdin.buffer.read(), shown)
            else:
                source = read_path(path)
            if fix or diff:
                count, source, text_diff = _fix(source, path, settings, unsafe_fixes, write=fix and not diff)
                fixed += count
                diffs.append(text_diff)
            _, diags = run_check(source, settings)
            results.append(FileResult(shown, source, diags))
        except ReadError as exc:
            results.append(FileResult(shown, error=str(exc)))
        except Exception as exc:  # a bug must not hide the other files' results
            results.append(FileResult(shown, error=f"internal error: {type(exc).__name__}: {exc}"))
    if diff:
        click.echo("".join(diffs), nl=False)
        _report_errors(results)
        sys.exit(2 if any(r.error for r in results) else 1 if any(diffs) else 0)
    if fix and not (len(results) == 1 and results[0].path == (stdin_filename or "-") and "-" in paths):
        click.echo(f"Fixed {fixed} finding{'s' if fixed != 1 else ''}.", err=True)
    _emit(results, output_format, output_file, statistics)
    if any(r.error for r in results):
        sys.exit(2)
    threshold = Severity(fail_level).rank
    failed = any(d.severity.rank >= threshold for r in results for d in r.diagnostics)
    sys.exit(1 if failed and not exit_zero else 0)


def _fix(source, path: Path | None, settings, unsafe: bool, write: bool):
    """Fix one input; files are rewritten atomically only when something changed, stdin is echoed."""
    from rectlint.engine import check as run_check
    from rectlint.fixer import encode, fix_text, unified_diff, write_atomically

    after, count = fix_text(source, lambda s: run_check(s, settings)[1], unsafe)
    if write and path is None:
        sys.stdout.buffer.write(encode(after))
        sys.stdout.flush()
    elif write and count and after.text != source.text:
        write_atomically(path, encode(after))
    return count, after, unified_diff(source, after) if after.text != source.text else ""


def _report_errors(results: list) -> None:
    """Files that could not be checked: one line each on stderr (JSON lists them in the document instead)."""
    for r in results:
        if r.error:
            click.echo(f"rectlint: error: {r.path}: {r.error}", err=True)


def _emit(results: list, output_format: str, output_file: str | None, statistics: bool) -> None:
    from rectlint.report import json_report, text

    if output_format == "json":
        doc = json_report.document(results)
        if statistics:
            doc["statistics"] = _statistics(results)
        body = json.dumps(doc, ensure_ascii=False, indent=2)
    else:
        _report_errors(results)
        if statistics:
            rows = _statistics(results)
            body = "\n".join(f"{row['count']:>5}  {row['code']}  {row['name']}  [{row['severity']}]" for row in rows)
        else:
            body = text.full(results) if output_format == "full" else text.concise(results)
        body = (body + "\n" if body else "") + _summary_line(results)
    if output_file:
        Path(output_file).write_text(body + "\n", encoding="utf-8")
    else:
        click.echo(body)


def _statistics(results: list) -> list[dict]:
    counts: Counter[tuple[str, str, str]] = Counter(
        (d.code, d.name, str(d.severity)) for r in results for d in r.diagnostics)
    return [{"code": c, "name": n, "severity": s, "count": k}
            for (c, n, s), k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _summary_line(results: list) -> str:
    sev = Counter(str(d.severity) for r in results for d in r.diagnostics)
    total = sum(sev.values())
    errors = sum(1 for r in results if r.error)
    checked = len(results) - errors
    if not total:
        head = "No findings"
    else:
        head = f"Found {total} finding{'s' if total != 1 else ''} ({sev['error']} error, {sev['warning']} warning, " \
               f"{sev['info']} info)"
    tail = f" in {checked} file{'s' if checked != 1 else ''}"
    return head + tail + (f"; {errors} file{'s' if errors != 1 else ''} could not be checked." if errors else ".")


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
    from rectlint.source import ReadError, read_bytes, read_path

    try:
        source = read_bytes(sys.stdin.buffer.read(), stdin_filename or "-") if file == "-" else read_path(file)
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
