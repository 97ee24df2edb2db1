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


def test_json_report_entry_is_the_generic_writers_text_of_every_field() -> None:
    """The JSON reporter writes a file's entry by hand, for speed: it must hold every field of a diagnostic
    and of its fix (a field added to either and forgotten there fails here)."""
    from rectlint.diagnostics import Category, Diagnostic, Edit, Fix
    from rectlint.model import to_json
    from rectlint.report.base import FileResult
    from rectlint.report.json_report import entry_text

    fixes = [None, Fix(message="改为“，”", edits=[]),
             Fix(message="删去\"重复\"", applicability="unsafe",
                 edits=[Edit(start=3, end=4, content="，"), Edit(start=9, end=9, content="\n")])]
    diags = [Diagnostic("W003", "duplicated-word", Category.WORDING, Severity.WARNING, "“确保确保”\u2028", 3, 7,
                        1, 4, 2, 1, path=None if fix is None else "items/1", excerpt="确保\t确保", fix=fix)
             for fix in fixes]
    result = FileResult("通报/a.txt", None, diags, encoding="gb18030", error=None)
    expected = {"path": result.path, "diagnostics": [to_json(d) for d in diags], "encoding": "gb18030"}
    assert entry_text(result) == indented(expected, 2)
