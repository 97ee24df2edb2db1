"""Finding identities survive edits elsewhere in the notice."""

from __future__ import annotations

from conftest import EXAMPLES
from helpers import lint
from rectlint.fingerprint import fingerprints, keys

TEXT = (EXAMPLES / "layout-numbered.txt").read_text("utf-8")


def test_fingerprints_survive_an_edit_elsewhere() -> None:
    before = lint(TEXT)
    edited = TEXT.replace("\n", "\n\n", 3)  # blank lines near the top shift every line number below
    after = lint(edited)
    assert [d.line for d in before] != [d.line for d in after]
    assert fingerprints(before) == fingerprints(after)


def test_fingerprints_are_distinct_within_a_file() -> None:
    diags = lint(TEXT)
    assert len(set(fingerprints(diags))) == len(diags)
    assert all(k[1] for k in keys(diags))
