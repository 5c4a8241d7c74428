"""Full-text search that matches with and without Vietnamese diacritics: an inverted index of folded words."""

from __future__ import annotations

import bisect
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from loaders.folding import ffold, fold, key

_KIND_ORDER = {"document": 0, "agency": 1, "obligation": 2}


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


def _words(text: str) -> list[str]:
    return key(text).split()


def _exact(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _snippet(text: str, phrase: str, width: int = 160) -> str:
    """A window of `text` (spaces collapsed) around the first diacritic-insensitive occurrence of `phrase`."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    at = max(ffold(text).find(ffold(phrase)), 0)
    start = max(0, min(at - width // 3, len(text) - width))
    return ("…" if start else "") + text[start : start + width].strip() + ("…" if start + width < len(text) else "")


class SearchIndex:
    """Entries indexed by folded word; the last query word also matches as a prefix (search as you type).

    Each entry's folded and exact (case-folded) label and text are kept, so a query only compares strings."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.keys = [(key(e.label), key(e.text)) for e in entries]
        self.exact = [(_exact(e.label), _exact(e.text)) for e in entries]
        postings: dict[str, set[int]] = defaultdict(set)
        for n, (label_key, text_key) in enumerate(self.keys):
            for word in (label_key + " " + text_key).split():
                postings[word].add(n)
        self.postings = dict(postings)
        self.vocabulary = sorted(self.postings)

    def _prefixed(self, prefix: str) -> set[int]:
        found: set[int] = set()
        at = bisect.bisect_left(self.vocabulary, prefix)
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(prefix):
            found |= self.postings[self.vocabulary[at]]
            at += 1
        return found

    def search(self, query: str, kinds: set[str] | None = None) -> list[Hit]:
        """Entries holding every word of `query` (accents optional), best first.

        A phrase match in the label ranks above one in the text, above scattered words; when the query
        carries diacritics, entries that match them exactly rank above those that only match folded.
        """
        words = _words(query)
        if not words:
            return []
        *whole, last = words
        candidates = self._prefixed(last)
        for word in whole:
            candidates &= self.postings.get(word, set())
        phrase, exact = " ".join(words), _exact(query.strip())
        accented = fold(exact) != exact
        hits = []
        for n in candidates:
            entry = self.entries[n]
            if kinds and entry.kind not in kinds:
                continue
            label_key, text_key = self.keys[n]
            score = 3.0 if phrase in label_key else 2.0 if phrase in text_key else 1.0
            if accented and (exact in self.exact[n][0] or exact in self.exact[n][1]):
                score += 0.5
            hits.append(Hit(entry, score, query.strip()))
        hits.sort(key=lambda h: (-h.score, _KIND_ORDER.get(h.entry.kind, 9), h.entry.label, h.entry.iri))
        return hits
