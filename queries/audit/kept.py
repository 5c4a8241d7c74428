"""The findings of the families that can answer for some of their findings, kept on the read model and carried
over each write: a write detects again only what it can change, so the gap list after an ingest costs about one
document's worth, not the corpus's.

Such a family's module gives, besides TYPES and `detect`:
- `home(finding)`: the key its findings are kept under (a document, or an agency for findings about one body);
- `affected(old, new, change, homes)`: the homes a write can change, from the model before it, the model after it,
  the write's change to the read index and the family's findings before it;
- `detect(context, …, homes=None)`: the findings of those homes only, when given.
Whatever the family says, a finding that names a document or agency whose label the write changed is detected again
too, so no message keeps a name that is no longer the node's. A dated family is kept for today only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Protocol

from loaders.read_index import Change, values
from queries.audit.model import Finding
from queries.read.model import ReadModel

Homes = dict[str, tuple[Finding, ...]]  # home → its findings, in detection order
Affected = Callable[[ReadModel, ReadModel, Change, Homes], set[str]]


class Kept(Protocol):
    """A detector family whose findings are kept (queries.audit.Family with `home` and `affected`)."""

    @property
    def name(self) -> str: ...
    @property
    def dated(self) -> bool: ...
    @property
    def detect(self) -> Callable[..., Iterable[Finding]]: ...
    @property
    def home(self) -> Callable[[Finding], str] | None: ...
    @property
    def affected(self) -> Affected | None: ...


def _key(family: Kept) -> str:
    """What memo keeps the family's findings under (a dated family's: today's)."""
    return f"audit-kept-findings:{family.name}" + (f":{dt.date.today()}" if family.dated else "")


def _homes(model: ReadModel, family: Kept, homes: set[str] | None) -> Homes:
    assert family.home is not None
    found: dict[str, list[Finding]] = defaultdict(list)
    for finding in family.detect(model, homes=homes):
        found[family.home(finding)].append(finding)
    return {home: tuple(items) for home, items in found.items()}


def findings(model: ReadModel, family: Kept) -> list[Finding]:
    """A kept family's findings on this model, by home; detected whole the first time."""
    homes = model.memo(_key(family), lambda: _homes(model, family, None))
    return [f for _, items in sorted(homes.items()) for f in items]


def kept(model: ReadModel, family: Kept) -> bool:
    """Whether this model holds the family's findings (for today, when dated)."""
    return model.memoized(_key(family))


def carry(old: ReadModel, new: ReadModel, change: Change, families: Iterable[Kept]) -> None:
    """After a write: each kept family whose findings `old` had gets them on `new` too, what the write can change
    detected again now."""
    carried = [f for f in families if f.affected is not None and kept(old, f)]
    if not carried:
        return
    touched = change.documents | change.named
    # the old model's labels as they were before the write; had it not read them yet, any touched name may have moved
    renamed = {n for n in touched if old.label(n) != new.label(n)} if old.has_read("labels") else set(touched)
    for family in carried:
        assert family.affected is not None
        homes: Homes = dict(old.memo(_key(family), dict))
        affected = family.affected(old, new, change, homes)
        affected |= {
            home
            for home, items in homes.items()
            if any(renamed.intersection((*f.documents, *f.agencies)) for f in items)
        }
        for home in affected:
            homes.pop(home, None)
        homes.update(_homes(new, family, affected))
        new.memo(_key(family), partial(dict, homes))


# -- what families share ------------------------------------------------------------------------------------------


def first_document(finding: Finding) -> str:
    """The home of a finding about a document: its first document."""
    return finding.documents[0]


def written(old: ReadModel, new: ReadModel, change: Change, homes: Homes) -> set[str]:
    """A finding about one document's own text: a write changes the written document's only."""
    return {change.document}


def written_and_implementing(old: ReadModel, new: ReadModel, change: Change, homes: Homes) -> set[str]:
    """A finding about a child and its parent: a write changes the written document's and those of the documents
    implementing or based on it (their links are their own facts, which the write does not change)."""
    rows = new.rows(f"SELECT ?c WHERE {{ {values('p', [change.document])} ?c vc:implements|vc:basedOn ?p }}")
    return {change.document} | {c for (c,) in rows}


def involving(document: str, homes: Homes) -> set[str]:
    """The homes with a finding that names `document` (what it held before the write)."""
    return {home for home, items in homes.items() if any(document in f.documents for f in items)}
