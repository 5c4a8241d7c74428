"""The cascade through time on written plans and reports (tests/timeline_corpus: a province plan, five sibling district
plans, a commune plan, three commune reports and a revised district plan): reports matched to the duty they answer,
overdue reports and plans on the right day, a recorded report clearing its finding, the revised plan's diff, and
the five siblings side by side in the UI and the workbook."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from corpus import BASE, LOCAL, REPO
from fastapi.testclient import TestClient

from api.cli.main import main
from api.http.service import ServiceSettings, create_app
from loaders import report_matching
from loaders.events import RECORDED_BY_MATCHER, parse, record
from loaders.ingest import ingest
from loaders.store import GraphStore, backup
from queries.audit import run, siblings, timeliness, versions
from queries.read import events
from queries.read.model import ReadModel

TIMELINE = REPO / "tests" / "timeline_corpus"
KEY = "timeline-key"


def _doc(model: ReadModel, number: str) -> str:
    return model.find_document(number)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """Files 01–10 ingested in order (the reports matched as they come); file 11 is the revision, ingested apart."""
    path = tmp_path_factory.mktemp("timeline") / "store"
    with GraphStore(path) as opened:
        files = sorted(p for p in TIMELINE.glob("*.txt") if not p.name.startswith("11_"))
        report = ingest(files, opened, BASE, jobs=1)
        assert not report.failed and len(report.stored) == 10
        yield opened


@pytest.fixture(scope="module")
def model(store: GraphStore) -> ReadModel:
    return ReadModel(store, BASE)


def _commune(model: ReadModel, name: str) -> str:
    [iri] = [a for a in model.agencies if model.agencies[a].label == f"Ủy ban nhân dân xã {name}, huyện Hàm Thuận Bắc"]
    return iri


def _commune_duty(model: ReadModel) -> str:
    """96/KH-UBND's duty of the communes to report to the district by 15/11."""
    district = _doc(model, "96/KH-UBND")
    [duty] = [
        s.duty.iri
        for s in timeliness.duties_on(model, [district], dt.date(2024, 12, 31))
        if s.group is not None and s.duty.day == "11-15"
    ][:1]
    return duty


def _status(model: ReadModel, commune: str, on: dt.date) -> timeliness.DutyStatus:
    [found] = [
        s
        for s in timeliness.duties_on(model, [_doc(model, "96/KH-UBND")], on)
        if s.reporter == _commune(model, commune)
    ]
    return found


def test_a_report_on_time_is_matched_to_its_duty_with_the_words_that_cite_the_plan(model: ReadModel) -> None:
    report = _doc(model, "176/BC-UBND")
    [event] = [e for e in events.read(model, [_commune_duty(model)]) if e.document == report]
    assert event.kind == "report-received" and event.inferred and event.recorded_by == RECORDED_BY_MATCHER
    assert event.actor == _commune(model, "Hàm Chính")
    assert (event.occurred_on, event.for_due_date) == (dt.date(2024, 11, 8), dt.date(2024, 11, 15))
    assert event.quote is not None and "96/KH-UBND" in event.quote
    text = (TIMELINE / "08_commune_report_on_time.txt").read_text(encoding="utf-8")
    assert event.start is not None and event.end is not None and text[event.start : event.end] == event.quote
    assert _status(model, "Hàm Chính", dt.date(2024, 12, 31)).days[0].state == "on-time"


def test_a_late_report_is_late_and_its_duty_was_overdue_until_it_came(model: ReadModel) -> None:
    assert _status(model, "Hàm Liêm", dt.date(2024, 11, 15)).state == "upcoming"  # due that day: not yet late
    assert _status(model, "Hàm Liêm", dt.date(2024, 11, 16)).state == "overdue"
    assert _status(model, "Hàm Liêm", dt.date(2024, 12, 19)).overdue == [dt.date(2024, 11, 15)]
    after = _status(model, "Hàm Liêm", dt.date(2024, 12, 20))
    assert after.state == "late" and after.days[0].answered_by is not None
    assert after.days[0].answered_by.document == _doc(model, "203/BC-UBND")


def test_a_report_that_cites_no_plan_is_listed_for_a_person_not_guessed(store: GraphStore, model: ReadModel) -> None:
    total, [left] = report_matching.pending(store)
    assert total == 1
    assert left.report == _doc(model, "189/BC-UBND") and left.matched is None and left.year == 2024
    assert "cites none of the documents" in left.reason
    assert [c.duty for c in left.candidates] == [_commune_duty(model)]
    assert _status(model, "Hàm Trí", dt.date(2024, 12, 1)).state == "overdue"


def test_a_recorded_report_clears_its_overdue_finding_and_a_missing_one_raises_it(
    tmp_path: Path, store: GraphStore
) -> None:
    # a copy, so the module's store keeps Hàm Trí unconfirmed
    backup(store, tmp_path / "copy")
    with GraphStore(tmp_path / "copy") as copy:
        model = ReadModel(copy, BASE)
        hàm_trí = _commune(model, "Hàm Trí")

        def overdue_for(on: dt.date) -> list:
            return [f for f in run(model, ["report-overdue"], on=on) if f.details["reporter"] == hàm_trí]

        assert overdue_for(dt.date(2024, 11, 15)) == []  # the due day itself
        [finding] = overdue_for(dt.date(2024, 11, 16))
        assert finding.details["due"] == ["2024-11-15"] and finding.documents == (_doc(model, "96/KH-UBND"),)
        # today, kept in the read index: the 2024 due day is missing; none is due after the district ended (1/7/2025)
        [kept] = [f for f in run(model, ["report-overdue"]) if f.details["reporter"] == hàm_trí]
        assert kept.details["due"] == ["2024-11-15"]
        # a person confirms the ambiguous report: it answers the 15/11/2024 due day
        confirmed = parse(
            {
                "kind": "report-received",
                "concerns": _commune_duty(model),
                "occurred_on": "2024-11-13",
                "recorded_by": "Chuyên viên Phòng LĐTBXH",
                "actor": hàm_trí,
                "evidence_document": _doc(model, "189/BC-UBND"),
                "for_due_date": "2024-11-15",
            },
            "test",
        )
        record(copy, BASE, [(confirmed, "test")])
        assert overdue_for(dt.date(2024, 11, 16)) == []
        # the kept finding was detected again for the new event: nothing is overdue for Hàm Trí any more
        assert [f for f in run(model, ["report-overdue"]) if f.details["reporter"] == hàm_trí] == []
        assert report_matching.pending(copy) == (0, [])


def test_plans_owed_are_due_on_the_day_the_text_states(model: ReadModel) -> None:
    province = _doc(model, "1025/KH-UBND")

    def e_plan(on: dt.date) -> timeliness.PlanStatus:
        [found] = [
            p
            for p in timeliness.plans_on(model, [province], on)
            if model.label(p.owed.unit) == "Ủy ban nhân dân huyện Hàm Thuận Nam"
        ]
        return found

    assert e_plan(dt.date(2024, 6, 30)).state == "not-due"
    late = e_plan(dt.date(2024, 7, 1))
    assert late.state == "overdue" and late.due == dt.date(2024, 6, 30) and late.stated is not None
    assert "quý II năm 2024" in late.stated
    assert e_plan(dt.date(2024, 9, 10)).state == "late"
    [finding] = [
        f
        for f in run(model, ["plan-overdue"], on=dt.date(2024, 7, 1))
        if f.details["unit"] == e_plan(dt.date(2024, 7, 1)).owed.unit
    ]
    assert finding.severity == "high" and finding.details["due"] == "2024-06-30"
    # a report is no plan: Hàm Liêm reported on 96/KH-UBND but its own plan is still owed
    district = _doc(model, "96/KH-UBND")
    hàm_liêm = _commune(model, "Hàm Liêm")
    [owed] = [p for p in timeliness.plans_on(model, [district], dt.date(2025, 1, 1)) if p.owed.unit == hàm_liêm]
    assert owed.state == "overdue" and owed.due == dt.date(2024, 5, 31)


def test_the_five_siblings_side_by_side(model: ReadModel) -> None:
    found = siblings.compare(model, _doc(model, "1025/KH-UBND"))
    assert [model.label(s) for s in found.siblings] == [
        "96/KH-UBND",
        "1432/KH-UBND",
        "127/KH-UBND",
        "215/KH-UBND",
        "2368/KH-UBND",
    ]
    assert [found.days_after[s] for s in found.siblings] == [21, 41, 64, 108, 182]
    online = "https://w3id.org/vn-cascade/ontology#theme-online"
    counts = {model.label(s): found.theme_counts(s).get(online, 0) for s in found.siblings}
    assert counts["127/KH-UBND"] == 0 and all(n > 0 for name, n in counts.items() if name != "127/KH-UBND")
    health = "https://w3id.org/vn-cascade/ontology#theme-health"
    tánh_linh = _doc(model, "127/KH-UBND")
    assert any("Trung tâm Y tế" in model.label(a) for a in found.owners(tánh_linh, health))
    # the stunting target per sibling (province: below 17% by 2025)
    [stunting] = [
        r for r in found.targets if r.parent is not None and "thấp còi" in r.parent.indicator and r.parent.year == 2025
    ]
    values = {model.label(s): [(float(t.value), t.year) for t in ts] for s, ts in stunting.by_sibling.items()}
    assert values["96/KH-UBND"] == [(16.0, 2025)] and values["1432/KH-UBND"] == [(18.0, 2025)]
    assert values["215/KH-UBND"] == []  # its only stunting target is for 2030: it sits in the 2030 row
    # the parent's online-safety obligation is carried by every sibling but Tánh Linh
    [safety] = [p for p in found.obligations[found.parent] if online in p.themes and "môi trường mạng" in p.text[:80]]
    carried = {model.label(s): c.obligation is not None for s, c in found.carried[safety.iri].items()}
    assert carried["127/KH-UBND"] is False and carried["96/KH-UBND"] is True


def test_the_sibling_comparison_renders_and_exports(store: GraphStore, tmp_path: Path) -> None:
    client = TestClient(create_app(store, ServiceSettings(base=BASE), None), base_url=LOCAL)
    page = client.get("/ui/siblings", params={"parent": "1025/KH-UBND"})
    assert page.status_code == 200
    for number in ("96/KH-UBND", "1432/KH-UBND", "127/KH-UBND", "215/KH-UBND", "2368/KH-UBND"):
        assert number in page.text
    assert 'id="carried"' in page.text and 'id="targets"' in page.text
    answer = client.get("/siblings", params={"parent": "1025/KH-UBND", "format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["Tổng quan", "Nhiệm vụ cấp trên", "Chủ đề", "Chủ trì theo chủ đề", "Chỉ tiêu"]
    rows = [[c.value for c in row] for row in book["Tổng quan"].iter_rows(min_row=2)]
    assert [(r[0], r[2]) for r in rows] == [
        ("96/KH-UBND", 21),
        ("1432/KH-UBND", 41),
        ("127/KH-UBND", 64),
        ("215/KH-UBND", 108),
        ("2368/KH-UBND", 182),
    ]
    backup(store, tmp_path / "copy")  # the CLI opens a store nobody holds
    out = tmp_path / "siblings.xlsx"
    result = CliRunner().invoke(
        main, ["siblings", "1025/KH-UBND", "--format", "xlsx", "--out", str(out), "--store", str(tmp_path / "copy")]
    )
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames == book.sheetnames


def test_the_revised_plan_shows_its_diff(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as store:
        ingest([TIMELINE / "03_district_b_plan.txt"], store, BASE, jobs=1)
        ingest([TIMELINE / "11_district_b_plan_revised.txt"], store, BASE, jobs=1)
        model = ReadModel(store, BASE)
        found = versions.diff(model, _doc(model, "1432/KH-UBND"))
        assert len(found.added) == 1 and "Ngôi nhà an toàn" in found.added[0].text
        assert len(found.removed) == 1 and "lao động trái quy định" in found.removed[0].text
        [lead] = [p for p in found.changed if "owners:lead" in p.changes]
        assert "đuối nước" in lead.after.text.lower()
        assert [model.label(a) for a in lead.before.owners["lead"]] == [
            "Phòng Lao động - Thương binh và Xã hội huyện Bắc Bình"
        ]
        assert [model.label(a) for a in lead.after.owners["lead"]] == ["Phòng Văn hóa và Thông tin huyện Bắc Bình"]
        [timeframe] = [p for p in found.changed if "timeframe" in p.changes]
        assert "Quý III/2024" in (timeframe.before.timeframe or "") and "Quý IV/2024" in (
            timeframe.after.timeframe or ""
        )
        [target] = found.targets_changed
        assert (float(target.before.value), float(target.after.value)) == (75.0, 80.0)
        assert target.before.text != target.after.text  # both source texts, each as its version states it
    result = CliRunner().invoke(main, ["diff", "1432/KH-UBND", "--store", str(path)])
    assert result.exit_code == 0 and "1 added, 1 removed" in result.output


def test_no_report_or_plan_is_owed_once_the_body_is_gone(model: ReadModel) -> None:
    """The 2025 reorganisation ended the districts on 1 July 2025: no commune reports to one after it."""
    later = _status(model, "Hàm Chính", dt.date(2026, 12, 1))
    assert [d.due for d in later.days] == [dt.date(2024, 11, 15)] and later.state == "ended"
    assert later.ended == dt.date(2025, 7, 1)


def test_a_deadline_is_read_only_from_a_clause_about_the_plan() -> None:
    text = "Xây dựng kế hoạch thực hiện, ban hành Trước ngày 31/5/2024; tổng kết trước ngày 30/11/2030."
    assert timeliness.stated_deadline(text) == (dt.date(2024, 5, 31), "Trước ngày 31/5/2024")
    assert timeliness.stated_deadline("Báo cáo trước ngày 30/11/2024.") is None  # no plan in the clause
    assert timeliness.stated_deadline("kế hoạch hoàn thành trong Quý II/2024") == (
        dt.date(2024, 6, 30),
        "hoàn thành trong Quý II/2024",
    )
    assert timeliness.stated_deadline("kế hoạch xong trong tháng 13/2024") is None  # no such month
    assert timeliness.stated_deadline("ban hành kế hoạch trước ngày 01/01/2020", after=dt.date(2024, 3, 1)) is None


def test_a_fresh_build_matches_the_reports_it_holds(tmp_path: Path) -> None:
    files = [str(p) for p in sorted(TIMELINE.glob("*.txt")) if not p.name.startswith("11_")]
    built = CliRunner().invoke(main, ["build", *files, "--store", str(tmp_path / "store"), "--quiet", "--jobs", "1"])
    assert built.exit_code == 0, built.output
    assert "2 reports matched to the duties they answer" in built.output
    listed = CliRunner().invoke(main, ["reports", "--format", "json", "--store", str(tmp_path / "store")])
    assert [m["report"].rsplit("/", 1)[-1] for m in json.loads(listed.output)] == ["189-bc-ubnd"]


def test_a_plan_already_overdue_stays_overdue_when_its_unit_ends(model: ReadModel) -> None:
    """Bắc Bình's communes owed their plans by 15/6/2024 and issued none: after the districts ended (1/7/2025),
    their lateness stands; a unit that ended before its plan fell due would owe nothing."""
    district = _doc(model, "1432/KH-UBND")
    states = {p.state for p in timeliness.plans_on(model, [district], dt.date(2025, 12, 31))}
    assert states == {"overdue"}


def test_agency_names_and_dotted_dates_in_deadlines() -> None:
    reporting = "Các huyện xây dựng kế hoạch; báo cáo Sở Kế hoạch và Đầu tư trước ngày 15/12/2024."
    assert timeliness.stated_deadline(reporting) is None  # the day is the report's, in a clause about an agency
    assert timeliness.stated_deadline("Ban hành kế hoạch trước ngày 31.5.2024.") == (
        dt.date(2024, 5, 31),
        "trước ngày 31.5.2024",
    )


def test_a_report_event_naming_no_due_day_of_the_duty_still_answers_one(model: ReadModel) -> None:
    duty = next(d for d in timeliness.duties_on(model, [_doc(model, "96/KH-UBND")], dt.date(2025, 1, 1))).duty
    event = events.Event(
        "urn:x:e",
        "report-received",
        duty.iri,
        dt.date(2024, 11, 1),
        "2024-11-01T00:00:00Z",
        "x",
        for_due_date=dt.date(2024, 1, 15),  # no due day of this duty
    )
    status = timeliness.duty_status(duty, dt.date(2024, 4, 2), [event], dt.date(2025, 1, 1))
    assert status.days[0].state == "on-time" and status.days[0].answered_by is event


def test_a_duty_due_on_a_day_no_calendar_has_never_stops_an_ingest(tmp_path: Path) -> None:
    plan = (TIMELINE / "02_district_a_plan.txt").read_text(encoding="utf-8")
    odd = plan.replace("trước ngày 15 tháng 11 hằng năm.", "trước ngày 31 tháng 4 năm 2025.", 1)
    assert odd != plan
    (tmp_path / "02_district_a_plan.txt").write_text(odd, encoding="utf-8")
    files = [TIMELINE / "08_commune_report_on_time.txt", tmp_path / "02_district_a_plan.txt"]
    with GraphStore(tmp_path / "store") as store:
        done = ingest(files, store, BASE, jobs=1)  # the report first: matched when its plan arrives
        assert not done.failed and len(done.stored) == 2
        assert report_matching.pending(store) == (0, [])
        model = ReadModel(store, BASE)
        [event] = events.read(model)
        assert event.document == _doc(model, "176/BC-UBND")
        assert event.for_due_date is None  # 31 April: the report answers no stated day


def test_overdue_and_pending_reports_over_http_and_the_cli(store: GraphStore, tmp_path: Path) -> None:
    client = TestClient(create_app(store, ServiceSettings(base=BASE), None), base_url=LOCAL)
    body = client.get("/overdue", params={"on": "2024-12-31", "document": "96/KH-UBND"}).json()
    late = {d["reporter"]["label"]: d["state"] for d in body["duties"] if d["reporter"] and d["group"]}
    assert late["Ủy ban nhân dân xã Hàm Chính, huyện Hàm Thuận Bắc"] == "on-time"
    assert late["Ủy ban nhân dân xã Hàm Liêm, huyện Hàm Thuận Bắc"] == "late"
    assert late["Ủy ban nhân dân xã Hàm Trí, huyện Hàm Thuận Bắc"] == "overdue"
    assert body["counts"]["plansOverdue"] == 16 and body["planDays"] == 60
    assert client.get("/overdue", params={"cascade": "true"}).status_code == 422  # a cascade needs its top
    pending = client.get("/reports/pending").json()
    assert pending["total"] == 1 and pending["items"][0]["reportLabel"] == "189/BC-UBND"
    page = client.get("/ui/reports")
    assert page.status_code == 200 and "189/BC-UBND" in page.text and "96/KH-UBND" in page.text
    overdue_page = client.get("/ui/overdue", params={"on": "2024-12-31", "document": "96/KH-UBND"})
    assert 'id="counts">' in overdue_page.text and "Hàm Trí" in overdue_page.text
    backup(store, tmp_path / "copy")
    result = CliRunner().invoke(
        main, ["overdue", "96/KH-UBND", "--on", "2024-12-31", "--store", str(tmp_path / "copy")]
    )
    assert result.exit_code == 0, result.output
    assert "quá hạn: Ủy ban nhân dân xã Hàm Trí" in result.output and "16 of 17 plans owed overdue" in result.output
