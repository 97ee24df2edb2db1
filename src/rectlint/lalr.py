"""The notice grammar's LALR parse table, built by Lark, run over classified lines without importing Lark.

Lark analyses `grammars/notice.lark` into an LALR(1) table. The table is plain data (states, actions,
rules), kept in the start-up cache keyed by the grammar's text, so a run whose table is cached never
imports Lark, which with building its parser cost about 20 ms of every start. The loop that runs the table
is Lark's own, reduced to what this grammar uses: one token per line, every terminal kept, and the rules
Lark generates for `x*` (named `__…`) spliced into their parent, as Lark's tree builder does. Tests compare
its trees with Lark's own parser on the examples and on random line streams.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from typing import Any

from rectlint import startcache

_VERSION = 1  # of the stored form below


class Tree:
    """A grammar rule's node: its name and its children (Trees and the leaves fed in, in order)."""

    __slots__ = ("children", "data")

    def __init__(self, data: str, children: list[Any]) -> None:
        self.data = data
        self.children = children

    def leaves(self) -> list[Any]:
        """Every leaf below this node, in order."""
        out: list[Any] = []
        for child in self.children:
            out.extend(child.leaves() if isinstance(child, Tree) else (child,))
        return out


class ParseError(Exception):
    """The lines cannot be grouped as the grammar asks."""


class Table:
    """states[state][symbol] = (shift?, next state or rule index); rules[i] = (name, length, spliced?)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.states: dict[int, dict[str, tuple[bool, int]]] = data["states"]
        self.rules: list[tuple[str, int, bool]] = data["rules"]
        self.start: int = data["start"]
        self.end: int = data["end"]


def grammar_text() -> str:
    return files("rectlint.grammars").joinpath("notice.lark").read_text(encoding="utf-8")


@cache
def table() -> Table:
    text = grammar_text()
    name = f"lalr-{_VERSION}-{hashlib.sha256(text.encode()).hexdigest()[:20]}.marshal"
    data = startcache.load(name)
    if not isinstance(data, dict):
        data = _build(text)
        startcache.store(name, data)
    return Table(data)


def lark_parser(text: str | None = None):
    """Lark's own LALR parser of the grammar (building the table, and the reference the tests compare with)."""
    from lark import Lark
    from lark.lexer import Lexer

    class _NoLexer(Lexer):  # tokens are fed one classified line at a time; Lark never lexes text itself
        def __init__(self, conf: object) -> None:
            pass

        def lex(self, *args: object):  # pragma: no cover - never called
            raise NotImplementedError

    return Lark(text or grammar_text(), parser="lalr", lexer=_NoLexer)


def _build(text: str) -> dict[str, Any]:
    """The table of Lark's analysis of the grammar, as plain data."""
    from lark.parsers.lalr_analysis import Shift

    parser = lark_parser(text)
    analysed = parser.parser.parser.parser.parse_table  # frontend → LALR_Parser → its _Parser
    rules = list(parser.rules)
    index = {id(rule): i for i, rule in enumerate(rules)}
    for rule in rules:  # what `group` does not do, this grammar must not ask for
        if rule.alias or rule.options.expand1 or rule.options.keep_all_tokens:
            raise RuntimeError(f"notice.lark: rule {rule.origin.name} needs Lark's full tree builder")
    states = {state: {str(symbol): (action is Shift, arg if action is Shift else index[id(arg)])
                      for symbol, (action, arg) in actions.items()}
              for state, actions in analysed.states.items()}
    # plain str, int and bool only (Lark's names are str subclasses): the start-up cache stores plain data
    return {"states": states, "start": analysed.start_states["start"], "end": analysed.end_states["start"],
            "rules": [(str(rule.origin.name), len(rule.expansion), rule.origin.name.startswith("_")) for rule in rules]}


def group(leaves: list[Any], kinds: list[str], demote: str) -> tuple[Tree, list[str]]:
    """Group `leaves` (whose terminals are `kinds`) by the grammar. A leaf whose kind cannot stand where it is
    is fed as `demote`; the kinds fed are returned with the tree. Raises ParseError where even that fails
    (LALR may find an error only after reductions)."""
    t = table()
    states, rules = t.states, t.rules
    stack: list[int] = [t.start]
    values: list[Any] = []
    fed: list[str] = []

    def reduce(rule: int) -> None:
        name, size, spliced = rules[rule]
        children: list[Any] = []
        if size:
            for value in values[-size:]:
                if type(value) is list:  # a spliced rule's children
                    children.extend(value)
                else:
                    children.append(value)
            del values[-size:]
            del stack[-size:]
        values.append(children if spliced else Tree(name, children))
        stack.append(states[stack[-1]][name][1])

    for leaf, kind in zip(leaves, kinds, strict=True):
        actions = states[stack[-1]]
        if kind not in actions:
            kind = demote
        fed.append(kind)
        while True:
            action = states[stack[-1]].get(kind)
            if action is None:
                raise ParseError(kind)
            shift, arg = action
            if shift:
                stack.append(arg)
                values.append(leaf)
                break
            reduce(arg)
    while True:  # the end of input: reduce until the start rule is complete
        action = states[stack[-1]].get("$END")
        if action is None or action[0]:
            raise ParseError("$END")
        reduce(action[1])
        if stack[-1] == t.end:
            return values[-1], fed
