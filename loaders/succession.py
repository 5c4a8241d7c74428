"""Who holds a duty on a given day: follow a body's 2025 changes, scoped by the duty's functions, to the bodies
that hold it then; a split gives every successor with its share, alternatives the sources cannot choose between
give the candidates (unless every candidate leads to the same bodies later), an abolition with no successor gives
none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from loaders.body_changes import Body, BodyChange, Heir, changes_of
from loaders.themes import themes as theme_list

DEFAULT_FUNCTIONS = frozenset({"children"})  # the corpus is plans on child care, education and protection
UNCHANGED, RESOLVED, AMBIGUOUS, UNRESOLVED = "unchanged", "resolved", "ambiguous", "unresolved"


@cache
def _functions_by_theme() -> dict[str, frozenset[str]]:
    return {t.iri: t.functions for t in theme_list()}


def functions_of(themes: list[str]) -> tuple[frozenset[str], bool]:
    """The functions of a duty with these themes, and whether they were inferred (no theme: children's affairs)."""
    mapping = _functions_by_theme()
    found = frozenset(f for theme in themes for f in mapping.get(theme, ()))
    return (found, False) if found else (DEFAULT_FUNCTIONS, True)


@dataclass(frozen=True)
class Owners:
    """The holders of a duty on one day and how they were reached."""

    heirs: tuple[Heir, ...]
    status: str  # unchanged, resolved, ambiguous (heirs are candidates), unresolved (no successor found)
    via: tuple[BodyChange, ...]


@dataclass(frozen=True)
class Period:
    """From `since` on (until the next period), the duty is held by `owners`."""

    since: str
    owners: Owners


@dataclass
class _Walk:
    leaves: list[Heir]
    via: list[BodyChange]
    ambiguous: bool = False
    unresolved: bool = False


def _chosen(body: Body, functions: frozenset[str], day: str, since: str) -> list[BodyChange]:
    """The first group of the body's changes by `day` that moves work of these functions: the changes scoped to the
    duty's functions where the body had any, else the change of everything else it did."""
    dates = sorted({c.effective for c in changes_of(body) if since <= c.effective <= day})
    for date in dates:
        group = [c for c in changes_of(body) if c.effective == date]
        scoped = [c for c in group if c.function in functions]
        found = scoped or [c for c in group if c.function is None]
        if found:
            return found
    return []


def _walk(body: Body, functions: frozenset[str], day: str, since: str, share: float | None, depth: int = 0) -> _Walk:
    events = _chosen(body, functions, day, since) if depth < 12 else []
    if not events:
        return _Walk([Heir(body, share)], [])
    branches: list[_Walk] = []
    for event in events:
        if not event.heirs:
            branches.append(_Walk([], [event], unresolved=True))
            continue
        subs = []
        for heir in event.heirs:
            part = share if event.candidates else _times(share, heir.share)
            subs.append(_walk(heir.body, functions, day, event.effective, part, depth + 1))
        if event.candidates and len({_key(s.leaves) for s in subs}) == 1:  # every candidate led to the same bodies
            merged = _merge(subs[:1], [event])
            merged.via = list(dict.fromkeys([*merged.via, *(c for s in subs[1:] for c in s.via)]))
        else:
            merged = _merge(subs, [event])
        if event.candidates and len({_key(s.leaves) for s in subs}) > 1:
            merged.ambiguous = True
            merged.leaves = [Heir(h.body, None) for h in merged.leaves]
        branches.append(merged)
    if len({_key(b.leaves) for b in branches}) == 1:  # the duty's functions all reached the same bodies
        result = _merge(branches[:1], [])
        result.via = list(dict.fromkeys(c for b in branches for c in b.via))
        result.unresolved = any(b.unresolved for b in branches)
        return result
    result = _merge(branches, [])
    result.ambiguous = True  # the duty's functions went different ways
    result.leaves = [Heir(h.body, None) for h in result.leaves]
    return result


def _times(a: float | None, b: float | None) -> float | None:
    return round(a * b, 4) if a is not None and b is not None else None


def _key(leaves: list[Heir]) -> frozenset[Body]:
    return frozenset(h.body for h in leaves)


def _merge(walks: list[_Walk], via: list[BodyChange]) -> _Walk:
    leaves: dict[Body, float | None] = {}
    for w in walks:
        for h in w.leaves:
            if h.body in leaves:
                old = leaves[h.body]
                leaves[h.body] = round(old + h.share, 4) if old is not None and h.share is not None else None
            else:
                leaves[h.body] = h.share
        via.extend(w.via)
    return _Walk(
        [Heir(b, s) for b, s in leaves.items()],
        list(dict.fromkeys(via)),
        any(w.ambiguous for w in walks),
        any(w.unresolved for w in walks),
    )


def owners_on(body: Body, functions: frozenset[str], day: str) -> Owners:
    """Who holds, on `day` (ISO date), a duty of these functions written for `body`."""
    walk = _walk(body, functions, day, "", 1.0)
    if not walk.via:
        return Owners((Heir(body, None),), UNCHANGED, ())
    status = UNRESOLVED if walk.unresolved else AMBIGUOUS if walk.ambiguous else RESOLVED
    return Owners(tuple(walk.leaves), status, tuple(walk.via))


def _dates(body: Body, functions: frozenset[str], seen: set[Body]) -> set[str]:
    if body in seen:
        return set()
    seen.add(body)
    found: set[str] = set()
    for change in changes_of(body):
        if change.function is None or change.function in functions:
            found.add(change.effective)
            for heir in change.heirs:
                found |= _dates(heir.body, functions, seen)
    return found


@cache
def periods(body: Body, functions: frozenset[str]) -> tuple[Period, ...]:
    """The holders of a duty written for `body` after each change that moved it, earliest first."""
    out: list[Period] = []
    for day in sorted(_dates(body, functions, set())):
        owners = owners_on(body, functions, day)
        if owners.status == UNCHANGED:
            continue
        if out and (_key(list(out[-1].owners.heirs)), out[-1].owners.status) == (
            _key(list(owners.heirs)),
            owners.status,
        ):
            continue
        out.append(Period(day, owners))
    return tuple(out)
