"""Theme tagging: the keyword rules of ontology/themes.ttl, matched as whole folded words in obligation text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from loaders.folding import key
from ontology import SKOS, THEMES_FILE, VC

_SCHEME = VC + "ThemeScheme"


@dataclass(frozen=True)
class Theme:
    """One concept of vc:ThemeScheme with its labels and keyword rules (as written, with diacritics)."""

    iri: str
    vi: str
    en: str
    keywords: tuple[str, ...]
    functions: frozenset[str] = frozenset()  # the 2025 reorganisation's functions a duty of this theme falls under


@cache
def themes() -> tuple[Theme, ...]:
    """The themes in the order themes.ttl lists them, read once."""
    order: list[str] = []
    labels: dict[tuple[str, str], str] = {}
    keywords: dict[str, list[str]] = {}
    functions: dict[str, set[str]] = {}
    for t in ox.parse(THEMES_FILE.read_bytes(), format=ox.RdfFormat.TURTLE):
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == SKOS + "inScheme" and o.value == _SCHEME:
            order.append(s)
        elif p == SKOS + "prefLabel":
            labels[(s, o.language or "")] = o.value
        elif p == VC + "themeKeyword":
            keywords.setdefault(s, []).append(o.value)
        elif p == VC + "function":
            functions.setdefault(s, set()).add(o.value.removeprefix(VC + "function-"))
    return tuple(
        Theme(s, labels[(s, "vi")], labels[(s, "en")], tuple(keywords.get(s, ())), frozenset(functions.get(s, ())))
        for s in order
    )


@cache
def _rule() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One pattern of every keyword as a padded key (' tai nan '), longest first, and for each key the themes of it and
    of the keys it starts with (' tai nan ' is found inside ' tai nan thuong tich ' at the same place)."""
    owners: dict[str, set[str]] = {}
    for t in themes():
        for k in t.keywords:
            owners.setdefault(f" {key(k)} ", set()).add(t.iri)
    keys = sorted(owners, key=len, reverse=True)
    covering = {k: frozenset(iri for shorter in keys if k.startswith(shorter) for iri in owners[shorter]) for k in keys}
    # every key starts with a space: tried only where one is, the rest of the key inside the lookahead
    return re.compile("(?= (" + "|".join(re.escape(k[1:]) for k in keys) + "))" if keys else "(?!)"), covering


def tag(*texts: str) -> list[str]:
    """The IRIs of the themes with a keyword occurring as whole words in any of the texts, in scheme order."""
    folded = " ".join(f" {key(text)} " for text in texts)
    pattern, covering = _rule()
    found = {iri for m in pattern.finditer(folded) for iri in covering[" " + m.group(1)]}
    return [t.iri for t in themes() if t.iri in found]
