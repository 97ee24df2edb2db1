"""Patterns rewritten so that one scan of a notice finds the paragraphs that many of them match in.

A rule's prefilter is a pattern that matches in the text of every paragraph the rule can report on.
Searching each paragraph on its own for each rule cost more than the rules' own work, so the engine
searches the paragraphs joined by line breaks (the "joined text"), once for the prefilters of all rules
(prescan.py). For that, each pattern is rewritten to match there wherever it matches in a paragraph
alone (perhaps more often, never less; the rule's hook is still called on the paragraph's own text):

- `^` and `\\A` become "at the start or after a line break", `$` and `\\Z` "at the end or before one";
- a negative lookaround that might see a line break is dropped (in a paragraph alone it sees none);
  one that cannot is kept, and then answers as it would in the paragraph alone;
- atomic groups and possessive repeats become plain ones (they can only match less), and a class of
  thousands of characters (such as all Han ones) becomes any character but a line break (which `re` tests
  faster, and which selects about as little).

Each alternative of the pattern is then looked for at one of its characters, its anchor: a literal (or
one of a few) that notices seldom hold, or the line break before a paragraph for one that opens with `^`.
What precedes the anchor becomes lookbehinds (as far back as each way it can be matched has a fixed width),
led by one on the characters next to the anchor when the ways hold more (most anchors fail there), and what
follows it a lookahead. One pattern (`passing`) passes over the joined text from one hit of the anchors of
all patterns to the next, where their conditions hold: the matches of different rules at the same place are
all seen. A pattern without an anchor in some alternative (`\\d+`, a
back-reference) is searched in the joined text as a whole instead.

`exact_in_joined` tells the patterns that need no rewriting at all: a rule may search the joined text with
them and find exactly what a search of each paragraph would (P001, W006).
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parse tree of `re`: stable since 3.11
from re import _parser as sre_parse

from rectlint.prefilter import REPEATS, charset, class_source

# (anchor characters, what must hold before the anchor (lookbehinds, the anchor included) or "", a lookahead
# on what follows it or "")
Trigger = tuple[str, str, str]

_NEWLINE = 10
_HAS_NEWLINE = {sre.CATEGORY_NOT_DIGIT, sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD}  # categories holding "\n"
_STARTS = (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_BEGINNING_LINE)
_ENDS = (sre.AT_END, sre.AT_END_STRING, sre.AT_END_LINE)
_ASSERTS = (sre.ASSERT, sre.ASSERT_NOT)
_MAX_ANCHOR = 16  # characters an anchor class may hold (each is an alternative of the scan)
_MAX_BEHIND = 24  # characters a lookbehind may span
_MAX_WAYS = 8  # lookbehinds the characters before an anchor may be split into
_MAX_ALTERNATIVES = 400  # alternatives a pattern may be split into before it is searched as a whole
_BROAD = 2000  # characters from which a class may be read as any character but a line break
_MAX_SPELLED = 4  # a fixed repeat of one character up to this count is written out
_ONE_CHARACTER = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN)

# The characters that make up most of a notice, roughly the most frequent first: the marks, the words of
# rectification and of official prose, those of inspection and of the bodies that report on it, then modern
# Chinese at large. Only the speed of a scan depends on this list (it chooses anchors), never what the scan
# finds.
_FREQUENT = {char: rank for rank, char in enumerate(dict.fromkeys(
    "，的。、一是在不和了有人中“”大为上个以要年月日工作部门党问题整改已完成情况落实全管理建设进行发展对等："
    "；（）《》制度责任开推动加强组织会单位项目国时来到地于出就分成可主同也能下过子产种面而方后多定行学法所民"
    "巡察市县局查核监督检执反馈评价份未印坚持台账规范材料续职批逐训补召排防班案档生业用我"
    "得经十三之着家力里如水化高自二理起小物现实量都两体机当使点从本去把性好应它合还因由其些然前外天政四那社义"
    "事平形相表间样与关各重新线内数正心反明看原又利比或但质第向道此变条只没结解意公无系很者最立代通并提直程五"
    "果员位入常文总次品式活设及特件长求基资边流级少图统接知较将见计别期根论运农指几九区强放决被干做必先回则任"
    "取据处队给光门即保治造百规领七口导器志金增争济阶思术极交受联认六共权收证改清美再采转更单切教带安场身例真"
    "务具万每目至达走积示议报类八华名确才科张信节话元今集传许步群广记需段研界律且究观越织装算低持众书布复容须"
    "际商非验连断深难近千周委素技备半办青省列习响约支般史感劳便团往历市何除消构府称准精值率族维划选标写存候效"
    "院查型按格养易置派层片始专状育识适属包住调满县局参细引该价严巡察视措施督促廉纪案账档村镇街乡,.:;"))}


def rate(char: str) -> float:
    """About how often `char` occurs in a notice, as a share of its characters."""
    if "0" <= char <= "9":
        return 0.008
    if char == "\n":
        return 0.015  # a paragraph starts after each (see _anchor)
    if (rank := _FREQUENT.get(char)) is not None:
        return 0.6 / (rank + 12)  # the 1st 0.05, the 100th 0.005, the 500th 0.001
    if char.isascii() and char.isalpha():
        return 0.003
    return 0.0003 if "\u3400" <= char <= "\u9fff" else 0.0005


class Unsupported(Exception):
    """A pattern beyond this analysis (case-insensitive, with scoped flags or conditionals, …)."""


def _parse(pattern: str, flags: int):
    parsed = sre_parse.parse(pattern, flags)
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE | re.ASCII):
        raise Unsupported("flags")
    return parsed


class _Writer:
    """Pattern source for parse-tree items, rewritten for the joined text (see the module's docstring).

    `exact` renders a part that must answer exactly as in a paragraph alone (the content of a negative
    lookaround, which may hold no line break); otherwise parts may match more. `groups` keeps capturing
    groups and back-references (numbered as in the original); without it they are plain groups."""

    def __init__(self, flags: int, groups: bool) -> None:
        self.dotall = bool(flags & re.DOTALL)
        self.groups = groups

    def items(self, items, exact: bool = False) -> str:
        return "".join(self.item(op, av, exact) for op, av in items)

    def item(self, op, av, exact: bool) -> str:
        if op is sre.LITERAL:
            return re.escape(chr(av))
        if op is sre.NOT_LITERAL:
            return f"[^{re.escape(chr(av))}]"
        if op is sre.ANY:
            return "(?s:.)" if self.dotall else "."
        if op is sre.IN:
            if not exact and _broad(av):  # `re` tests "any but a line break" faster, and it selects as little
                return "."
            return _class(av)
        if op is sre.AT:
            if av in _STARTS:
                return r"(?<![^\n])"
            if av in _ENDS:
                return r"(?![^\n])"
            if av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):  # a line break is no word character either
                return r"\b" if av is sre.AT_BOUNDARY else r"\B"
            raise Unsupported(str(av))
        if op is sre.BRANCH:
            return "(?:" + "|".join(self.items(alt.data, exact) for alt in av[1]) + ")"
        if op is sre.SUBPATTERN:
            group, add_flags, del_flags, body = av
            if add_flags or del_flags:
                raise Unsupported("scoped flags")
            return ("(" if self.groups and group else "(?:") + self.items(body.data, exact) + ")"
        if op in REPEATS:
            lo, hi, body = av
            if lo == hi <= _MAX_SPELLED and len(body.data) == 1 and body.data[0][0] in _ONE_CHARACTER:
                return self.item(*body.data[0], exact) * lo  # `re` runs `..` faster than `.{2}`
            count = f"{{{lo},{'' if hi is sre.MAXREPEAT else hi}}}"
            lazy = "?" if op is sre.MIN_REPEAT else "+" if op is sre.POSSESSIVE_REPEAT and exact else ""
            return f"(?:{self.items(body.data, exact)}){count}{lazy}"
        if op is sre.ATOMIC_GROUP:
            return ("(?>" if exact else "(?:") + self.items(av.data, exact) + ")"
        if op is sre.ASSERT:
            direction, body = av
            return ("(?=" if direction > 0 else "(?<=") + self.items(body.data, exact) + ")"
        if op is sre.ASSERT_NOT:
            direction, body = av
            if not _newline_free(body.data, self.dotall):
                if exact:  # pragma: no cover - the content of an exact part is newline-free throughout
                    raise Unsupported("line break")
                return ""  # in the joined text it might see the next paragraph: drop it
            return ("(?!" if direction > 0 else "(?<!") + self.items(body.data, True) + ")"
        if op is sre.GROUPREF and self.groups:
            return f"(?:\\{av})"
        raise Unsupported(str(op))


def _class(av) -> str:
    try:
        return class_source(av)
    except ValueError as exc:
        raise Unsupported(str(exc)) from None


def _broad(av) -> bool:
    """Whether a class holds thousands of characters (such as all Han ones) and no line break."""
    if any(op is not sre.RANGE for op, _ in av):
        return False
    return sum(hi - lo + 1 for _, (lo, hi) in av) >= _BROAD and not _class_has_newline(av)


def _class_has_newline(av) -> bool:
    held = False
    negated = False
    for op, a in av:
        if op is sre.NEGATE:
            negated = True
        elif (op is sre.LITERAL and a == _NEWLINE) or (op is sre.RANGE and a[0] <= _NEWLINE <= a[1]) \
                or (op is sre.CATEGORY and a in _HAS_NEWLINE):
            held = True
    return held != negated


def _newline_free(items, dotall: bool) -> bool:
    """Whether no part of `items` (lookarounds included) can match a line break."""
    for op, av in items:
        if op is sre.LITERAL:
            ok = av != _NEWLINE
        elif op is sre.NOT_LITERAL:
            ok = av == _NEWLINE
        elif op is sre.ANY:
            ok = not dotall
        elif op is sre.IN:
            ok = not _class_has_newline(av)
        elif op in (sre.AT, sre.GROUPREF):
            ok = True  # a back-reference repeats a group, which is checked where it stands
        elif op is sre.BRANCH:
            ok = all(_newline_free(alt.data, dotall) for alt in av[1])
        elif op is sre.SUBPATTERN or op in REPEATS or op in _ASSERTS:
            ok = _newline_free(av[-1].data, dotall)
        elif op is sre.ATOMIC_GROUP:
            ok = _newline_free(av.data, dotall)
        else:
            ok = False
        if not ok:
            return False
    return True


def exact_in_joined(pattern: str, flags: int = 0) -> bool:
    """Whether `pattern` finds in the joined text exactly what it finds in each paragraph on its own, as it
    stands: it cannot match empty, no part of it (lookarounds included) can match a line break, and it has
    no anchor but \\b and \\B (at a line break, a lookaround sees a character it cannot match, as at the end of
    a paragraph alone)."""
    try:
        parsed = _parse(pattern, flags)
    except (Unsupported, re.error):
        return False
    return parsed.getwidth()[0] > 0 and _newline_free(parsed.data, bool(parsed.state.flags & re.DOTALL)) \
        and not any(op is sre.AT and av not in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY) for op, av in _walk(parsed.data))


def joined_form(pattern: str, flags: int = 0) -> str | None:
    """`pattern` rewritten for the joined text (see the module's docstring), or None when it is beyond that."""
    try:
        parsed = _parse(pattern, flags)
        if _has_groupref(parsed.data) and _group_in_lookaround(parsed.data):
            raise Unsupported("a back-reference beside a group in a lookaround")
        return _Writer(parsed.state.flags, groups=True).items(parsed.data)
    except (Unsupported, re.error, RecursionError):
        return None


def repeat_width(pattern: str, flags: int = 0) -> int:
    """n when each match of `pattern` opens with n characters followed at once by the same n (the pattern opens
    with a group of a fixed width n and a back-reference to it, as `(..)\\1` does), else 0."""
    try:
        items = _parse(pattern, flags).data
    except (Unsupported, re.error):
        return 0
    if len(items) < 2 or items[0][0] is not sre.SUBPATTERN or not (group := items[0][1][0]) \
            or items[1] != (sre.GROUPREF, group):
        return 0
    lo, hi = items[0][1][3].getwidth()
    return lo if lo == hi else 0


def triggers(pattern: str, flags: int = 0) -> list[Trigger] | None:
    """Each alternative of `pattern` as (anchor characters, lookbehind, lookahead): wherever the pattern
    matches in a paragraph alone, the joined text holds an anchor character of some alternative at a character
    of that match, with the lookbehind (anchor included) and the lookahead matching there. None when some
    alternative has no anchor, or the pattern is beyond this analysis."""
    try:
        parsed = _parse(pattern, flags)
        if _has_groupref(parsed.data):
            raise Unsupported("back-reference")
        writer = _Writer(parsed.state.flags, groups=False)
        out: list[Trigger] = []
        for items in _alternatives(list(_flat(parsed.data)), [0]):
            out.append(_trigger(items, parsed.state, writer))
        return out
    except (Unsupported, re.error, RecursionError):
        return None


def _flat(items):
    """The items with groups opened up (a group's characters are adjacent to its neighbours')."""
    for op, av in items:
        if op is sre.SUBPATTERN and not av[1] and not av[2]:
            yield from _flat(av[3].data)
        else:
            yield op, av


def _anchor(op, av) -> str | None:
    """The characters one item matches (or the first repetition of a repeated one) when it is one of a few
    known characters, else None. A line break stands for the start of a paragraph (each follows one in the
    joined text), and is no anchor otherwise (a paragraph holds none)."""
    if op is sre.LITERAL:
        chars = [av]
    elif op is sre.IN and all(o is sre.LITERAL or o is sre.RANGE for o, _ in av):
        chars = []
        for o, a in av:
            chars.extend([a] if o is sre.LITERAL else range(a[0], a[1] + 1))
            if len(chars) > _MAX_ANCHOR:
                return None
    elif op in REPEATS and av[0] >= 1 and len(av[2].data) == 1:  # its first repetition
        return _anchor(*av[2].data[0])
    elif op is sre.AT and av in _STARTS:  # the line break before the paragraph
        return "\n"
    else:
        return None
    return "".join(dict.fromkeys(chr(c) for c in chars if c != _NEWLINE)) or None


def _opened(items: list) -> list:
    """A leading lookbehind and a trailing lookahead read as characters of the match: where `(?<=Y)X` or `X(?=Y)`
    matches in a paragraph, YX or XY stands in it, so they give more characters to choose an anchor from."""
    while items and items[0][0] is sre.ASSERT and items[0][1][0] < 0:
        items = [*_flat(items[0][1][1].data), *items[1:]]
    while items and items[-1][0] is sre.ASSERT and items[-1][1][0] > 0:
        items = [*items[:-1], *_flat(items[-1][1][1].data)]
    return items


def _alternatives(items: list, count: list[int]) -> list[list]:
    """`items` split at branches until each part has an anchor of its own."""
    items = _opened(items)
    if any(_anchor(op, av) for op, av in items):
        count[0] += 1
        if count[0] > _MAX_ALTERNATIVES:
            raise Unsupported("too many alternatives")
        return [items]
    for j, (op, av) in enumerate(items):
        if op is sre.BRANCH:
            return [part for alt in av[1]
                    for part in _alternatives(items[:j] + list(_flat(alt.data)) + items[j + 1:], count)]
    raise Unsupported("no anchor")


def _trigger(items: list, state, writer: _Writer) -> Trigger:
    """The alternative `items` looked for at its rarest anchor."""
    j, chars = min(((j, chars) for j, (op, av) in enumerate(items) if (chars := _anchor(op, av))),
                   key=lambda found: sum(map(rate, found[1])))
    op, av = items[j]
    following = items[j + 1:]
    if op in REPEATS:  # the anchor is the first repetition; the others follow it
        lo, hi, body = av
        op, av = body.data[0]
        if hi is sre.MAXREPEAT or hi > 1:
            following = [(items[j][0], (lo - 1, hi if hi is sre.MAXREPEAT else hi - 1, body)), *following]
    if op is sre.AT:  # the start of the paragraph: nothing of it comes before
        return chars, "", f"(?={writer.items(following)})" if following else ""
    anchor = writer.item(op, av, False)
    ways = _before(items[:j], state)
    behind = [] if [] in ways else [f"(?<={writer.items(before)}{anchor})" for before in ways]  # (none: anything)
    looks = behind[0] if len(behind) == 1 else "(?:" + "|".join(behind) + ")" if behind else ""
    # `re` reads a lookbehind from its far end, where a way may open with lookarounds or a branch, and tries the
    # ways one by one; most anchors fail on the characters next to them: those of all ways are tested first
    if behind and (nearest := _nearest(ways)):
        looks = f"(?<={''.join(nearest)}{anchor})" + looks
    after = writer.items(following)
    return chars, looks, f"(?={after})" if after else ""


def _nearest(ways: list[list]) -> list[str]:
    """Classes of the characters that end the ways, in order: each holds what any way has at its place, back to
    where some way has no single character (none when they are all of the only way: it tests them itself)."""
    ends = [_characters(way) for way in ways]
    if len(ends) == 1 and ends[0][1]:
        return []
    out: list[str] = []
    for back in range(min(len(chars) for chars, _ in ends)):
        union: list[tuple[object, object]] = []
        for chars, _ in ends:
            union += [c for c in chars[back] if c not in union]
        out.append(_class(union))
    return out[::-1]


def _characters(way: list) -> tuple[list, bool]:
    """What each of the characters that end `way` may be, the last first, back to the first item that is not one
    character or a fixed repeat of one; and whether that is all of `way`."""
    out = []
    for op, av in reversed(way):
        while op is sre.SUBPATTERN and not av[0] and not av[1] and not av[2] and len(av[3].data) == 1:
            op, av = av[3].data[0]  # one repetition of a repeat (see _choices)
        count = 1
        if op in REPEATS and av[0] == av[1] and len(av[2].data) == 1:
            count, (op, av) = av[0], av[2].data[0]
        if (chars := charset(op, av)) is None:
            return out, False
        out += [chars] * count
    return out, True


def _before(items: list, state) -> list[list]:
    """What may precede the end of `items`, as a few ways each of a fixed width (a lookbehind must have one),
    each as far back as it is known: a short repeat, such as `\\d{1,3}`, is one way per count, and a branch of
    alternatives one way per alternative; a longer repeat ends a way with its last repetitions (or goes on
    past it when it may be empty)."""
    ways: list[tuple[list, bool]] = [([], True)]  # (items, whether earlier items may still be put in front)
    for op, av in reversed(items):
        choices = _choices(op, av, state)
        grown = [([*more, *way], goes_on and still) for way, goes_on in ways
                 for more, still in (choices if goes_on else [([], False)])]
        if len(grown) > _MAX_WAYS or any(_width(way, state) > _MAX_BEHIND for way, _ in grown):
            break
        ways = grown
        if not any(goes_on for _, goes_on in ways):
            break
    return [way for way, _ in ways]


def _choices(op, av, state) -> list[tuple[list, bool]]:
    """The ways one item may end what precedes an anchor: (items of a fixed width, whether earlier items
    still follow on)."""
    lo, hi = sre_parse.SubPattern(state, [(op, av)]).getwidth()
    if lo == hi:
        return [([(op, av)], True)]
    if op is sre.BRANCH and all(_fixed(alt.data, state) for alt in av[1]):
        return [(list(alt.data), True) for alt in av[1]]
    if op in REPEATS and _fixed(av[2].data, state):
        group = (sre.SUBPATTERN, (None, 0, 0, av[2]))
        if av[1] is not sre.MAXREPEAT and av[1] - av[0] < 4:
            return [([group] * n, True) for n in range(av[0], av[1] + 1)]
        last = [([group] * min(av[0], 4) if av[0] else [group], False)]  # its last repetitions; before: unknown
        return [([], True), *last] if av[0] == 0 else last
    return [([], False)]


def _fixed(items, state) -> bool:
    lo, hi = sre_parse.SubPattern(state, items).getwidth()
    return lo == hi


def _width(items, state) -> int:
    return sre_parse.SubPattern(state, items).getwidth()[1]


def _walk(items):
    """Every item of the tree, nested ones included."""
    for op, av in items:
        yield op, av
        if op is sre.BRANCH:
            for alt in av[1]:
                yield from _walk(alt.data)
        elif op is sre.GROUPREF_EXISTS:
            yield from (x for part in av[1:] if part is not None for x in _walk(part.data))
        elif op is sre.SUBPATTERN or op in REPEATS or op in _ASSERTS:
            yield from _walk(av[-1].data)
        elif op is sre.ATOMIC_GROUP:
            yield from _walk(av.data)


def _has_groupref(items) -> bool:
    return any(op is sre.GROUPREF or op is sre.GROUPREF_EXISTS for op, _ in _walk(items))


def _group_in_lookaround(items) -> bool:
    """Whether a capturing group stands in a lookaround: what it captures may differ in the joined text (a
    lookahead keeps its first way of matching), and dropping the lookaround would renumber the groups."""
    return any(op in _ASSERTS and any(o is sre.SUBPATTERN and a[0] for o, a in _walk(av[1].data))
               for op, av in _walk(items))


def passing(entries: list[tuple[str, str]]) -> str:
    """A pattern whose match from any place passes over the text up to the next anchor character at which some
    of `entries` (anchor character, rest) holds, or up to the end: one scan finds the hits of them all, one
    match each, and each hit is one anchor character.

    Between anchors `re` runs through the text in its loop over one class. At an anchor it tries the anchors'
    alternatives one after the other (a quick test each) up to the one that opens with that character, which
    passes the anchor where none of its conditions hold: the walk stops there, so the most frequent anchors
    come first, and anchors with the same conditions share an alternative (a class, tested at once). An
    anchor with no condition to hold is a hit wherever it stands: no alternative passes it."""
    by_char: dict[str, list[str]] = {}
    for char, more in entries:
        by_char.setdefault(char, []).append(more)
    by_condition: dict[str, list[str]] = {}
    for char, conditions in by_char.items():
        if condition := _either(conditions):
            by_condition.setdefault(condition, []).append(char)
    alternatives = [_chars(chars) + f"(?!{condition})" for condition, chars in
                    sorted(by_condition.items(), key=lambda group: (-sum(map(rate, group[1])), group[0]))]
    between = "[^" + "".join(map(re.escape, sorted(by_char))) + "]*+"
    # an atomic group, not a possessive repeat: before 3.11.5 `re` could keep part of a failed try of one
    return f"(?>(?:{between}(?:{'|'.join(alternatives)}))*){between}" if alternatives else between


def _chars(chars: list[str]) -> str:
    return re.escape(chars[0]) if len(chars) == 1 else "[" + "".join(map(re.escape, sorted(chars))) + "]"


def _either(conditions: list[str]) -> str:
    """Any of `conditions` (nothing at all when one of them is empty)."""
    return "" if "" in conditions else "(?:" + "|".join(dict.fromkeys(conditions)) + ")"


def rest(trigger: Trigger) -> str:
    """What must hold around an anchor character of `trigger` once it has been consumed."""
    return trigger[1] + trigger[2]
