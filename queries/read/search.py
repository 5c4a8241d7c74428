"""Search that matches with and without Vietnamese diacritics, over the read index, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.folding import ffold
from loaders.read_index import ReadIndex
from queries.read.paged import Paged


@dataclass(frozen=True)
class Entry:
    """One searchable resource: its label (matched first) and its longer text."""

    kind: str
    iri: str
    label: str
    text: str
    document: str | None = None


@dataclass(frozen=True)
class Hit:
    """An entry that matches a query; its snippet is cut when asked for, so only for the page shown."""

    entry: Entry
    score: float
    query: str

    @property
    def snippet(self) -> str:
        return _snippet(self.entry.text or self.entry.label, self.query)


def _snippet(text: str, phrase: str, width: int = 160) -> str:
    """A window of `text` (spaces collapsed) around the first diacritic-insensitive occurrence of `phrase`."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    at = max(ffold(text).find(ffold(phrase)), 0)
    start = max(0, min(at - width // 3, len(text) - width))
    return ("…" if start else "") + text[start : start + width].strip() + ("…" if start + width < len(text) else "")


class Hits(Paged[Hit]):
    """The hits of one query, best first; counted and read from the index a page at a time (len and slices)."""

    def __init__(self, index: ReadIndex, query: str, kinds: set[str] | None, theme: str | None = None) -> None:
        self.source, self.query, self.kinds, self.theme = index, query.strip(), kinds, theme

    def _count(self) -> int:
        return self.source.count(self.query, self.kinds, self.theme)

    def _read(self, offset: int, limit: int) -> list[Hit]:
        return [
            Hit(Entry(kind, iri, label, text, document), score, self.query)
            for kind, iri, label, text, document, score in self.source.search(
                self.query, self.kinds, limit, offset, self.theme
            )
        ]


class Search:
    """Documents, agencies and obligations, searchable with and without diacritics."""

    def __init__(self, index: ReadIndex) -> None:
        self.index = index

    def search(self, query: str, kinds: set[str] | None = None, theme: str | None = None) -> Hits:
        """Entries holding every word of `query` (accents optional; the last word also as a prefix), best first;
        with a `theme` IRI, only the obligations it tags.

        A phrase match in the label ranks above one in the text, above scattered words; when the query carries
        diacritics, entries that match them exactly rank above those that only match folded."""
        return Hits(self.index, query, kinds, theme)
