"""The vn-cascade ontology: Turtle files, SHACL shapes and the namespaces code uses to write triples."""

from __future__ import annotations

from importlib import resources

HERE = resources.files(__package__)  # the package's files, wherever and however it is installed
THEMES_FILE = HERE / "themes.ttl"
ONTOLOGY_FILES = (HERE / "vn-cascade.ttl", HERE / "schemes.ttl", THEMES_FILE)
SHAPES_FILE = HERE / "shapes.ttl"

VC = "https://w3id.org/vn-cascade/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
ELI = "http://data.europa.eu/eli/ontology#"

PREFIXES = {
    "vc": VC,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "dct": DCT,
    "prov": PROV,
    "org": ORG,
    "eli": ELI,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to prepend to user queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
