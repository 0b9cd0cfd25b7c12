"""Invitations to a meeting by e-mail with an ``.ics`` attachment, and the iCalendar feed of public meetings."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from email.mime.text import MIMEText
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import ics
from .models import Meeting
from .querysets import invitees

logger = logging.getLogger(__name__)


def public_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse("meetings:meeting", kwargs={"process": meeting.process.slug, "pk": meeting.pk})


def staff_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse(
        "meetings_admin:meeting", kwargs={"process": meeting.process.slug, "pk": meeting.pk}
    )


def location(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.place, meeting.online_url) if part)


def event(meeting: Meeting, *, stamp=None, attendee=None, description: str = "") -> ics.Event:
    """The iCalendar event of a meeting; ``attendee`` (a membership) makes it an invitation."""
    organizer = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return ics.Event(
        uid=meeting.uid,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=meeting.title,
        stamp=stamp or timezone.now(),
        sequence=meeting.version,
        description=description,
        location=location(meeting),
        url=public_url(meeting) if meeting.is_public else staff_url(meeting),
        organizer=organizer if attendee else "",
        attendee=attendee.user.email if attendee else "",
        attendee_name=str(attendee.user) if attendee else "",
    )


def invitation_ics(meeting: Meeting, attendee) -> bytes:
    """The invitation of one member (RFC 5546 REQUEST: an organizer and the attendee)."""
    return ics.calendar([event(meeting, attendee=attendee, description=meeting.agenda)], method="REQUEST")


def meeting_ics(meeting: Meeting) -> bytes:
    """The meeting as a plain calendar entry (PUBLISH), for downloading from its page."""
    return ics.calendar([event(meeting, description=meeting.agenda)])


def feed(process, meetings) -> bytes:
    """The public calendar of a process: only the meetings given (the caller passes the public ones)."""
    stamp = timezone.now()
    events = [event(m, stamp=stamp, description=m.agenda) for m in meetings]
    return ics.calendar(events, name=process.name)


@dataclass
class SendReport:
    sent: int = 0
    failed: list[str] = field(default_factory=list)


def message(meeting: Meeting, membership, language: str | None = None) -> EmailMessage:
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = _("Invitation: %(title)s, %(date)s") % {
            "title": meeting.title,
            "date": date_format(timezone.localtime(meeting.starts_at), "j. n. Y"),
        }
        body = render_to_string(
            "meetings/invitation_email.txt",
            {
                "meeting": meeting,
                "person": membership.user,
                "url": staff_url(meeting),
                "location": location(meeting),
                "site_name": settings.KOMPLAN_SITE_NAME,
            },
        )
    mail = EmailMessage(subject, body, to=[membership.user.email])
    mail.attach(ics_part(invitation_ics(meeting, membership)))
    return mail


def ics_part(data: bytes) -> MIMEText:
    """A ``text/calendar; method=REQUEST`` attachment named pozvanka.ics (base64, so the CRLFs survive)."""
    part = MIMEText(data.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="pozvanka.ics")
    return part


def send_invitations(meeting: Meeting, language: str | None = None) -> SendReport:
    """E-mail every invitee (the group's members) an invitation; a refused address is reported, the rest go."""
    report = SendReport()
    connection = get_connection()
    try:
        for membership in invitees(meeting):
            try:
                connection.send_messages([message(meeting, membership, language)])
            except (smtplib.SMTPException, OSError) as exc:
                logger.warning("meeting invitation %s to membership %s not sent: %s", meeting.pk, membership.pk, exc)
                report.failed.append(str(membership.user))
            else:
                report.sent += 1
    finally:
        connection.close()
    if report.sent:
        meeting.invitations_sent_at = timezone.now()
        meeting.save(update_fields=["invitations_sent_at"])
    return report
