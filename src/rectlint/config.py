"""Configuration: `rectlint.toml` or `[tool.rectlint]` in `pyproject.toml`, found from a directory upward,
validated against schemas/config.schema.json. Command-line flags override what it says."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from rectlint.diagnostics import Severity


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key path."""


@dataclass
class Config:
    path: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_level: str | None = None
    severity: dict[str, Severity] = field(default_factory=dict)  # by rule code
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # by rule code


@cache
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(files("rectlint.schemas").joinpath("config.schema.json").read_text()))


def schema_text() -> str:
    return files("rectlint.schemas").joinpath("config.schema.json").read_text("utf-8")


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest rectlint.toml, or pyproject.toml with a [tool.rectlint] table, from `start` upward."""
    here = start.resolve()
    for folder in [here, *here.parents] if here.is_dir() else [here.parent, *here.parent.parents]:
        for name in ("rectlint.toml", "pyproject.toml"):
            candidate = folder / name
            if not candidate.is_file():
                continue
            data = _read(candidate)
            if name == "rectlint.toml":
                return candidate, data
            if "rectlint" in data.get("tool", {}):
                return candidate, data["tool"]["rectlint"]
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def load(path: Path, data: dict[str, Any]) -> Config:
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        where = ".".join(str(p) for p in e.absolute_path) or "(top)"
        raise ConfigError(f"{path}: {where}: {e.message}")
    from rectlint.registry import find_rule

    def code(key: str, table: str) -> str:
        rule = find_rule(key)
        if rule is None:
            raise ConfigError(f"{path}: {table}.{key}: no such rule")
        return rule.code

    cfg = Config(path=path, select=data.get("select"), extend_select=data.get("extend-select", []),
                 ignore=data.get("ignore", []), fail_level=data.get("fail-level"))
    cfg.severity = {code(k, "severity"): Severity(v) for k, v in data.get("severity", {}).items()}
    for key, opts in data.get("options", {}).items():
        rule = find_rule(key)
        if rule is None:
            raise ConfigError(f"{path}: options.{key}: no such rule")
        unknown = set(opts) - set(rule.options)
        if unknown:
            raise ConfigError(f"{path}: options.{key}.{sorted(unknown)[0]}: {rule.code} has no such option "
                              f"(options: {', '.join(rule.options) or 'none'})")
        for name, value in opts.items():
            if problem := _option_problem(value, rule.options[name], rule.option_choices.get(name)):
                raise ConfigError(f"{path}: options.{key}.{name}: {problem}")
        cfg.options[rule.code] = opts
    return cfg


_KIND_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string", list: "a list"}


def _fits(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):  # bool is an int to Python, not to a user
        return isinstance(value, bool) and isinstance(default, bool)
    return isinstance(value, int | float) if isinstance(default, float) else isinstance(value, type(default))


def _option_problem(value: Any, default: Any, choices: tuple | None) -> str | None:
    """Why `value` cannot stand for an option whose default is `default` (None: it can): a rule trusts its
    options' types, so a wrong one is refused here rather than failing on every file."""
    if not _fits(value, default):
        return f"{value!r} is not {_KIND_NAMES.get(type(default), 'valid')} (default: {default!r})"
    for v in value if isinstance(value, list) else [value]:
        if isinstance(value, list) and default and not _fits(v, default[0]):
            return f"item {v!r} is not {_KIND_NAMES.get(type(default[0]), 'valid')}"
        if choices and v not in choices:
            return f"{v!r} is not one of {', '.join(map(repr, choices))}"
    return None


def resolve(explicit: str | None, start: Path) -> Config:
    if explicit:
        path = Path(explicit)
        data = _read(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("rectlint", {})
        return load(path, data)
    found = find(start)
    return load(*found) if found else Config()
