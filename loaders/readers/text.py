"""Plain text files: UTF-8 as it is, and Vietnamese in the encodings before Unicode converted (TCVN3, VNI, VIQR,
Windows-1258), whether the file holds their bytes or a Unicode copy of what they looked like."""

from __future__ import annotations

import dataclasses

from loaders.readers.legacy_encodings import convert_text, decode_legacy_bytes, legacy_text_encoding
from loaders.source import IngestError, SourceText, canonical, decode


def read_text(data: bytes, path: str) -> SourceText:
    """The text of a plain text file in Unicode; `encoding` names the legacy encoding it was converted from."""
    try:
        source = decode(data, path)
    except IngestError as refusal:
        legacy = decode_legacy_bytes(data) if refusal.reason.startswith("not UTF-8") else None
        if legacy is None:
            raise
        text, name = legacy
        return dataclasses.replace(decode(canonical(text).encode("utf-8"), path), encoding=name)
    encoding = legacy_text_encoding(source.text)
    if encoding is None:
        return source
    return dataclasses.replace(source, text=canonical(convert_text(source.text, encoding)), encoding=encoding)
