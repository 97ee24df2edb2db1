"""Parsing and checking never raise on text, and every reported span lies inside it and says where it is.

Every date and count of the facts slices to what it stands for. Also: any bytes at all, written to a file
and checked through the command line, end in exit code 0, 1 or 2 with a one-line reason, never a traceback;
and checking stays linear on long lines.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from helpers import lint, source
from rectlint.cli import main
from rectlint.diagnostics import Diagnostic
from rectlint.facts import COUNT_PARTS, resolve_facts
from rectlint.model import Span
from rectlint.parser import cn_to_int, parse

TEXTS = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
LINES = [ln for t in TEXTS for ln in t.splitlines()]
NOTICE_ALPHABET = st.sampled_from(list("一二三四五六七八九十（）()、.．：:，。；1234567890年月日至—-"
                                        "问题整改情况已完成正在中共党组关于的通报\n\r "))


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset, counted the slow way (CRLF, CR and LF each end a line)."""
    line, start, i = 1, 0, 0
    while i < offset:
        if text[i] == "\r" and text[i + 1:i + 2] == "\n":
            if i + 1 == offset:  # between the two halves of a CRLF: still on this line
                break
            i += 1
        if text[i] in "\r\n":
            line, start = line + 1, i + 1
        i += 1
    return line, offset - start + 1


def _located(d: Diagnostic, text: str) -> None:
    assert 0 <= d.offset < d.end_offset <= len(text), d
    assert text[d.offset:d.end_offset], d
    assert d.excerpt == text[d.offset:d.end_offset][:200], d
    assert (d.line, d.column) == line_column(text, d.offset), d
    assert (d.end_line, d.end_column) == line_column(text, d.end_offset), d


def _spans_ok(text: str) -> None:
    if not text.strip():
        return  # the reader refuses blank input before parsing (see test_reading)
    n = parse(source(text))
    for p in n.paragraphs:
        assert 0 <= p.span.start < p.span.end <= len(text)
        assert (p.span.line, p.span.column) == line_column(text, p.span.start)
    facts = resolve_facts(n)
    t = facts.timeline
    for ref in [*facts.dates, *t.chrome, *filter(None, (t.inspection, t.feedback, t.rectification, t.published))]:
        assert text[ref.span.start:ref.span.end] == ref.text, ref
        _placed(ref.span, text)
    for c in facts.counts:  # a statement's span and every figure in it
        _placed(c.span, text)
        assert text[c.span.start:c.span.end].strip() == c.text
        for x in (c.problems, c.total, *(getattr(c, k) for k in COUNT_PARTS)):
            if x is not None:
                _placed(x.span, text)
                assert cn_to_int(text[x.span.start:x.span.end]) == x.value, x
        if c.rate_span is not None and c.rate_text is not None:
            _placed(c.rate_span, text)
            assert text[c.rate_span.start:c.rate_span.end].startswith(c.rate_text[:-1]), c
    for d in lint(text):
        _located(d, text)


def _placed(span: Span, text: str) -> None:
    """A fact's span: non-empty, inside the text, both ends at the line and column they name."""
    assert 0 <= span.start < span.end <= len(text), span
    assert (span.line, span.column) == line_column(text, span.start), span
    assert (span.end_line, span.end_column) == line_column(text, span.end), span


def test_line_column_counts_every_kind_of_line_end() -> None:
    text = "ab\r\ncd\ref\ngh"
    assert [line_column(text, text.index(c)) for c in "acegh"] == [(1, 1), (2, 1), (3, 1), (4, 1), (4, 2)]
    assert line_column(text, 3) == (1, 4)  # the LF of a CRLF still belongs to the first line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    _spans_ok(text)


@settings(max_examples=150, deadline=None)
@given(st.text(NOTICE_ALPHABET, min_size=1, max_size=400))
def test_notice_shaped_noise(text: str) -> None:
    _spans_ok(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=60), st.sampled_from(["\n", "\r\n", "\r"]))
def test_example_lines_dropped_duplicated_and_shuffled(lines: list[str], newline: str) -> None:
    _spans_ok(newline.join(lines))


@st.composite
def damaged_examples(draw) -> str:
    """A bundled example with lines dropped, doubled, cut short and moved, then the whole cut at some point."""
    lines = draw(st.sampled_from(TEXTS)).splitlines()
    rng = random.Random(draw(st.integers(0, 2**32)))
    out = []
    for ln in lines:
        roll = rng.random()
        if roll < 0.15:
            continue
        if roll < 0.3:
            out.append(ln)
        out.append(ln[:rng.randrange(len(ln) + 1)] if rng.random() < 0.2 else ln)
    for _ in range(rng.randrange(4)):
        if len(out) > 1:
            i, j = rng.randrange(len(out)), rng.randrange(len(out))
            out.insert(j, out.pop(i))
    text = "\n".join(out)
    return text[:draw(st.integers(0, len(text)))] if draw(st.booleans()) else text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_examples())
def test_damaged_examples(text: str) -> None:
    _spans_ok(text)


@st.composite
def file_bytes(draw) -> bytes:
    """Anything a file may hold: random bytes, or an example encoded one way or another, then damaged."""
    if draw(st.booleans()):
        return draw(st.binary(min_size=0, max_size=2000))
    text = draw(st.sampled_from(TEXTS))[:draw(st.integers(1, 3000))]
    data = bytearray(text.encode(draw(st.sampled_from(["utf-8", "gb18030", "utf-16"]))))  # utf-16 has its BOM
    rng = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(draw(st.integers(0, 6))):
        at = rng.randrange(len(data) + 1)
        kind = rng.random()
        if kind < 0.4 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)  # a flipped byte
        elif kind < 0.7:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))  # inserted junk
        else:
            del data[at:]  # cut short, perhaps inside a character
    return bytes(data)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_bytes())
def test_any_bytes_through_the_command_line(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "input.txt"
        f.write_bytes(data)
        checked = CliRunner().invoke(main, ["check", "--output-format", "json", str(f)])
        parsed = CliRunner().invoke(main, ["parse", str(f)])
    assert checked.exit_code in (0, 1, 2), checked.output
    assert parsed.exit_code in (0, 2), parsed.output
    for r in (checked, parsed):
        assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
        assert "Traceback" not in r.output and "internal error" not in r.output, r.output
    entry = json.loads(checked.stdout)["files"][0]
    if checked.exit_code == 2:
        assert entry["error"] and "\n" not in entry["error"] and not entry["diagnostics"]
        assert parsed.stderr.startswith(f"rectlint: error: {f}: ") and parsed.stderr.count("\n") == 1
    else:
        assert "error" not in entry


def test_long_lines_are_checked_in_linear_time() -> None:
    """Shapes that were once quadratic: a sentence of thousands of dates (the opening's events), and a clause
    of thousands of candidate matches (a pack rule's exceptions). 128 KB of either took up to 20 s."""
    for unit in ("2025年4月8日至5月30日，", "整改进展：正在整改", "向巡察办报送整改报告，完成率127%，"):
        text = unit * (128_000 // len(unit))
        started = time.monotonic()
        found = lint(text)
        assert time.monotonic() - started < 6, unit
        for d in found[:50]:
            _located(d, text)
