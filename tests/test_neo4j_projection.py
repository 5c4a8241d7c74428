"""The Neo4j projection against a real server: labels, relationship types, properties, idempotence, increments."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import Neo4jDatabase
from corpus import BASE, LAI_CHAU, SEEDS, change_at_random, seed_text
from synthetic_plans import corpus

from loaders import nt
from loaders.graph import BuiltDocument, build
from loaders.neo4j.projection import PropertyGraph, SyncReport, current, project, sync
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore
from ontology import RDF


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
    # the department no document names any more goes; the new one comes with its 2025 change event and succession
    # (reference data, derived from the reform catalogue: they stay, as units do, whoever names the body)
    gone, came = set(before) - set(after), set(after) - set(before)
    assert gone == {old}
    assert {u for u in came if not re.search(r"/change/|/succession/", u)} == {new}
    kept = set(before) & set(after)
    assert {u: before[u] for u in kept} == {u: after[u] for u in kept}
    assert report.nodes_deleted == 1
    assert not cypher(
        neo4j_db, "MATCH (a {prefLabel: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Lai Châu'}) RETURN a"
    )
    assert cypher(
        neo4j_db,
        "MATCH (:Obligation {sectionPath: 'V.11'})-[:LEAD_AGENCY]->"
        "(a {prefLabel: 'Sở Tài nguyên và Môi trường tỉnh Lai Châu'}) RETURN a",
    )


def _database(db: Neo4jDatabase) -> PropertyGraph:
    return current(db.driver, db.settings.database)


def _assert_holds_projection(store: GraphStore, db: Neo4jDatabase) -> None:
    want, have = project(store, BASE), _database(db)
    assert have.nodes.keys() == want.nodes.keys()
    assert have.nodes == want.nodes and have.rels == want.rels


def _sync(store: GraphStore, db: Neo4jDatabase) -> SyncReport:
    return sync(store, db.driver, db.settings.database, BASE)


@pytest.fixture(scope="module")
def versions() -> list[tuple[BuiltDocument, BuiltDocument]]:
    """Synthetic plans that cite each other and share agencies, each with an edited second version."""
    plans = corpus(14, seed=3)
    return [
        (build(parse(decode(p.text.encode(), p.name)), BASE), build(parse(decode(_edited(p.text), p.name)), BASE))
        for p in plans
    ]


def _edited(text: str) -> bytes:
    """The same plan with its last task dropped and a line added: other triples, the same document IRI."""
    return (text[: text.rfind("\n", 0, len(text) * 4 // 5)] + "\nNơi nhận: lưu VT.\n").encode()


def test_per_document_sync_follows_any_sequence_of_changes(
    tmp_path: Path, neo4j_db: Neo4jDatabase, versions: list[tuple[BuiltDocument, BuiltDocument]]
) -> None:
    """Random replaces and removes, synced every one to three steps (a document stored and removed in between
    included): Neo4j then holds exactly the projection, and each sync rewrote only the documents that changed."""
    neo4j_db.clear()
    rng = random.Random(7)

    def versions_of(iris: set[str]) -> list[BuiltDocument]:
        return [d for pair in versions for d in pair if d.iri in iris]

    with GraphStore(tmp_path / "store") as store:
        for first, _ in versions[:6]:
            store.replace(first)
        report = _sync(store, neo4j_db)
        assert report.mode == "bulk" and report.documents_written == 6
        _assert_holds_projection(store, neo4j_db)
        present = {d.iri: d for d, _ in versions[:6]}
        for step in range(14):
            touched: set[str] = set()
            for _ in range(rng.randint(1, 3)):
                doc = rng.choice(rng.choice(versions))
                change_at_random(store, present, doc, rng, remove=0.35)
                touched.add(doc.iri)
            # a document changes, or so do those it cites (their nodes gain or lose its prov:wasDerivedFrom)
            cited = {nt.value(line.split(" ", 1)[0]) for d in versions_of(touched) for line in d.claim_lines}
            report = _sync(store, neo4j_db)
            assert report.mode == "documents", step
            synced = report.documents_written + report.documents_deleted
            assert synced <= len(touched | cited & set(present)) and (synced or report.changes == 0), step
            _assert_holds_projection(store, neo4j_db)
        again = _sync(store, neo4j_db)
        assert again.changes == 0 and again.documents_written == again.documents_deleted == 0


def test_a_shared_agency_keeps_what_the_other_document_says(tmp_path: Path, neo4j_db: Neo4jDatabase) -> None:
    """Two plans naming the same departments: removing one leaves each department as the other states it; removing
    both removes the departments no document names."""
    neo4j_db.clear()
    text = seed_text(LAI_CHAU)
    one = build(parse(decode(text.encode(), LAI_CHAU)), BASE)
    other = build(parse(decode(text.replace("Số: /KH-UBND", "Số: 77/KH-UBND").encode(), "77.txt")), BASE)
    agency = f"{BASE}agency/unit-12/so-giao-duc-va-dao-tao-tinh-lai-chau"
    assert one.iri != other.iri
    with GraphStore(tmp_path / "store") as store:
        store.replace(one)
        store.replace(other)
        assert _sync(store, neo4j_db).mode == "bulk"
        before = _database(neo4j_db).nodes[agency]
        store.remove(one.iri, one.graph)
        report = _sync(store, neo4j_db)
        assert (report.mode, report.documents_written, report.documents_deleted) == ("documents", 0, 1)
        _assert_holds_projection(store, neo4j_db)
        assert _database(neo4j_db).nodes[agency] == before  # the other plan says the same of it
        mentions = cypher(neo4j_db, "MATCH (m:Mention)-[:MENTIONS]->({uri: $a}) RETURN m.uri AS m", a=agency)
        assert mentions and all(r["m"].startswith(other.iri + "/") for r in mentions)
        store.remove(other.iri, other.graph)
        report = _sync(store, neo4j_db)
        assert report.documents_deleted == 1 and report.nodes_deleted > 0
        _assert_holds_projection(store, neo4j_db)
        assert agency not in _database(neo4j_db).nodes


def test_a_database_synced_without_a_record_is_compared_whole_once(
    samples: GraphStore, neo4j_db: Neo4jDatabase
) -> None:
    first = _sync(samples, neo4j_db)
    assert first.mode == "bulk" and first.documents_written == 4
    cypher(neo4j_db, "MATCH (r:VnCascadeSync) DELETE r")  # as the sync before records left it
    lai_chau = build(parse(decode(seed_text(LAI_CHAU).encode(), LAI_CHAU)), BASE)
    edited = seed_text(LAI_CHAU).replace(
        "11. Sở Nông nghiệp và Phát triển nông thôn", "11. Sở Tài nguyên và Môi trường"
    )
    samples.replace(build(parse(decode(edited.encode(), LAI_CHAU)), BASE))
    report = _sync(samples, neo4j_db)
    assert report.mode == "diff" and report.changes > 0 and report.nodes_deleted == 1
    _assert_holds_projection(samples, neo4j_db)
    samples.replace(lai_chau)
    again = _sync(samples, neo4j_db)
    assert (again.mode, again.documents_written, again.documents_deleted) == ("documents", 1, 0)
    assert again.nodes_deleted == 1
    _assert_holds_projection(samples, neo4j_db)


def test_the_store_tells_each_document_its_parts_and_reference_subjects(
    store: GraphStore, versions: list[tuple[BuiltDocument, BuiltDocument]]
) -> None:
    """What the per-document sync relies on from the builder: a document's own subjects are reachable from its node
    by links under its IRI, and its reference subjects are units, change events, successions (with their periods and
    shares) or documents (whose triples the sync counts); every other subject of its lines is in its named graph."""
    from loaders.neo4j.projection import _footprint, _project_subjects

    docs = [first for first, _ in versions[:4]]
    for doc in docs:
        store.replace(doc)
    for doc in docs:
        owned = {nt.value(line.split(" ", 1)[0]) for line in doc.owned_lines}
        _, looked = _project_subjects(store, BASE, [], [doc.iri])
        assert looked == owned
        claimed = {nt.value(line.split(" ", 1)[0]) for line in doc.claim_lines}
        assert set(_footprint(store, doc.iri, BASE)) == claimed
        reference = {nt.value(line.split(" ", 1)[0]) for line in doc.reference_lines}
        kinds = {"AdministrativeUnit", "ChangeEvent", "Succession", "OwnershipPeriod", "OwnerShare", "PolicyDocument"}
        for subject in reference:
            types = {
                q.object.value.rsplit("#", 1)[-1]
                for q in store.store.quads_for_pattern(
                    ox.NamedNode(subject), ox.NamedNode(RDF + "type"), None, ox.DefaultGraph()
                )
            }
            assert types & kinds, subject
