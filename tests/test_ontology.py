"""The ontology covers the public vocabulary with bilingual labels, aligns to ELI/ORG/PROV/SKOS/DCT, and its
SHACL shapes accept the built graph (gaps as warnings) and reject malformed data."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from corpus import BASE
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from loaders.store import GraphStore
from loaders.validate import validate
from ontology import ONTOLOGY_FILES, VC

V = rdflib.Namespace(VC)
ELI = rdflib.Namespace("http://data.europa.eu/eli/ontology#")

# DOMAIN.md section 5: the names analysts and the acceptance checks use.
PUBLIC_CLASSES = [
    "PolicyDocument",
    "Directive",
    "ActionProgramme",
    "Plan",
    "Decision",
    "Law",
    "Obligation",
    "Target",
    "ReportingDuty",
    "Agency",
    "AgencyGroup",
    "AdministrativeUnit",
]
PUBLIC_PROPERTIES = [
    "documentNumber",
    "issuedBy",
    "issuedOn",
    "inCorpus",
    "implements",
    "basedOn",
    "cites",
    "hasObligation",
    "hasTarget",
    "hasReportingDuty",
    "leadAgency",
    "supportingAgency",
    "timeframe",
    "requiresDocumentFrom",
    "sectionPath",
    "derivedFrom",
    "indicator",
    "targetValue",
    "unit",
    "comparator",
    "targetYear",
    "reporter",
    "recipient",
    "via",
    "frequency",
    "dueDay",
    "jurisdiction",
    "level",
    "member",
    "groupSize",
    "sourceText",
    "sourceStart",
    "sourceEnd",
]


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path)
    return graph


def _labelled(graph: rdflib.Graph, term: rdflib.URIRef) -> None:
    labels = {lit.language for lit in graph.objects(term, RDFS.label)} | {
        lit.language for lit in graph.objects(term, SKOS.prefLabel)
    }
    assert {"vi", "en"} <= labels, term
    assert any(graph.objects(term, SKOS.definition)), term


def test_public_vocabulary_is_declared_with_labels_and_definitions(onto: rdflib.Graph) -> None:
    for name in PUBLIC_CLASSES:
        assert (V[name], RDF.type, OWL.Class) in onto, name
        _labelled(onto, V[name])
    for name in PUBLIC_PROPERTIES:
        kinds = set(onto.objects(V[name], RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
        _labelled(onto, V[name])


def test_alignments(onto: rdflib.Graph) -> None:
    assert (V.PolicyDocument, RDFS.subClassOf, ELI.LegalResource) in onto
    assert (V.implements, RDFS.subPropertyOf, ELI.ensures_implementation_of) in onto
    assert (V.basedOn, RDFS.subPropertyOf, ELI.based_on) in onto
    assert (V.cites, RDFS.subPropertyOf, ELI.cites) in onto
    assert (V.Agency, RDFS.subClassOf, rdflib.URIRef("http://www.w3.org/ns/org#Organization")) in onto
    assert (V.derivedFrom, RDFS.subPropertyOf, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in onto
    assert (V.issuedOn, RDFS.subPropertyOf, ELI.date_document) in onto
    assert not any(onto.triples((None, None, ELI.implements))), "eli:implements is deprecated"


def test_concept_schemes(onto: rdflib.Graph) -> None:
    for scheme, size in (
        (V.DocumentTypeScheme, 12),
        (V.AgencyKindScheme, 24),
        (V.AdministrativeLevelScheme, 6),
        (V.AssignmentRoleScheme, 4),
        (V.ReferenceRelationScheme, 3),
    ):
        concepts = set(onto.subjects(SKOS.inScheme, scheme))
        assert len(concepts) >= size, scheme
        for concept in concepts:
            _labelled(onto, concept)
    lead = {str(label) for label in onto.objects(V["role-lead"], SKOS.prefLabel)}
    assert {"chủ trì", "lead"} <= lead


def test_every_term_the_graph_uses_is_declared(sample_store: GraphStore, onto: rdflib.Graph) -> None:
    used = {r["p"].value for r in sample_store.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    used |= {r["c"].value for r in sample_store.query("SELECT DISTINCT ?c WHERE { ?s a ?c }")}
    used |= {r["o"].value for r in sample_store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isIRI(?o)) }")}
    ours = {t for t in used if t.startswith(VC)}
    declared = {str(s) for s in onto.subjects()}
    assert ours and ours <= declared, sorted(ours - declared)


def test_labels_are_nfc_and_tagged_vi(sample_store: GraphStore) -> None:
    import unicodedata

    for row in sample_store.query("SELECT ?l WHERE { ?a a vc:Agency ; skos:prefLabel ?l }"):
        assert row["l"].language == "vi"
        assert unicodedata.is_normalized("NFC", row["l"].value)


def test_the_built_graph_conforms_with_gaps_as_warnings(sample_store: GraphStore) -> None:
    report = validate(sample_store)
    assert report.conforms, report.violations[:3]
    messages = report.summary()
    assert messages[("Warning", "obligation has no lead unit (chủ trì)")] == 13
    assert messages[("Warning", "document number unknown (left blank, or a document named only by its title)")] == 5


def test_malformed_data_is_a_violation(tmp_path) -> None:
    store = GraphStore(tmp_path / "store")
    t, doc = ox.NamedNode(f"{BASE}doc/x/target/1"), ox.NamedNode(f"{BASE}doc/x")
    p = lambda name: ox.NamedNode(VC + name)  # noqa: E731
    store.replace_graph(
        f"{BASE}graph/x",
        [
            ox.Triple(doc, ox.NamedNode(str(RDF.type)), p("PolicyDocument")),
            ox.Triple(t, ox.NamedNode(str(RDF.type)), p("Target")),
            ox.Triple(t, p("comparator"), ox.Literal("≈")),
            ox.Triple(t, p("targetValue"), ox.Literal("nhiều")),
        ],
    )
    report = validate(store)
    assert not report.conforms
    focus = {f.focus for f in report.violations}
    assert t.value in focus and doc.value in focus


def test_ontology_readme_tables_are_current() -> None:
    from ontology import HERE
    from ontology.docs import MARK_START, render

    text = (HERE / "README.md").read_text(encoding="utf-8")
    assert MARK_START + text.split(MARK_START)[1] == render(), "run: python -m ontology.docs --write"
