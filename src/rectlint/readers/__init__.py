"""Readers for notices kept as Word documents, web pages and PDFs.

Each reader turns one format into a SourceText whose text has one paragraph per line, and attaches an
origin that maps offsets in that text back to the original (paragraph, page…). Plain text is not read
here: source.decode keeps it byte-exact. The libraries a reader needs are imported only when a file
of its format is read.
"""

from __future__ import annotations

from importlib import import_module

from rectlint.readers.formats import detect
from rectlint.source import SourceText


def read_document(data: bytes, path: str) -> SourceText | None:
    """The notice in `data` read by its format's reader, or None when it is plain text.

    Raises ReadError for a file of a format rectlint cannot read, naming the format.
    """
    kind = detect(data, path)
    if kind == "text":
        return None
    return import_module(f"rectlint.readers.{kind}").read(data, path)
