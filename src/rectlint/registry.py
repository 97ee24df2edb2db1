"""Find every rule: Python rules from the `rectlint.rules` entry-point group, declarative rules from
YAML packs (rectlint's own `rules/*.yaml`, and any pack a plugin module lists in `RULE_PACKS`)."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from functools import cache
from importlib.machinery import PathFinder, all_suffixes
from pathlib import Path
from types import ModuleType, SimpleNamespace

from rectlint import patterns
from rectlint.diagnostics import Category
from rectlint.resources import files
from rectlint.rule import CODE_RE, NAME_RE, Rule

ENTRY_POINT_GROUP = "rectlint.rules"
BUILTIN = SimpleNamespace(name="builtin", value="rectlint.checks",
                          load=lambda: importlib.import_module("rectlint.checks"))


class RegistryError(Exception):
    """A rule or rule pack that cannot be loaded; the message says which and why."""


def _rules_in_module(module: ModuleType) -> Iterable[type[Rule]]:
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == module.__name__ \
                and getattr(value, "code", None):
            yield value
    if hasattr(module, "__path__"):
        for name in _submodules(module):
            yield from _rules_in_module(importlib.import_module(name))


def _submodules(package: ModuleType) -> list[str]:
    """The names pkgutil.iter_modules gives for a package, read from its folders as pkgutil reads them (importing
    pkgutil and asking an importer for each folder cost more than the listing); a package elsewhere (a zip)
    is left to pkgutil."""
    folders = list(package.__path__)
    if not all(os.path.isdir(f) for f in folders):
        import pkgutil

        return [info.name for info in pkgutil.iter_modules(folders, package.__name__ + ".")]
    suffixes = sorted(all_suffixes(), key=len, reverse=True)  # as inspect.getmodulename tries them

    def module_name(file: str) -> str | None:
        return next((file[:-len(s)] for s in suffixes if file.endswith(s)), None)

    found: dict[str, None] = {}
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))  # a package before a module of the same name
        except OSError:
            continue
        for name in names:
            module = module_name(name)
            if not module and "." not in name and os.path.isdir(os.path.join(folder, name)):
                try:
                    inside = os.listdir(os.path.join(folder, name))
                except OSError:
                    continue
                is_package = any(n.startswith("__init__.") and module_name(n) == "__init__" for n in inside)
                module = name if is_package else None
            if module and module != "__init__" and "." not in module:
                found.setdefault(module)
    return [f"{package.__name__}.{m}" for m in found]


def _packs_in_module(module: ModuleType) -> Iterable[Path]:
    for pack in getattr(module, "RULE_PACKS", ()):
        yield Path(pack)


def _builtin_packs() -> list:
    return sorted((p for p in files("rectlint.rules").iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


def _declared_entry_points() -> set[tuple[str, str]] | None:
    """The (name, value) pairs of the group in the entry_points.txt files of the distributions on
    sys.path, or None when distributions may be found elsewhere too (a zip on the path, another finder)."""
    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return None
    found: set[tuple[str, str]] = set()
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return None
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as f:
                    text = f.read()
            except (OSError, UnicodeDecodeError):
                continue
            section = None
            for line in text.splitlines():
                line = line.strip()
                if line.startswith("["):
                    section = line.strip("[]").strip()
                elif section == ENTRY_POINT_GROUP and "=" in line and not line.startswith(("#", ";")):
                    key, _, value = line.partition("=")
                    found.add((key.strip(), value.strip()))
    return found


def _entry_points() -> list:
    """The group's entry points by name. importlib.metadata reads every installed distribution (about
    25 ms), so when the entry_points.txt files declare nothing but rectlint's own builtin entry, that
    one is loaded directly."""
    if _declared_entry_points() == {(BUILTIN.name, BUILTIN.value)}:
        return [BUILTIN]
    from importlib.metadata import entry_points

    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name)


@cache
def all_rules() -> tuple[type[Rule], ...]:
    from rectlint.declarative import load_pack

    found: list[type[Rule]] = []
    packs: list = _builtin_packs()
    for ep in _entry_points():
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin is named, not a traceback
            raise RegistryError(f"cannot load rule plugin '{ep.name}' ({ep.value}): {exc}") from None
        if isinstance(obj, ModuleType):
            found.extend(_rules_in_module(obj))
            packs.extend(_packs_in_module(obj))
        elif isinstance(obj, type) and issubclass(obj, Rule):
            found.append(obj)
        else:
            raise RegistryError(f"rule plugin '{ep.name}' is neither a module nor a Rule class")
    for pack in packs:
        found.extend(load_pack(pack))
    return _validated(found)


def _validated(rules: list[type[Rule]]) -> tuple[type[Rule], ...]:
    by_code: dict[str, type[Rule]] = {}
    by_name: dict[str, type[Rule]] = {}
    for r in rules:
        where = f"rule {r.__module__}.{r.__qualname__}"
        if not CODE_RE.match(r.code):
            raise RegistryError(f"{where}: code '{r.code}' is not letters followed by three digits")
        if not NAME_RE.match(r.name):
            raise RegistryError(f"{where}: name '{r.name}' is not kebab-case")
        if not isinstance(r.category, Category):
            raise RegistryError(f"{where}: unknown category '{r.category}'")
        if r.code in by_code and by_code[r.code] is not r:
            raise RegistryError(f"{where}: code {r.code} is already used by '{by_code[r.code].name}'")
        if r.name in by_name and by_name[r.name] is not r:
            raise RegistryError(f"{where}: name '{r.name}' is already used by {by_name[r.name].code}")
        by_code[r.code], by_name[r.name] = r, r
    return tuple(sorted(by_code.values(), key=lambda r: r.code))


def find_rule(key: str) -> type[Rule] | None:
    key = key.strip()
    for r in all_rules():
        if key.upper() == r.code or key == r.name:
            return r
    return None


class SelectorError(ValueError):
    pass


_PREFIX = patterns.compile(r"[A-Za-z]{1,3}\d{0,3}")


def _matches(selector: str, rule: type[Rule]) -> bool:
    """A selector is ALL, a code, a code prefix (D, D00), a rule name or a category name."""
    s = selector.strip()
    if s.upper() == "ALL" or s == rule.name or s == str(rule.category):
        return True
    return bool(_PREFIX.fullmatch(s)) and rule.code.startswith(s.upper())


def rules_matching(selector: str, rules: Iterable[type[Rule]] | None = None) -> list[type[Rule]]:
    """The rules a selector names, in code order (empty when it names none)."""
    return [r for r in (all_rules() if rules is None else rules) if _matches(selector, r)]


def _check_selector(selector: str, rules: tuple[type[Rule], ...]) -> None:
    if not rules_matching(selector, rules):
        raise SelectorError(f"unknown rule selector '{selector}' (not a code, code prefix, rule name or category)")


def check_selectors(values: list[str] | tuple[str, ...]) -> None:
    """SelectorError for the first selector that matches no rule."""
    rules = all_rules()
    for s in split_selectors(values):
        _check_selector(s, rules)


def split_selectors(values: list[str] | tuple[str, ...] | None) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def select_rules(select: list[str] | None = None, extend_select: list[str] | None = None,
                 ignore: list[str] | None = None) -> list[type[Rule]]:
    """ruff semantics: --select replaces the default set, --extend-select adds, --ignore removes.

    Each selector may itself be a comma-separated list. `select=None` is the default set, `[]` no rule.
    """
    explicit = select is not None
    select, extend_select, ignore = (split_selectors(x) for x in (select, extend_select, ignore))
    check_selectors([*select, *extend_select, *ignore])
    rules = all_rules()
    chosen = [r for r in rules if any(_matches(s, r) for s in select)] if explicit else list(rules)
    for r in rules:
        if extend_select and r not in chosen and any(_matches(s, r) for s in extend_select):
            chosen.append(r)
    if ignore:
        chosen = [r for r in chosen if not any(_matches(s, r) for s in ignore)]
    return sorted(chosen, key=lambda r: r.code)
