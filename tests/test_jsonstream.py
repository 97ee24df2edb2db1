"""The indented JSON writer gives exactly the text json.dumps(indent=2) gives."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rectlint.diagnostics import Severity
from rectlint.report.jsonstream import indented

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text() | st.integers() | st.booleans() | st.floats(allow_nan=False),
                                        inner, max_size=4), max_leaves=30)


@given(values)
def test_same_text_as_json_dumps(value) -> None:
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [{"级别": Severity.ERROR, "行": [1, 2.5, math.inf], "空": {}, "列": []},
                                   "引号\"与\n换行\u2028\x01", [[], [{}], {"a": None}]])
def test_same_text_nested_and_for_what_rectlint_writes(value) -> None:
    assert indented(value, 2) == json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def test_what_json_refuses_is_refused() -> None:
    with pytest.raises(TypeError):
        indented({"a": object()})
    with pytest.raises(TypeError):
        indented({(1, 2): 0})
