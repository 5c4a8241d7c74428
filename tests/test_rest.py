"""REST resources: lists with filters and pages, one resource of each kind, cascades, search, the catalogue."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import Neo4jDatabase
from corpus import BASE, LAI_CHAU, LOCAL, TAN_BINH
from fastapi.testclient import TestClient

from api.http.service import ServiceSettings, create_app
from loaders.neo4j.projection import sync
from loaders.store import GraphStore

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client(sample_store: GraphStore) -> TestClient:
    return TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(base=BASE), None))


def everything(client: TestClient, url: str, **params) -> list[dict]:
    """All items of a paged list, following `next` links."""
    items, answer = [], client.get(url, params={**params, "limit": 3}).json()
    items += answer["items"]
    while answer["next"]:
        answer = client.get(answer["next"]).json()
        items += answer["items"]
    return items


def doc_id(client: TestClient, number: str) -> str:
    found = [d for d in client.get("/documents", params={"limit": 500}).json()["items"] if d["number"] == number]
    assert len(found) == 1, number
    return found[0]["id"]


def plan_from(client: TestClient, source_file: str) -> dict:
    for item in client.get("/documents", params={"in_corpus": True}).json()["items"]:
        document = client.get(item["href"]).json()
        if document["sourceFile"] == source_file:
            return document
    raise AssertionError(source_file)


def test_documents_list_pages_and_filters(client: TestClient, sample_store: GraphStore) -> None:
    stored = {r[0].value for r in sample_store.query("SELECT ?d WHERE { ?d a vc:PolicyDocument }")}
    paged = everything(client, "/documents")
    assert {d["id"] for d in paged} == {iri[len(BASE) :] for iri in stored} and len(paged) == len(stored)
    assert all(d["href"] == f"/documents/{d['id']}" for d in paged)
    ingested = client.get("/documents", params={"in_corpus": True}).json()
    assert ingested["total"] == 4 and all(d["inCorpus"] for d in ingested["items"])
    cited = client.get("/documents", params={"in_corpus": False}).json()
    assert cited["total"] == len(stored) - 4
    plans = client.get("/documents", params={"type": "plan"}).json()["items"]
    assert plans and all(d["type"] == "plan" for d in plans)
    districts = client.get("/documents", params={"level": "district"}).json()["items"]
    assert districts and all(d["jurisdiction"]["level"] == "district" for d in districts)


def test_province_filter_takes_code_or_name_with_or_without_accents(client: TestClient) -> None:
    by = [
        {d["id"] for d in client.get("/documents", params={"province": p}).json()["items"]}
        for p in ("12", "Lai Châu", "lai chau", "Tỉnh Lai Châu", unicodedata.normalize("NFD", "Lai Châu"))
    ]
    assert by[0] and all(found == by[0] for found in by)
    assert client.get("/documents", params={"province": "Atlantis"}).json()["total"] == 0
    hcm = client.get("/agencies", params={"province": "ho chi minh", "limit": 500}).json()["items"]
    assert hcm and all(a["jurisdiction"]["province"]["code"] == "79" for a in hcm)


def test_one_document_with_parts_and_provenance(client: TestClient) -> None:
    plan = plan_from(client, TAN_BINH)
    text = client.get(plan["links"]["text"]).text
    assert plan["inCorpus"] and plan["issuer"]["label"] == "Ủy ban nhân dân quận Tân Bình"
    assert [d["label"] for d in plan["implements"]] == ["33-CT/TU"]
    assert plan["obligations"] and plan["targets"] and plan["reportingDuties"] and plan["references"]
    spans = [
        plan["source"],
        *(o["source"] for o in plan["obligations"]),
        *(t["source"] for t in plan["targets"]),
        *(r["source"] for r in plan["references"]),
        *(d["source"] for d in plan["reportingDuties"]),
        *(
            owner["source"]
            for o in plan["obligations"]
            for role in ("lead", "support", "planIssuer", "requested")
            for owner in o[role]
        ),
    ]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    wards = [
        o for o in plan["obligations"] if any(a["label"].startswith("Ủy ban nhân dân 15 phường") for a in o["lead"])
    ]
    assert wards, "the group of 15 wards leads an obligation"
    assert all(issue["code"] for issue in plan["dataIssues"])


def test_cited_only_document_has_no_text(client: TestClient) -> None:
    directive = client.get(f"/documents/{doc_id(client, '28-CT/TW')}").json()
    assert directive["inCorpus"] is False and directive["obligations"] == []
    assert directive["implementedBy"], "documents that implement 28-CT/TW are listed"
    missing = client.get(directive["links"]["text"])
    assert missing.status_code == 404 and "citations" in missing.json()["detail"]


def test_cascade_down_and_up_with_depth(client: TestClient) -> None:
    root = doc_id(client, "28-CT/TW")
    down = client.get(f"/documents/{root}/cascade", params={"depth": 5}).json()
    depths = {d["label"]: d["depth"] for d in down["documents"]}
    assert depths["33-CT/TU"] == 1 and depths["3597/KH-UBND"] == 2 and depths["48-CTr/TU"] == 1
    ids = {down["root"]["id"], *(d["id"] for d in down["documents"])}
    assert all(e["from"] in ids and e["to"] in ids for e in down["edges"])
    shallow = client.get(f"/documents/{root}/cascade", params={"depth": 1}).json()
    assert {d["depth"] for d in shallow["documents"]} == {1}
    assert len(shallow["documents"]) < len(down["documents"])
    ward_plan = plan_from(client, TAN_BINH)
    up = client.get(f"/documents/{ward_plan['id']}/cascade", params={"direction": "up", "depth": 10}).json()
    assert "28-CT/TW" in {d["label"] for d in up["documents"]}
    assert client.get(f"/documents/{root}/cascade", params={"depth": 0}).status_code == 422
    assert client.get(f"/documents/{root}/cascade", params={"direction": "sideways"}).status_code == 422


def test_agencies_search_with_and_without_accents(client: TestClient) -> None:
    spelled = [a["id"] for a in client.get("/agencies", params={"q": "Sở Y tế"}).json()["items"]]
    bare = [a["id"] for a in client.get("/agencies", params={"q": "so y te"}).json()["items"]]
    nfd = [
        a["id"] for a in client.get("/agencies", params={"q": unicodedata.normalize("NFD", "Sở Y tế")}).json()["items"]
    ]
    assert spelled and spelled == bare == nfd
    groups = client.get("/agencies", params={"group": True, "limit": 500}).json()["items"]
    assert groups and all(a["group"] for a in groups)
    ward_group = next(a for a in groups if a["label"].startswith("Ủy ban nhân dân 15 phường"))
    assert ward_group["groupSize"] == 15
    detail = client.get(ward_group["href"]).json()
    assert len(detail["members"]) == 15 and all(m["href"] for m in detail["members"])


def test_agency_obligations_by_role_including_through_groups(client: TestClient) -> None:
    lai_chau = plan_from(client, LAI_CHAU)
    health = next(a for o in lai_chau["obligations"] for a in o["lead"] if a["label"].startswith("Sở Y tế"))
    owned = client.get(f"{health['href']}/obligations").json()
    assert owned["agency"]["id"] == health["id"]
    assert {o["sectionPath"] for o in owned["lead"]} >= {"V.5"}
    assert all(o["viaGroup"] is None for o in owned["lead"])
    group = client.get("/agencies", params={"q": "ủy ban nhân dân 15 phường"}).json()["items"][0]
    ward = client.get(group["href"]).json()["members"][0]
    through = client.get(f"{ward['href']}/obligations").json()
    assert through["lead"] and all(o["viaGroup"]["id"] == group["id"] for o in through["lead"])


def test_one_obligation_with_owner_source_and_enclosing_section(client: TestClient) -> None:
    plan = plan_from(client, LAI_CHAU)
    paths = {o["sectionPath"] for o in plan["obligations"]}
    nested = next(
        o
        for o in plan["obligations"]
        if o["sectionPath"].count(".") == 2 and o["sectionPath"].rsplit(".", 1)[0] in paths
    )  # a duty under an agency heading
    one = client.get(nested["href"]).json()
    parent_path = nested["sectionPath"].rsplit(".", 1)[0]
    assert one["parent"]["sectionPath"] == parent_path and one["document"]["id"] == plan["id"]
    assert one["lead"] == nested["lead"] and one["source"] == nested["source"]
    parent = client.get(one["parent"]["href"]).json()
    assert nested["id"] in {c["id"] for c in parent["children"]} and parent["parent"] is None


def test_search_matches_with_and_without_diacritics(client: TestClient) -> None:
    def hits(q: str, **params) -> list[tuple[str, str]]:
        return [
            (h["kind"], h["id"]) for h in client.get("/search", params={"q": q, "limit": 500, **params}).json()["items"]
        ]

    assert hits("trẻ em") and set(hits("trẻ em")) == set(hits("tre em")) == set(hits("TRẺ EM"))
    assert {kind for kind, _ in hits("tre em")} == {"document", "obligation"}
    obligations = hits("suy dinh dưỡng", kind="obligation")
    assert obligations and all(kind == "obligation" for kind, _ in obligations)
    assert hits("Tân Bình")[0][0] in ("agency", "document") and hits("tan bin")  # the last word is a prefix
    first = client.get("/search", params={"q": "dinh dưỡng", "kind": "obligation"}).json()["items"][0]
    assert first["document"]["href"] and "dinh dưỡng" in first["snippet"].lower()
    assert client.get("/search", params={"q": ""}).status_code == 422


def test_catalogue_over_http(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()["items"]}
    assert {"targets", "cascade-down", "agency-obligations"} <= set(listed)
    assert all(set(q["engines"]) == {"sparql", "cypher"} for q in listed.values())
    shown = client.get("/queries/cascade-down").json()
    assert "SELECT" in shown["sparql"] and "MATCH" in shown["cypher"]
    down = client.get("/queries/cascade-down/run", params={"number": "28-CT/TW"}).json()
    assert down["columns"] == listed["cascade-down"]["columns"] and down["total"] == len(down["rows"]) > 3
    capped = client.get("/queries/cascade-down/run", params={"number": "28-CT/TW", "limit": 2}).json()
    assert len(capped["rows"]) == 2 and capped["truncated"]
    missing = client.get("/queries/cascade-down/run")
    assert missing.status_code == 400 and "number" in missing.json()["detail"]
    assert client.get("/queries/no-such-query").status_code == 404
    no_neo4j = client.get("/queries/targets/run", params={"engine": "cypher"})
    assert no_neo4j.status_code == 503 and "NEO4J_URI" in no_neo4j.json()["detail"]


def test_catalogue_answers_page_in_one_stable_order(client: TestClient) -> None:
    """Pages of a catalogue answer, followed by their `next` links, hold every row once, in the order of the whole."""
    whole = client.get("/queries/documents/run").json()
    assert whole["total"] == len(whole["rows"]) > 7 and whole["next"] is None and not whole["truncated"]
    pages, url = [], "/queries/documents/run?limit=3"
    while url:
        answer = client.get(url).json()
        assert answer["total"] == whole["total"] and answer["limit"] == 3 and len(answer["rows"]) <= 3
        pages.append(answer)
        url = answer["next"]
    assert [row for answer in pages for row in answer["rows"]] == whole["rows"]
    assert [answer["offset"] for answer in pages] == list(range(0, whole["total"], 3))
    assert all(answer["truncated"] for answer in pages[:-1]) and not pages[-1]["truncated"]
    documents = [row["doc"] for row in whole["rows"]]
    assert documents == sorted(documents)  # the first column leads the order
    past = client.get("/queries/documents/run", params={"offset": whole["total"] + 5}).json()
    assert past["rows"] == [] and past["next"] is None


@pytest.mark.parametrize(
    "url",
    [
        "/documents/doc/nowhere/2024/1-kh",
        "/documents/agency/x/y",
        "/agencies/doc/a/b",
        "/agencies/agency/none/such",
        "/obligations/doc/a/b/c/obligation/i-1",
        "/documents/doc/nowhere/2024/1-kh/cascade",
        "/no/such/route",
    ],
)
def test_unknown_resources_are_problem_404s(client: TestClient, url: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 404 and answer.headers["content-type"] == PROBLEM
    assert answer.json()["status"] == 404 and answer.json()["detail"]


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"in_corpus": "maybe"}, {"level": "galaxy"}]
)
def test_bad_list_parameters_are_problem_422s(client: TestClient, params: dict) -> None:
    answer = client.get("/documents", params=params)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    assert next(iter(params)) in answer.json()["detail"]


def test_catalogue_cypher_engine_on_real_neo4j(sample_store: GraphStore, neo4j_db: Neo4jDatabase) -> None:
    neo4j_db.clear()
    sync(sample_store, neo4j_db.driver, neo4j_db.settings.database, BASE)
    both = TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(base=BASE), neo4j_db.settings))
    for name, params in (("targets", {}), ("cascade-down", {"number": "28-CT/TW"})):
        sparql = both.get(f"/queries/{name}/run", params=params).json()
        cypher = both.get(f"/queries/{name}/run", params={**params, "engine": "cypher"}).json()
        key = lambda row: repr(sorted(row.items()))  # noqa: E731
        assert sorted(sparql["rows"], key=key) == sorted(cypher["rows"], key=key) and sparql["rows"]


def test_index_links_resolve(client: TestClient) -> None:
    index = client.get("/").json()
    assert index["documents"] == client.get("/documents").json()["total"]
    for name, href in index["links"].items():
        if name not in ("search", "cypher"):
            assert client.get(href).status_code == 200, name


def test_wrong_method_names_every_allowed_one(client: TestClient) -> None:
    answer = client.request("OPTIONS", "/documents")
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, POST"
    assert answer.headers["content-type"] == PROBLEM
