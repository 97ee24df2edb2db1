"""A JSON document whose one big array is written element by element as files are checked."""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


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
