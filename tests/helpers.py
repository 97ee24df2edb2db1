"""Small helpers shared by the tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rectlint import registry
from rectlint.diagnostics import Diagnostic
from rectlint.engine import Settings, analyse, check
from rectlint.registry import select_rules
from rectlint.report.base import FileResult
from rectlint.rule import Document
from rectlint.source import SourceText


def source(text: str, path: str = "<test>") -> SourceText:
    """Already-decoded text (decoding has tests of its own)."""
    return SourceText(path=path, text=text)


def lint(text: str, select: str | None = None, options: dict | None = None) -> list[Diagnostic]:
    rules = select_rules([select]) if select else select_rules()
    opts = {r.code: options for r in rules} if options else {}
    return check(source(text), Settings(rules=rules, options=opts))[1]


def doc_of(text: str) -> Document:
    return analyse(source(text))


# A notice with planted defects whose text also looks like markup (<抽检>, A&B, an HTML comment), for the
# HTML report: W003 nests inside E007, and the report tests add findings that cross and span lines.
MARKUP_NOTICE = """中共白沙县市场监督管理局党组关于巡察整改情况的通报

根据县委统一部署，2025年3月3日至4月25日，县委第一巡察组对县市场监管局党组进行了巡察。5月20日，县委第一巡察组向县市场监管局党组反馈了巡察意见。按照《中国共产党巡视工作条例》有关规定，现将巡察整改情况予以公布。

截至目前，巡察反馈的4个问题中，已完成整改3个，正在整改1个，整改完成率80%。

一、整改落实情况

1.食品安全<抽检>工作不够扎实。

整改情况：已完成。一是6月12日修订《食品安全抽检工作规程》，将“A&B类”高风险食品纳入月度抽检计划，抽检样品320批次。二是截止目前，对抽检不合格的9批次食品全部依法处置，罚没款4.2万元。

2.特种设备安全监管存在薄弱环节。

整改情况：已完成。一是高度重视，确保确保严格落实监管责任，切实做到进一步规范。二是今后将长期坚持，确保不再发生类似问题。

3.网站信息发布审核把关不严<!-- 待核 -->。

整改情况：已完成。一是2月30日印发《网站信息发布审核办法》，实行“三审三校”制度。二是对2024年以来发布的信息1160条逐条复核,更正错误信息7条。

4.投诉举报处置不够及时。

整改情况：正在整改。一是建立投诉举报“日清周结”工作机制，7月至9月办结投诉举报1386件。二是部分积压件目前仍在处理。

二、下一步工作打算

县市场监管局党组将持续抓好整改落实，巩固整改成果。

欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。联系电话：0731-5551234；邮政编码：410000；电子邮箱：bsscjg@163.com。

中共白沙县市场监督管理局党组
2025年8月15日
"""


def planted(src: SourceText, code: str, excerpt: str, message: str, nth: int = 0) -> Diagnostic:
    """A finding of rule `code` on the nth occurrence of `excerpt` (for spans no rule happens to report)."""
    from rectlint.registry import find_rule

    start = -1
    for _ in range(nth + 1):
        start = src.text.index(excerpt, start + 1)
    end = start + len(excerpt)
    rule = find_rule(code)
    a, b = src.position(start), src.position(end)
    return Diagnostic(code=rule.code, name=rule.name, category=rule.category, severity=rule.severity,
                      message=message, offset=start, end_offset=end, line=a.line, column=a.column, end_line=b.line,
                      end_column=b.column, excerpt=src.text[start:end])


def html_report(directory: Path, examples: Path) -> tuple[str, list[FileResult]]:
    """The HTML page for the bundled examples, MARKUP_NOTICE with LF and with CR LF line ends (the latter with
    planted findings that cross another, repeat another's span and span lines), and a missing file."""
    from rectlint.discover import Target
    from rectlint.report.base import ReportContext
    from rectlint.report.html import Html
    from rectlint.runner import RunOptions, check_target

    (directory / "markup.txt").write_text(MARKUP_NOTICE, "utf-8", newline="\n")
    (directory / "markup-crlf.txt").write_text(MARKUP_NOTICE, "utf-8", newline="\r\n")
    targets = [Target(f"examples/{p.name}", p) for p in sorted(examples.glob("*.txt"))]
    targets += [Target(f"notices/{name}", directory / name) for name in ("markup.txt", "markup-crlf.txt", "gone.txt")]
    settings = Settings(rules=select_rules())
    options = RunOptions(lambda _target: settings, summary=True)
    results = [check_target(t, options).result for t in targets]
    crlf = results[-2]
    assert crlf.source is not None
    crlf.diagnostics += [
        planted(crlf.source, "W005", "进一步规范。二是今后", "crosses the end of E007's span"),
        planted(crlf.source, "W002", "确保确保", "the same span as W003"),
        planted(crlf.source, "S009", "<!-- 待核 -->。\r\n\r\n整改情况", "spans lines"),
    ]
    crlf.diagnostics.sort(key=Diagnostic.sort_key)
    page = Html(ReportContext())
    for r in results:
        page.file(r)
    return page.finish(), results


# A rule pack of both kinds, as a team would keep next to its notices.
GOOD_PACK = """
pack: local
rules:
  - code: LX001
    name: old-ministry-name
    kind: substitution
    category: wording
    severity: warning
    summary: The ministry's name before the 2018 reform.
    message: "“{match}”应为“{replacement}”"
    swap:
      - pattern: 国家生态环境部
        replacement: 生态环境部
        safe: true
    doc: {what: a, why: b, example: c, use_instead: d}
  - code: LX002
    name: banned-phrase
    kind: existence
    category: wording
    severity: info
    summary: A phrase the house style bans.
    message: "避免使用“{match}”"
    tokens: [高度重视]
    exceptions: [高度重视并]
    doc: {what: a, why: b, example: c, use_instead: d}
"""


@contextmanager
def installed_plugin(folder: Path, monkeypatch, module: str) -> Iterator[None]:
    """The module `folder/module.py` installed as a distribution declaring the `rectlint.rules` entry point,
    for as long as the block runs (the registry is rebuilt on the way in and out)."""
    dist = folder / f"{module}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 1.0\n", "utf-8")
    (dist / "entry_points.txt").write_text(f"[rectlint.rules]\nplugin = {module}\n", "utf-8")
    monkeypatch.syspath_prepend(str(folder))
    registry.all_rules.cache_clear()
    try:
        yield
    finally:
        sys.modules.pop(module, None)
        registry.all_rules.cache_clear()
