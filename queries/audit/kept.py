"""The findings of the families that can answer for some of their findings, kept in the store's read index and
carried over each write: a write detects again only what it can change, so the gap list after an ingest costs about
one document's worth, not the corpus's, and a service started again reads them back instead of detecting.

Such a family's module gives, besides TYPES and `detect`:
- `home(finding)`: the key its findings are kept under (a document, or an agency for findings about one body);
- `affected(old, new, change, kept)`: the homes a write can change, from the model before it, the model after it,
  the write's change to the read index and the family's findings kept before it (`Stored`);
- `detect(context, …, homes=None)`: the findings of those homes only, when given;
- optionally `patch(old, new, change, kept, homes)`: the findings of some of those homes made from what was kept and
  the write's change, where detecting them again would read much of the corpus (a document a whole cascade cites).
Whatever the family says, a finding that names a document or agency whose name the write changed (the read index
compares their rows before and after) is detected again too, so no message keeps a name that is no longer the node's.

The index keeps each family's findings (as JSON, with what they sort and filter by) under the audit code's digest
(and the day, for a dated family) and the index's generation, a counter every write moves on. A set kept for the
model's generation or a later one answers; an older one (a write nobody carried over) is detected again whole. Lists
of findings are filtered, sorted and paged in SQL (`listing`), so the gap list of a national corpus is never read
whole to show one page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

from loaders.read_index import Change, FindingListing, KeptPatch, KeptRow, ReadIndex, values
from queries.audit.model import SEVERITIES, Finding
from queries.read import model as read_model
from queries.read.model import ReadModel
from queries.read.paged import Paged

Homes = dict[str, tuple[Finding, ...]]  # home → its findings, in detection order


class Stored:
    """The homes of one family's findings as the index keeps them (before a write is carried over)."""

    def __init__(self, index: ReadIndex, family: str) -> None:
        self.index, self.family = index, family

    def naming(self, iris: Iterable[str], roles: Iterable[str] = ("document", "obligation", "agency")) -> set[str]:
        """The homes with a finding that names one of these IRIs in one of these roles."""
        return self.index.homes_naming(self.family, iris, roles)

    def all(self) -> set[str]:
        return self.index.kept_homes(self.family)

    def findings(self, home: str) -> list[Finding]:
        """The findings kept for one home."""
        return [_decode(t) for t in self.index.kept_home(self.family, home)]


Affected = Callable[[ReadModel, ReadModel, Change, Stored], set[str]]
Patch = Callable[[ReadModel, ReadModel, Change, Stored, set[str]], dict[str, list[Finding]]]


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
    @property
    def patch(self) -> Patch | None: ...
    @property
    def stamp(self) -> Callable[[ReadModel], str] | None: ...


@cache
def _code() -> str:
    """A digest of the code findings come from (the audit and the read model): findings another version of it kept
    in the index are detected again."""
    digest = hashlib.sha1()
    for folder in (Path(__file__).parent, Path(read_model.__file__).parent):
        for source in sorted(folder.glob("*.py")):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _version(family: Kept, model: ReadModel) -> str:
    """What the family's findings kept in the index are valid for: this code (and today, when dated; and the state
    of what else they read, such as the recorded events, when the family stamps it)."""
    return _code() + _state(family, model)


def _state(family: Kept, model: ReadModel) -> str:
    return (f":{dt.date.today()}" if family.dated else "") + (f":{family.stamp(model)}" if family.stamp else "")


def _key(family: Kept, model: ReadModel) -> str:
    """What memo keeps a model's whole detection of the family under (a dated family's: today's)."""
    return f"audit-kept-findings:{family.name}{_state(family, model)}"


def _homes(model: ReadModel, family: Kept, homes: set[str] | None) -> Homes:
    assert family.home is not None
    found: dict[str, list[Finding]] = defaultdict(list)
    for finding in family.detect(model, homes=homes):
        found[family.home(finding)].append(finding)
    return {home: tuple(items) for home, items in found.items()}


_RANK = {s: n for n, s in enumerate(SEVERITIES)}


def _text(finding: Finding) -> str:
    body = finding.as_dict()
    del body["id"]  # derived again when read
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def _row(finding: Finding) -> KeptRow:
    """A finding as the index keeps it: sorted as `queries.audit.run` sorts (severity, type, then the documents,
    obligations and agencies as tuples: one key, parts split by \x01 and items by \x02, sorts the same)."""
    parts = (finding.documents, finding.obligations, finding.agencies)
    nodes = {(i, role) for items, role in zip(parts, ("document", "obligation", "agency"), strict=True) for i in items}
    nodes |= {(e.document, "evidence") for e in finding.evidence}
    return KeptRow(
        _text(finding),
        _RANK[finding.severity],
        finding.type,
        "\x01".join("\x02".join(items) for items in parts),
        tuple(sorted(nodes)),
    )


def _rows(homes: Homes) -> dict[str, list[KeptRow]]:
    return {h: [_row(f) for f in items] for h, items in homes.items()}


def _decode(body: str) -> Finding:
    return Finding.from_dict(json.loads(body))


def kept(model: ReadModel, family: Kept) -> bool:
    """Whether the index keeps the family's findings for this model (for today, when dated)."""
    at = model.store.read_index.kept_at(family.name, _version(family, model))
    return at is not None and at >= model.generation


def _whole(model: ReadModel, family: Kept) -> Homes | None:
    """The family detected whole and kept in the index for the model's generation; the findings themselves only
    when the index moved on meanwhile (a write), for this model to answer with."""
    version = _version(family, model)  # before detecting: an event recorded meanwhile makes these stale, not current
    with model.all_spans():  # every finding quotes its evidence: read all of it at once, not a query per finding
        homes = _homes(model, family, None)
    stored = model.store.read_index.keep(family.name, version, model.generation, _rows(homes))
    return None if stored else homes


def ready(model: ReadModel, family: Kept) -> Homes | None:
    """Make sure the index keeps the family's findings for this model, detecting them whole (once per model) when
    it does not; the findings when they could not be kept (see _whole)."""
    if kept(model, family):
        return None
    return model.memo(_key(family, model), lambda: _whole(model, family))


def ready_all(model: ReadModel, families: Iterable[Kept]) -> bool:
    """ready() for each family, every span read once for all of those the index does not keep; whether the index
    keeps them all for this model now."""
    stale = [f for f in families if not kept(model, f)]
    if not stale:
        return True
    with model.all_spans():
        return all([ready(model, family) is None for family in stale])  # (a list: every family made ready)


def findings(model: ReadModel, family: Kept) -> list[Finding]:
    """A kept family's findings on this model, by home: those the index keeps for it, else detected whole."""
    homes = ready(model, family)
    if homes is not None:
        return [f for _, items in sorted(homes.items()) for f in items]
    texts = model.store.read_index.kept_bodies(family.name)
    return [_decode(t) for _, items in texts.items() for t in items]


class Listed(Paged[Finding]):
    """The kept findings of a listing, most severe first (as `queries.audit.run` orders them), counted and read
    from the index a page at a time."""

    def __init__(self, index: ReadIndex, chosen: FindingListing) -> None:
        self.source, self.chosen = index, chosen

    def _count(self) -> int:
        return self.source.count_findings(self.chosen)

    def _read(self, offset: int, limit: int) -> list[Finding]:
        return [_decode(t) for t in self.source.listed_findings(self.chosen, limit, offset)]


def listing(
    model: ReadModel,
    families: Sequence[Kept],
    types: Iterable[str] | None = None,
    document: str | None = None,
    severity: str | None = None,
) -> Sequence[Finding] | None:
    """The findings of these families (of these types, naming this document, of this severity: each optional) as the
    index keeps them for this model, paged in SQL; None when one family could not be kept (then detect instead)."""
    if not ready_all(model, families):
        return None
    names = tuple(f.name for f in families)
    index = model.store.read_index
    chosen = FindingListing(
        None if set(names) >= index.kept_families() else names,  # every family kept: no clause, the order index
        None if types is None else frozenset(types),
        document,
        None if severity is None else _RANK[severity],
    )
    return Listed(index, chosen)


def carry(old: ReadModel, new: ReadModel, change: Change, families: Iterable[Kept]) -> None:
    """After a write: each family the index kept for the state before it is carried to the new one, the homes the
    write can change detected again now; a family kept for an older state stays stale (detected whole when asked)."""
    before = change.generation - 1  # the index's generation before the write
    index = new.store.read_index
    patches = []
    for family in families:
        version = _version(family, new)
        if family.affected is None or index.kept_at(family.name, version) != before:
            continue
        stored = Stored(index, family.name)
        affected = family.affected(old, new, change, stored)
        affected |= stored.naming(change.renamed, ("document", "agency"))
        patched = family.patch(old, new, change, stored, affected) if family.patch is not None else {}
        detected = _homes(new, family, affected - patched.keys())
        detected.update({home: tuple(items) for home, items in patched.items() if items})
        patches.append(KeptPatch(family.name, version, _rows(detected), frozenset(affected)))
    index.patch(before, change.generation, patches)  # one transaction for every family


class Carrier:
    """Carries the findings the read index keeps over one writer's series of writes (the CLI's ingest), so a
    service started afterwards still reads them back."""

    def __init__(self, model: ReadModel, families: Iterable[Kept]) -> None:
        self.model, self.families = model, [f for f in families if f.affected is not None]

    def __call__(self, change: Change) -> None:
        new = self.model.after(change)
        carry(self.model, new, change, self.families)
        self.model = new


# -- what families share ------------------------------------------------------------------------------------------


def first_document(finding: Finding) -> str:
    """The home of a finding about a document: its first document."""
    return finding.documents[0]


def written(old: ReadModel, new: ReadModel, change: Change, kept: Stored) -> set[str]:
    """A finding about one document's own text: a write changes the written document's only."""
    return {change.document}


def written_and_implementing(old: ReadModel, new: ReadModel, change: Change, kept: Stored) -> set[str]:
    """A finding about a child and its parent: a write changes the written document's and those of the documents
    implementing or based on it (their links are their own facts, which the write does not change)."""
    rows = new.rows(f"SELECT ?c WHERE {{ {values('p', [change.document])} ?c vc:implements|vc:basedOn ?p }}")
    return {change.document} | {c for (c,) in rows}


def involving(document: str, kept: Stored) -> set[str]:
    """The homes with a finding that names `document` among its documents (what it held before the write)."""
    return kept.naming([document], ("document",))
