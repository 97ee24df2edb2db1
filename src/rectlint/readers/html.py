"""Web page → the article's text: site chrome dropped, one block per line, positions in the extracted text.

The page is decoded by its BOM, its meta charset, or detection (GBK/GB2312 pages are read as GB18030,
their superset). The article body is the first container a government CMS uses for it (#zoom,
.TRS_Editor…) that holds text, else the block with the most paragraph text; its title is taken from
the page's h1 (or .title, or <title>) when the body does not start with it. Comments of the form
<!-- rectlint: … --> are kept verbatim on lines of their own, wherever they stand in the page.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from rectlint.readers.origin import Origin
from rectlint.source import ReadError, SourceText, decode

# Where government CMSs (TRS, Hanweb, Jcms…) and common templates put the article body, most specific first.
BODY_SELECTORS = ["#zoom", ".TRS_Editor", ".article", ".content", "#content", ".detail", "article", "main"]
TITLE_SELECTORS = ["h1", ".title", "#title", ".article-title", ".detail-title", ".tit", "h2"]
# Never part of a notice: scripts and page furniture.
DROP_TAGS = "script, style, noscript, template, iframe, svg, object, embed, select, button, input, textarea"
CHROME_TAGS = "nav, header, footer, aside"
# class/id words of navigation, sharing and printing widgets.
_CHROME_NAME = re.compile(r"(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|share|bdshare|"
                          r"print|toolbar|tools|fontsize|font-size|pager|pagination|prev|next|related|relate|"
                          r"sidebar|side|footer|header|copyright|qrcode|ewm|search|login)([-_\s]|$)", re.I)
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "dt",
              "dd", "section", "article", "main", "blockquote", "pre", "center", "hr", "address", "figure",
              "figcaption", "caption", "form", "fieldset", "header", "footer", "tbody", "thead", "tfoot"}
CELL_TAGS = {"td", "th"}
_MIN_BODY = 20  # characters of text a CMS container needs before it is taken for the body
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_SPACE = re.compile(r"[ \t\r\n\f]+")
_TITLE_SPLIT = re.compile(r"\s*[_|｜—–-]{1,2}\s*")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030"}
NOTE = "positions in the text extracted from the HTML page"


class HtmlOrigin(Origin):
    def describe(self, offset: int) -> str:
        return NOTE


def decode_page(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding): BOM first, then the declared charset if the bytes agree, then detection."""
    declared = None
    bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not bom and (m := _META_CHARSET.search(data[:4096])):
        declared = m.group(1).decode("ascii").lower()
    if declared:
        enc = _ALIASES.get(declared, declared)
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; let the bytes decide
    try:
        source = decode(data, path)
    except ReadError as exc:
        raise ReadError(f"cannot decode the web page: {exc}") from None
    return source.text, source.encoding


def _text_len(node: Any) -> int:
    return len(_SPACE.sub("", node.text(deep=True, separator="")))


def _link_len(node: Any) -> int:
    return sum(_text_len(a) for a in node.css("a"))


def _has_chrome_name(node: Any) -> bool:
    attrs = node.attributes
    return any(_CHROME_NAME.search(attrs.get(k) or "") for k in ("class", "id"))


def _drop(nodes: Any) -> None:
    """Remove nodes; only the outermost of nested ones, since removing a node frees its descendants."""
    nodes = list(nodes)
    ids = {n.mem_id for n in nodes}
    for node in [n for n in nodes if not _inside(n, ids)]:
        node.decompose()


def _inside(node: Any, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _in_chrome(node: Any) -> bool:
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        if parent.tag in ("header", "nav", "footer", "aside"):
            return True
        parent = parent.parent
    return False


def _densest(root: Any) -> Any:
    """The element whose own paragraphs and text hold the most non-link text."""
    best, best_score = root, -1
    for node in root.css("div, td, section, article, main, body"):
        score = 0
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                score += len(_SPACE.sub("", child.text_content or ""))
            elif child.tag in ("p", "span", "font", "strong", "b", "h1", "h2", "h3", "center"):
                score += _text_len(child) - _link_len(child)
        if score > best_score:
            best, best_score = node, score
    return best


def find_body(tree: Any) -> Any:
    for selector in BODY_SELECTORS:
        found = [n for n in tree.css(selector) if _text_len(n) >= _MIN_BODY]
        if found:
            return max(found, key=_text_len)
    _drop(n for n in tree.css("[class], [id]") if n.tag not in ("html", "body") and _has_chrome_name(n))
    _drop(tree.css(CHROME_TAGS))
    return _densest(tree.body or tree.root)


def _title(tree: Any, body: Any) -> str:
    """The article's title from outside the body (h1, .title…, else <title> less the site's name) when the
    body has none; only text that reads as a notice title, so a site's name never becomes one."""
    from rectlint.lines import TITLE

    if body.css_first("h1, h2") is not None:
        return ""
    texts = [_SPACE.sub(" ", n.text(deep=True)).strip()
             for selector in TITLE_SELECTORS for n in tree.css(selector) if not _in_chrome(n)]
    if (head := tree.css_first("title")) is not None:
        texts.append(_TITLE_SPLIT.split(head.text().strip())[0])
    return next((t for t in texts if len(t) <= 120 and TITLE.search(t)), "")


def _is_directive(node: Any) -> bool:
    return node.tag == "-comment" and (node.comment_content or "").strip().startswith("rectlint:")


def _directive(node: Any) -> str:
    return f"<!-- {(node.comment_content or '').strip()} -->"


def _walk(node: Any, out: list[str], kept: set[int]) -> None:
    """Append the text under `node`: blocks on lines of their own, cells after a tab, directives verbatim."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append(_SPACE.sub(" ", child.text_content or ""))
        elif _is_directive(child):
            out.append(f"\n{_directive(child)}\n")
            kept.add(child.mem_id)
        elif tag in CELL_TAGS:
            out.append("\t")
            _walk(child, out, kept)
        elif tag in BLOCK_TAGS:
            out.append("\n")
            _walk(child, out, kept)
            out.append("\n")
        else:
            _walk(child, out, kept)


def _lines(pieces: list[str]) -> list[str]:
    lines = []
    for raw in "".join(pieces).split("\n"):
        line = raw.strip(" \t\xa0\u3000")  # a row's first cell tab, and indentation
        if line:
            lines.append(line)
    return lines


def extract(page: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page)
    if tree.root is None:
        return ""
    # Directives anywhere in the page survive; those outside the body go before or after its text.
    order = {n.mem_id: i for i, n in enumerate(tree.root.traverse(include_text=True))}
    directives = [(order[n.mem_id], n.mem_id, _directive(n))
                  for n in tree.root.traverse(include_text=True) if _is_directive(n)]
    _drop(tree.css(DROP_TAGS))
    body = find_body(tree)
    _drop(body.css(CHROME_TAGS))
    _drop(n for n in body.css("[class], [id]") if _has_chrome_name(n) and _text_len(n) < 200)
    pieces: list[str] = []
    kept: set[int] = set()
    _walk(body, pieces, kept)
    lines = _lines(pieces)
    first = next((line for line in lines if not line.startswith("<!--")), "")
    if (title := _title(tree, body)) and not first.startswith(title):
        lines.insert(0, title)
    body_at = order[body.mem_id]
    before = [c for at, key, c in directives if key not in kept and at < body_at]
    after = [c for at, key, c in directives if key not in kept and at > body_at]
    return "\n".join([*before, *lines, *after]) + "\n"


def read(data: bytes, path: str) -> SourceText:
    page, encoding = decode_page(data, path)
    text = extract(page)
    if not text.strip() or all(line.startswith("<!--") for line in text.split("\n") if line):
        raise ReadError("the web page holds no article text")
    return SourceText(path=path, text=text, encoding=encoding, kind="html", origin=HtmlOrigin())
