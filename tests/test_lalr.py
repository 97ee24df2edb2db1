"""rectlint's loop over the stored LALR table groups lines exactly as Lark's own parser of the grammar does."""

from __future__ import annotations

import itertools
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from rectlint import lalr
from rectlint.lines import classify
from rectlint.source import read_bytes

KINDS = ["ORG", "TITLE", "DATE", "H1", "H1_NEXT", "H2", "H3", "H4", "PROBLEM", "RECT", "INVITE", "CONTACT", "TEXT"]


@cache
def _reference():
    return lalr.lark_parser()


def lark_groups(kinds: list[str]):
    """What Lark's own interactive parser makes of the kinds, each demoted to TEXT where it cannot stand (as the
    parser did before it ran the table itself): (tree as nested tuples with leaf indices, kinds fed), or None."""
    from lark import Token, Tree
    from lark.exceptions import UnexpectedInput

    ip = _reference().parse_interactive(None)
    fed = []
    try:
        for i, kind in enumerate(kinds):
            kind = kind if kind in ip.choices() else "TEXT"
            fed.append(kind)
            ip.feed_token(Token(kind, str(i)))
        tree = ip.feed_eof()
    except UnexpectedInput:
        return None

    def shape(node):
        return (node.data, [shape(c) for c in node.children]) if isinstance(node, Tree) else int(node)

    return shape(tree), fed


def our_groups(kinds: list[str]):
    try:
        tree, fed = lalr.group(list(range(len(kinds))), kinds, "TEXT")
    except lalr.ParseError:
        return None

    def shape(node):
        return (node.data, [shape(c) for c in node.children]) if isinstance(node, lalr.Tree) else node

    return shape(tree), fed


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(KINDS), max_size=40))
def test_random_line_streams_group_as_lark_groups_them(kinds: list[str]) -> None:
    assert our_groups(kinds) == lark_groups(kinds)


def test_every_short_line_stream_groups_as_lark_groups_it() -> None:
    for size in range(4):
        for kinds in itertools.product(KINDS, repeat=size):
            assert our_groups(list(kinds)) == lark_groups(list(kinds)), kinds


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_the_examples_group_as_lark_groups_them(example) -> None:
    kinds = classify(read_bytes(example.read_bytes(), example.name)).kinds
    ours = our_groups(kinds)
    assert ours is not None and ours == lark_groups(kinds)


def test_the_table_is_built_without_a_start_up_cache_and_then_read_from_it(tmp_path, monkeypatch) -> None:
    from rectlint import startcache

    monkeypatch.setenv("RECTLINT_STARTUP_CACHE", str(tmp_path))
    startcache.directory.cache_clear()
    lalr.table.cache_clear()
    try:
        built = lalr.table()
        assert [p.name for p in tmp_path.glob("lalr-*")]
        lalr.table.cache_clear()
        monkeypatch.setattr(lalr, "_build", lambda text: pytest.fail("the stored table was built again"))
        read = lalr.table()
        assert (read.states, read.rules, read.start, read.end) == (built.states, built.rules, built.start, built.end)
    finally:
        startcache.directory.cache_clear()
        lalr.table.cache_clear()
