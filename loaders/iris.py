"""The instance IRIs, minted the same way by every writer: units, agencies and groups, documents, change events."""

from __future__ import annotations

import hashlib

from loaders.folding import slug
from loaders.model import Jurisdiction


def unit_iri(base: str, j: Jurisdiction) -> str:
    """A pre-2025 unit by its code (`unit/12`), a 2025 one under its scheme (`unit/2025/p79`), an unknown by key."""
    if j.code and j.scheme != "pre2025":
        return f"{base}unit/{j.scheme}/{'p' if j.level == 'province' else ''}{j.code}"
    return f"{base}unit/{j.code if j.code else j.key}"


def agency_iri(base: str, label: str, j: Jurisdiction, group: bool) -> str:
    """One node per body: its unit and its canonical name."""
    return f"{base}{'group' if group else 'agency'}/{j.key}/{slug(label)}"


def doc_iri(base: str, j: Jurisdiction, year: int | None, local: str) -> str:
    """A document by its issuer's unit, its year and its number (or a digest of its title)."""
    return f"{base}doc/{j.key}/{year or 'undated'}/{local}"


def change_iri(base: str, original: str, rule: str, kind: str, function: str | None, effective: str) -> str:
    """A body's change event: stable for the same body, rule, kind, function and day."""
    digest = hashlib.sha1(f"{original}|{rule}|{kind}|{function}|{effective}".encode()).hexdigest()[:16]
    return f"{base}change/{effective}/{digest}"
