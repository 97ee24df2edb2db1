"""A JSON document whose one big array is written element by element as files are checked."""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring  # the C function json.dumps(ensure_ascii=False) uses for strings
from typing import Any


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def indented(value: Any, level: int = 0) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2) as written `level` deep in an indented document.

    json.dumps leaves its C encoder for a slow pure-Python one as soon as it indents; over tens of
    thousands of findings that was most of an unchanged re-run. This writes the same text, with the C
    encoder for strings and the plain reprs json uses for numbers.
    """
    out: list[str] = []
    _write(value, "\n" + "  " * level, out.append)
    return "".join(out)


def _write(v: Any, nl: str, out: Callable[[str], None]) -> None:
    if isinstance(v, str):
        out(encode_basestring(v))
    elif isinstance(v, dict):
        if not v:
            out("{}")
            return
        inner, lead = nl + "  ", "{"
        for k, x in v.items():
            out(lead + inner + encode_basestring(k if isinstance(k, str) else _key(k)) + ": ")
            lead = ","
            _write(x, inner, out)
        out(nl + "}")
    elif isinstance(v, list | tuple):
        if not v:
            out("[]")
            return
        inner, lead = nl + "  ", "["
        for x in v:
            out(lead + inner)
            lead = ","
            _write(x, inner, out)
        out(nl + "]")
    elif isinstance(v, int) and not isinstance(v, bool):
        out(int.__repr__(v))
    else:  # None, booleans, floats (json's own spelling of nan and infinity), or a TypeError as json gives
        out(json.dumps(v))


def _key(k: Any) -> str:
    """A dict key that is not a string, as json writes it (numbers, booleans and None as their JSON text)."""
    if not isinstance(k, int | float | bool) and k is not None:
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")
    return json.dumps(k)


class JsonArray:
    """`head` + elements, one per line + `tail`: a long run never holds the whole report in memory."""

    def __init__(self, head: str = "[", tail: str = "]") -> None:
        self.head, self.tail = head, tail
        self.started = False

    def add(self, items: list[Any]) -> str:
        if not items:
            return ""
        lead = ",\n" if self.started else self.head + "\n"
        self.started = True
        return lead + ",\n".join(dumps(i) for i in items)

    def close(self) -> str:
        return ("\n" if self.started else self.head) + self.tail + "\n"
