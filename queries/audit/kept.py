"""The findings of the families that answer per document, kept on the read model and carried over each write: a
write detects again only the documents it can change, so the gap list after an ingest costs one document's worth.

A family declares its SCOPE and its detector takes `documents`, the home documents to answer for (a finding's home
is its first document):
- "document": a finding is about one document's own text, so a write changes its own findings only;
- "implementing": a finding is about a child and its parent, so a write changes the written document's findings
  and those of the documents implementing or based on it.
Either way a finding that names a document or agency whose label or row the write changed is detected again too,
so no message keeps a name that is no longer the node's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Protocol

from loaders.read_index import Change
from queries.audit.model import Finding
from queries.read.model import ReadModel, values

KEPT = "audit-kept-findings:"  # and the family's name: what memo keeps the family's findings under
Homes = dict[str, tuple[Finding, ...]]  # home document → its findings, in detection order


class Scoped(Protocol):
    """A detector family that answers for some home documents (queries.audit.Family with a scope)."""

    @property
    def name(self) -> str: ...
    @property
    def scope(self) -> str | None: ...
    @property
    def detect(self) -> Callable[..., Iterable[Finding]]: ...


def _homes(model: ReadModel, family: Scoped, documents: set[str] | None) -> Homes:
    homes: dict[str, list[Finding]] = defaultdict(list)
    for finding in family.detect(model, documents=documents):
        homes[finding.documents[0]].append(finding)
    return {home: tuple(items) for home, items in homes.items()}


def findings(model: ReadModel, family: Scoped) -> list[Finding]:
    """A scoped family's findings on this model, by home document; detected whole the first time."""
    homes = model.memo(KEPT + family.name, lambda: _homes(model, family, None))
    return [f for _, items in sorted(homes.items()) for f in items]


def _implementing(model: ReadModel, document: str) -> set[str]:
    """The documents that implement or are based on `document` (their links are their own facts, unchanged by a
    write of `document`)."""
    rows = model.rows(f"SELECT ?c WHERE {{ {values('p', [document])} ?c vc:implements|vc:basedOn ?p }}")
    return {c for (c,) in rows}


def carry(old: ReadModel, new: ReadModel, change: Change, families: Iterable[Scoped]) -> None:
    """After a write: each scoped family whose findings `old` had gets them on `new` too, the homes the write can
    change detected again now."""
    carried = [f for f in families if f.scope and old.memoized(KEPT + f.name)]
    if not carried:
        return
    renamed = {n for n in change.documents | change.agencies if old.label(n) != new.label(n)}
    implementing = _implementing(new, change.document)
    for family in carried:
        homes: Homes = dict(old.memo(KEPT + family.name, dict))
        affected = {change.document} | (implementing if family.scope == "implementing" else set())
        affected |= {
            home
            for home, items in homes.items()
            if any(renamed.intersection((*f.documents, *f.agencies)) for f in items)
        }
        for home in affected:
            homes.pop(home, None)
        homes.update(_homes(new, family, affected))
        new.memo(KEPT + family.name, partial(dict, homes))
