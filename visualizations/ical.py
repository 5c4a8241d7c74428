"""Reporting duties as an iCalendar (RFC 5545) file a calendar program subscribes to: a yearly duty is one event
recurring every year on its day, a one-off deadline a single event, each all day, with reminders a week and a day
before, the duty's words, reporters and recipients in the description, and the duty's IRI as its UID, so a
subscribed calendar updates an event rather than adding it again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import icalendar

from queries.read.duties import Calendar, Duty

Href = Callable[[str], str]
REMINDERS = (dt.timedelta(days=7), dt.timedelta(days=1))
PRODID = "-//vn-cascade//Lich bao cao / Reporting calendar//VI"


def _names(calendar: Calendar, iris: list[str]) -> str:
    return "; ".join(calendar.label(i) for i in iris) or "(không rõ / not stated)"


def summary(calendar: Calendar, duty: Duty) -> str:
    """'Hạn báo cáo: Các sở, ban, ngành → Ủy ban nhân dân tỉnh Lai Châu'."""
    return f"Hạn báo cáo: {_names(calendar, duty.reporters)} → {_names(calendar, duty.recipients)}"


def description(calendar: Calendar, duty: Duty, href: Href, counted_from_today: bool) -> str:
    """Who reports, to whom, through whom and how often, then the duty's own words and its document."""
    lines = [
        f"Đơn vị báo cáo / Reporting: {_names(calendar, duty.reporters)}",
        f"Nơi nhận / Recipient: {_names(calendar, duty.recipients)}",
        *([f"Qua / Through: {_names(calendar, duty.via)}"] if duty.via else []),
        f"Định kỳ / Frequency: {duty.frequency or ('một lần / once' if duty.date else 'hằng năm / yearly')}",
        "",
        f"“{' '.join(duty.source_text.split())}”",
        f"— {calendar.label(duty.document)}{f', mục {duty.path}' if duty.path else ''}",
        href(duty.document),
    ]
    if counted_from_today:
        lines.append("(Ngày ban hành văn bản không rõ: tính từ năm nay / issue date unknown: counted from this year)")
    return "\n".join(lines)


def as_ics(calendar: Calendar, href: Href, today: dt.date | None = None) -> bytes:
    """The calendar of these duties; duties with no stated day are not events (the description counts them)."""
    today = today or dt.date.today()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar.title)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    undated = sum(not d.dated for d in calendar.duties)
    if undated:
        cal.add(
            "x-wr-caldesc",
            f"{undated} chế độ báo cáo không nêu ngày cụ thể, không có trong lịch / "
            f"{undated} reporting duties state no day and are not on this calendar",
        )
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for duty in calendar.duties:
        found = duty.first(calendar.issued.get(duty.document), today)
        if found is None:
            continue
        start, counted_from_today = found
        event = icalendar.Event()
        event.add("uid", duty.iri)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(days=1))
        if duty.date is None:
            event.add("rrule", {"freq": "yearly"})
        event.add("summary", summary(calendar, duty))
        event.add("description", description(calendar, duty, href, counted_from_today))
        event.add("url", href(duty.iri))
        event.add("categories", ["Báo cáo", "Reporting"])
        event.add("transp", "TRANSPARENT")
        for before in REMINDERS:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary(calendar, duty))
            alarm.add("trigger", -before)
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
