"""Declarative rules: YAML packs of `existence` and `substitution` rules, checked against a JSON Schema.

Each rule in a pack becomes a Rule class like any other, so selection, documentation and output
treat the two alike. A pack that was read and validated before is taken from the start-up cache
(keyed by the pack's and the schema's bytes), so a run loads neither YAML nor the JSON Schema validator.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from pathlib import Path
from typing import Any

from rectlint import patterns, startcache
from rectlint.diagnostics import Category, Edit, Fix, Severity
from rectlint.model import Paragraph
from rectlint.patterns import compile_fast
from rectlint.registry import RegistryError
from rectlint.resources import files
from rectlint.rule import Document, Finding, Rule

_CACHE = "packs.marshal"
_KEEP = 64  # packs kept in the cache (the oldest go first)


@cache
def _schema() -> bytes:
    return files("rectlint.schemas").joinpath("rule-pack.schema.json").read_bytes()


@cache
def _validator():
    import json

    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(_schema().decode("utf-8")))


def _key_path(error: Any) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".") or "(top)"


@cache
def _stored() -> dict[str, Any]:
    """The validated packs kept in the start-up cache, read once for all the packs of a run."""
    stored = startcache.load(_CACHE)
    return stored if isinstance(stored, dict) else {}


def load_pack(path: Any) -> list[type[Rule]]:
    """Load and validate one pack (a path or an importlib resource); any problem is a RegistryError."""
    name = getattr(path, "name", str(path))
    try:
        resource = Path(path) if isinstance(path, str | Path) else path
        raw = resource.read_bytes()
    except OSError as exc:
        raise RegistryError(f"rule pack {name}: cannot read ({exc})") from None
    key = startcache.digest(_schema() + b"\0" + raw)
    cached = _stored()
    data = cached.get(key)
    if not isinstance(data, dict):
        data = _validated(raw, name)
        cached.pop(key, None)
        cached[key] = data
        for old in list(cached)[:-_KEEP]:
            del cached[old]
        startcache.store(_CACHE, cached)
    rules = []
    for i, spec in enumerate(data["rules"]):
        where = f"rule pack {name}: rules[{i}]"
        try:
            rules.append(_make_rule(spec, data["pack"]))
        except re.error as exc:
            raise RegistryError(f"{where} ({spec['code']}): bad regular expression: {exc}") from None
        except _SpecError as exc:
            raise RegistryError(f"{where}.{exc} ({spec['code']})") from None
    return rules


def _validated(raw: bytes, name: str) -> dict[str, Any]:
    """Parse a pack's YAML and check it against the schema."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML was built with it
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text would
        data = yaml.load(text, Loader=loader)
    except UnicodeDecodeError as exc:
        raise RegistryError(f"rule pack {name}: cannot read ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise RegistryError(f"rule pack {name}: not valid YAML{where}") from None
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        raise RegistryError(f"rule pack {name}: {_key_path(e)}: {e.message}")
    return data


class _SpecError(Exception):
    """A rule spec the schema lets through but no rule could use: `key path: reason`."""


def _check_templates(spec: dict[str, Any], swaps: list[tuple[re.Pattern[str], str, bool]]) -> None:
    """The message and the replacements are used only when a rule fires: try them now, so a mistake is a
    load error naming its key rather than a failure on every file that has a match."""
    try:
        spec["message"].format(match="", replacement="")
    except (KeyError, IndexError, ValueError) as exc:
        reason = f"unknown placeholder {{{exc.args[0]}}}" if isinstance(exc, KeyError) else str(exc)
        raise _SpecError(f"message: {reason} (placeholders: {{match}}, {{replacement}})") from None
    for j, (pattern, replacement, _) in enumerate(swaps):
        try:
            pattern.sub(replacement, "")
        except (re.error, IndexError) as exc:
            raise _SpecError(f"swap[{j}].replacement: {exc}") from None


def _cell(text: object) -> str:
    """Text fit for a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _doc(spec: dict[str, Any]) -> str:
    d = spec["doc"]
    parts = [spec["summary"], "",
             "## What it does", d["what"], "", "## Why it matters", d["why"], "",
             "## Example", d["example"], "", "## Use instead", d["use_instead"]]
    if spec["kind"] == "substitution":
        safe = [s for s in spec["swap"] if s.get("safe")]
        parts += ["", "## Fix safety", d.get("fix_safety") or (
            "Safe: the replacement is mechanical." if len(safe) == len(spec["swap"]) else
            "Offered as a suggestion; review the sentence before accepting it.")]
        table = ["| wrong | right | guard |", "|---|---|---|"]
        table += [f"| `{_cell(s['pattern'])}` | {_cell(s['replacement'])} | {_cell(s.get('guard', ''))} |"
                  for s in spec["swap"]]
        parts += ["", "## Entries", *table]
    return "\n".join(parts)


class _Covers:
    """The spans where any of `patterns` matches in `text`, asked whether one of them covers [start, end)."""

    def __init__(self, patterns: list[re.Pattern[str]], text: str) -> None:
        spans = sorted(m.span() for x in patterns for m in x.finditer(text))
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []  # the furthest end of the spans up to each one
        for _, b in spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end


_EXPANDED: dict[tuple[str, tuple[str | None, ...]], str] = {}  # (template, groups) → replacement


def _expanded(match: re.Match[str], template: str) -> str:
    """match.expand(template), which on Python 3.11 parses the template again at each call: the replacement
    follows from the template and the groups alone, and a notice repeats the same few."""
    if "\\" not in template:
        return template
    key = (template, match.groups())
    if (done := _EXPANDED.get(key)) is None:
        if len(_EXPANDED) >= 4096:
            _EXPANDED.clear()
        done = _EXPANDED[key] = match.expand(template)
    return done


def _make_rule(spec: dict[str, Any], pack: str) -> type[Rule]:
    exceptions = [patterns.compile(x) for x in spec.get("exceptions", [])]
    scope = set(spec.get("scope", []))
    message = spec["message"]
    if spec["kind"] == "existence":
        source = "|".join(f"(?:{t})" for t in spec["tokens"])
        swaps: list[tuple[re.Pattern[str], str, bool]] = []
    else:
        swaps = [(patterns.compile(s["pattern"]), s["replacement"], bool(s.get("safe"))) for s in spec["swap"]]
        source = "|".join(f"(?:{p.pattern})" for p, _, _ in swaps)
    pattern = compile_fast(source)
    _check_templates(spec, swaps)

    def check_paragraph(self: Rule, paragraph: Paragraph, doc: Document) -> list[Finding]:
        if scope and paragraph.role not in scope:
            return []
        out = []
        text, base = paragraph.text, paragraph.span.start
        excepted = None  # where the exceptions match, found once per paragraph at the first match
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            if exceptions and (excepted := excepted or _Covers(exceptions, text)).covers(m.start(), m.end()):
                continue
            fix = None
            replacement = ""
            for swap, repl, safe in swaps:
                if (sm := swap.match(text, m.start())) and sm.end() == m.end():
                    replacement = _expanded(sm, repl)
                    fix = Fix(message=f"改为“{replacement}”", applicability="safe" if safe else "unsafe",
                              edits=[Edit(start=base + m.start(), end=base + m.end(), content=replacement)])
                    break
            out.append(Finding(base + m.start(), base + m.end(),
                               message.format(match=m.group(), replacement=replacement), fix=fix))
        return out

    attrs = {
        "__doc__": _doc(spec), "__module__": f"rectlint.rules.{pack}",
        "code": spec["code"], "name": spec["name"], "category": Category(spec["category"]),
        "severity": Severity(spec["severity"]), "fixable": bool(swaps), "options": {},
        "pack": pack, "check_paragraph": check_paragraph, "pattern": pattern,
        "prefilter": patterns.compile(source),  # a finding is a match: no paragraph without one has any
    }
    return type(f"Pack_{spec['code']}", (Rule,), attrs)
