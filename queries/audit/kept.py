"""The findings of the families that can answer for some of their findings, kept on the read model and carried
over each write: a write detects again only what it can change, so the gap list after an ingest costs about one
document's worth, not the corpus's.

Such a family's module gives, besides TYPES and `detect`:
- `home(finding)`: the key its findings are kept under (a document, or an agency for findings about one body);
- `affected(old, new, change, homes)`: the homes a write can change, from the model before it, the model after it,
  the write's change to the read index and the family's findings before it;
- `detect(context, …, homes=None)`: the findings of those homes only, when given.
Whatever the family says, a finding that names a document or agency whose name the write changed (the read index
compares their rows before and after) is detected again too, so no message keeps a name that is no longer the node's.
A dated family is kept for today only.

The findings are also kept in the store's read index, for the index's generation and the audit code's digest, so a
service started again over the same store answers from them instead of detecting everything again; a write carried
over here rewrites the homes it detected again there too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache, partial
from pathlib import Path
from typing import Protocol

from loaders.read_index import Change, values
from queries.audit.model import Finding
from queries.read import model as read_model
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


@cache
def _code() -> str:
    """A digest of the code findings come from (the audit and the read model): findings another version of it kept
    in the index are detected again."""
    digest = hashlib.sha1()
    for folder in (Path(__file__).parent, Path(read_model.__file__).parent):
        for source in sorted(folder.glob("*.py")):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _version(family: Kept) -> str:
    """What the family's findings kept in the index are valid for: this code (and today, when dated)."""
    return f"{_code()}:{dt.date.today()}" if family.dated else _code()


def _homes(model: ReadModel, family: Kept, homes: set[str] | None) -> Homes:
    assert family.home is not None
    found: dict[str, list[Finding]] = defaultdict(list)
    for finding in family.detect(model, homes=homes):
        found[family.home(finding)].append(finding)
    return {home: tuple(items) for home, items in found.items()}


def _stored(model: ReadModel, family: Kept, generation: int) -> Homes | None:
    """The family's findings the index keeps for this generation, if it does."""
    texts = model.store.read_index.kept(family.name, _version(family), generation)
    if texts is None:
        return None
    return {home: tuple(Finding.from_dict(json.loads(t)) for t in items) for home, items in texts.items()}


def _text(finding: Finding) -> str:
    body = finding.as_dict()
    del body["id"]  # derived again when read
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def _whole(model: ReadModel, family: Kept) -> Homes:
    """Every finding of the family, detected, and kept in the index for the model's generation."""
    homes = _homes(model, family, None)
    texts = {home: [_text(f) for f in items] for home, items in homes.items()}
    model.store.read_index.keep(family.name, _version(family), model.generation, texts)
    return homes


def _held(model: ReadModel, family: Kept, generation: int | None = None) -> Homes | None:
    """The family's findings this model holds, or the index keeps for its generation (or the one given: the model
    before a write may not have read its own); None when neither."""
    if model.memoized(_key(family)):
        return model.memo(_key(family), dict)
    stored = _stored(model, family, model.generation if generation is None else generation)
    if stored is not None:
        model.memo(_key(family), partial(dict, stored))
    return stored


def findings(model: ReadModel, family: Kept) -> list[Finding]:
    """A kept family's findings on this model, by home: those the index keeps for it, else detected whole."""
    homes = _held(model, family) or model.memo(_key(family), lambda: _whole(model, family))
    return [f for _, items in sorted(homes.items()) for f in items]


def kept(model: ReadModel, family: Kept) -> bool:
    """Whether this model holds the family's findings (for today, when dated), or the index keeps them for it."""
    return _held(model, family) is not None


def carry(old: ReadModel, new: ReadModel, change: Change, families: Iterable[Kept]) -> None:
    """After a write: each kept family whose findings `old` had (or the index kept for it) gets them on `new` too,
    what the write can change detected again now, and kept in the index for the new generation."""
    before = change.generation - 1  # the index's generation before the write
    held = {f.name: found for f in families if f.affected is not None and (found := _held(old, f, before)) is not None}
    if not held:
        return
    renamed = change.renamed  # documents and agencies whose names the write changed (or took away)
    index = new.store.read_index
    for family in families:
        if family.name not in held:
            continue
        assert family.affected is not None
        homes: Homes = dict(held[family.name])
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
        version = _version(family)
        texts = {home: [_text(f) for f in homes[home]] for home in affected if home in homes}
        if not index.patch(family.name, version, before, change.generation, texts, affected):
            index.keep(family.name, version, change.generation, {h: [_text(f) for f in fs] for h, fs in homes.items()})


class Carrier:
    """Carries the findings the read index keeps over one writer's series of writes (the CLI's ingest), so a
    service started afterwards still reads them back; with none kept it only follows the writes."""

    def __init__(self, model: ReadModel, families: Iterable[Kept]) -> None:
        self.model, self.families = model, [f for f in families if f.affected is not None]
        _ = model.generation  # read before the first write

    def __call__(self, change: Change) -> None:
        before = change.generation - 1
        if any(_held(self.model, f, before) is not None for f in self.families):
            new = self.model.after(change)
            carry(self.model, new, change, self.families)
        else:
            new = ReadModel(self.model.store, self.model.base)
            new.__dict__["generation"] = change.generation
        self.model = new


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
