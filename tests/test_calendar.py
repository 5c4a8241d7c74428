"""The reporting calendar: due days counted as a calendar counts them, the .ics parsed back (yearly duties recurring,
one-off deadlines single, reminders, stable UIDs), per document, cascade and agency, from the CLI, REST and the UI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from corpus import BASE, LOCAL, REPO, SEEDS
from fastapi.testclient import TestClient

from api.cli.main import main
from api.http.service import ServiceSettings, create_app
from loaders.graph import build
from loaders.parser import parse
from loaders.readers.documents import read_source
from loaders.store import GraphStore, backup
from queries.read import duties
from queries.read.model import ReadModel
from visualizations import ical

# A ministry's letter asking for a report by a dated deadline ('trước ngày 15/12/2024'): a one-off duty.
LETTER = REPO / "tests" / "eval_corpus" / "dev" / "104_trung_uong_bo_ldtbxh_letter.txt"
TODAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    store = GraphStore(tmp_path_factory.mktemp("calendar") / "store")
    for path in [*sorted(SEEDS.glob("*.txt")), LETTER]:
        store.replace(build(parse(read_source(path)), BASE))
    return store


@pytest.fixture(scope="module")
def model(store: GraphStore) -> ReadModel:
    return ReadModel(store, BASE)


def stated(model: ReadModel) -> dict[str, tuple[str | None, str | None]]:
    """Each duty's (dueDay, dueDate) straight from the graph."""
    rows = model.rows(
        "SELECT ?d ?day ?date WHERE { ?x vc:hasReportingDuty ?d OPTIONAL { ?d vc:dueDay ?day } OPTIONAL { ?d vc:dueDate ?date } }"
    )
    return {d: (day, date) for d, day, date in rows}


def test_due_days_recur_from_the_issue_date_and_leap_days_wait_for_a_leap_year() -> None:
    yearly = duties.Duty("d", "doc", None, "12-01", None, "", "")
    assert yearly.first(dt.date(2024, 12, 2), TODAY) == (dt.date(2025, 12, 1), False)
    assert yearly.first(None, TODAY) == (dt.date(2026, 12, 1), True)  # issue date unknown: counted from this year
    assert list(yearly.upcoming(dt.date(2024, 3, 1), TODAY, dt.date(2028, 12, 31))) == [
        dt.date(2027, 12, 1),
        dt.date(2028, 12, 1),
    ]
    leap = duties.Duty("d", "doc", None, "02-29", None, "", "")
    assert list(leap.upcoming(dt.date(2025, 1, 1), TODAY, dt.date(2032, 12, 31))) == [
        dt.date(2028, 2, 29),
        dt.date(2032, 2, 29),
    ]
    once = duties.Duty("d", "doc", None, None, dt.date(2027, 3, 31), "", "")
    assert list(once.upcoming(None, TODAY, dt.date(2027, 12, 31))) == [dt.date(2027, 3, 31)]
    assert list(once.upcoming(None, dt.date(2027, 4, 1), dt.date(2027, 12, 31))) == []
    undated = duties.Duty("d", "doc", "định kỳ", None, None, "", "")
    assert not undated.dated and undated.first(None, TODAY) is None


def test_the_ics_parses_back_with_every_dated_duty_recurring_or_single(model: ReadModel) -> None:
    calendar = duties.for_scope(model)
    facts = stated(model)
    assert {d.iri for d in calendar.duties} == set(facts)
    events = {
        e["uid"]: e for e in icalendar.Calendar.from_ical(ical.as_ics(calendar, lambda i: i, TODAY)).walk("VEVENT")
    }
    dated = {iri for iri, (day, date) in facts.items() if day or date}
    assert set(events) == dated
    assert any(day for day, _ in facts.values()) and any(date for _, date in facts.values())
    for iri, event in events.items():
        day, date = facts[iri]
        start = event["dtstart"].dt
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all day
        if date:
            assert "rrule" not in event and start.isoformat() == date
        else:
            assert event["rrule"]["FREQ"] == ["YEARLY"] and start.strftime("--%m-%d") == day
        duty = next(d for d in calendar.duties if d.iri == iri)
        assert " ".join(duty.source_text.split())[:40] in str(event["description"])
        assert all(calendar.label(r) in str(event["description"]) for r in duty.recipients)
        triggers = sorted(a["trigger"].dt for a in event.walk("VALARM"))
        assert triggers == [-dt.timedelta(days=7), -dt.timedelta(days=1)]
    again = icalendar.Calendar.from_ical(ical.as_ics(duties.for_scope(model), lambda i: i, TODAY))
    assert {e["uid"] for e in again.walk("VEVENT")} == set(events)  # a refresh updates, never duplicates


def test_an_agency_calendar_holds_the_duties_it_owes_through_a_group(model: ReadModel) -> None:
    ward = next(
        i for i in model.store.read_index.agency_iris() if i.endswith("uy-ban-nhan-dan-phuong-10-quan-tan-binh")
    )
    calendar = duties.for_scope(model, agency=ward)
    assert [d.day for d in calendar.duties] == ["12-05"]
    assert any(model.label(r).startswith("Ủy ban nhân dân 15 phường") for r in calendar.duties[0].reporters)
    district = next(i for i, d in model.documents.items() if d.number == "33-CT/TU")
    below = duties.for_scope(model, district, cascade=True)
    assert {d.document for d in below.duties} == {d.document for d in calendar.duties}


def test_http_serves_a_calendar_to_subscribe_to_and_the_ui_shows_it(store: GraphStore) -> None:
    client = TestClient(base_url=LOCAL, app=create_app(store, ServiceSettings(base=BASE), None))
    answer = client.get("/calendar.ics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    assert events and all(str(e["url"]).startswith(f"{LOCAL}/id/") for e in events)
    letter = next(i for i, d in ReadModel(store, BASE).documents.items() if d.in_corpus and d.level == "central")
    one = icalendar.Calendar.from_ical(client.get("/calendar.ics", params={"document": letter}).content)
    assert [e.get("rrule") for e in one.walk("VEVENT")] == [None]
    assert client.get("/calendar.ics", params={"agency": "agency/no-such-unit"}).status_code == 404
    page = client.get("/ui/calendar", headers={"accept": "text/html"})
    assert page.status_code == 200 and 'id="upcoming"' in page.text and "webcal://" in page.text
    assert "Không nêu ngày cụ thể" in page.text and page.text.count("<li>") >= 1


def test_cli_writes_the_calendar(store: GraphStore, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    backup(store, copy)
    out = tmp_path / "all.ics"
    result = CliRunner().invoke(main, ["calendar", "--store", str(copy), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "state no day" in result.output
    assert icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")


def test_a_day_no_calendar_has_is_kept_apart_not_looped_over() -> None:
    """'trước ngày 31/4' is read as written; it has no date, so it is not an event (and takes no time to find)."""
    wrong = duties.Duty("d", "doc", "hằng năm", "04-31", None, "", "trước ngày 31/4")
    assert not duties.possible("04-31") and duties.possible("02-29")
    assert not wrong.dated and wrong.first(None, TODAY) is None
    assert list(wrong.upcoming(None, TODAY, dt.date(2040, 1, 1))) == []
    calendar = duties.Calendar("t", [wrong], {}, {"doc": None})
    parsed = icalendar.Calendar.from_ical(ical.as_ics(calendar, lambda i: i, TODAY))
    assert parsed.walk("VEVENT") == [] and "1 chế độ báo cáo" in str(parsed["x-wr-caldesc"])


def test_the_calendar_page_lists_months_in_time_order_across_a_new_year(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.http.ui as ui

    class Today(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return dt.date(2026, 12, 7)

    january = duties.Duty("urn:x:jan", "urn:x:doc", "hằng năm", "01-15", None, "", "trước ngày 15/01")
    december = duties.Duty("urn:x:dec", "urn:x:doc", "hằng năm", "12-20", None, "", "trước ngày 20/12")
    monkeypatch.setattr(ui.dt, "date", Today)
    monkeypatch.setattr(
        ui.duties, "for_scope", lambda *a: duties.Calendar("t", [january, december], {}, {"urn:x:doc": None})
    )
    client = TestClient(base_url=LOCAL, app=create_app(store, ServiceSettings(base=BASE), None))
    page = client.get("/ui/calendar", headers={"accept": "text/html"}).text
    assert page.index("12/2026") < page.index("01/2027")
    assert page.index('datetime="2026-12-20"') < page.index('datetime="2027-01-15"')
