"""What a file is, from its first bytes: the formats officials publish plans in."""

from __future__ import annotations

import io
import zipfile

# The formats vn-cascade tells apart, with what each is called in messages.
FORMATS = {
    "text": "plain text",
    "docx": "Word document (.docx)",
    "doc": "Word 97-2003 document (.doc)",
    "pdf": "PDF",
    "html": "web page (HTML)",
    "image": "image",
    "zip": "ZIP archive",
    "damaged-zip": "damaged ZIP container (a .docx is one)",
    "odt": "OpenDocument text (.odt)",
    "rtf": "Rich Text Format (.rtf)",
}

_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<div", b"<p>", b"<table")


def sniff(data: bytes) -> str:
    """The format of a file's bytes (a key of FORMATS); 'text' when nothing more specific fits."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2 compound file: Word 97-2003
        return "doc"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8")):
        return "image"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "damaged-zip"
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names and "mimetype" in names:
            return "odt"
        return "zip"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(mark in head[:1024] for mark in _HTML_MARKS) and (b"</" in head or b"<!doctype" in head):
        return "html"
    return "text"
