"""Files in, canonical text out: the reader for a file is chosen by its content (not its name), and each gives the
NFC text the parser takes with a map from that text back to where it was in the file (paragraph, table cell)."""

from __future__ import annotations

from loaders.readers.detect import FORMATS, sniff
from loaders.readers.documents import read_document

__all__ = ["FORMATS", "read_document", "sniff"]
