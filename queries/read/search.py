"""Search that matches with and without Vietnamese diacritics, over the read index, one page at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from loaders.folding import ffold
from loaders.read_index import ReadIndex


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


class Hits(Sequence[Hit]):
    """The hits of one query, best first; counted and read from the index a page at a time (len and slices)."""

    def __init__(self, index: ReadIndex, query: str, kinds: set[str] | None) -> None:
        self.source, self.query, self.kinds = index, query.strip(), kinds
        self._total: int | None = None

    def __len__(self) -> int:
        if self._total is None:
            self._total = self.source.count(self.query, self.kinds)
        return self._total

    @overload
    def __getitem__(self, at: int) -> Hit: ...
    @overload
    def __getitem__(self, at: slice) -> list[Hit]: ...
    def __getitem__(self, at: int | slice) -> Hit | list[Hit]:
        if isinstance(at, int):
            found = self._page(at if at >= 0 else len(self) + at, 1)
            if not found:
                raise IndexError(at)
            return found[0]
        start, stop, step = at.indices(len(self))
        page = self._page(start, max(stop - start, 0))
        return page[::step] if step != 1 else page

    def __iter__(self) -> Iterator[Hit]:
        return iter(self._page(0, -1))

    def _page(self, offset: int, limit: int) -> list[Hit]:
        if limit == 0:
            return []
        return [
            Hit(Entry(kind, iri, label, text, document), score, self.query)
            for kind, iri, label, text, document, score in self.source.search(self.query, self.kinds, limit, offset)
        ]


class Search:
    """Documents, agencies and obligations, searchable with and without diacritics."""

    def __init__(self, index: ReadIndex) -> None:
        self.index = index

    def search(self, query: str, kinds: set[str] | None = None) -> Hits:
        """Entries holding every word of `query` (accents optional; the last word also as a prefix), best first.

        A phrase match in the label ranks above one in the text, above scattered words; when the query carries
        diacritics, entries that match them exactly rank above those that only match folded."""
        return Hits(self.index, query, kinds)
