"""The 2025 reorganisation on the samples: change events in the graph, ownership on a day following successor
chains (splits with area shares, candidates when the sources cannot choose, no successor when none is named),
the catalogue queries, the REST resources, the UI's then → now, and the audit as of a day."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from corpus import BAC_AI, BASE, LAI_CHAU, LOCAL, TAN_BINH
from fastapi.testclient import TestClient

import queries
from api.http.service import ServiceSettings, create_app
from loaders.body_changes import Body, changes_of
from loaders.model import ParsedDocument
from loaders.store import GraphStore
from loaders.succession import owners_on
from loaders.validate import validate
from queries.audit import run
from queries.run import QueryError, run_sparql

TODAY_ISH = "2026-01-01"


def _obligation(store: GraphStore, agency_words: str, doc_words: str, role: str = "lead") -> str:
    """The first obligation (by IRI) whose `role` is an agency named with these words, in a document so named."""
    rows = store.query(f"""SELECT ?o WHERE {{ ?d vc:hasObligation ?o . ?o vc:hasAssignment ?a .
        ?a vc:agent/skos:prefLabel ?l ; vc:role vc:role-{role} . ?d dct:title|vc:sourceFile ?t .
        FILTER(CONTAINS(?l, "{agency_words}") && CONTAINS(STR(?t), "{doc_words}")) }} ORDER BY ?o LIMIT 1""")
    return next(iter(rows))[0].value


def _owners(store: GraphStore, obligation: str, day: str) -> list[dict]:
    return run_sparql(store, queries.get("owners-on-date"), {"obligation": obligation, "date": day})


def test_the_graph_holds_change_events_with_their_legal_basis(sample_store: GraphStore) -> None:
    (count,) = next(iter(sample_store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a vc:ChangeEvent }")))
    assert int(count.value) > 100
    rows = sample_store.query("""SELECT ?n WHERE { ?e a vc:ChangeEvent ; vc:legalBasis ?b .
        ?b a vc:PolicyDocument ; vc:documentNumber ?n } GROUP BY ?n""")
    numbers = {r[0].value for r in rows}
    assert {"45/2025/NĐ-CP", "150/2025/NĐ-CP", "202/2025/QH15", "203/2025/QH15", "1685/NQ-UBTVQH15"} <= numbers
    # every event says how sure its source is and which rule made it
    missing = sample_store.query("""SELECT ?e WHERE { ?e a vc:ChangeEvent
        FILTER NOT EXISTS { ?e vc:confidence ?c ; vc:changeRule ?r ; vc:effectiveDate ?d } }""")
    assert not list(missing)


def test_the_graph_with_its_reorganisation_facts_passes_the_shapes(sample_store: GraphStore) -> None:
    report = validate(sample_store)
    assert report.conforms, report.violations[:5]


def test_lai_chau_labour_department_children_duties_go_to_health_and_child_labour_is_ambiguous(
    parsed: dict[str, ParsedDocument],
) -> None:
    ref = next(r for ob in parsed[LAI_CHAU].obligations for r in ob.leads if "Lao động" in r.label)
    body = Body.of(ref)
    children = owners_on(body, frozenset({"children"}), TODAY_ISH)
    assert children.status == "resolved"
    assert [h.body.label for h in children.heirs] == ["Sở Y tế tỉnh Lai Châu"]
    assert "ND-45-2025-ND-CP" in children.via[0].bases
    labour = owners_on(body, frozenset({"labour"}), TODAY_ISH)
    assert [h.body.label for h in labour.heirs] == ["Sở Nội vụ tỉnh Lai Châu"]
    both = owners_on(body, frozenset({"children", "labour"}), TODAY_ISH)
    assert both.status == "ambiguous"
    assert {h.body.label for h in both.heirs} == {"Sở Y tế tỉnh Lai Châu", "Sở Nội vụ tỉnh Lai Châu"}
    before = owners_on(body, frozenset({"children"}), "2025-02-28")
    assert before.status == "unchanged" and before.heirs[0].body == body


def test_every_tan_binh_and_bac_ai_owner_resolves_to_a_2025_body(parsed: dict[str, ParsedDocument]) -> None:
    """All but the one body no source names a successor for: the district's culture and sport centre."""
    unresolved = []
    for name in (TAN_BINH, BAC_AI):
        for ob in parsed[name].obligations:
            for ref in ob.leads + ob.supports + ob.requires_plan_from:
                now = owners_on(Body.of(ref), frozenset({"children"}), TODAY_ISH)
                if now.status == "unresolved":
                    unresolved.append(ref.label)
                    continue
                assert now.status == "resolved", ref.label
                for heir in now.heirs:  # a body of a 2025 commune or province, or a central one
                    j = heir.body.jurisdiction
                    assert j.scheme == "2025" or j.level == "central", (ref.label, heir.body.label)
    assert set(unresolved) == {"Trung tâm Văn hóa - Thể thao quận Tân Bình"}
    centre = next(c for c in changes_of(_body(parsed, TAN_BINH, "Trung tâm Văn hóa")) if not c.heirs)
    assert "no source names" in centre.note


def _body(parsed: dict[str, ParsedDocument], name: str, words: str) -> Body:
    ref = next(r for ob in parsed[name].obligations for r in ob.leads + ob.supports if words in r.label)
    return Body.of(ref)


def test_the_tan_binh_labour_office_is_ambiguous_in_spring_2025_then_split_among_six_wards(
    sample_store: GraphStore,
) -> None:
    obligation = _obligation(sample_store, "Phòng Lao động", "Tân Bình")
    written = _owners(sample_store, obligation, "2024-06-01")
    assert {(r["ownerLabel"], r["resolution"]) for r in written if r["role"] == "lead"} == {
        ("Phòng Lao động - Thương binh và Xã hội quận Tân Bình", "unchanged")
    }
    spring = [r for r in _owners(sample_store, obligation, "2025-04-01") if r["role"] == "lead"]
    assert {r["resolution"] for r in spring} == {"ambiguous"}
    assert {r["ownerLabel"] for r in spring} >= {
        "Phòng Y tế quận Tân Bình",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận Tân Bình",
    }
    now = [r for r in _owners(sample_store, obligation, TODAY_ISH) if r["role"] == "lead"]
    assert {r["resolution"] for r in now} == {"resolved"} and len(now) == 6
    assert all(r["ownerLabel"].startswith("Phòng Văn hóa - Xã hội phường ") for r in now)
    assert sum(r["share"] for r in now) == pytest.approx(1.0, abs=0.01)
    assert all("150/2025/NĐ-CP" in r["basis"] for r in now)


def test_successors_of_follows_the_chain_with_shares_and_candidates(sample_store: GraphStore) -> None:
    agency = BASE + "agency/unit-766/phong-lao-dong-thuong-binh-va-xa-hoi-quan-tan-binh"
    rows = run_sparql(sample_store, queries.get("successors-of"), {"agency": agency})
    kinds = Counter((r["originalLabel"], r["kind"], r["function"]) for r in rows)
    office = "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"
    assert kinds[(office, "transfer-function", "children")] == 2  # Phòng Y tế or the Văn phòng: candidates
    assert all(r["candidates"] for r in rows if r["function"] == "children" and r["originalLabel"] == office)
    assert kinds[("Phòng Y tế quận Tân Bình", "split", None)] == 6  # the next step of the chain, in July
    assert {r["effective"] for r in rows} == {"2025-03-01", "2025-07-01"}


def test_a_date_parameter_is_checked(sample_store: GraphStore) -> None:
    obligation = _obligation(sample_store, "Phòng Lao động", "Tân Bình")
    with pytest.raises(QueryError, match="date YYYY-MM-DD"):
        _owners(sample_store, obligation, "1 July 2025")


@pytest.fixture(scope="module")
def client(sample_store: GraphStore) -> TestClient:
    return TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(base=BASE), None))


def test_rest_gives_owners_on_a_day_and_an_agencys_successors(client: TestClient, sample_store: GraphStore) -> None:
    obligation = _obligation(sample_store, "Phòng Lao động", "Tân Bình")
    rid = obligation.removeprefix(BASE)
    answer = client.get(f"/obligations/{rid}", params={"on": TODAY_ISH}).json()
    assert answer["on"]["date"] == TODAY_ISH
    lead = next(d for d in answer["on"]["duties"] if d["role"] == "lead")
    assert lead["written"]["label"] == "Phòng Lao động - Thương binh và Xã hội quận Tân Bình"
    assert lead["resolution"] == "resolved" and len(lead["owners"]) == 6
    assert client.get(f"/obligations/{rid}").json()["on"]["date"] == dt.date.today().isoformat()
    assert client.get(f"/obligations/{rid}", params={"on": "2026-13-01"}).status_code == 422
    changes = client.get("/agencies/agency/unit-766/cong-an-quan-tan-binh/successors").json()["changes"]
    first = changes[0]
    assert (first["effective"], first["kind"], first["basis"]) == ("2025-03-01", "abolish", "121-KL/TW")
    assert len(first["successors"]) == 15  # the police of each ward, then in July those of the six new wards
    assert any(c["effective"] == "2025-07-01" for c in changes)


def test_the_document_page_shows_then_and_now(client: TestClient, sample_store: GraphStore) -> None:
    obligation = _obligation(sample_store, "Phòng Lao động", "Tân Bình")
    document, _, part = obligation.removeprefix(BASE).partition("/obligation/")
    page = client.get(f"/ui/documents/{document}", params={"on": TODAY_ISH}, headers={"accept": "text/html"}).text
    row = re.search(rf'<tr id="{part}">(.*?)</tr>', page, re.S)
    assert row is not None
    now = re.sub(r"<[^>]+>", "", row.group(1))
    assert "Phòng Lao động - Thương binh và Xã hội quận Tân Bình →" in now
    assert "Phòng Văn hóa - Xã hội phường Tân Sơn Nhất" in now and "150/2025/NĐ-CP" in now
    before = client.get(f"/ui/documents/{document}", params={"on": "2024-06-01"}, headers={"accept": "text/html"})
    assert 'class="then-now' not in before.text
    agency = client.get("/ui/agencies/agency/unit-766/phong-y-te-quan-tan-binh").text
    assert 'id="successors"' in agency and "150/2025/NĐ-CP" in agency


def test_the_audit_tells_resolved_from_ambiguous_and_unresolved(sample_store: GraphStore) -> None:
    found = run(sample_store, ["reforms"], on=dt.date(2026, 1, 1))
    by = {(f.details.get("resolution"), f.agencies[0].rsplit("/", 1)[-1]): f for f in found if f.agencies}
    resolved = by[("resolved", "phong-y-te-quan-tan-binh")]
    assert resolved.type == "owner-abolished-2025" and resolved.severity == "low"
    assert len(resolved.details["successors"]) == 6
    ambiguous = by[("ambiguous", "so-lao-dong-thuong-binh-va-xa-hoi-tinh-lai-chau")]  # the child-labour duty
    assert ambiguous.type == "owner-successor-ambiguous-2025" and ambiguous.severity == "medium"
    assert set(ambiguous.details["candidates"]) == {"Sở Y tế tỉnh Lai Châu", "Sở Nội vụ tỉnh Lai Châu"}
    unresolved = by[("unresolved", "trung-tam-van-hoa-the-thao-quan-tan-binh")]
    assert unresolved.type == "owner-successor-unknown-2025" and unresolved.severity == "high"
    assert not unresolved.details["successors"]
    assert not run(sample_store, ["reforms"], on=dt.date(2024, 12, 31))


def test_plans_owed_as_of_a_day_are_owed_by_the_wards_that_replaced_the_fifteen(sample_store: GraphStore) -> None:
    def tan_binh(on: dt.date | None) -> list:
        return [
            f
            for f in run(sample_store, ["missing-downstream-plan"], on=on)
            if "quận Tân Bình" in f.message_vi and f.details.get("groups")
        ]

    written = tan_binh(None)
    assert len(written) == 15
    after = tan_binh(dt.date(2026, 1, 1))
    assert len(after) == 6
    replaced = {f.agencies[0].rsplit("/", 1)[-1]: len(f.details["replaces"]) for f in after}
    assert replaced["uy-ban-nhan-dan-phuong-tan-son-hoa-thanh-pho-ho-chi-minh"] == 3
    assert replaced["uy-ban-nhan-dan-phuong-tan-son-thanh-pho-ho-chi-minh"] == 1  # the rest of Phường 15
    assert len(tan_binh(dt.date(2025, 6, 30))) == 15


def test_a_sourced_exception_overrides_the_nationwide_rule_with_its_source() -> None:
    from loaders import admin_units
    from loaders.jurisdictions import from_unit

    hcm = from_unit(admin_units.province("Hồ Chí Minh"))
    labour = Body("Sở Lao động - Thương binh và Xã hội Thành phố Hồ Chí Minh", "department", "province", hcm)
    children = next(c for c in changes_of(labour) if c.function == "children")
    assert children.rule.endswith("+exception") and children.confidence == "H"
    assert children.bases[0] == "QD-645-QD-UBND-HCM" and "baomoi" in (children.source or "")
    lai_chau = from_unit(admin_units.province("Lai Châu"))
    (merged,) = changes_of(Body("Ban Tuyên giáo Tỉnh ủy Lai Châu", "party-board", "province", lai_chau))
    assert merged.bases == ("QD-1676-QD-TU-LAI-CHAU",) and merged.confidence == "H"
    assert [h.body.label for h in merged.heirs] == ["Ban Tuyên giáo và Dân vận Tỉnh ủy Lai Châu"]
    elsewhere = from_unit(admin_units.province("Bắc Giang"))
    (rule,) = changes_of(Body("Ban Tuyên giáo Tỉnh ủy Bắc Giang", "party-board", "province", elsewhere))
    assert rule.bases == ("KL-121-KL-TW",) and rule.confidence == "M"  # the nationwide pattern, no exception


def test_a_malformed_exceptions_file_is_refused_naming_the_file_and_line(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from loaders import body_changes

    bad = tmp_path / "reform2025.toml"
    bad.write_text('[basis.X]\nnumber = "1/2025/QH15"\ntype = \n', encoding="utf-8")
    monkeypatch.setattr(body_changes, "DATA", bad)
    body_changes._data.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"reform2025\.toml: .*line 3"):
            body_changes.bases.__wrapped__()
    finally:
        body_changes._data.cache_clear()


def test_units_carry_their_validity_and_split_shares_are_in_the_graph(sample_store: GraphStore) -> None:
    rows = sample_store.query("""SELECT ?until ?from WHERE { ?old vc:unitCode "26965" ; vc:validUntil ?until ;
        org:changedBy/org:resultingOrganization ?new . ?new vc:validFrom ?from }""")  # Phường 2, quận Tân Bình
    assert {(r[0].value, r[1].value) for r in rows} == {("2025-07-01", "2025-07-01")}
    agency = BASE + "agency/unit-766/phong-y-te-quan-tan-binh"
    shares = [r["share"] for r in run_sparql(sample_store, queries.get("successors-of"), {"agency": agency})]
    assert len(shares) == 6 and sum(shares) == pytest.approx(1.0, abs=0.01)


def test_gaps_and_the_cascade_view_as_of_a_day(client: TestClient, sample_store: GraphStore) -> None:
    owed = client.get("/gaps", params={"type": "missing-downstream-plan", "on": TODAY_ISH, "limit": 500}).json()
    wards = [f for f in owed["items"] if "thay cho" in f["message_vi"] and "Tân Bình" in f["message_vi"]]
    assert len(wards) == 6
    assert client.get("/gaps", params={"on": "0"}).status_code == 422
    document = _obligation(sample_store, "Phòng Lao động", "Tân Bình").removeprefix(BASE).split("/obligation/")[0]
    now = client.get(f"/views/cascade/{document}", params={"on": TODAY_ISH}).text
    written = client.get(f"/views/cascade/{document}").text
    assert "Kế hoạch của Ủy ban nhân dân phường Tân Sơn Hòa" in now
    assert "Kế hoạch của Ủy ban nhân dân Phường 13" not in now  # named only as one the ward replaces
    assert "Kế hoạch của Ủy ban nhân dân Phường 13, quận Tân Bình" in written


def test_the_cli_asks_the_audit_as_of_a_day(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner
    from corpus import SEEDS

    from api.cli.main import main

    monkeypatch.setenv("VN_CASCADE_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    store = str(tmp_path / "store")
    assert runner.invoke(main, ["ingest", str(SEEDS / TAN_BINH), "--store", store]).exit_code == 0
    out = runner.invoke(main, ["gaps", "--store", store, "--type", "reforms", "--on", TODAY_ISH, "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert "owner-successor-unknown-2025" in out.output and "owner-abolished-2025" in out.output
    before = runner.invoke(main, ["gaps", "--store", store, "--type", "reforms", "--on", "2024-12-31"])
    assert before.exit_code == 0 and "owner-" not in before.output
    bad = runner.invoke(main, ["gaps", "--store", store, "--on", "31/12/2024"])
    assert bad.exit_code != 0 and "--on" in bad.output
