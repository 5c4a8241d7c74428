"""The Neo4j projection against a real server: labels, relationship types, properties, idempotence, increments."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Neo4jDatabase
from corpus import BASE, LAI_CHAU, SEEDS, seed_text

from loaders.graph import build
from loaders.neo4j.projection import sync
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore


def cypher(db: Neo4jDatabase, query: str, **params):
    records, _, _ = db.driver.execute_query(query, parameters_=params, database_=db.settings.database)
    return records


@pytest.fixture()
def samples(tmp_path: Path, neo4j_db: Neo4jDatabase) -> GraphStore:
    neo4j_db.clear()
    store = GraphStore(tmp_path / "store")
    for path in sorted(SEEDS.glob("*.txt")):
        store.replace(build(parse(decode(path.read_bytes(), path.name)), BASE))
    yield store
    store.close()


def test_labels_relationships_and_properties(samples: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    report = sync(samples, neo4j_db.driver, neo4j_db.settings.database, BASE)
    assert report.nodes_written == report.nodes > 500 and report.rels_written == report.rels > 1500
    [plan] = cypher(
        neo4j_db,
        "MATCH (d {sourceFile: $f}) RETURN labels(d) AS labels, d.inCorpus AS inCorpus, "
        "d.issuedOn AS issued, size(d.text) AS size",
        f=LAI_CHAU,
    )
    assert sorted(plan["labels"]) == ["Plan", "PolicyDocument", "Resource"]
    assert plan["inCorpus"] is True and plan["issued"] == "2024" and plan["size"] == len(seed_text(LAI_CHAU))
    types = {r["t"] for r in cypher(neo4j_db, "MATCH ()-[r]->() RETURN DISTINCT type(r) AS t")}
    assert {
        "IMPLEMENTS",
        "BASED_ON",
        "CITES",
        "ISSUED_BY",
        "HAS_OBLIGATION",
        "LEAD_AGENCY",
        "SUPPORTING_AGENCY",
        "REQUIRES_DOCUMENT_FROM",
        "HAS_TARGET",
        "HAS_REPORTING_DUTY",
        "JURISDICTION",
        "WAS_DERIVED_FROM",
        "MEMBER",
        "HAS_MENTION",
        "DOCUMENT_TYPE",
    } <= types
    [lead] = cypher(
        neo4j_db,
        "MATCH (o:Obligation {sectionPath: 'V.2'})-[:LEAD_AGENCY]->(a:Agency) "
        "RETURN a.prefLabel AS label, o.sourceText AS text, o.sourceStart AS start",
    )
    assert lead["label"] == "Sở Giáo dục và Đào tạo tỉnh Lai Châu"
    assert lead["text"].startswith("2. Sở Giáo dục và Đào tạo") and isinstance(lead["start"], int)
    [target] = cypher(
        neo4j_db, "MATCH (t:Target) WHERE t.targetValue = 84.3 RETURN t.targetYear AS y, t.comparator AS c"
    )
    assert (target["y"], target["c"]) == (2025, ">=")
    dues = cypher(neo4j_db, "MATCH (r:ReportingDuty)-[:VIA]->(v) RETURN r.dueDay AS due, v.prefLabel AS via")
    assert {(r["due"], r["via"]) for r in dues} == {
        ("--12-01", "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu"),
        ("--12-05", "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"),
    }
    [concept] = cypher(
        neo4j_db, "MATCH (:Plan)-[:DOCUMENT_TYPE]->(c:Concept) RETURN DISTINCT c.prefLabel AS vi, c.prefLabel_en AS en"
    )
    assert (concept["vi"], concept["en"]) == ("Kế hoạch", "plan")
    constraints = cypher(neo4j_db, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
    assert any(
        c["labelsOrTypes"] == ["Resource"] and c["properties"] == ["uri"] and "UNIQUE" in c["type"] for c in constraints
    )


def test_counts_match_the_rdf(samples: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    sync(samples, neo4j_db.driver, neo4j_db.settings.database, BASE)
    for label, cls in (
        ("Obligation", "vc:Obligation"),
        ("Target", "vc:Target"),
        ("Agency", "vc:Agency"),
        ("PolicyDocument", "vc:PolicyDocument"),
        ("AgencyGroup", "vc:AgencyGroup"),
    ):
        [row] = samples.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")
        [rec] = cypher(neo4j_db, f"MATCH (n:{label}) RETURN count(n) AS n")
        assert rec["n"] == int(row["n"].value), label
    [row] = samples.query("SELECT (COUNT(*) AS ?n) WHERE { ?a vc:leadAgency ?b }")
    [rec] = cypher(neo4j_db, "MATCH ()-[r:LEAD_AGENCY]->() RETURN count(r) AS n")
    assert rec["n"] == int(row["n"].value)


def test_loading_twice_changes_nothing(samples: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    first = sync(samples, neo4j_db.driver, neo4j_db.settings.database, BASE)
    second = sync(samples, neo4j_db.driver, neo4j_db.settings.database, BASE)
    assert second.changes == 0 and (second.nodes, second.rels) == (first.nodes, first.rels)
    [rec] = cypher(neo4j_db, "MATCH (n:Resource) RETURN count(n) AS n")
    assert rec["n"] == first.nodes


def _others(db: Neo4jDatabase, prefix: str) -> dict[str, tuple[str, dict]]:
    """elementId and properties of every node outside one document."""
    rows = cypher(
        db,
        "MATCH (n:Resource) WHERE NOT n.uri STARTS WITH $p RETURN n.uri AS uri, elementId(n) AS id, "
        "properties(n) AS props",
        p=prefix,
    )
    return {r["uri"]: (r["id"], r["props"]) for r in rows}


def test_reingest_changes_only_that_document(samples: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    sync(samples, neo4j_db.driver, neo4j_db.settings.database, BASE)
    lai_chau = build(parse(decode(seed_text(LAI_CHAU).encode(), LAI_CHAU)), BASE).iri
    before = _others(neo4j_db, lai_chau)
    edited = seed_text(LAI_CHAU).replace(
        "11. Sở Nông nghiệp và Phát triển nông thôn", "11. Sở Tài nguyên và Môi trường"
    )
    samples.replace(build(parse(decode(edited.encode(), LAI_CHAU)), BASE))
    report = sync(samples, neo4j_db.driver, neo4j_db.settings.database, BASE)
    after = _others(neo4j_db, lai_chau)
    old = f"{BASE}agency/unit-12/so-nong-nghiep-va-phat-trien-nong-thon-tinh-lai-chau"
    new = f"{BASE}agency/unit-12/so-tai-nguyen-va-moi-truong-tinh-lai-chau"
    # the department no document names any more goes, with its 2025 change event; the new one comes with its own
    gone, came = set(before) - set(after), set(after) - set(before)
    assert {u for u in gone if "/change/" not in u} == {old} and {u for u in came if "/change/" not in u} == {new}
    assert len(gone) == len(came) == 2
    kept = set(before) & set(after)
    assert {u: before[u] for u in kept} == {u: after[u] for u in kept}
    assert report.nodes_deleted == 2
    assert not cypher(
        neo4j_db, "MATCH (a {prefLabel: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Lai Châu'}) RETURN a"
    )
    assert cypher(
        neo4j_db,
        "MATCH (:Obligation {sectionPath: 'V.11'})-[:LEAD_AGENCY]->"
        "(a {prefLabel: 'Sở Tài nguyên và Môi trường tỉnh Lai Châu'}) RETURN a",
    )
