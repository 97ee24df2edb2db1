"""Parse: classified lines → LALR tree (Lark's table of grammars/notice.lark; see lalr.py) → typed `Notice`.

Parsing never raises on text. A line the grammar cannot place where it stands is demoted to a plain
paragraph, and a text with no recognisable notice structure is returned with `structured=False`.
"""

from __future__ import annotations

import re

from rectlint import lalr, patterns
from rectlint import lines as L
from rectlint.lalr import Tree
from rectlint.model import (
    Chrome,
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
_STATUS_TAIL = patterns.compile(rf"[（(【\[]\s*(?:{_STATUS_ALT})\s*[）)】\]]\s*[。.]?$")

# 一是/二是… (not 不是, 是否, 是的), ①…⑳, （1）…; led by a lookahead on its first characters, as every
# response line is scanned for it and the lookbehind would otherwise be tried at each character.
_ENUMERATOR = patterns.compile_fast(
    r"(?:(?<![一二三四五六七八九十])[一二三四五六七八九十]是(?=[^否非的为])|[①-⑳]|[（(]\d{1,2}[）)])")


_STATUS_OF_GROUP = {f"s{i}": status for i, (status, _) in enumerate(STATUS_WORDS)}


def _match_status(m: re.Match[str]) -> Status:
    # The s<i> groups are the patterns' only capturing groups, so the last one matched is the one that did.
    return _STATUS_OF_GROUP.get(m.lastgroup or "", Status.UNSTATED)


_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def cn_to_int(text: str) -> int | None:
    """Small Chinese numerals (up to 999) and Arabic digits, as used in headings and dates."""
    text = text.strip()
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


class _Builder:
    """Turns the grammar's tree into model nodes; one instance per document."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.items: list[Item] = []
        self.headings: list[Heading] = []
        self.paragraphs: list[Paragraph] = []

    def span(self, start: int, end: int) -> Span:
        return self.source.span(start, end)

    def paragraph(self, ln: L.Line, role: str) -> Paragraph:
        p = Paragraph(span=ln.span, text=ln.text, role=role)
        self.paragraphs.append(p)
        return p

    def heading(self, ln: L.Line, as_paragraph: bool = True) -> Heading:
        level, m = _LEVELS[ln.kind], ln.marker
        assert m is not None  # a heading kind is given by its marker's match
        digits = next((g for g in m.groups() if g), "")
        number = cn_to_int(digits) if digits not in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" else (
            ord(digits) - ord("①") + 1)
        h = Heading(span=ln.span, level=level, marker=m.group(0).strip(),
                  number=number, text=ln.text[m.end():].strip())
        self.headings.append(h)
        if as_paragraph:
            self.paragraph(ln, "problem" if ln.kind in ("H3", "PROBLEM") else "heading")
        return h

    # -- blocks -----------------------------------------------------------------------------------

    def notice(self, tree: Tree) -> Notice:
        front, opening, body, closing = tree.children
        notice = Notice(span=self.span(0, len(self.source.text)))
        self.front(front, notice)
        notice.opening = [self.paragraph(t, "opening") for t in opening.children]
        for block in body.children:
            if block.data == "section":
                notice.sections.append(self.section(block, "/"))
            elif block.data == "next_steps":
                notice.next_steps = self.next_steps(block)
                notice.sections.append(notice.next_steps)
            elif block.data == "group":
                notice.groups.append(self.group(block, ""))
            else:
                self.item(block, "")
        self.closing(closing, notice)
        notice.items = self.items
        notice.headings = self.headings
        notice.paragraphs = self.paragraphs
        return notice

    def front(self, tree: Tree, notice: Notice) -> None:
        lines: list[L.Line] = tree.children
        for ln in lines:
            self.paragraph(ln, "title")
        titles = [ln for ln in lines if ln.kind == "TITLE"]
        if titles:
            title = titles[0]
            before = [ln for ln in lines if ln.kind == "ORG" and ln.start < title.start]
            first = before[-1] if before else title
            parts = [ln.text for ln in ([first] if before else []) + [title]]
            notice.title = "".join(parts)
            notice.title_span = self.span(first.start, title.end)
            lead = re.match(r"^(.{2,40}?(?:党组|党委|党工委|委员会|党总支|党支部))(?=关于)", notice.title)
            notice.issuer = before[-1].text if before else (lead.group(1) if lead else None)
        else:
            orgs = [ln for ln in lines if ln.kind == "ORG"]
            if orgs:
                notice.issuer = orgs[0].text

    def section(self, tree: Tree, path: str) -> Section:
        head, *rest = tree.children
        h = self.heading(head)
        sec = Section(span=self._block_span(tree), heading=h)
        here = h.marker.rstrip("、，,．.")
        if self._is_item_block(rest):
            sec.items.append(self._item_from(head, rest, here))
            return sec
        for child in rest:
            if not isinstance(child, Tree):
                sec.paragraphs.append(self.paragraph(child, "text"))
            elif child.data == "group":
                sec.groups.append(self.group(child, here + "/"))
            else:
                sec.items.append(self.item(child, here + "/"))
        return sec

    def next_steps(self, tree: Tree) -> Section:
        head, *rest = tree.children
        h = self.heading(head)
        sec = Section(span=self._block_span(tree), heading=h, kind="next-steps")
        sec.paragraphs = [self.paragraph(t, "next-steps") for t in rest]
        return sec

    def group(self, tree: Tree, path: str) -> Group:
        head, *rest = tree.children
        h = self.heading(head)
        grp = Group(span=self._block_span(tree), heading=h)
        here = path + h.marker
        if self._is_item_block(rest):
            grp.items.append(self._item_from(head, rest, here))
            return grp
        for child in rest:
            if not isinstance(child, Tree):
                grp.paragraphs.append(self.paragraph(child, "text"))
            else:
                grp.items.append(self.item(child, here + "/"))
        return grp

    @staticmethod
    def _is_item_block(children: list) -> bool:
        """A heading followed directly by 整改情况 (and holding no items) is a problem item itself."""
        return any(not isinstance(c, Tree) and c.kind == "RECT" for c in children) and all(
            not isinstance(c, Tree) for c in children)

    def item(self, tree: Tree, path: str) -> Item:
        head, *rest = tree.children
        return self._item_from(head, rest, path)

    def _item_from(self, ln: L.Line, rest: list[L.Line], path: str) -> Item:
        h = self.heading(ln)
        problem_start = h.span.start + (len(ln.text) - len(h.text))
        item = Item(span=self.span(ln.start, rest[-1].end if rest else ln.end),
            index=len(self.items) + 1, number=h.number, label=h.marker,
            path=(path + h.marker.rstrip("：:.．、")).strip("/"),
            ref=self._ref(ln.kind, h, path),
            problem=h.text, problem_span=ln.span.part(problem_start, ln.end),
        )
        self.items.append(item)
        item.problem_paragraphs.append(self.paragraphs[-1])
        if m := _STATUS_TAIL.search(h.text):
            label = m.group(0).strip("（()）【】[]。. ")
            at = problem_start + m.start() + m.group(0).index(label)
            item.status, item.status_label = _match_status(m), label
            item.status_span = ln.span.part(at, at + len(label))
        in_response = not any(line.kind == "RECT" for line in rest)
        for tok in rest:
            kind = tok.kind
            if kind == "RECT":
                in_response = True
            if not in_response:
                p = self.paragraph(tok, "problem")
                item.problem_paragraphs.append(p)
                continue
            p = self.paragraph(tok, "response")
            item.response.append(p)
            if kind == "H4":  # a numbered measure line is also a fourth-level heading
                self.heading(tok, as_paragraph=False)
            body_start = 0
            if kind == "RECT":
                body_start = tok.marker.end()  # type: ignore[union-attr]
            if item.status is Status.UNSTATED and (
                    kind == "RECT" or len(item.response) == 1 or (kind == "H4" and not item.measures)):
                lead_at = body_start
                if kind == "H4":
                    lead_at = tok.marker.end()  # type: ignore[union-attr]
                if m := _STATUS_LEAD.match(p.text, lead_at):
                    item.status = _match_status(m)
                    label = m.group(0).strip(" 。．.，,；;：:*_")
                    at = p.span.start + m.start() + m.group(0).index(label)
                    item.status_label, item.status_span = label, p.span.part(at, at + len(label))
                    body_start = m.end()
            item.measures.extend(self._measures(p, body_start))
        return item

    @staticmethod
    def _ref(kind: str, h: Heading, path: str) -> str:
        if kind == "PROBLEM":
            return f"问题{h.number}"
        group = next((part for part in reversed(path.split("/")) if part.startswith(("（", "("))), "")
        return f"{group}第{h.number}项" if h.number is not None else h.marker

    def _measures(self, p: Paragraph, body_start: int) -> list[Measure]:
        text = p.text
        marks = list(_ENUMERATOR.finditer(text, body_start))
        if body_start < len(text) and (not marks or text[body_start:marks[0].start()].strip(" 。，,；;：:")):
            marks.insert(0, None)  # type: ignore[arg-type]
        out = []
        for i, m in enumerate(marks):
            start = m.start() if m else body_start
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            body = text[start:end].rstrip()
            if not body.strip(" 。，,；;：:"):
                continue
            out.append(Measure(span=p.span.part(p.span.start + start, p.span.start + start + len(body)),
                             marker=m.group(0) if m else None, text=body))
        return out

    def closing(self, tree: Tree, notice: Notice) -> None:
        sig = None
        for tok in tree.children:
            p = self.paragraph(tok, "closing")
            notice.closing.append(p)
            if tok.kind == "INVITE" and notice.invitation is None:
                notice.invitation = p
            if tok.kind == "ORG":
                sig = sig or Signature(span=p.span)
                sig.issuer, sig.issuer_span = p.text, p.span
            elif tok.kind == "DATE":
                sig = sig or Signature(span=p.span)
                sig.date_text, sig.date_span = p.text, p.span
                sig.span = self.span(sig.span.start, p.span.end)
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
        return Contact(span=self.span(min(s.start for s in spans), max(s.end for s in spans)), **found)

    def _block_span(self, tree: Tree) -> Span:
        lines = tree.leaves()
        return self.span(lines[0].start, lines[-1].end)


_LEVELS = {"H1": 1, "H1_NEXT": 1, "H2": 2, "H3": 3, "H4": 4, "PROBLEM": 3}  # heading token kind → its level

CONTACT_FIELDS: dict[str, re.Pattern[str]] = {
    "phone": patterns.compile(r"(?:电话|热线|联系方式)\s*[:：]?\s*(?:电话\s*[:：]?\s*)?"
                        r"(?P<v>[（(]?0\d{2,3}[）)]?[-－—\s]?\d{7,8}|1[3-9]\d{9}|\d{7,8}|12345|12388|12380)"),
    "address": patterns.compile(r"(?:邮政地址|通信地址|通讯地址|来信地址|地址)\s*[:：]?\s*(?P<v>[^；;。，,\s]{4,80})"),
    "postcode": patterns.compile(r"(?:邮政编码|邮编)\s*[:：]?\s*(?P<v>\d{6})(?!\d)"),
    "email": patterns.compile(r"(?P<v>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"),
}


def _feed(lines: list[L.Line]) -> Tree | None:
    """Group the lines by the grammar, demoting a line to TEXT wherever its own kind cannot stand."""
    try:
        tree, fed = lalr.group(lines, [ln.kind for ln in lines], "TEXT")
    except lalr.ParseError:  # LALR found the error late; fall back to an unstructured notice
        return None
    for ln, kind in zip(lines, fed, strict=True):
        ln.kind = kind
    return tree


def parse(source: SourceText) -> Notice:
    content, chrome = L.classify(source)
    tree = _feed(content) if content else None
    builder = _Builder(source)
    if tree is None:
        notice = Notice(span=builder.span(0, len(source.text)), structured=False)
        notice.paragraphs = [Paragraph(span=ln.span, text=ln.text) for ln in content]
    else:
        notice = builder.notice(tree)
        notice.structured = bool(notice.items or notice.sections or notice.groups or notice.title or (
            notice.signature and notice.signature.date_text))
    notice.chrome = [Chrome(span=ln.span, text=ln.text,
                           kind=ln.chrome_kind or "metadata") for ln in chrome]
    return notice
