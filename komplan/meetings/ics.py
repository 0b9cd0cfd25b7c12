"""iCalendar (RFC 5545) for meetings: the invitation attached to e-mails and the public feed of a process.

Pure functions over plain data: CRLF line endings, content lines folded at 75 octets (never inside a UTF-8
character), TEXT values escaped, times in UTC (``…Z``). An invitation is ``METHOD:REQUEST`` (RFC 5546) with an
organizer and the one attendee it is sent to; the feed is ``METHOD:PUBLISH``. The UID of a meeting never changes,
and SEQUENCE follows its version, so calendars update the event instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PRODID = "-//komplan//Meetings//CS"
FOLD_AT = 75  # octets per line, CRLF not counted (RFC 5545 §3.1)


@dataclass(frozen=True)
class Event:
    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    stamp: dt.datetime
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    organizer: str = ""  # e-mail address
    attendee: str = ""  # e-mail address (invitations only)
    attendee_name: str = ""
    cancelled: bool = False


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as ``\\n``."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into chunks of at most 75 octets, joined by CRLF + space (RFC 5545 §3.1)."""
    out, current, size = [], [], 0
    limit = FOLD_AT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, FOLD_AT - 1  # continuation lines start with a space
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def utc(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("iCalendar times need an aware datetime")
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _param(value: str) -> str:
    """A parameter value (e.g. CN): quoted, without the characters a quoted value cannot hold."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def event_lines(event: Event) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc(event.stamp)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SEQUENCE:{event.sequence}",
        f"SUMMARY:{escape(event.summary)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.organizer:
        lines.append(f"ORGANIZER:mailto:{event.organizer}")
    if event.attendee:
        name = f";CN={_param(event.attendee_name)}" if event.attendee_name else ""
        lines.append(f"ATTENDEE{name};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{event.attendee}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: list[Event], *, method: str = "PUBLISH", name: str = "") -> bytes:
    """A whole VCALENDAR as UTF-8 bytes with CRLF line endings and folded lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for event in events:
        lines.extend(event_lines(event))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
