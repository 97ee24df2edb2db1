"""Stable identities of findings, for SARIF partialFingerprints and the baseline.

A finding is known by its rule, its structural place in the notice (e.g. items/12/measures) and a hash of
its normalised excerpt, plus an occurrence number among findings that share all three. Lines and offsets
are left out on purpose: editing another part of the notice must not change the identity.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from rectlint.diagnostics import Diagnostic

_SPACE = re.compile(r"\s+")


def normalise(excerpt: str) -> str:
    """NFKC, no whitespace: reflowing a paragraph or changing half/full-width spaces keeps the identity."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", excerpt))


def excerpt_hash(excerpt: str) -> str:
    return hashlib.sha256(normalise(excerpt).encode("utf-8")).hexdigest()[:16]


def place(d: Diagnostic) -> str:
    """The structural place of a finding; findings outside any node count as the notice itself."""
    return d.path or "notice"


def keys(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str, str, int]]:
    """(code, place, excerpt hash, occurrence) for each diagnostic, in the order given."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for d in diagnostics:
        key = (d.code, place(d), excerpt_hash(d.excerpt))
        out.append((*key, seen[key]))
        seen[key] += 1
    return out


def fingerprints(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """One hex digest per diagnostic: the key above, hashed."""
    return [hashlib.sha256("\0".join(map(str, k)).encode("utf-8")).hexdigest()[:32] for k in keys(diagnostics)]
