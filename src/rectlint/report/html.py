"""`--output-format html`: one self-contained page for reviewers (inline CSS and JS, no network).

For every notice: its summary figures, its text with each finding highlighted in place, and a list of
the findings by category and severity, each linked to its highlight and to its rule's documentation.
The output depends only on the input (no clock, no absolute paths), so it can be snapshot-tested.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from typing import Any

from rectlint import __version__
from rectlint.diagnostics import Category, Diagnostic, Severity
from rectlint.model import STATUS_LABELS, Status
from rectlint.report.base import FileResult, ReportContext, Reporter
from rectlint.report.highlight import Piece, mark_up
from rectlint.resources import files

NO_TITLE = "（未识别标题）"
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def _asset(name: str) -> str:
    return files("rectlint.report").joinpath(name).read_text("utf-8")


def esc(value: Any) -> str:
    return escape(str(value), quote=True)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


# ---------------------------------------------------------------------------------------------------
# Rule documentation: the docstring's Markdown subset (## headings, ``` fences, `code`, paragraphs, lists)


_CODE = re.compile(r"`([^`]+)`")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _join(lines: list[str]) -> str:
    """Lines of one paragraph joined as a reader would: no space where a line break falls inside CJK text."""
    out = ""
    for line in lines:
        line = line.strip()
        out = out + line if not out or (_CJK.match(out[-1]) and _CJK.match(line[:1])) else f"{out} {line}"
    return out


def _inline(text: str) -> str:
    return _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escape(text, quote=False))


def doc_html(markdown: str) -> str:
    out: list[str] = []
    para: list[str] = []
    fence: list[str] | None = None
    listing = False

    def flush() -> None:
        nonlocal listing
        if para:
            out.append(f"<p>{_inline(_join(para))}</p>")
            para.clear()
        if listing:
            out.append("</ul>")
            listing = False

    for line in markdown.splitlines():
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith("```"):
                out.append(f"<pre>{escape(chr(10).join(fence), quote=False)}</pre>")
                fence = None
            else:
                fence.append(line)
        elif stripped.startswith("```"):
            flush()
            fence = []
        elif m := re.match(r"(#{1,6})\s+(.*)", stripped):
            flush()
            out.append(f"<h4>{_inline(m.group(2))}</h4>")
        elif stripped.startswith(("- ", "* ")):
            if para:
                out.append(f"<p>{_inline(_join(para))}</p>")
                para.clear()
            if not listing:
                out.append("<ul>")
                listing = True
            out.append(f"<li>{_inline(stripped[2:])}</li>")
        elif not stripped:
            flush()
        else:
            para.append(stripped)
    if fence is not None:  # an unclosed fence still shows its text
        out.append(f"<pre>{escape(chr(10).join(fence), quote=False)}</pre>")
    flush()
    return "".join(out)


# ---------------------------------------------------------------------------------------------------


class Html(Reporter):
    # Files that could not be checked are listed in the index, and named on stderr too: the page is
    # usually written to a file for someone else, and whoever runs the command should see them at once.
    reports_errors = False
    needs_summary = True
    needs_source = True

    def __init__(self, context: ReportContext) -> None:
        super().__init__(context)
        self.articles: list[str] = []
        self.index_rows: list[str] = []
        self.codes: set[str] = set()  # the rules whose documentation the appendix holds

    # -- per file ------------------------------------------------------------------------------------

    def file(self, result: FileResult) -> str:
        self.count(result)
        number = self.files
        anchor = f"file-{number}"
        if result.error:
            self.index_rows.append(
                f'<tr class="failed" id="{anchor}"><td class="num">{number}</td><td>{esc(result.path)}</td>'
                f'<td colspan="4" class="error-cell"><strong>无法检查：</strong>{esc(result.error)}</td></tr>')
            return ""
        counts = Counter(d.severity for d in result.diagnostics)
        cells = "".join(f'<td class="num sev-{s}">{counts[s] or ""}</td>' for s in SEVERITIES)
        self.index_rows.append(
            f'<tr><td class="num">{number}</td><td><a href="#{anchor}">{esc(result.path)}</a></td>'
            f'<td>{esc(result.summary.get("title") or NO_TITLE)}</td>{cells}</tr>')
        self.articles.append(self.article(result, number, anchor))
        return ""

    def article(self, result: FileResult, number: int, anchor: str) -> str:
        diags = result.diagnostics
        ids = {id(d): f"f{number}-{i}" for i, d in enumerate(diags, 1)}
        self.codes.update(d.code for d in diags)
        summary = result.summary or {}
        return (f'<article class="notice" id="{anchor}" data-file="{esc(result.path)}">'
                f'<header class="notice-head"><p class="file-path">{number}. {esc(result.path)}</p>'
                f'<h2>{esc(summary.get("title") or NO_TITLE)}</h2>{self.meta(summary)}</header>'
                f'<section class="figures">{self.status_card(summary)}{self.rate_card(summary)}'
                f'{self.findings_card(diags)}</section>'
                f'<div class="workspace"><section class="text-pane" aria-label="通报全文"><h3>通报全文</h3>'
                f'<div class="notice-text" lang="zh-CN">{self.text(result, ids)}</div></section>'
                f'{self.side_list(diags, ids)}</div></article>')

    @staticmethod
    def meta(summary: dict[str, Any]) -> str:
        fields = [("发文单位", summary.get("issuer")), ("成文日期", summary.get("published_text")),
                  ("整改事项", f"{summary['items']}项" if summary.get("items") else None)]
        shown = "".join(f"<div><dt>{k}</dt><dd>{esc(v)}</dd></div>" for k, v in fields if v)
        return f'<dl class="meta">{shown}</dl>' if shown else ""

    @staticmethod
    def status_card(summary: dict[str, Any]) -> str:
        by_status: dict[str, int] = summary.get("by_status") or {}
        stated = (summary.get("stated") or {})
        parts = stated.get("parts", {}) if stated.get("subject") == "问题" else {}
        rows = []
        for status in Status:
            key = str(status)
            count, claim = by_status.get(key, 0), parts.get(key)
            if not count and claim is None:
                continue
            differs = claim is not None and claim != count
            mark = ' class="differs"' if differs else ""
            rows.append(f'<tr{mark}><th>{STATUS_LABELS[status]}</th>'
                        f'<td class="num">{count}</td><td class="num">{"" if claim is None else claim}</td></tr>')
        total_claim = stated.get("problems")
        items = summary.get("items", 0)
        differs = total_claim is not None and total_claim != items
        rows.append(f'<tr class="total{" differs" if differs else ""}"><th>合计</th><td class="num">{items}</td>'
                    f'<td class="num">{"" if total_claim is None else total_claim}</td></tr>')
        return ('<div class="card"><h3>整改事项</h3><table class="figures-table"><thead><tr><th>状态</th>'
                '<th>逐项标注</th><th>通报所称</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    @staticmethod
    def rate_card(summary: dict[str, Any]) -> str:
        stated = summary.get("stated") or {}
        by_status = summary.get("by_status") or {}
        recomputed = summary.get("recomputed_rate")
        agrees = summary.get("rate_agrees")
        verdict = {True: ("ok", "一致"), False: ("bad", "不一致"), None: ("na", "无法比较")}[agrees]
        if agrees is None and stated.get("rate") is not None:
            if stated.get("subject") != "问题":
                verdict = ("na", f"无法比较：通报按{stated['subject']}计算完成率")
            elif stated.get("total") not in (None, summary.get("items")):
                verdict = ("na", f"无法比较：通报称问题{stated['total']}个，逐项列出{summary.get('items', 0)}项")
        basis = (f'{by_status.get("done", 0)} ÷ {summary.get("items", 0)}' if recomputed is not None
                 else "各项均未标注状态")
        subject = f"（按{esc(stated['subject'])}计）" if stated.get("subject") not in (None, "问题") else ""
        quote = (f'<blockquote>第{stated["line"]}行：{esc(stated["text"])}</blockquote>' if stated else
                 '<p class="none">通报未给出总体完成情况。</p>')
        return ('<div class="card"><h3>完成率</h3><div class="rates">'
                f'<div class="rate"><span class="big">{_percent(recomputed)}</span>'
                f'<span class="label">按逐项标注计算<br>（已完成 {basis}）</span></div>'
                f'<div class="rate{" bad" if agrees is False else ""}"><span class="big">'
                f'{esc(stated.get("rate_text") or "—")}</span>'
                f'<span class="label">通报所称{subject}</span></div></div>'
                f'<p class="verdict {verdict[0]}">{esc(verdict[1])}</p>{quote}</div>')

    @staticmethod
    def findings_card(diags: list[Diagnostic]) -> str:
        table = Counter((d.category, d.severity) for d in diags)
        head = "".join(f'<th class="sev-{s}">{SEVERITY_LABELS[s]}</th>' for s in SEVERITIES)
        rows = []
        for cat in Category:
            if not any(table[cat, s] for s in SEVERITIES):
                continue
            cells = "".join(f'<td class="num">{table[cat, s] or ""}</td>' for s in SEVERITIES)
            rows.append(f"<tr><th>{cat.label}</th>{cells}</tr>")
        by_sev = Counter(d.severity for d in diags)
        totals = "".join(f'<td class="num">{by_sev[s]}</td>' for s in SEVERITIES)
        body = "".join(rows) if rows else '<tr><td colspan="4" class="none">未发现问题</td></tr>'
        return (f'<div class="card"><h3>检查发现 <span class="count">{len(diags)}</span></h3>'
                f'<table class="figures-table"><thead><tr><th>类别</th>{head}</tr></thead><tbody>{body}'
                f'<tr class="total"><th>合计</th>{totals}</tr></tbody></table></div>')

    @staticmethod
    def text(result: FileResult, ids: dict[int, str]) -> str:
        if result.source is None:
            return ""

        def open_tag(piece: Piece) -> str:
            d: Diagnostic = piece.key
            fid = ids[id(d)]
            first = f' id="{fid}"' if piece.part == 0 else f' data-part="{piece.part}"'
            return (f'<mark class="hl sev-{d.severity}"{first} data-finding="{fid}" data-code="{d.code}" '
                    f'data-start="{piece.start}" data-end="{piece.end}" '
                    f'title="{esc(f"{d.code} {SEVERITY_LABELS[d.severity]}：{d.message}")}">')

        spans = [(d.offset, d.end_offset, d) for d in result.diagnostics]
        return mark_up(result.source.text, spans, open_tag, "</mark>")

    def side_list(self, diags: list[Diagnostic], ids: dict[int, str]) -> str:
        groups = []
        for cat in Category:
            in_cat = [d for d in diags if d.category is cat]
            if not in_cat:
                continue
            blocks = []
            for sev in SEVERITIES:
                found = [d for d in in_cat if d.severity is sev]
                if found:
                    entries = "".join(self.entry(d, ids[id(d)]) for d in found)
                    blocks.append(f'<h5 class="sev-{sev}">{SEVERITY_LABELS[sev]} <span class="count">'
                                  f'{len(found)}</span></h5><ol>{entries}</ol>')
            groups.append(f'<section class="category" data-category="{cat}"><h4>{cat.label}'
                          f'<span class="en">{cat}</span><span class="count">{len(in_cat)}</span></h4>'
                          f'{"".join(blocks)}</section>')
        body = "".join(groups) or '<p class="none">未发现问题。</p>'
        return (f'<aside class="findings" aria-label="检查发现"><h3>检查发现 <span class="count">{len(diags)}'
                f'</span></h3>{body}</aside>')

    @staticmethod
    def entry(d: Diagnostic, fid: str) -> str:
        fix = ""
        if d.fix:
            kind = "可自动修正" if d.fix.applicability == "safe" else "修改建议"
            fix = f'<p class="fix">{kind}：{esc(d.fix.message)}</p>'
        return (f'<li class="finding sev-{d.severity}" data-target="{fid}" data-start="{d.offset}" '
                f'data-end="{d.end_offset}"><a class="jump" href="#{fid}">'
                f'<span class="where"><span class="code">{d.code}</span> 第{d.line}行第{d.column}列</span>'
                f'<span class="message">{esc(d.message)}</span></a>{fix}'
                f'<a class="rule-link" href="#rule-{d.code}" data-rule="{d.code}">规则说明</a></li>')

    # -- the page ------------------------------------------------------------------------------------

    def rules_appendix(self) -> str:
        from rectlint.registry import find_rule

        docs = []
        for code in sorted(self.codes):
            rule = find_rule(code)
            if rule is None:
                continue
            fixable = "可自动修正" if rule.fixable else "无自动修正"
            facts = (f"{Category(rule.category).label}（{rule.category}）· 默认级别："
                     f"{SEVERITY_LABELS.get(rule.severity, rule.severity)} · {fixable}")
            lead, _, rest = rule.documentation().partition("\n\n")  # the first paragraph says what it reports
            docs.append(f'<details class="rule-doc" id="rule-{code}"><summary><span class="code">{code}</span> '
                        f'<span class="rule-name">{esc(rule.name)}</span><span class="rule-summary">'
                        f'{_inline(_join(lead.splitlines()))}</span></summary><div class="doc-body">'
                        f'<p class="rule-facts">{esc(facts)}</p>{doc_html(rest)}</div></details>')
        if not docs:
            return ""
        return f'<section class="rules" id="rules"><h2>规则说明</h2>{"".join(docs)}</section>'

    def totals(self) -> str:
        sev = self.severities
        total = sum(sev.values())
        checked = self.files - self.errors
        parts = "".join(f'<span class="pill sev-{s}">{SEVERITY_LABELS[s]} {sev[str(s)]}</span>' for s in SEVERITIES)
        failed = f'<span class="pill failed">无法检查 {self.errors}</span>' if self.errors else ""
        return f'<p class="totals">检查通报 {checked} 份，发现问题 {total} 处 {parts}{failed}</p>'

    def index(self) -> str:
        if self.files < 2 and not self.errors:
            return ""
        head = "".join(f'<th class="sev-{s}">{SEVERITY_LABELS[s]}</th>' for s in SEVERITIES)
        return (f'<nav class="file-index" aria-label="文件索引"><h2>文件索引</h2><table><thead><tr><th>#</th>'
                f'<th>文件</th><th>通报标题</th>{head}</tr></thead><tbody>{"".join(self.index_rows)}</tbody>'
                '</table></nav>')

    def finish(self) -> str:
        return (
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="rectlint {__version__}"><link rel="icon" href="data:,">'
            f'<title>整改通报检查报告 · rectlint</title><style>{_asset("html.css")}</style></head>'
            f'<body><header class="page-head"><h1>整改通报检查报告</h1>{self.totals()}</header><main>'
            f'{self.index()}{"".join(self.articles)}{self.rules_appendix()}</main>'
            f'<footer class="page-foot">由 rectlint {__version__} 生成</footer>'
            '<dialog id="rule-dialog" aria-label="规则说明"><form method="dialog"><button class="close" '
            'aria-label="关闭">×</button></form><div class="dialog-body"></div></dialog>'
            f'<script>{_asset("html.js")}</script></body></html>\n')
