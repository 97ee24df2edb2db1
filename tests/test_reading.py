"""Reading: encodings are detected from the bytes, positions refer to the decoded text."""

from __future__ import annotations

import codecs

import pytest

from rectlint.source import ReadError, decode, read_bytes, read_path

NOTICE = ("中共青禾市水利局党组\n关于巡察整改情况的通报\n"
          "根据市委统一部署，2025年4月8日至5月30日，市委第二巡察组对市水利局党组进行了巡察。\n")


@pytest.mark.parametrize(("encoding", "bom", "expect"), [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),  # GBK bytes are GB18030 bytes
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
])
def test_encodings_are_detected_from_content(encoding: str, bom: bytes, expect: str) -> None:
    src = decode(bom + NOTICE.encode(encoding), "notice.txt")
    assert src.text == NOTICE
    assert src.encoding == expect
    assert src.bom == bool(bom)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_keep_positions_in_the_decoded_text(newline: str) -> None:
    text = NOTICE.replace("\n", newline)
    src = decode(text.encode("gb18030"))
    assert src.newline == newline
    offset = text.index("2025年4月8日")
    pos = src.position(offset)
    assert (pos.line, pos.column) == (3, 10)
    assert src.line_text(3).startswith("根据市委统一部署")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_starts_whether_found_alone_or_by_the_lines_split(newline: str) -> None:
    text = NOTICE.replace("\n", newline)
    alone, split = decode(text.encode()), decode(text.encode())
    lines = split.line_texts()
    assert alone.line_starts == split.line_starts
    assert [text[start:start + len(line)] for start, line in zip(split.line_starts, lines, strict=True)] == lines


def test_a_name_does_not_decide_the_encoding(tmp_path) -> None:
    f = tmp_path / "utf8-named.gbk.txt"
    f.write_bytes(NOTICE.encode("gb18030"))
    assert read_path(f).text == NOTICE


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"  \n\t\n", "whitespace"),
    ("\u3000\u3000\n".encode(), "whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
])
def test_bad_input_is_a_one_line_read_error(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(data, "x.txt")
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_and_directory_paths(tmp_path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "absent.txt")
    with pytest.raises(ReadError, match="directory"):
        read_path(tmp_path)
