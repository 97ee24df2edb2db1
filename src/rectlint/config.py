"""Configuration files: `.rectlint.toml`, `rectlint.toml` or `[tool.rectlint]` in `pyproject.toml`, validated
against schemas/config.schema.json (which also holds each key's description, default and examples).

One file is read into a `Config`; `extend` chains are merged here. Which file applies to which checked
file, and the command line's overrides, are resolver.py's business.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from rectlint import patterns, startcache
from rectlint.diagnostics import Severity
from rectlint.globs import Glob, GlobSet
from rectlint.records import dataclass
from rectlint.resources import files

CONFIG_NAMES = (".rectlint.toml", "rectlint.toml", "pyproject.toml")  # searched in this order in each directory


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key path."""


@dataclass(frozen=True)
class PerFileIgnore:
    """The rules a per-file-ignores entry turns off in the files its glob matches (or does not)."""

    glob: Glob
    selectors: tuple[str, ...]
    negated: bool = False  # `!glob`: applies to the files the glob does not match

    def applies(self, path: Path) -> bool:
        return self.glob.matches(path) != self.negated


@dataclass
class Config:
    """One configuration file as read (and merged with what it extends). None: the key was not set."""

    path: Path | None = None  # None: no configuration file, the defaults
    root: Path = field(default_factory=Path.cwd)  # relative globs of the defaults start here
    extends: list[Path] = field(default_factory=list)  # the files it extends, nearest first
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_level: str | None = None
    severity: dict[str, Severity] = field(default_factory=dict)  # by rule code
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # by rule code
    exclude: list[Glob] | None = None
    extend_exclude: list[Glob] = field(default_factory=list)
    per_file_ignores: list[PerFileIgnore] | None = None
    extend_per_file_ignores: list[PerFileIgnore] = field(default_factory=list)
    respect_gitignore: bool | None = None

    @cached_property
    def excludes(self) -> GlobSet:
        base = self.exclude if self.exclude is not None else [Glob.compile(p, self.root) for p in default("exclude")]
        return GlobSet([*base, *self.extend_exclude])

    @cached_property
    def all_per_file_ignores(self) -> list[PerFileIgnore]:
        return [*(self.per_file_ignores or []), *self.extend_per_file_ignores]

    @property
    def gitignore(self) -> bool:
        return default("respect-gitignore") if self.respect_gitignore is None else self.respect_gitignore

    @property
    def effective_fail_level(self) -> Severity:
        return Severity(self.fail_level or default("fail-level"))

    def excluded(self, path: Path) -> bool:
        """`path`: absolute and resolved."""
        return self.excludes.matches(path)

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """Selectors that per-file-ignores remove for `path` (absolute, resolved)."""
        return tuple(dict.fromkeys(s for p in self.all_per_file_ignores if p.applies(path) for s in p.selectors))


def merge(base: Config, top: Config) -> Config:
    """`top` over `base`: set keys replace, extend-* lists and ignore add, severity and options merge per rule.

    The result keeps `top`'s identity (path, root, extends).
    """
    def either(name: str) -> Any:
        value = getattr(top, name)
        return value if value is not None else getattr(base, name)

    return replace(
        top, select=either("select"), extend_select=[*base.extend_select, *top.extend_select],
        ignore=[*base.ignore, *top.ignore], fail_level=either("fail_level"),
        severity={**base.severity, **top.severity},
        options={code: {**base.options.get(code, {}), **top.options.get(code, {})}
                 for code in [*base.options, *top.options]},
        exclude=either("exclude"), extend_exclude=[*base.extend_exclude, *top.extend_exclude],
        per_file_ignores=either("per_file_ignores"),
        extend_per_file_ignores=[*base.extend_per_file_ignores, *top.extend_per_file_ignores],
        respect_gitignore=either("respect_gitignore"))


# -- the schema ---------------------------------------------------------------------------------------

def schema_text() -> str:
    return files("rectlint.schemas").joinpath("config.schema.json").read_text("utf-8")


@cache
def schema() -> dict[str, Any]:
    """The configuration's JSON Schema, which holds the defaults: kept parsed, as a run needs no json otherwise."""
    return startcache.kept("config-schema", schema_text(), _parsed)


def _parsed(text: str) -> Any:
    import json

    return json.loads(text)


def default(key: str) -> Any:
    return schema()["properties"][key]["default"]


@cache
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


_BARE_KEY = patterns.compile(r"^[A-Za-z0-9_-]+$")


def _json(value: Any) -> str:
    """A value as the messages quote it (json is imported only for a message)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def key_path(parts: list[Any] | tuple[Any, ...]) -> str:
    """TOML spelling of a key path: severity.E001, per-file-ignores."drafts/**"[0]."""
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + (p if _BARE_KEY.match(p) else _json(p))
    return out or "(top)"


def _schema_error(data: dict[str, Any]) -> str | None:
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return None
    e = errors[0]
    where = list(e.absolute_path)
    if e.validator == "additionalProperties" and not where:
        known = list(schema()["properties"])
        unknown = next(k for k in data if k not in known)
        import difflib

        close = difflib.get_close_matches(unknown, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "see `rectlint config` for the keys"
        return f"{key_path([unknown])}: unknown setting ({hint})"
    return f"{key_path(where)}: {e.message}"


# -- reading files ------------------------------------------------------------------------------------

def shown(path: Path) -> str:
    """A configuration file as messages name it: relative to the current directory when below it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_table(path: Path) -> dict[str, Any] | None:
    """The settings a file holds; None for a pyproject.toml without a [tool.rectlint] table."""
    try:
        data = tomllib.loads(path.read_text("utf-8-sig"))  # the byte-order mark some Windows editors write
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown(path)}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown(path)}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):  # `tool = 5` is valid TOML, and no place for [tool.rectlint]
            raise ConfigError(f"{shown(path)}: tool: expected a table")
        table = tool.get("rectlint")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{shown(path)}: tool.rectlint: expected a table")
        return table
    return data


def find_in(directory: Path) -> tuple[Path, dict[str, Any]] | None:
    """The configuration file of one directory, if it has one."""
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file():
            data = read_table(candidate)
            if data is not None:
                return candidate, data
        elif candidate.is_symlink() and not candidate.exists():  # the settings meant here would be dropped unseen
            raise ConfigError(f"{shown(candidate)}: cannot read (a broken symbolic link or a link loop)")
    return None


def load_file(path: Path) -> Config:
    """A file named by --config or by `extend` (a pyproject.toml without the table is an empty configuration)."""
    path = path.resolve()
    if not path.is_file():
        raise ConfigError(f"{shown(path)}: no such file")
    return load(path, read_table(path) or {})


def load(path: Path, data: dict[str, Any], _seen: tuple[Path, ...] = ()) -> Config:
    """Validate one file's settings and merge what it extends. `path` must be absolute and resolved."""
    problem = _schema_error(data)
    if problem:
        raise ConfigError(f"{shown(path)}: {problem}")
    cfg = _Reader(path, data).config()
    if "extend" not in data:
        return cfg
    base_path = (path.parent / data["extend"]).resolve()
    if base_path in (*_seen, path):
        raise ConfigError(f"{shown(path)}: extend: '{data['extend']}' extends this file again (a cycle)")
    if not base_path.is_file():
        raise ConfigError(f"{shown(path)}: extend: no such file '{data['extend']}'")
    base = load(base_path, read_table(base_path) or {}, (*_seen, path))
    return replace(merge(base, cfg), extends=[base_path, *base.extends])


class _Reader:
    """Turns one validated table into a Config; every rule-dependent check names the key path."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self.data, self.dir = path, data, path.parent

    def fail(self, where: list[Any], reason: str) -> ConfigError:
        return ConfigError(f"{shown(self.path)}: {key_path(where)}: {reason}")

    def config(self) -> Config:
        d = self.data
        return Config(
            path=self.path, root=self.dir,
            select=self.selectors("select") if "select" in d else None,
            extend_select=self.selectors("extend-select"), ignore=self.selectors("ignore"),
            fail_level=d.get("fail-level"), severity=self.severity(), options=self.options(),
            exclude=self.globs("exclude") if "exclude" in d else None, extend_exclude=self.globs("extend-exclude"),
            per_file_ignores=self.per_file("per-file-ignores") if "per-file-ignores" in d else None,
            extend_per_file_ignores=self.per_file("extend-per-file-ignores"),
            respect_gitignore=d.get("respect-gitignore"))

    def selectors(self, key: str, values: list[str] | None = None, where: list[Any] | None = None) -> list[str]:
        from rectlint.registry import SelectorError, check_selectors

        values = self.data.get(key, []) if values is None else values
        for i, value in enumerate(values):
            try:
                check_selectors([value])
            except SelectorError as exc:
                raise self.fail([*(where or [key]), i], str(exc)) from None
        return list(values)

    def rule(self, key: str, where: list[Any]):
        from rectlint.registry import find_rule

        found = find_rule(key)
        if found is None:
            raise self.fail(where, "no such rule")
        return found

    def severity(self) -> dict[str, Severity]:
        return {self.rule(k, ["severity", k]).code: Severity(v) for k, v in self.data.get("severity", {}).items()}

    def options(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for key, opts in self.data.get("options", {}).items():
            rule = self.rule(key, ["options", key])
            for name, value in opts.items():
                if name not in rule.options:
                    raise self.fail(["options", key, name], f"{rule.code} has no such option "
                                    f"(options: {', '.join(rule.options) or 'none'})")
                problem = _option_problem(rule.options[name], value) or rule.option_problem(name, value)
                if problem:
                    raise self.fail(["options", key, name], f"{problem} "
                                    f"(default: {_json(rule.options[name])})")
            out[rule.code] = {**out.get(rule.code, {}), **opts}
        return out

    def globs(self, key: str) -> list[Glob]:
        return [self.glob(p, [key, i]) for i, p in enumerate(self.data.get(key, []))]

    def glob(self, pattern: str, where: list[Any]) -> Glob:
        try:
            return Glob.compile(pattern, self.dir)
        except (ValueError, re.error) as exc:
            raise self.fail(where, str(exc)) from None

    def per_file(self, key: str) -> list[PerFileIgnore]:
        out = []
        for pattern, selectors in self.data.get(key, {}).items():
            negated = pattern.startswith("!")
            glob = self.glob(pattern[1:] if negated else pattern, [key, pattern])
            out.append(PerFileIgnore(glob, tuple(self.selectors(key, selectors, [key, pattern])), negated))
        return out


def _option_problem(default: Any, value: Any) -> str | None:
    """An option value of another type than its default (an integer may stand for a number)."""
    got = _json(value)
    expected, actual = _type_name(default), _type_name(value)
    if actual != expected and (expected, actual) != ("a number", "an integer"):
        return f"expected {expected}, got {got}"
    if isinstance(default, list) and default and any(_type_name(v) != _type_name(default[0]) for v in value):
        return f"expected a list of {_type_name(default[0])[2:]}s, got {got}"
    return None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    return {str: "a string", list: "a list", dict: "a table"}.get(type(value), type(value).__name__)
