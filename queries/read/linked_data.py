"""What an instance IRI dereferences to: the triples about it (and the names of what they point at, so the answer
reads on its own), in the RDF format asked for."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from loaders.errors import NotFound
from loaders.store import GraphStore
from ontology import PREFIXES


@dataclass(frozen=True)
class RdfFormat:
    """One serialisation a resource is offered in: its file extension, media type and Oxigraph format."""

    extension: str
    media_type: str
    oxigraph: ox.RdfFormat
    name: str


FORMATS = {
    f.extension: f
    for f in (
        RdfFormat("ttl", "text/turtle", ox.RdfFormat.TURTLE, "Turtle"),
        RdfFormat("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, "JSON-LD"),
        RdfFormat("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES, "N-Triples"),
        RdfFormat("rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML, "RDF/XML"),
    )
}

_DESCRIPTION = """CONSTRUCT { ?s ?p ?o . ?o skos:prefLabel ?label . ?o dct:title ?title } WHERE {
  ?s ?p ?o
  OPTIONAL { FILTER(isIRI(?o)) ?o skos:prefLabel ?label }
  OPTIONAL { FILTER(isIRI(?o)) ?o dct:title ?title } }"""


def description(store: GraphStore, iri: str) -> list[ox.Triple]:
    """Every triple with the IRI as subject, in any graph, then the labels and titles of the IRIs they point at
    (each triple once, in a stable order); NotFound when the store says nothing about it."""
    found = store.query(_DESCRIPTION, substitutions={ox.Variable("s"): ox.NamedNode(iri)})
    assert isinstance(found, ox.QueryTriples)
    subject = ox.NamedNode(iri)
    triples = sorted(set(found), key=lambda t: (t.subject != subject, str(t)))
    if not triples or triples[0].subject != subject:
        raise NotFound(f"nothing is known about <{iri}>")
    return triples


def serialise(triples: list[ox.Triple], extension: str) -> bytes:
    """The triples in one of FORMATS, with the project's prefixes where the format has them."""
    written = ox.serialize(triples, format=FORMATS[extension].oxigraph, prefixes=PREFIXES)
    assert written is not None  # without an output file, Oxigraph returns the bytes
    return written


def known(store: GraphStore, iri: str) -> bool:
    """Whether the store says anything about the IRI (nothing about a string that is no IRI)."""
    try:
        subject = ox.NamedNode(iri)
    except ValueError:
        return False
    return bool(store.query("ASK { ?s ?p ?o }", substitutions={ox.Variable("s"): subject}))
