"""The notice grammar's LALR parse table, built by Lark, run over classified lines without importing Lark.

Lark analyses `grammars/notice.lark` into an LALR(1) table. The table is plain data (states, actions,
rules), kept in the start-up cache keyed by the grammar's text, so a run whose table is cached never
imports Lark, which with building its parser cost about 20 ms of every start. Running the table tells which
kind each line stands as (a kind that cannot stand where it is is fed as TEXT) and whether the lines parse
at all. The tree of lines that parse then follows from their kinds by the grammar's shape, which is fixed:
`group` builds it directly instead of through the table's reductions, as Lark's tree builder would (every
terminal kept, the rules Lark generates for `x*` spliced into their parent). Tests compare its trees with
Lark's own parser on the examples and on random line streams.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
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


class ParseError(Exception):
    """The lines cannot be grouped as the grammar asks."""


class Table:
    """states[state][symbol] = (shift?, next state or rule index); rules[i] = (name, length, spliced?).

    The grammar nests to a fixed depth (its lists are left-recursive), so only a few state stacks occur.
    Where a kind takes a stack (after the reductions it calls for and its shift) is worked out once, the
    first time it occurs, and kept: feeding a line then takes one look-up.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.states: dict[int, dict[str, tuple[bool, int]]] = data["states"]
        self.rules: list[tuple[str, int, bool]] = data["rules"]
        self.start: int = data["start"]
        self.end: int = data["end"]
        self.stacks: list[tuple[int, ...]] = [(self.start,)]  # by their number, 0 the start's
        self.numbers: dict[tuple[int, ...], int] = {(self.start,): 0}
        # steps[stack][kind] = the stack after the kind's shift; steps[stack]["$END"], the accepting one
        self.steps: list[dict[str, int]] = [{}]
        self._lock = threading.Lock()

    def step(self, number: int, kind: str) -> int:
        """Where `kind` takes stack `number` (and "$END" a complete one); ParseError where it cannot stand."""
        stack = list(self.stacks[number])
        while True:
            action = self.states[stack[-1]].get(kind)
            if action is None or (action[0] and kind == "$END"):
                raise ParseError(kind)
            shift, arg = action
            if shift:
                stack.append(arg)
                break
            name, size, _ = self.rules[arg]
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
            self.steps[number][kind] = after
        return after


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


def group(leaves: Iterable[Any], kinds: list[str], demote: str) -> tuple[Tree, list[str]]:
    """Group `leaves` (whose terminals are `kinds`) by the grammar. A leaf whose kind cannot stand where it is
    is fed as `demote`; the kinds fed are returned with the tree. Raises ParseError where even that fails
    (LALR may find an error only after reductions)."""
    fed = _feed(kinds, demote)
    return _Shape(list(leaves), fed).start(), fed


def _feed(kinds: list[str], demote: str) -> list[str]:
    """The kinds as the table takes them, each that cannot stand where it is demoted."""
    t = table()
    steps, stacks, states = t.steps, t.stacks, t.states
    number = 0
    fed: list[str] = []
    for kind in kinds:
        after = steps[number].get(kind)
        if after is None:
            if kind not in states[stacks[number][-1]]:
                kind = demote
            after = steps[number].get(kind)
            if after is None:
                after = t.step(number, kind)
        fed.append(kind)
        number = after
    if "$END" not in steps[number]:
        t.step(number, "$END")
    return fed


_FRONT = ("ORG", "TITLE")
_ITEM_HEAD = ("H3", "PROBLEM")
_ITEM_BODY = ("TEXT", "RECT", "H4")
_GROUP_BODY = _ITEM_BODY
_SECTION_BODY = ("TEXT", "RECT")
_NEXT_STEPS_BODY = ("TEXT", "H2", "H3", "H4", "RECT")


class _Shape:
    """The tree of kinds the table accepted, rule by rule of notice.lark. Each `x*` takes all it can: where
    a line could end one block or go on in it, the table's LALR choice (shift over reduce) goes on."""

    def __init__(self, leaves: list[Any], fed: list[str]) -> None:
        self.leaves, self.fed, self.at = leaves, fed, 0

    def _run(self, kinds: tuple[str, ...]) -> list[Any]:
        """The leaves from here on while their kind is one of `kinds`."""
        end, fed = self.at, self.fed
        while end < len(fed) and fed[end] in kinds:
            end += 1
        run, self.at = self.leaves[self.at:end], end
        return run

    def _next(self) -> str | None:
        return self.fed[self.at] if self.at < len(self.fed) else None

    def start(self) -> Tree:  # start: front opening body closing
        front = Tree("front", self._run(_FRONT))  # front: (ORG | TITLE)*
        opening = Tree("opening", self._run(("TEXT",)))  # opening: TEXT*
        blocks: list[Tree] = []  # body: (section | next_steps | group | item)*
        while (kind := self._next()) is not None:
            if kind == "H1":
                blocks.append(self.section())
            elif kind == "H1_NEXT":  # next_steps: H1_NEXT (TEXT | H2 | H3 | H4 | RECT)*
                head = self.leaves[self.at]
                self.at += 1
                blocks.append(Tree("next_steps", [head, *self._run(_NEXT_STEPS_BODY)]))
            elif kind == "H2":
                blocks.append(self.group())
            elif kind in _ITEM_HEAD:
                blocks.append(self.item())
            else:
                break
        closing = Tree("closing", self.leaves[self.at:])  # closing: (INVITE | CONTACT | ORG | DATE | TEXT)*
        return Tree("start", [front, opening, Tree("body", blocks), closing])

    def section(self) -> Tree:  # section: H1 (TEXT | RECT | group | item)*
        return self._block("section", _SECTION_BODY, True)

    def group(self) -> Tree:  # group: H2 (TEXT | RECT | H4 | item)*
        return self._block("group", _GROUP_BODY, False)

    def _block(self, name: str, lines: tuple[str, ...], groups: bool) -> Tree:
        """A heading, then lines of the kinds `lines`, items and, if `groups`, groups, as long as they come."""
        children = [self.leaves[self.at]]
        self.at += 1
        while (kind := self._next()) is not None:
            if kind in lines:
                children.append(self.leaves[self.at])
                self.at += 1
            elif kind in _ITEM_HEAD:
                children.append(self.item())
            elif kind == "H2" and groups:
                children.append(self.group())
            else:
                break
        return Tree(name, children)

    def item(self) -> Tree:  # item: (H3 | PROBLEM) (TEXT | RECT | H4)*
        head = self.leaves[self.at]
        self.at += 1
        return Tree("item", [head, *self._run(_ITEM_BODY)])
