"""The characters a match can start with, read off a regular expression, so that a scan can skip text quickly.

A pattern whose alternatives open with lookbehinds or groups gives `re` no prefix to search for, so it
tries every alternative at every character; `accelerated` puts a lookahead on the characters a match can
start with in front, and `re` then rejects most positions with one test. It only ever rules out positions
where the pattern cannot match; when a pattern is beyond this analysis (case-insensitive, back-references
at the start…) the pattern is left as it is. (Which paragraphs a pattern can match in is triggers.py's.)
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parse tree of `re`: stable since 3.11, guarded below
from re import _parser as sre_parse

# One character class, as (op, value) items of the parse tree: LITERAL, RANGE or CATEGORY.
CharSet = tuple[tuple[object, object], ...]

CATEGORY = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
             sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_MAX_FIRST = 500  # a first-character lookahead on a larger class costs more than it saves


def _parse(pattern: str, flags: int):
    try:
        parsed = sre_parse.parse(pattern, flags)
    except (re.error, AttributeError, TypeError):  # pragma: no cover - only on an incompatible `re`
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    return parsed.data


def charset(op: object, av: object) -> CharSet | None:
    """The characters one item matches, when it matches exactly one character from a known set."""
    if op is sre.LITERAL:
        return ((sre.LITERAL, av),)
    if op is sre.IN:
        items = tuple(av)  # type: ignore[call-overload]
        if all(o is sre.LITERAL or o is sre.RANGE or (o is sre.CATEGORY and a in CATEGORY) for o, a in items):
            return items
    return None


def _subpattern_body(av):
    _, add_flags, del_flags, body = av
    return None if add_flags or del_flags else body


# --- first characters -------------------------------------------------------------------------------


def _first(items) -> tuple[list[tuple[object, object]], bool] | None:
    """(the characters a match of `items` can start with, whether it can be empty), or None if unknown."""
    chars: list[tuple[object, object]] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if (cs := charset(op, av)) is not None:
            return chars + list(cs), False
        if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
            body = _subpattern_body(av) if op is sre.SUBPATTERN else av
            found = _first(body.data) if body is not None else None
        elif op in REPEATS:
            lo, _, body = av
            found = _first(body.data)
            if found is not None and lo == 0:
                found = (found[0], True)
        elif op is sre.BRANCH:
            found = ([], False)
            for alt in av[1]:
                sub = _first(alt.data)
                if sub is None:
                    return None
                found = (found[0] + sub[0], found[1] or sub[1])
        else:
            return None
        if found is None:
            return None
        chars += found[0]
        if not found[1]:
            return chars, False
    return chars, True


def _anchored(alt) -> bool:
    return bool(alt.data) and alt.data[0][0] is sre.AT and alt.data[0][1] in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)


def _has_prefix(items) -> bool:
    """Whether `re` itself finds a literal or character-set prefix to search for (see re._compiler), or
    the pattern is anchored at the start, which fails as fast at every position as a lookahead would."""
    while items and items[0][0] is sre.SUBPATTERN:
        body = _subpattern_body(items[0][1])
        if body is None:
            return False
        items = body.data
    if not items:
        return False
    op, av = items[0]
    if op is sre.LITERAL or op is sre.IN or (op is sre.AT and av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)):
        return True
    return op is sre.BRANCH and all((alt.data and alt.data[0][0] is sre.LITERAL) or _anchored(alt) for alt in av[1])


def _size(chars) -> int:
    """How many characters a class holds (a category counts as many, except digits and spaces)."""
    return sum(a[1] - a[0] + 1 if o is sre.RANGE else 1 if o is sre.LITERAL else  # type: ignore[index]
               20 if a in (sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE) else 100_000 for o, a in chars)


def accelerated(pattern: str, flags: int = 0) -> str:
    """The pattern led by a lookahead on its first characters when `re` has no prefix to search for and the
    lookahead rejects most text (not, say, every Han character); else the pattern itself. Matches are
    unchanged. (A pattern with global inline flags, which must open it, cannot be led: compile both.)"""
    items = _parse(pattern, flags)
    if items is not None and not _has_prefix(items) and (found := _first(items)) and not found[1] \
            and 0 < _size(found[0]) <= _MAX_FIRST:
        return f"(?={_class(tuple(dict.fromkeys(found[0])))})(?:{pattern})"
    return pattern


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """The characters every match of `pattern` starts with, when they are a few literal ones (None: a match may
    start otherwise, or be empty)."""
    items = _parse(pattern, flags)
    found = _first(items) if items is not None else None
    if found is None or found[1] or any(op is not sre.LITERAL for op, _ in found[0]):
        return None
    return "".join(dict.fromkeys(chr(c) for _, c in found[0]))  # type: ignore[call-overload]


def _class(cs: CharSet | tuple[tuple[object, object], ...]) -> str:
    if len(cs) == 1 and cs[0][0] is sre.LITERAL:
        return re.escape(chr(cs[0][1]))  # type: ignore[arg-type]
    return class_source(cs)


def class_source(items) -> str:
    """The source of a character class from its parse-tree items; ValueError for an item it cannot write."""
    parts = []
    for op, a in items:
        if op is sre.NEGATE:
            parts.insert(0, "^")
        elif op is sre.LITERAL:
            parts.append(re.escape(chr(a)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
        elif op is sre.CATEGORY and a in CATEGORY:
            parts.append(CATEGORY[a])
        else:
            raise ValueError(str(op))
    return "[" + "".join(parts) + "]"

