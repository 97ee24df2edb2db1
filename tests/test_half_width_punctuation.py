"""P001's mark pattern is written for speed; it must match exactly what its plain form matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rectlint.checks.punctuation.half_width_punctuation import HAN, MARK

# The plain form: a half-width mark after or before Chinese, ASCII brackets or quotes around Chinese.
PLAIN = re.compile(rf"(?<=[{HAN}》”’）])[,;:?!]|[,;:?!](?=[{HAN}《“‘（])|\((?=[^()\n]*[{HAN}])[^()\n]*\)"
                   rf'|"(?=[^"\n]*[{HAN}])[^"\n]*"')


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*',;:?!()"', "整改", "a", "8", "》", "“", "（", " ", "\n"]), max_size=16).map("".join))
def test_mark_matches_what_its_plain_form_matches(text: str) -> None:
    assert [m.span() for m in MARK.finditer(text)] == [m.span() for m in PLAIN.finditer(text)]
