"""The notice grammar's LALR parse table, built by Lark, run over classified lines without importing Lark.

Lark analyses `grammars/notice.lark` into an LALR(1) table. The table is plain data (states, actions,
rules), kept in the start-up cache keyed by the grammar's text, so a run whose table is cached never
imports Lark, which with building its parser cost about 20 ms of every start. The loop that runs the table
is Lark's own, reduced to what this grammar uses: one token per line, every terminal kept, and the rules
Lark generates for `x*` (named `__…`) spliced into their parent, as Lark's tree builder does. Tests compare
its trees with Lark's own parser on the examples and on random line streams.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import cache
from typing import Any

from rectlint import startcache
from rectlint.resources import files

_VERSION = 1  # of the stored form below


class Tree:
    """A grammar rule's node: its name and its children (Trees and the leaves fed in, in order)."""

    __slots__ = ("children", "data")

    def __init__(self, data: str, children: list[Any]) -> None:
        self.data = data
        self.children = children


class ParseError(Exception):
    """The lines cannot be grouped as the grammar asks."""


Rule = tuple[str, int, bool]  # name, length, spliced?


class Table:
    """states[state][symbol] = (shift?, next state or rule index); rules[i] = (name, length, spliced?).

    The grammar nests to a fixed depth (its lists are left-recursive), so only a few state stacks occur.
    What a kind does to a stack (the rules it reduces by, the stack it leaves after its shift) is worked
    out once, the first time it occurs, and kept: `group` then takes one look-up per line.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.states: dict[int, dict[str, tuple[bool, int]]] = data["states"]
        self.rules: list[Rule] = data["rules"]
        self.start: int = data["start"]
        self.end: int = data["end"]
        self.stacks: list[tuple[int, ...]] = [(self.start,)]  # by their number, 0 the start's
        self.numbers: dict[tuple[int, ...], int] = {(self.start,): 0}
        # steps[stack][kind] = (stack after the kind's shift, rules reduced by before it); "$END" the end's
        self.steps: list[dict[str, tuple[int, tuple[Rule, ...]]]] = [{}]
        self._lock = threading.Lock()

    def step(self, number: int, kind: str) -> tuple[int, tuple[Rule, ...]]:
        """What `kind` does to stack `number` (and "$END" to a complete one); ParseError where it cannot stand."""
        stack = list(self.stacks[number])
        reduced: list[Rule] = []
        while True:
            action = self.states[stack[-1]].get(kind)
            if action is None or (action[0] and kind == "$END"):
                raise ParseError(kind)
            shift, arg = action
            if shift:
                stack.append(arg)
                break
            name, size, spliced = self.rules[arg]
            reduced.append((name, size, spliced))
            if size:
                del stack[-size:]
            stack.append(self.states[stack[-1]][name][1])
            if kind == "$END" and stack[-1] == self.end:
                break
        with self._lock:  # a new stack gets the next number once, whichever thread finds it first
            after = self.numbers.get(tuple(stack))
            if after is None:
                after = self.numbers[tuple(stack)] = len(self.stacks)
                self.stacks.append(tuple(stack))
                self.steps.append({})
            found = self.steps[number][kind] = (after, tuple(reduced))
        return found


def grammar_text() -> str:
    return files("rectlint.grammars").joinpath("notice.lark").read_text(encoding="utf-8")


@cache
def table() -> Table:
    return Table(startcache.kept(f"lalr-{_VERSION}", grammar_text(), _build))


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


def group(leaves: Iterable[Any], kinds: list[str], demote: str) -> tuple[Tree, list[str]]:
    """Group `leaves` (whose terminals are `kinds`) by the grammar. A leaf whose kind cannot stand where it is
    is fed as `demote`; the kinds fed are returned with the tree. Raises ParseError where even that fails
    (LALR may find an error only after reductions)."""
    t = table()
    steps, stacks, states = t.steps, t.stacks, t.states
    number = 0
    values: list[Any] = []
    fed: list[str] = []
    for leaf, kind in zip(leaves, kinds, strict=True):
        step = steps[number].get(kind)
        if step is None:
            if kind not in states[stacks[number][-1]]:
                kind = demote
            step = steps[number].get(kind) or t.step(number, kind)
        fed.append(kind)
        number, reduced = step
        if reduced:
            _reduce(values, reduced)
        values.append(leaf)
    _reduce(values, (steps[number].get("$END") or t.step(number, "$END"))[1])
    return values[-1], fed


def _reduce(values: list[Any], rules: tuple[Rule, ...]) -> None:
    """Replace the values each rule in turn spans with its node (a spliced rule's: the list of its children)."""
    for name, size, spliced in rules:
        if not size:
            values.append([] if spliced else Tree(name, []))
            continue
        first = values[-size]
        # a spliced rule's list is the stack's alone: the node made of it takes it over
        children = first if type(first) is list else [first]
        if size == 2:  # nearly every rule: `x*` taking one more, an item its head and lines; no slices to make
            last = values.pop()
            if type(last) is list:
                children.extend(last)
            else:
                children.append(last)
        elif size > 2:
            for value in values[1 - size:]:
                if type(value) is list:
                    children.extend(value)
                else:
                    children.append(value)
            del values[1 - size:]
        values[-1] = children if spliced else Tree(name, children)
