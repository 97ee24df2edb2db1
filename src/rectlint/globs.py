"""Glob patterns of the configuration (exclude, per-file-ignores), read as ruff reads them.

A pattern is relative to a base directory (that of the configuration file that declares it): `*` and `?`
stay within one name, `**` spans directories, `[...]` is a character class and `{a,b}` alternatives.
A pattern without a slash also matches any file or directory of that name, wherever it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from rectlint.records import dataclass


def translate(pattern: str) -> str:
    """A regular expression for a glob (ValueError for one that cannot be read)."""
    out: list[str] = []
    i, n, braces = 0, len(pattern), 0
    while i < n:
        c = pattern[i]
        if pattern.startswith("**", i) and (i == 0 or pattern[i - 1] == "/"):
            if pattern.startswith("**/", i):
                out.append("(?:[^/]*/)*")
                i += 3
                continue
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
            while i + 1 < n and pattern[i + 1] == "*":  # `a**` inside a name is one `*`
                i += 1
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                raise ValueError(f"unclosed '[' in '{pattern}'")
            body = pattern[i + 1:end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end
        elif c == "{":
            braces += 1
            out.append("(?:")
        elif c == "," and braces:
            out.append("|")
        elif c == "}" and braces:
            braces -= 1
            out.append(")")
        else:
            out.append(re.escape(c))
        i += 1
    if braces:
        raise ValueError(f"unclosed '{{' in '{pattern}'")
    return "".join(out)


@dataclass(frozen=True)
class Glob:
    """A configured glob, as patterns for paths relative to its base and for bare names."""

    pattern: str  # as written
    path_re: re.Pattern[str]
    name_re: re.Pattern[str] | None  # None: the pattern has a slash, so it never matches a bare name

    @classmethod
    def compile(cls, pattern: str, base: Path) -> Glob:
        text = pattern.rstrip("/") or "/"
        name_re = None if "/" in text else re.compile(translate(text))
        if text.startswith("/"):
            return cls(pattern, re.compile(translate(text)), name_re)
        parts = text.split("/")
        while parts and parts[0] in (".", ".."):
            base = base.parent if parts.pop(0) == ".." else base
        # the base directory is literal text, even when a name in it holds glob characters
        regex = re.escape(base.as_posix().rstrip("/")) + ("/" + translate("/".join(parts)) if parts else "")
        return cls(pattern, re.compile(regex), name_re)

    def matches(self, path: Path) -> bool:
        """`path`: absolute and resolved."""
        return bool(self.path_re.fullmatch(path.as_posix()) or (self.name_re and self.name_re.fullmatch(path.name)))


class GlobSet:
    """Several globs matched at once (one regular expression for paths, one for names)."""

    def __init__(self, globs: list[Glob]) -> None:
        self.globs = globs
        names = [g.name_re.pattern for g in globs if g.name_re]
        self._path = re.compile("|".join(f"(?:{g.path_re.pattern})" for g in globs) or "(?!)")
        self._name = re.compile("|".join(f"(?:{n})" for n in names) or "(?!)")

    def matches(self, path: Path) -> bool:
        """`path`: absolute and resolved."""
        return self.matches_text(path.as_posix(), path.name)

    def matches_text(self, posix: str, name: str) -> bool:
        """A path given as its as_posix() text (absolute, resolved) and its last part."""
        return bool(self._path.fullmatch(posix) or self._name.fullmatch(name))
