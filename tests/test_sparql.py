"""The questions users ask, answered with SPARQL over the store and the public vocabulary (DOMAIN.md §5)."""

from __future__ import annotations

from corpus import BASE

import queries
from loaders.store import GraphStore
from queries.run import QueryError, run_sparql, sparql_text


def rows(store: GraphStore, sparql: str) -> list[dict[str, str]]:
    result = store.query(sparql)
    names = [v.value for v in result.variables]
    return [{n: (r[n].value if r[n] is not None else None) for n in names} for r in result]


def test_who_leads_each_tan_binh_task(sample_store: GraphStore) -> None:
    got = rows(
        sample_store,
        """
        SELECT ?path ?lead WHERE {
          ?doc vc:issuedBy/skos:prefLabel "Ủy ban nhân dân quận Tân Bình"@vi ; vc:hasObligation ?o .
          ?o vc:sectionPath ?path ; vc:obligationKind "task" ; vc:leadAgency/skos:prefLabel ?lead .
        } ORDER BY ?path ?lead""",
    )
    assert [(r["path"], r["lead"]) for r in got] == [
        ("II.1", "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"),
        ("II.2", "Công an quận Tân Bình"),
        ("II.2", "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"),
        ("II.3", "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"),
        ("II.4", "Bảo hiểm xã hội quận Tân Bình"),
        ("II.4", "Phòng Y tế quận Tân Bình"),
        ("II.5", "Phòng Văn hóa và Thông tin quận Tân Bình"),
        ("II.5", "Trung tâm Văn hóa - Thể thao quận Tân Bình"),
        ("II.6", "Phòng Giáo dục và Đào tạo quận Tân Bình"),
    ]


def test_lai_chau_targets_for_2025_and_2030(sample_store: GraphStore) -> None:
    got = rows(
        sample_store,
        """
        SELECT ?year ?comparator ?value ?indicator WHERE {
          ?doc vc:issuedBy/skos:prefLabel "Ủy ban nhân dân tỉnh Lai Châu"@vi ; vc:hasTarget ?t .
          ?t vc:targetYear ?year ; vc:comparator ?comparator ; vc:targetValue ?value ; vc:indicator ?indicator .
          FILTER(CONTAINS(?indicator, "suy dinh dưỡng thể cân nặng"))
        } ORDER BY ?year""",
    )
    assert [(r["year"], r["comparator"], r["value"]) for r in got] == [("2025", "<", "15"), ("2030", "<", "12")]
    [count] = rows(
        sample_store,
        """
        SELECT (COUNT(?t) AS ?n) WHERE { ?doc vc:issuedBy/skos:prefLabel "Ủy ban nhân dân tỉnh Lai Châu"@vi ;
          vc:hasTarget ?t . ?t vc:targetYear ?y . FILTER(?y IN (2025, 2030)) }""",
    )
    assert count["n"] == "23"  # 11 for 2025, 12 for 2030
    [decimal] = rows(sample_store, "SELECT ?v WHERE { ?t vc:targetValue ?v . FILTER(?v = 84.3) }")
    assert decimal["v"] == "84.3"


def test_reporting_due_days(sample_store: GraphStore) -> None:
    got = rows(
        sample_store,
        """
        SELECT DISTINCT ?recipient ?due WHERE { ?r vc:dueDay ?due ; vc:recipient/skos:prefLabel ?recipient }
        ORDER BY ?due""",
    )
    assert got == [
        {"recipient": "Ủy ban nhân dân tỉnh Lai Châu", "due": "--12-01"},
        {"recipient": "Ủy ban nhân dân quận Tân Bình", "due": "--12-05"},
    ]
    [via] = rows(
        sample_store, 'SELECT ?via WHERE { ?r vc:dueDay "--12-01"^^xsd:gMonthDay ; vc:via/skos:prefLabel ?via }'
    )
    assert via["via"] == "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu"


def test_what_each_sample_implements(sample_store: GraphStore) -> None:
    got = rows(
        sample_store,
        """
        SELECT ?issuer ?number WHERE {
          ?doc vc:inCorpus true ; vc:issuedBy/skos:prefLabel ?issuer ; vc:implements ?parent .
          ?parent vc:documentNumber ?number .
        } ORDER BY ?issuer ?number""",
    )
    assert sorted((r["issuer"], r["number"]) for r in got) == sorted(
        [
            ("Ban Thường vụ Huyện ủy Bác Ái", "273-KH/TU"),
            ("Ban Thường vụ Huyện ủy Bác Ái", "28-CT/TW"),
            ("Ủy ban nhân dân quận Tân Bình", "33-CT/TU"),
            ("Ủy ban nhân dân tỉnh Lai Châu", "28-CT/TW"),
            ("Ủy ban nhân dân tỉnh Lai Châu", "48-CTr/TU"),
            ("Ban Thường vụ Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh (chưa xác định)", "181-KH/TU"),
            ("Ban Thường vụ Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh (chưa xác định)", "28-CT/TW"),
        ]
    )


def test_the_cascade_reaches_directive_28_by_property_path(sample_store: GraphStore) -> None:
    got = rows(
        sample_store,
        """
        SELECT ?issuer WHERE { ?doc vc:inCorpus true ; vc:issuedBy/skos:prefLabel ?issuer ;
          vc:implements+ ?root . ?root vc:documentNumber "28-CT/TW" } ORDER BY ?issuer""",
    )
    assert len({r["issuer"] for r in got}) == 4
    [based] = rows(
        sample_store,
        """SELECT (COUNT(?d) AS ?n) WHERE { ?doc vc:issuedBy/skos:prefLabel
        "Ủy ban nhân dân quận Tân Bình"@vi ; vc:basedOn ?d }""",
    )
    assert based["n"] == "3"


def test_cited_only_documents_and_dates(sample_store: GraphStore) -> None:
    got = {
        r["number"]: r
        for r in rows(
            sample_store,
            """
        SELECT ?number ?issued ?kind WHERE { ?d vc:inCorpus false ; vc:documentNumber ?number .
          OPTIONAL { ?d vc:issuedOn ?issued BIND(DATATYPE(?issued) AS ?kind) } }""",
        )
    }
    assert {"28-CT/TW", "48-CTr/TU", "273-KH/TU", "33-CT/TU", "3597/KH-UBND", "253-KH/QU", "181-KH/TU"} <= set(got)
    assert got["28-CT/TW"]["issued"] == "2023-12-25" and got["28-CT/TW"]["kind"].endswith("#date")
    partial = rows(sample_store, "SELECT ?v WHERE { ?d vc:inCorpus true ; vc:issuedOn ?v } ORDER BY ?v")
    assert [r["v"] for r in partial] == ["2024", "2024-03"]


def test_group_owner_knows_its_members(sample_store: GraphStore) -> None:
    got = rows(
        sample_store,
        """
        SELECT ?size (COUNT(?m) AS ?members) WHERE {
          ?g skos:prefLabel "Ủy ban nhân dân 15 phường (quận Tân Bình)"@vi ; vc:groupSize ?size ; vc:member ?m .
        } GROUP BY ?size""",
    )
    assert got == [{"size": "15", "members": "15"}]
    communes = rows(
        sample_store,
        """SELECT (COUNT(?m) AS ?n) WHERE {
        ?g skos:prefLabel "Các Đảng ủy xã (huyện Bác Ái)"@vi ; vc:member ?m }""",
    )
    assert communes == [{"n": "9"}]
    districts = rows(
        sample_store,
        """SELECT (COUNT(?m) AS ?n) WHERE {
        ?g skos:prefLabel "Ủy ban nhân dân các huyện, thành phố (tỉnh Lai Châu)"@vi ; vc:member ?m }""",
    )
    assert districts == [{"n": "8"}]


def test_every_fact_has_provenance_that_matches_the_text(sample_store: GraphStore) -> None:
    got = rows(
        sample_store,
        """
        SELECT ?fact ?text ?start ?end ?full WHERE {
          ?fact prov:wasDerivedFrom ?doc ; vc:sourceText ?text ; vc:sourceStart ?start ; vc:sourceEnd ?end .
          ?doc vc:text ?full .
          FILTER NOT EXISTS { ?fact a vc:Agency } FILTER NOT EXISTS { ?fact a vc:AgencyGroup }
          FILTER NOT EXISTS { ?fact a vc:PolicyDocument }
        }""",
    )
    assert len(got) > 200
    for r in got:
        assert r["full"][int(r["start"]) : int(r["end"])] == r["text"], r["fact"]
    missing = rows(
        sample_store,
        """SELECT ?x WHERE { VALUES ?c { vc:Obligation vc:Target vc:ReportingDuty
        vc:Assignment vc:DocumentReference } ?x a ?c . FILTER NOT EXISTS { ?x vc:sourceText ?t } }""",
    )
    assert missing == []


def test_shared_facts_appear_once_in_the_default_graph(sample_store: GraphStore) -> None:
    [row] = rows(
        sample_store,
        """SELECT (COUNT(*) AS ?n) WHERE {
        ?a a vc:Agency ; skos:prefLabel "Bộ Chính trị"@vi }""",
    )
    assert row["n"] == "1"


def sample_params(store: GraphStore) -> dict[str, dict[str, str]]:
    """Parameters for the catalogue's parameterised queries, taken from the Tân Bình plan."""
    [row] = rows(
        store, 'SELECT ?d WHERE { ?d vc:inCorpus true ; vc:issuedBy/skos:prefLabel "Ủy ban nhân dân quận Tân Bình"@vi }'
    )
    doc = row["d"]
    return {
        "cascade-down": {"number": "28-CT/TW"},
        "cascade-up": {"document": doc},
        "agency-obligations": {"agency": "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"},
        "obligation-owners": {"obligation": f"{doc}/obligation/ii-2"},
        "owners-on-date": {"obligation": f"{doc}/obligation/ii-2", "date": "2026-01-01"},
        "successors-of": {"agency": f"{BASE}agency/unit-766/phong-y-te-quan-tan-binh"},
        "reporting-chain": {"document": doc},
        "document-obligations": {"document": doc},
        "leads-of-plan": {"issuer": "Ủy ban nhân dân quận Tân Bình"},
    }


def test_every_catalogue_query_runs_on_the_samples(sample_store: GraphStore) -> None:
    params = sample_params(sample_store)
    for name, query in queries.catalogue().items():
        assert query.sparql and query.cypher, name
        got = run_sparql(sample_store, query, params.get(name, {}))
        # the samples set no deadline later than the next, and record no event (tests/test_parity.py records some)
        assert got or name in ("gap-reporting-deadlines", "implementation-events"), name
        assert query.description, name


def test_cascade_down_and_up_with_depth(sample_store: GraphStore) -> None:
    params = sample_params(sample_store)
    down = {
        (r["documentNumber"], r["depth"])
        for r in run_sparql(sample_store, queries.get("cascade-down"), {"number": "28-CT/TW"})
    }
    assert down == {
        ("48-CTr/TU", 1),
        ("33-CT/TU", 1),
        ("273-KH/TU", 1),
        ("181-KH/TU", 1),
        ("162-KH/ĐUK", 1),
        ("3597/KH-UBND", 2),
        ("253-KH/QU", 2),
        (None, 1),  # the Lai Châu and Bác Ái plans also implement 28-CT/TW directly
        (None, 2),
    }  # the Tân Bình plan implements 33-CT/TU only
    up = {
        (r["ancestorNumber"], r["depth"])
        for r in run_sparql(sample_store, queries.get("cascade-up"), params["cascade-up"])
    }
    assert up == {("33-CT/TU", 1), ("28-CT/TW", 2)}


def test_owners_of_one_obligation_with_source_text(sample_store: GraphStore) -> None:
    got = run_sparql(sample_store, queries.get("obligation-owners"), sample_params(sample_store)["obligation-owners"])
    roles = sorted((r["role"], r["agency"]) for r in got)
    assert roles[:2] == [
        ("lead", "Công an quận Tân Bình"),
        ("lead", "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"),
    ]
    assert ("support", "Ủy ban nhân dân 15 phường (quận Tân Bình)") in roles
    assert {r["sourceText"] for r in got if r["agency"] == "Công an quận Tân Bình"} == {"Công an quận"}
    assert got[0]["obligationText"].startswith("2. Tiếp tục cập nhật cơ sở dữ liệu về trẻ em")


def test_missing_downstream_plans(sample_store: GraphStore) -> None:
    rows = run_sparql(sample_store, queries.get("gap-missing-downstream-plans"), {})
    got = {(r["paths"], r["unitLabel"]) for r in rows}
    assert ("IV.2.p3, IV.5.p2", "Ủy ban nhân dân Phường 6, quận Tân Bình") in got  # one of the 15 wards
    assert ("III.1.p2", "Đảng ủy xã Phước Bình, huyện Bác Ái") in got
    assert ("I.2.p2, V.14.p2", "Ủy ban nhân dân huyện Than Uyên") in got  # the requirement part asks it too
    assert ("V.3.p2", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu") in got  # named on its own


def test_parameters_are_checked() -> None:
    import pytest

    with pytest.raises(QueryError, match="takes parameters: number"):
        sparql_text(queries.get("cascade-down"), {})


def test_query_catalogue_documents_every_query() -> None:
    from pathlib import Path

    text = (Path(queries.__file__).parent / "README.md").read_text(encoding="utf-8")
    for name in queries.names():
        assert f"| `{name}` | {queries.description(name)} |" in text, name
