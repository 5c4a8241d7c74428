"""RDF terms and triples written directly as N-Triples text: the graph builders' fast path (a pyoxigraph term or
triple costs microseconds to make; a string a fraction of that), checked as the N-Triples grammar requires."""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox

from ontology import VC, XSD

# IRIREF of N-Triples, absolute: a scheme, then no space, control character or <>"{}|^`\
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class BadTerm(ValueError):
    """A term the builders were asked to write is not valid N-Triples."""


def iri(value: str) -> str:
    """An IRI term, `<value>`; BadTerm for a relative IRI or one holding characters N-Triples forbids."""
    if _IRI.fullmatch(value) is None:
        raise BadTerm(f"not an absolute IRI: {value!r}")
    return f"<{value}>"


def value(term: str) -> str:
    """The IRI inside an IRI term."""
    return term[1:-1]


def lit(text: str, lang: str | None = None) -> str:
    """A string literal, with a language tag when given."""
    quoted = f'"{text.translate(_ESCAPES)}"'
    return f"{quoted}@{lang}" if lang else quoted


@lru_cache(maxsize=64)
def _datatype(name: str) -> str:
    return iri(XSD + name)


def typed(lexical: object, datatype: str) -> str:
    """A literal of an XSD datatype named by its local name ('integer', 'date', 'boolean' …)."""
    return f'"{str(lexical).translate(_ESCAPES)}"^^{_datatype(datatype)}'


@lru_cache(maxsize=1024)
def vc(name: str) -> str:
    """A term of the vn-cascade ontology."""
    return iri(VC + name)


def triple(s: str, p: str, o: str) -> str:
    """One N-Triples line, without its newline."""
    return f"{s} {p} {o} ."


def to_bytes(lines: list[str]) -> bytes:
    """Lines as an N-Triples document."""
    return ("\n".join(lines) + "\n").encode() if lines else b""


def parsed(lines: list[str]) -> list[ox.Triple]:
    """Lines as pyoxigraph triples (for readers that want terms, not text)."""
    return [q.triple for q in ox.parse(to_bytes(lines), format=ox.RdfFormat.N_TRIPLES)]
