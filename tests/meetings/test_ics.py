"""iCalendar output: parsed back with the icalendar package and checked for the RFC 5545 essentials."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from komplan.meetings import ics

UTC = dt.UTC
STAMP = dt.datetime(2007, 5, 1, 8, 0, tzinfo=UTC)


def _event(**extra):
    start = dt.datetime(2007, 5, 14, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    return ics.Event(
        uid="meeting-1-1@komplan.example",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        summary="Strategický tým; vize, SWOT",
        stamp=STAMP,
        **extra,
    )


def assert_rfc5545(data: bytes) -> icalendar.Calendar:
    """CRLF endings, no line over 75 octets, VCALENDAR with VERSION/PRODID, VEVENTs with UID/DTSTAMP/DTSTART."""
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    for event in calendar.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART"):
            assert prop in event, prop
    return calendar


def test_an_event_round_trips_with_utc_times_and_escaped_text():
    description = "1. Vize města\n2. SWOT analýza; silné, slabé stránky\\hrozby"
    data = ics.calendar([_event(description=description, location="MěÚ Slaný, Velvarská 136")], name="Slaný")
    calendar = assert_rfc5545(data)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == dt.datetime(2007, 5, 14, 14, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == dt.datetime(2007, 5, 14, 16, 0, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Strategický tým; vize, SWOT"
    assert str(event["DESCRIPTION"]) == description
    assert str(event["LOCATION"]) == "MěÚ Slaný, Velvarská 136"
    assert b"DTSTART:20070514T140000Z" in data
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_long_czech_lines_are_folded_between_characters():
    summary = "Příliš žluťoučký kůň úpěl ďábelské ódy " * 8
    data = ics.calendar([_event(description=summary)])
    assert_rfc5545(data)
    data.decode("utf-8")  # every chunk is whole UTF-8
    for line in data.split(b"\r\n"):
        line.decode("utf-8")
    assert str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["DESCRIPTION"]) == summary


def test_fold_keeps_short_lines_and_marks_continuations():
    assert ics.fold("SUMMARY:krátké") == "SUMMARY:krátké"
    folded = ics.fold("X:" + "a" * 200)
    parts = folded.split("\r\n")
    assert len(parts[0]) == 75 and all(p.startswith(" ") and len(p) <= 75 for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "X:" + "a" * 200


def test_an_invitation_is_a_request_with_organizer_and_attendee():
    data = ics.calendar(
        [_event(organizer="noreply@komplan.example", attendee="clen@example.org", attendee_name="Člen, Pracovní")],
        method="REQUEST",
    )
    calendar = assert_rfc5545(data)
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:noreply@komplan.example"
    assert str(event["ATTENDEE"]) == "mailto:clen@example.org"
    assert event["ATTENDEE"].params["CN"] == "Člen, Pracovní"


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        ics.utc(dt.datetime(2007, 5, 14, 16))
