"""Which configuration applies to which file, as in ruff: the nearest configuration file above the file
(looked up once per directory), or the current directory's for files with none above them, or --config
for every file; the command line's flags over it. Engine Settings are built once per configuration and
set of per-file ignores, so a tree of thousands of files reads each configuration file once.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from rectlint.config import Config, ConfigError, find_in, load, load_file, merge
from rectlint.diagnostics import Severity
from rectlint.discover import Target
from rectlint.engine import Settings
from rectlint.globs import Glob
from rectlint.records import dataclass


@dataclass(frozen=True)
class Overrides:
    """Command-line flags that override every configuration file (globs relative to the current directory)."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    fail_level: str | None = None

    def layer(self, cwd: Path) -> Config:
        from rectlint.registry import split_selectors

        def globs(flag: str, values: tuple[str, ...]) -> list[Glob]:
            try:
                return [Glob.compile(p, cwd) for p in split_selectors(values)]
            except ValueError as exc:
                raise ConfigError(f"{flag}: {exc}") from None

        return Config(root=cwd, select=list(self.select) or None, extend_select=list(self.extend_select),
                      ignore=list(self.ignore), fail_level=self.fail_level,
                      exclude=globs("--exclude", self.exclude) or None,
                      extend_exclude=globs("--extend-exclude", self.extend_exclude))


class Resolver:
    def __init__(self, overrides: Overrides | None = None, config_file: str | None = None, isolated: bool = False,
                 cwd: Path | None = None) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        self.isolated = isolated
        self._cli = (overrides or Overrides()).layer(self.cwd)
        self._forced = load_file(Path(config_file)) if config_file else None
        self._nearest: dict[Path, Config | None] = {}  # configuration files, by directory
        self._at: dict[Path, Config] = {}  # what config_at answers, by directory
        self._effective: dict[Path | None, Config] = {}  # by configuration file
        self._settings: dict[tuple[Path | None, tuple[str, ...]], Settings] = {}
        self._real: dict[Path, Path] = {}
        self._by_target: dict[Target, Settings] = {}
        self._real_by_text: dict[str, Path] = {}  # real_dir of a file's folder, by the text of its path before its name

    # -- configurations ---------------------------------------------------------------------------------

    def config_at(self, directory: Path) -> Config:
        """The configuration, command-line flags included, for the files of `directory` (absolute, resolved)."""
        known = self._at.get(directory)
        if known is None:
            known = self._at[directory] = self._effective_at(directory)
        return known

    def _effective_at(self, directory: Path) -> Config:
        found = self._forced
        if found is None and not self.isolated:
            found = self._nearest_file(directory) or self._nearest_file(self.cwd)
        key = found.path if found else None
        effective = self._effective.get(key)
        if effective is None:
            base = found or Config(root=self.cwd)
            effective = replace(merge(base, self._cli), path=base.path, root=base.root, extends=base.extends)
            self._effective[key] = effective
        return effective

    def _nearest_file(self, directory: Path) -> Config | None:
        visited: list[Path] = []
        here, found = directory, None
        while True:
            if here in self._nearest:
                found = self._nearest[here]
                break
            visited.append(here)
            file = find_in(here)
            if file:
                found = load(*file)
                break
            if here.parent == here:
                break
            here = here.parent
        for d in visited:
            self._nearest[d] = found
        return found

    def config_for(self, target: Target) -> Config:
        return self.config_at(self.location(target).parent)

    def fail_level(self) -> Severity:
        """Run-wide: the current directory's configuration (or --config), then --fail-level."""
        return self.config_at(self.cwd).effective_fail_level

    # -- paths ------------------------------------------------------------------------------------------

    def real_dir(self, directory: Path) -> Path:
        found = self._real.get(directory)
        if found is None:
            found = self._real[directory] = (self.cwd / directory).resolve()
        return found

    def location(self, target: Target) -> Path:
        """Where a target is, absolute and resolved; standard input is where --stdin-filename puts it (or here)."""
        p = target.path if target.path is not None else Path(target.shown)
        return self.real_dir(p.parent) / p.name

    def excluded(self, path: Path) -> bool:
        """An entry met while searching a directory (absolute, resolved): its directory's excludes decide."""
        return self.config_at(path.parent).excluded(path)

    def force_excluded(self, path: Path) -> bool:
        """A path named on the command line, under --force-exclude: it or a directory above it up to its
        configuration's directory is excluded."""
        path = self.real_dir(path.parent) / path.name
        root = self.config_at(path.parent).root
        above = [p for p in path.parents if p != root and p.is_relative_to(root)]
        return any(self.excluded(p) for p in [path, *above])

    # -- settings ---------------------------------------------------------------------------------------

    def settings_for(self, target: Target) -> Settings:
        # A run asks for each file's settings three times (configuration errors first, the rules selected,
        # the check); the path arithmetic behind an answer costs 35 times a look-up.
        found = self._by_target.get(target)
        if found is None:
            # location() without its Paths: a file's folder is looked up by the text before its name (the same
            # text, the same parent), and the file's own Path is made only for per-file-ignores to match
            p = target.path if target.path is not None else Path(target.shown)
            head = os.path.split(str(p))[0]
            real = self._real_by_text.get(head)
            if real is None:
                real = self._real_by_text[head] = self.real_dir(p.parent)
            cfg = self.config_at(real)
            found = self._by_target[target] = self._settings_of(
                cfg, cfg.ignored_for(real / p.name) if cfg.all_per_file_ignores else ())
        return found

    def _settings_of(self, cfg: Config, ignored: tuple[str, ...]) -> Settings:
        key = (cfg.path, ignored)
        settings = self._settings.get(key)
        if settings is None:
            from rectlint.registry import select_rules

            rules = select_rules(cfg.select, cfg.extend_select, [*cfg.ignore, *ignored])
            settings = self._settings[key] = Settings(rules=rules, severity=cfg.severity, options=cfg.options)
        return settings
