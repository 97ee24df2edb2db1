"""W006 looks for its pairs only before each 政府: it must find what PAIR.finditer finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rectlint.checks.wording.inconsistent_joined_names import PAIR, pairs


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["省", "市", "县", "区", "党", "委", "组", "政", "府", "政府", "、", "市委", "x"]),
                max_size=40))
def test_pairs_are_what_the_pattern_finds(parts: list[str]) -> None:
    text = "".join(parts)
    assert [m.span() for m in pairs(text)] == [m.span() for m in PAIR.finditer(text)]
