"""Parse: classified lines → LALR tree (Lark's table of grammars/notice.lark; see lalr.py) → typed `Notice`.

Parsing never raises on text. A line the grammar cannot place where it stands is demoted to a plain
paragraph, and a text with no recognisable notice structure is returned with `structured=False`.
"""

from __future__ import annotations

import functools
import re

from rectlint import lalr, patterns
from rectlint import lines as L
from rectlint.lalr import Tree
from rectlint.model import (
    Contact,
    Group,
    Heading,
    Item,
    Measure,
    Notice,
    Paragraph,
    Section,
    Signature,
    Span,
    Status,
    Value,
)
from rectlint.source import SourceText

# ---------------------------------------------------------------------------------------------------
# Statuses and enumerated measures inside a response

STATUS_WORDS: list[tuple[Status, str]] = [
    (Status.BASICALLY_DONE, r"基本(?:完成|整改到位|整改完成|整改)"),
    (Status.NOT_DONE, r"未完成|未整改(?:到位)?|尚未(?:完成|整改)|申请延期(?:整改)?|暂未完成"),
    (Status.IN_PROGRESS, r"正在整改|整改中|正在推进|推进中|正在落实|部分完成|持续整改中?"),
    (Status.LONG_TERM, r"长期坚持|需长期坚持|常态化(?:推进|坚持|整改)|持续推进|长期整改"),
    (Status.DONE, r"已整改(?:到位|完成)?|已完成(?:整改)?|整改完成|已办结|已销号|已落实|完成整改"),
]
_STATUS_ALT = "|".join(f"(?P<s{i}>{pat})" for i, (_, pat) in enumerate(STATUS_WORDS))
# A status label opens the response ("整改情况：已整改。") or closes the headline ("（已完成）").
_STATUS_LEAD = patterns.compile(rf"\s*(?:\*\*|__)?\s*(?:{_STATUS_ALT})\s*(?:[。．.，,；;：:]|$)")
# What a (stripped) headline _STATUS_TAIL finds ends in, once a 。 or . and the spaces before it are taken off:
# a test that rules out nearly every headline at once, where the search looked at each of its characters.
_TAIL_CLOSERS = ("）", ")", "】", "]")
_STATUS_TAIL = patterns.compile(rf"[（(【\[]\s*(?:{_STATUS_ALT})\s*[）)】\]]\s*[。.]?$")

# 一是/二是… (not 不是, 是否, 是的), ①…⑳, （1）…
ENUMERATOR = r"(?<![一二三四五六七八九十])[一二三四五六七八九十]是(?=[^否非的为])|[①-⑳]|[（(]\d{1,2}[）)]"
# The same, as every response line is scanned for it: opening with one character class, which `re` looks for
# in a tight loop, the alternatives after it telling the forms apart. Most characters the class finds are
# numerals of the prose (三农, 二十届), so each alternative opens with what follows the character (是, a digit),
# which lets `re` pass it over at one glance, and only then looks back at the character (the lookbehind that
# keeps 十一是's 一 out looks three back from after 是). Captured, so that split() hands over markers and text
# (tests hold it to ENUMERATOR).
_CN_TEN = "一二三四五六七八九十"
_ENUMERATORS = patterns.compile(
    rf"([{_CN_TEN}①-⑳（(](?:是(?<=[{_CN_TEN}]是)(?<![{_CN_TEN}].是)(?=[^否非的为])|\d(?<=[（(]\d)\d?[）)]|(?<=[①-⑳])))")
_PUNCTUATION = " 。，,；;：:"  # a measure of nothing else is none


_ISSUER_LEAD = patterns.compile(r"^(.{2,40}?(?:党组|党委|党工委|委员会|党总支|党支部))(?=关于)")

_STATUS_OF_GROUP = {f"s{i}": status for i, (status, _) in enumerate(STATUS_WORDS)}
_UNSTATED = Status.UNSTATED  # a global's look-up: an enum member's, through its class, cost some 900 instructions


def _match_status(m: re.Match[str]) -> Status:
    # The s<i> groups are the patterns' only capturing groups, so the last one matched is the one that did.
    return _STATUS_OF_GROUP.get(m.lastgroup or "", _UNSTATED)


_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


@functools.lru_cache(maxsize=4096)  # asked for every heading and date: the same few numerals over and over
def cn_to_int(text: str) -> int | None:
    """Small Chinese numerals (up to 999), Arabic digits and ①…⑳, as used in headings, measures and dates."""
    text = text.strip()
    if len(text) == 1 and "①" <= text <= "⑳":  # a digit to str.isdigit, but not to int()
        return ord(text) - ord("①") + 1
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_VALUE and c not in "十百" for c in text):
        return None
    if "十" not in text and "百" not in text:  # digit by digit: 二〇二五
        return int("".join(str(_CN_VALUE[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_VALUE[c]
    return total + current


# ---------------------------------------------------------------------------------------------------


def _between(first: Span, last: Span) -> Span:
    """The span from the start of `first` to the end of `last`, two lines' spans: no look-up in the text."""
    return Span(first.start, last.end, first.line, first.column, last.end_line, last.end_column)


class _Builder:
    """Turns the grammar's tree, whose leaves are line numbers (indices into the classified lines), into
    model nodes; one instance per document. Each line's paragraph is classify's: the builder sets its role."""

    def __init__(self, source: SourceText, lines: L.Lines) -> None:
        self.source = source
        self.paragraphs = lines.paragraphs
        self.kinds = lines.kinds
        self.markers = lines.markers
        self.items: list[Item] = []
        self.headings: list[Heading] = []

    def heading(self, i: int) -> Heading:
        """The heading of line i; the role of its paragraph is the caller's to set."""
        m = self.markers[i]
        assert m is not None  # a heading kind is given by its marker's match
        digits = m[m.lastindex or 0]  # the one number group that took part in the match
        p = self.paragraphs[i]
        h = Heading(p.span, _LEVELS[self.kinds[i]], m.group().strip(),
                    cn_to_int(digits),
                    p.text[m.end():].strip())
        self.headings.append(h)
        return h

    # -- blocks -----------------------------------------------------------------------------------

    def notice(self, tree: Tree) -> Notice:
        front, opening, body, closing = tree.children
        notice = Notice(span=self.source.span(0, len(self.source.text)))
        self.front(front.children, notice)
        notice.opening = self._with_role(opening.children, "opening")
        for block in body.children:
            if block.data == "section":
                notice.sections.append(self.section(block))
            elif block.data == "next_steps":
                notice.next_steps = self.next_steps(block)
                notice.sections.append(notice.next_steps)
            elif block.data == "group":
                notice.groups.append(self.group(block, ""))
            else:
                self.item(block, "", "")
        self.closing(closing.children, notice)
        notice.items = self.items
        notice.headings = self.headings
        notice.paragraphs = self.paragraphs
        return notice

    def _with_role(self, lines: list[int], role: str) -> list[Paragraph]:
        out = [self.paragraphs[i] for i in lines]
        for p in out:
            p.role = role
        return out

    def front(self, lines: list[int], notice: Notice) -> None:
        paragraphs = self._with_role(lines, "title")
        titles = [i for i in lines if self.kinds[i] == "TITLE"]
        if titles:
            title = self.paragraphs[titles[0]]
            before = [self.paragraphs[i] for i in lines if self.kinds[i] == "ORG" and i < titles[0]]
            first = before[-1] if before else title
            parts = [p.text for p in ([first] if before else []) + [title]]
            notice.title = "".join(parts)
            notice.title_span = _between(first.span, title.span)
            lead = _ISSUER_LEAD.match(notice.title)
            notice.issuer = before[-1].text if before else (lead.group(1) if lead else None)
        else:
            orgs = [p for i, p in zip(lines, paragraphs, strict=True) if self.kinds[i] == "ORG"]
            if orgs:
                notice.issuer = orgs[0].text

    def section(self, tree: Tree) -> Section:
        head, *rest = tree.children
        h = self.heading(head)
        self.paragraphs[head].role = "heading"
        sec = Section(span=self._block_span(tree), heading=h)
        here = h.marker.rstrip("、，,．.")
        if self._is_item_block(rest):
            sec.items.append(self._item_from(head, rest, here, _group_of(here), also_heading=True))
            return sec
        inner = here + "/"
        group = _group_of(inner)
        for child in rest:
            if type(child) is int:
                sec.paragraphs.append(self.paragraphs[child])
            elif child.data == "group":
                sec.groups.append(self.group(child, inner))
            else:
                sec.items.append(self.item(child, inner, group))
        return sec

    def next_steps(self, tree: Tree) -> Section:
        head, *rest = tree.children
        h = self.heading(head)
        self.paragraphs[head].role = "heading"
        sec = Section(span=self._block_span(tree), heading=h, kind="next-steps")
        sec.paragraphs = self._with_role(rest, "next-steps")
        return sec

    def group(self, tree: Tree, path: str) -> Group:
        head, *rest = tree.children
        h = self.heading(head)
        self.paragraphs[head].role = "heading"
        grp = Group(span=self._block_span(tree), heading=h)
        here = path + h.marker
        if self._is_item_block(rest):
            grp.items.append(self._item_from(head, rest, here, _group_of(here), also_heading=True))
            return grp
        inner = here + "/"
        group = _group_of(inner)
        for child in rest:
            if type(child) is int:
                grp.paragraphs.append(self.paragraphs[child])
            else:
                grp.items.append(self.item(child, inner, group))
        return grp

    def _is_item_block(self, children: list) -> bool:
        """A heading followed directly by 整改情况 (and holding no items) is a problem item itself."""
        return all(type(c) is int for c in children) and "RECT" in [self.kinds[c] for c in children]

    def item(self, tree: Tree, path: str, group: str) -> Item:
        head, *rest = tree.children
        return self._item_from(head, rest, path, group)

    def _item_from(self, head: int, rest: list[int], path: str, group: str, also_heading: bool = False) -> Item:
        """The item headed by line `head`, its lines `rest`; `group` is the （N） block its path lies in, if any.
        A heading that is also an item (`also_heading`: a block holding just a 整改情况 line) is read as both
        once: its heading and its item share the line's one paragraph, which keeps the role "heading"."""
        paragraphs, kinds, markers = self.paragraphs, self.kinds, self.markers
        h = self.heading(head)
        number, marker, problem = h.number, h.marker, h.text
        first = paragraphs[head]
        if not also_heading:
            first.role = "problem"  # an item's own head: an H3 or 问题N line
        span = first.span
        problem_start = span.start + (len(first.text) - len(problem))
        ref = f"问题{number}" if kinds[head] == "PROBLEM" else f"{group}第{number}项" if number is not None else marker
        item = Item(_between(span, paragraphs[rest[-1]].span) if rest else span, len(self.items) + 1, number, marker,
                    (path + marker.rstrip("：:.．、")).strip("/"), ref, problem, span.part(problem_start, span.end))
        self.items.append(item)
        item.problem_paragraphs.append(first)
        if problem.rstrip("。.").rstrip().endswith(_TAIL_CLOSERS) and (m := _STATUS_TAIL.search(problem)):
            label = (found := m[0]).strip("（()）【】[]。. ")
            at = problem_start + m.start() + found.index(label)
            item.status, item.status_label = _match_status(m), label
            item.status_span = span.part(at, at + len(label))
        # The lines before the first 整改情况 line detail the problem; from there on (all, if none) they respond.
        # Nearly every item's lines open with it.
        if rest and kinds[rest[0]] != "RECT" and "RECT" in (rest_kinds := [kinds[i] for i in rest]):
            answer = rest_kinds.index("RECT")
            for i in rest[:answer]:
                paragraphs[i].role = "problem"
                item.problem_paragraphs.append(paragraphs[i])
            rest = rest[answer:]
        response, measures = item.response, item.measures
        unstated = item.status is _UNSTATED
        for i in rest:
            kind = kinds[i]
            p = paragraphs[i]
            p.role = "response"
            response.append(p)
            body_start = 0
            if kind == "H4":  # a numbered measure line is also a fourth-level heading
                self.heading(i)
            elif kind == "RECT":
                body_start = markers[i].end()  # type: ignore[union-attr]
            if unstated and (kind == "RECT" or len(response) == 1 or (kind == "H4" and not measures)):
                lead_at = markers[i].end() if kind == "H4" else body_start  # type: ignore[union-attr]
                if m := _STATUS_LEAD.match(p.text, lead_at):
                    item.status = _match_status(m)
                    unstated = item.status is _UNSTATED
                    label = (found := m[0]).strip(" 。．.，,；;：:*_")
                    at = p.span.start + m.start() + found.index(label)
                    item.status_label, item.status_span = label, p.span.part(at, at + len(label))
                    body_start = m.end()
            _measures(p, body_start, measures)
        return item

    def closing(self, lines: list[int], notice: Notice) -> None:
        sig = None
        notice.closing = self._with_role(lines, "closing")
        for i, p in zip(lines, notice.closing, strict=True):
            kind = self.kinds[i]
            if kind == "INVITE" and notice.invitation is None:
                notice.invitation = p
            if kind == "ORG":
                sig = sig or Signature(span=p.span)
                sig.issuer, sig.issuer_span = p.text, p.span
            elif kind == "DATE":
                sig = sig or Signature(span=p.span)
                sig.date_text, sig.date_span = p.text, p.span
                sig.span = _between(sig.span, p.span)
        notice.signature = sig
        if not notice.issuer and sig and sig.issuer:
            notice.issuer = sig.issuer
        notice.contact = self.contact(notice.closing)

    def contact(self, paragraphs: list[Paragraph]) -> Contact | None:
        found: dict[str, Value] = {}
        for p in paragraphs:
            for name, pattern in CONTACT_FIELDS.items():
                if name in found:
                    continue
                if m := pattern.search(p.text):
                    a, b = m.span("v")
                    found[name] = Value(span=p.span.part(p.span.start + a, p.span.start + b), value=m.group("v"))
        if not found:
            return None
        spans = [v.span for v in found.values()]
        return Contact(span=self.source.span(min(s.start for s in spans), max(s.end for s in spans)), **found)

    def _block_span(self, tree: Tree) -> Span:
        first = last = tree
        while type(first) is Tree:
            first = first.children[0]
        while type(last) is Tree:
            last = last.children[-1]
        return _between(self.paragraphs[first].span, self.paragraphs[last].span)  # type: ignore[index]


def _group_of(path: str) -> str:
    """The last （N） block of a path, which names the items in it: （三）第1项."""
    return next((part for part in reversed(path.split("/")) if part.startswith(("（", "("))), "")


def _measures(p: Paragraph, body_start: int, out: list[Measure]) -> None:
    """Add the measures of a response paragraph from `body_start` on: the text before the first enumerator
    unless it is only punctuation, then one from each enumerator to the next. The text before `body_start`
    ends in punctuation (整改情况：, 已完成。), which no enumerator's lookbehind tells from the start of a text:
    the rest is split on its own."""
    text = p.text
    pieces = _ENUMERATORS.split(text[body_start:] if body_start else text)  # text, marker, text, marker…
    span = p.span
    # Most paragraphs are one measure, the whole paragraph (no enumerator, or one opening it, and no space at
    # the end: rstrip gives the very string): its span and text are the paragraph's own, with no copy made.
    if not body_start and len(pieces) <= 3 and (last := pieces[-1]).rstrip() is last:
        if len(pieces) == 1:
            if text.strip(_PUNCTUATION):
                out.append(Measure(span, None, text))
            return
        if not pieces[0]:
            out.append(Measure(span, pieces[1], text, *enumerator(pieces[1])))
            return
    start = span.start + body_start
    if (body := pieces[0].rstrip()).strip(_PUNCTUATION):
        out.append(Measure(span.part(start, start + len(body)), None, body))
    start += len(pieces[0])
    for k in range(1, len(pieces), 2):
        whole = pieces[k] + pieces[k + 1]
        body = whole.rstrip()  # never empty or punctuation only: it opens with the enumerator
        out.append(Measure(span.part(start, start + len(body)), pieces[k], body, *enumerator(pieces[k])))
        start += len(whole)


@functools.cache  # a notice writes the same few enumerators again and again (一是, ②…)
def enumerator(marker: str) -> tuple[str, int | None]:
    """An enumerator's series and its number: 一是 → (是, 1), ② → (圈, 2), （3） → (括, 3)."""
    if marker.endswith("是"):
        return "是", cn_to_int(marker[:-1])
    if "①" <= marker <= "⑳":
        return "圈", cn_to_int(marker)
    return "括", cn_to_int(marker.strip("（()）"))


_LEVELS = {"H1": 1, "H1_NEXT": 1, "H2": 2, "H3": 3, "H4": 4, "PROBLEM": 3}  # heading token kind → its level

CONTACT_FIELDS: dict[str, re.Pattern[str]] = {
    "phone": patterns.compile(r"(?:电话|热线|联系方式)\s*[:：]?\s*(?:电话\s*[:：]?\s*)?"
                        r"(?P<v>[（(]?0\d{2,3}[）)]?[-－—\s]?\d{7,8}|1[3-9]\d{9}|\d{7,8}|12345|12388|12380)"),
    "address": patterns.compile(r"(?:邮政地址|通信地址|通讯地址|来信地址|地址)\s*[:：]?\s*(?P<v>[^；;。，,\s]{4,80})"),
    "postcode": patterns.compile(r"(?:邮政编码|邮编)\s*[:：]?\s*(?P<v>\d{6})(?!\d)"),
    "email": patterns.compile(r"(?P<v>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"),
}


def _feed(lines: L.Lines) -> Tree | None:
    """Group the lines by the grammar, demoting a line to TEXT wherever its own kind cannot stand."""
    try:
        tree, lines.kinds = lalr.group(range(len(lines.kinds)), lines.kinds, "TEXT")
    except lalr.ParseError:  # LALR found the error late; fall back to an unstructured notice
        return None
    return tree


def parse(source: SourceText) -> Notice:
    lines = L.classify(source)
    tree = _feed(lines) if lines.kinds else None
    if tree is None:
        notice = Notice(span=source.span(0, len(source.text)), structured=False)
        notice.paragraphs = lines.paragraphs
    else:
        notice = _Builder(source, lines).notice(tree)
        notice.structured = bool(notice.items or notice.sections or notice.groups or notice.title or (
            notice.signature and notice.signature.date_text))
    notice.chrome = lines.chrome
    return notice
