"""The store's agencies and groups as a mapping read from the read index when asked: a national corpus holds hundreds
of thousands, so a service reads none of them at start-up, and each lookup is one indexed SQLite row."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

from loaders.read_index import AgencyListing, ReadIndex
from queries.read.paged import Paged

A = TypeVar("A")
Make = Callable[[tuple, list[str]], A]  # an agency from its index row and its alternative labels


class Agencies(Mapping[str, A]):
    """Every agency and group by IRI; those looked up are kept for the life of the mapping (of one read model)."""

    def __init__(self, index: ReadIndex, make: Make[A]) -> None:
        self.index, self._make = index, make
        self._kept: dict[str, A | None] = {}
        self._lock = threading.Lock()

    def many(self, iris: Iterable[str]) -> dict[str, A]:
        """The agencies of these IRIs that exist, read together."""
        wanted = set(iris)
        missing = {i for i in wanted if i not in self._kept}  # (a set minus dict keys copies the keys)
        if missing:
            alts: dict[str, list[str]] = {}
            for agency, alt in self.index.alt_labels(missing):
                alts.setdefault(agency, []).append(alt)
            found = {row[0]: self._make(row, alts.get(row[0], [])) for row in self.index.agencies(missing)}
            with self._lock:
                self._kept.update({i: found.get(i) for i in missing})
        return {i: a for i in wanted if (a := self._kept.get(i)) is not None}

    def __getitem__(self, iri: str) -> A:
        found = self.many((iri,)).get(iri)
        if found is None:
            raise KeyError(iri)
        return found

    def __contains__(self, iri: object) -> bool:
        return isinstance(iri, str) and iri in self.many((iri,))

    def __len__(self) -> int:
        return self.index.agency_count()

    def __iter__(self) -> Iterator[str]:
        return iter(self.index.agency_iris())

    def listing(self, listing: AgencyListing) -> Listed[A]:
        """The agencies of a listing, by name then IRI, counted and read a page at a time."""
        return Listed(self, listing)


class Listed(Paged[A]):
    """One listing of agencies: its length and its slices read from the index when asked."""

    def __init__(self, agencies: Agencies[A], listing: AgencyListing) -> None:
        self.agencies, self.chosen = agencies, listing

    def _count(self) -> int:
        return self.agencies.index.count_agencies(self.chosen)

    def _read(self, offset: int, limit: int) -> list[A]:
        iris = self.agencies.index.listed_agencies(self.chosen, limit, offset)
        found = self.agencies.many(iris)
        return [found[i] for i in iris if i in found]
