"""Themes across the corpus: each theme of the SKOS scheme with how many obligations it tags, and the obligations of
one theme (in one document or everywhere), read from the read index a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.errors import NotFound
from loaders.read_index import ReadIndex
from loaders.themes import Theme, themes
from queries.read.ids import concept
from queries.read.paged import Paged


@dataclass(frozen=True)
class Tagged:
    """One obligation a theme tags: its entry in the index (section path and title, then its text)."""

    obligation: str
    document: str
    label: str
    text: str


def theme(name: str) -> Theme:
    """The theme with this id ('violence') or IRI; NotFound naming the ids when none."""
    for t in themes():
        if name in (t.iri, concept(t.iri)):
            return t
    raise NotFound(f"no theme {name!r}; the themes are: {', '.join(concept(t.iri) for t in themes())}")


def counts(index: ReadIndex) -> list[tuple[Theme, int]]:
    """Every theme, in the scheme's order, with the obligations it tags across the corpus."""
    found = index.theme_counts()
    return [(t, found.get(t.iri, 0)) for t in themes()]


class Obligations(Paged[Tagged]):
    """The obligations one theme tags (in one document, when given), by document and section; counted and read a
    page at a time."""

    def __init__(self, index: ReadIndex, tagged_with: Theme, document: str | None = None) -> None:
        self.source, self.theme, self.document = index, tagged_with, document

    def _count(self) -> int:
        return self.source.theme_count(self.theme.iri, self.document)

    def _read(self, offset: int, limit: int) -> list[Tagged]:
        return [Tagged(*row) for row in self.source.theme_obligations(self.theme.iri, self.document, limit, offset)]
