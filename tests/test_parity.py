"""Every catalogue query answers identically in SPARQL (Oxigraph) and in Cypher (Neo4j)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import Neo4jDatabase
from corpus import BASE, SEEDS
from synthetic_plans import corpus

import queries
from loaders.events import parse as parse_event
from loaders.events import record
from loaders.graph import build
from loaders.neo4j.projection import sync
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from queries.run import run_cypher, run_sparql


def _rows(rows: list[dict]) -> Counter:
    return Counter(tuple(sorted((k, repr(v)) for k, v in row.items())) for row in rows)


def _params(store: GraphStore) -> dict[str, dict[str, str]]:
    """Parameters drawn from the data itself: a root with descendants, a plan with a reporting chain, …"""

    def first(sparql: str) -> str:
        rows = list(store.query(sparql + " LIMIT 1"))
        assert rows, sparql
        return rows[0][0].value

    plan = first(
        "SELECT ?d WHERE { ?d vc:inCorpus true ; vc:implements/vc:implements ?up ; vc:hasReportingDuty ?r } ORDER BY ?d"
    )
    return {
        "cascade-down": {
            "number": first(
                "SELECT ?n WHERE { ?c vc:implements ?d . ?d vc:documentNumber ?n } "
                "GROUP BY ?n ORDER BY DESC(COUNT(?c)) ?n"
            )
        },
        "cascade-up": {"document": plan},
        "reporting-chain": {"document": plan},
        "document-obligations": {"document": plan},
        "agency-obligations": {
            "agency": first(
                "SELECT ?l WHERE { ?o vc:supportingAgency ?a . ?a skos:prefLabel ?l ; a vc:Agency } ORDER BY ?l"
            )
        },
        "obligation-owners": {
            "obligation": first("SELECT ?o WHERE { ?o vc:leadAgency ?a ; vc:supportingAgency ?b } ORDER BY ?o")
        },
        "owners-on-date": {  # the obligation whose duties changed hands most: splits, candidates and chains
            "obligation": first(
                "SELECT ?o WHERE { ?o vc:hasAssignment/vc:succession/vc:ownershipPeriod ?p } GROUP BY ?o ORDER BY DESC(COUNT(?p)) ?o"
            ),
            "date": "2026-01-01",
        },
        "successors-of": {
            "agency": first(
                "SELECT ?a WHERE { ?a a vc:Agency ; org:changedBy ?e } GROUP BY ?a ORDER BY DESC(COUNT(?e)) ?a"
            )
        },
        "leads-of-plan": {
            "issuer": first(
                "SELECT ?l WHERE { ?d vc:inCorpus true ; vc:issuedBy/skos:prefLabel ?l ; "
                'vc:hasObligation/vc:obligationKind "task" } ORDER BY ?l'
            )
        },
    }


def _compare(store: GraphStore, db: Neo4jDatabase) -> dict[str, int]:
    sync(store, db.driver, db.settings.database, BASE)
    params = _params(store)
    sizes = {}
    for name, query in queries.catalogue().items():
        p = params.get(name, {})
        sparql = run_sparql(store, query, p)
        cypher = run_cypher(db.driver, db.settings.database, query, p)
        assert _rows(sparql) == _rows(cypher), name
        sizes[name] = len(sparql)
    return sizes


def _record_events(store: GraphStore) -> None:
    """A report received (with its evidence document), then retracted; an obligation reported done."""
    [duty, plan, agency] = next(
        iter(store.query("SELECT ?r ?d ?a WHERE { ?d vc:hasReportingDuty ?r . ?r vc:reporter ?a } ORDER BY ?r LIMIT 1"))
    )
    [obligation] = next(iter(store.query("SELECT ?o WHERE { ?o vc:leadAgency ?a } ORDER BY ?o LIMIT 1")))
    first = {"concerns": duty.value, "occurred_on": "2025-12-01", "recorded_by": "Kiểm thử"}
    [received] = record(
        store, BASE, [(parse_event({"kind": "report-received", **first, "evidence_document": plan.value}, "t"), "t")]
    )
    done = {"kind": "obligation-done", "concerns": obligation.value, "occurred_on": "2025-06-30", "recorded_by": "x"}
    back = {"kind": "report-received", **first, "retracts": received.iri, "actor": agency.value}
    record(store, BASE, [(parse_event(done, "t"), "t"), (parse_event(back, "t"), "t")])


def test_parity_on_the_samples(tmp_path: Path, neo4j_db: Neo4jDatabase) -> None:
    neo4j_db.clear()
    with GraphStore(tmp_path / "store") as store:
        for path in sorted(SEEDS.glob("*.txt")):
            store.replace(build(parse(decode(path.read_bytes(), path.name)), BASE))
        _record_events(store)
        sizes = _compare(store, neo4j_db)
    # no sample sets a report due after its recipient's own: tests/test_gap_queries.py compares written plans that do
    assert all(n for name, n in sizes.items() if name != "gap-reporting-deadlines"), sizes


@pytest.mark.parametrize("plans", [520])
def test_parity_on_a_synthetic_corpus(tmp_path: Path, neo4j_db: Neo4jDatabase, plans: int) -> None:
    neo4j_db.clear()
    built = [build(parse(decode(p.text.encode(), p.name)), BASE) for p in corpus(plans, seed=5)]
    rebuild(tmp_path / "store", built)
    with GraphStore(tmp_path / "store") as store:
        sizes = _compare(store, neo4j_db)
    assert sizes["documents"] > plans and sizes["cascade-down"] > 1 and sizes["targets"] > 100
    assert sizes["gap-missing-downstream-plans"] > plans and sizes["gap-missing-links"] and sizes["gap-ownership"]
