"""Readable views of the configuration: its keys (`rectlint config [KEY]`, from the JSON Schema's
descriptions, defaults and examples) and the settings resolved for one file (`check --show-settings`)."""

from __future__ import annotations

import json
from typing import Any

from rectlint.config import Config, key_path, schema, shown
from rectlint.discover import Target
from rectlint.resolver import Resolver


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key_path([k])} = {toml_value(v)}" for k, v in value.items()) + " }" if value \
            else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def toml_entry(key: str, value: Any) -> str:
    """`key = value`, or a table of its own for a non-empty table."""
    if isinstance(value, dict) and value:
        return "\n".join([f"[{key}]", *(f"{key_path([k])} = {toml_value(v)}" for k, v in value.items())])
    return f"{key} = {toml_value(value)}"


# -- rectlint config [KEY] ----------------------------------------------------------------------------

def keys() -> dict[str, dict[str, Any]]:
    return schema()["properties"]


def first_sentence(text: str) -> str:
    """Up to the first full stop outside brackets."""
    depth = 0
    for i, c in enumerate(text):
        depth += (c in "([") - (c in ")]")
        if c == "." and depth == 0 and text[i + 1:i + 2] in (" ", ""):
            return text[:i + 1]
    return text


def list_keys() -> str:
    width = max(map(len, keys()))
    lines = [f"{k:<{width}}  {first_sentence(p['description'])}" for k, p in keys().items()]
    return "\n".join([*lines, "", "`rectlint config KEY` explains one; `rectlint config --schema` prints the schema."])


def type_name(prop: dict[str, Any], plural: bool = False) -> str:
    if "enum" in prop:
        return " | ".join(json.dumps(v) for v in prop["enum"])
    s = "s" if plural else ""
    kind = prop.get("type")
    if kind == "array":
        return f"list{s} of {type_name(prop['items'], True)}"
    inner = prop.get("additionalProperties")
    if kind == "object" and isinstance(inner, dict):
        return f"table{s} of {type_name(inner, True)}"
    return {"object": "table"}.get(kind, kind or "value") + s


def explain(key: str) -> str | None:
    prop = keys().get(key)
    if prop is None:
        return None
    out = [f"{key}: {prop['description']}", "", f"Type: {type_name(prop)}"]
    if "default" in prop:
        out.append(f"Default: {toml_value(prop['default'])}")
    for example in prop.get("examples", []):
        out += ["", "Example (rectlint.toml; in pyproject.toml under [tool.rectlint]):", "",
                *("    " + line for line in toml_entry(key, example).splitlines())]
    return "\n".join(out)


# -- rectlint check --show-settings FILE ---------------------------------------------------------------

def show_settings(resolver: Resolver, target: Target) -> str:
    cfg = resolver.config_for(target)
    path = resolver.location(target)
    settings = resolver.settings_for(target)
    rules = settings.rules
    out = [f"# Settings for {target.shown}", f"# Configuration file: {_source(cfg)}"]
    out += [f"#   extends {shown(p)}" for p in cfg.extends]
    out += [f"fail-level = {toml_value(str(resolver.fail_level()))}  # run-wide",
            f"respect-gitignore = {toml_value(cfg.gitignore)}",
            f"exclude = {toml_value([g.pattern for g in cfg.excludes.globs])}"]
    applied = {("!" if p.negated else "") + p.glob.pattern: list(p.selectors)
               for p in cfg.all_per_file_ignores if p.applies(path)}
    out.append(f"per-file-ignores = {toml_value(applied)}  # those that apply to this file")
    out.append(f"rules = [  # {len(rules)} selected")
    out += [f"  {toml_value(r.code)},  # {r.name}" for r in rules]
    out += ["]", "", "[severity]"]
    out += [f"{r.code} = {toml_value(str(settings.severity.get(r.code) or r.severity))}"
            + ("" if r.code in settings.severity else "  # default") for r in rules]
    out += ["", "[options]"]
    out += [f"{r.code} = {toml_value({**r.options, **settings.options.get(r.code, {})})}" for r in rules if r.options]
    return "\n".join(out)


def _source(cfg: Config) -> str:
    return shown(cfg.path) if cfg.path else "none (defaults)"
