"""What machine reports say about rectlint itself: its name, version, web address and rule descriptions."""

from __future__ import annotations

import re
from functools import cache

from rectlint import __version__
from rectlint.rule import Rule

NAME = "rectlint"
VERSION = __version__


@cache
def homepage() -> str | None:
    """The Homepage the installed package declares (pyproject [project.urls]); None when it declares none.

    Reports leave out informationUri, helpUri and the like rather than point at an address nobody published.
    """
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata(NAME).get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return url.strip()
    return None


def rule_url() -> str | None:
    """Where the rules are documented: the README's rules table (`rectlint rule CODE` prints the same text)."""
    home = homepage()
    return f"{home}#rules" if home else None


@cache
def rules_by_code() -> dict[str, type[Rule]]:
    from rectlint.registry import all_rules

    return {r.code: r for r in all_rules()}


def section(doc: str, heading: str) -> str:
    """The body of one `## heading` section of a rule's documentation, or ''."""
    m = re.search(rf"^##\s+{re.escape(heading)}\s*\n(.*?)(?=^##\s|\Z)", doc, re.M | re.S)
    return m.group(1).strip() if m else ""
