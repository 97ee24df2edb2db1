"""Which reader a file needs: by its magic bytes first, then by its name.

A PDF or Word file named .txt is still read as what it is; a file rectlint cannot read (old .doc,
spreadsheets, images, archives) is a one-line ReadError that names the format.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from rectlint import patterns
from rectlint.source import ReadError

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .doc, .xls, .ppt, .wps, encrypted .docx

_OLE2_NAMES = {
    ".doc": "Word 97-2003 document (.doc)", ".wps": "WPS document (.wps)", ".xls": "Excel 97-2003 workbook (.xls)",
    ".ppt": "PowerPoint 97-2003 presentation (.ppt)", ".docx": "password-protected .docx (encrypted)",
}
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"), (b"Rar!", "RAR archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"{\\rtf", "RTF document"), (b"\x00\x00\x00\x0cjP  ", "JPEG 2000 image"),
]
_ZIP_NAMES = [
    ("xl/workbook.xml", "Excel workbook (.xlsx)"), ("ppt/presentation.xml", "PowerPoint presentation (.pptx)"),
    ("content.xml", "OpenDocument file (.odt/.ods)"), ("META-INF/container.xml", "EPUB book"),
]
_HTML_START = patterns.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta)\b",
                         re.IGNORECASE | re.DOTALL)
_UNSUPPORTED = "{} is not supported (rectlint reads plain text, .docx, .html and .pdf)"
_SAVE_AS_DOCX = "{} is not supported; save it as .docx"
_WORD_LIKE = ("document", "OpenDocument")


def detect(data: bytes, path: str) -> str:
    """"docx", "html", "pdf" or "text"; ReadError for a format no reader handles."""
    suffix = Path(path).suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, suffix)
    if data.startswith(OLE2):
        if suffix == ".docx":
            raise ReadError("password-protected .docx (encrypted); remove the password first")
        raise ReadError(_unsupported(_OLE2_NAMES.get(suffix, "old Office document (OLE2 compound file)")))
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        raise ReadError(_unsupported("WEBP image"))
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise ReadError(_unsupported(name))
    if suffix == ".pdf":
        raise ReadError("not a PDF file (no %PDF header)")
    if suffix == ".docx":
        raise ReadError("not a Word .docx file (not a zip archive)")
    if suffix in HTML_SUFFIXES or _HTML_START.match(data[:2048].lstrip(b"\xef\xbb\xbf")):
        return "html"
    return "text"


def _zip_kind(data: bytes, suffix: str) -> str:
    import zipfile  # pulls in the compression modules: only for zip files

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        what = "corrupt .docx" if suffix == ".docx" else "corrupt zip archive"
        raise ReadError(f"{what} ({exc})") from None
    if "word/document.xml" in names:
        return "docx"
    name = next((name for marker, name in _ZIP_NAMES if marker in names), None)
    if name:
        raise ReadError(_unsupported(name))
    if suffix == ".docx":
        raise ReadError("not a Word document (zip archive without word/document.xml)")
    raise ReadError("zip archive, not a notice")


def _unsupported(name: str) -> str:
    if name.endswith("image"):
        return f"binary file ({name}), not text; run OCR first"
    return (_SAVE_AS_DOCX if any(w in name for w in _WORD_LIKE) else _UNSUPPORTED).format(name)
