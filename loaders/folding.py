"""Vietnamese text folding: diacritic-insensitive keys, tone-placement and dash normalisation, slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LATIN = [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]
# Regex character classes of Latin capitals and small letters with every Vietnamese accent (a range such as À-Ỹ
# would mix both cases).
UPPER = "".join(chr(c) for c in _LATIN if chr(c).isalpha() and chr(c).isupper())
LOWER = "".join(chr(c) for c in _LATIN if chr(c).isalpha() and chr(c).islower())

_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Tone on the second vowel of oa/oe/uy (hoà, uỷ) moves to the first, as official text writes it.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(rf"(?i)(?<![q])([ou])([aey])([{_TONES}])(?![a-zđ\u0300-\u036f])")


# The parser's fold keeps every offset: one output character per input character (so a match in the folded text
# is a span of the original). Built lazily per character seen.
_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_FOLD_TABLE: dict[int, str] = {}
_FOLDABLE: set[str] = set()  # the characters _FOLD_TABLE already holds
_PRESET = 0x2200  # up to the arrows and the dashes; Vietnamese letters sit in 0x00C0-0x01B0 and 0x1EA0-0x1EF9
_BEYOND_PRESET = re.compile(f"[{chr(_PRESET)}-\U0010ffff]")


def _fold_char(ch: str) -> str:
    if ch in _DASH_CHARS:
        return "-"
    base = unicodedata.normalize("NFD", ch)[0] if ch not in "đĐ" else "d"
    return base.lower() if len(base.lower()) == 1 else ch


_FOLD_TABLE.update({c: _fold_char(chr(c)) for c in range(_PRESET)})  # Latin, punctuation and the like: at once
_FOLDABLE.update(chr(c) for c in range(_PRESET))


def ffold(text: str) -> str:
    """Length-preserving fold (one output char per input char, dashes as '-') so offsets carry over."""
    if _BEYOND_PRESET.search(text):  # a character beyond the preset range: fold it once, keep it
        for ch in set(text) - _FOLDABLE:
            _FOLD_TABLE[ord(ch)] = _fold_char(ch)
            _FOLDABLE.add(ch)
    return text.translate(_FOLD_TABLE)


# fold's table: combining marks dropped, đ and Đ as d and D; every other character seen kept (None: not yet seen).
_STRIP_TABLE: dict[int, str | None] = {}
_STRIPPABLE: set[str] = set()


def fold(text: str) -> str:
    """Lower-case ASCII-like form: no diacritics, đ→d; used for matching with or without accents."""
    text = unicodedata.normalize("NFD", text)
    for ch in set(text) - _STRIPPABLE:
        if unicodedata.combining(ch):
            _STRIP_TABLE[ord(ch)] = None
        elif ch in "đĐ":
            _STRIP_TABLE[ord(ch)] = "d" if ch == "đ" else "D"
        _STRIPPABLE.add(ch)
    return text.translate(_STRIP_TABLE).lower()


def modern_tones(text: str) -> str:
    """Put tone marks where official text puts them (hoà → hòa, uỷ → ủy, khoẻ → khỏe); NFC out."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), nfd))


def tidy(text: str) -> str:
    """Collapse whitespace, unify dashes to ' - ', modern tone placement; for labels."""
    text = _SPACES.sub(" ", text).strip()
    text = _DASHES.sub(" - ", text)
    return modern_tones(text)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Matching key: folded, punctuation-free, single-spaced."""
    return _NON_WORD.sub(" ", fold(text)).strip()


def slug(text: str) -> str:
    """IRI-safe slug of a label."""
    return key(text).replace(" ", "-") or "x"
