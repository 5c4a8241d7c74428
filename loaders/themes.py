"""Theme tagging: the keyword rules of ontology/themes.ttl, matched as whole folded words in obligation text."""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from ontology import SKOS, THEMES_FILE, VC

from .folding import key

_SCHEME = VC + "ThemeScheme"


@dataclass(frozen=True)
class Theme:
    """One concept of vc:ThemeScheme with its labels and keyword rules (as written, with diacritics)."""

    iri: str
    vi: str
    en: str
    keywords: tuple[str, ...]


@cache
def themes() -> tuple[Theme, ...]:
    """The themes in the order themes.ttl lists them, read once."""
    order: list[str] = []
    labels: dict[tuple[str, str], str] = {}
    keywords: dict[str, list[str]] = {}
    for t in ox.parse(path=str(THEMES_FILE), format=ox.RdfFormat.TURTLE):
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == SKOS + "inScheme" and o.value == _SCHEME:
            order.append(s)
        elif p == SKOS + "prefLabel":
            labels[(s, o.language or "")] = o.value
        elif p == VC + "themeKeyword":
            keywords.setdefault(s, []).append(o.value)
    return tuple(Theme(s, labels[(s, "vi")], labels[(s, "en")], tuple(keywords.get(s, ()))) for s in order)


@cache
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each theme's IRI with one pattern of its keywords as padded matching keys (' tai nan ')."""
    return tuple((t.iri, re.compile("|".join(re.escape(f" {key(k)} ") for k in t.keywords) or "(?!)"))
                 for t in themes())


def tag(*texts: str) -> list[str]:
    """The IRIs of the themes with a keyword occurring as whole words in any of the texts, in scheme order."""
    folded = " ".join(f" {key(text)} " for text in texts)
    return [iri for iri, keys in _rules() if keys.search(folded)]
