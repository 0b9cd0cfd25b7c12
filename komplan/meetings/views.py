"""Public pages of the meetings: `<process>/schuzky/` (namespace meetings) and the feed `<process>/schuzky.ics`.

Only public meetings appear. Minutes are shown once published, without personal data: attendance as counts, tasks
with their text, deadline and state but without owners' names (who does what is for the members, in the workspace).
Photos of a public meeting are public; attachments only when marked public and the minutes are published.
Internal meetings and their files exist only for members (404 for everyone else).
"""

from __future__ import annotations

from django.core.validators import slug_re
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from komplan.planning.models import Body

from . import querysets
from .files import file_response
from .invitations import feed
from .models import Attachment, Meeting, Photo

PHOTO_SIZES = ("foto", "nahled")  # the display size and the thumbnail, as named in the URL


def _crumbs(process, *tail):
    meetings = reverse("meetings:list", kwargs={"process": process.slug}) if tail else None
    return [(process.name, process.get_absolute_url()), (_("Meetings"), meetings), *tail]


def meeting_list(request, process):
    """All public meetings, or with ``?skupina=<slug>`` those of one group (linked from the group's page)."""
    process = request.process
    meetings = querysets.meetings_for(process, insider=False)
    body = None
    if slug := request.GET.get("skupina"):
        body = Body.objects.for_process(process).filter(slug=slug).first() if slug_re.match(slug) else None
        if body is None:
            raise Http404
        meetings = meetings.filter(body=body)
    upcoming, past = querysets.split_upcoming(meetings)
    return render(
        request,
        "meetings/list.html",
        {"upcoming": upcoming, "past": past, "body": body, "breadcrumbs": _crumbs(process)},
    )


def _public_meeting(request, pk: int) -> Meeting:
    meeting = querysets.meeting_for(request.process, pk, insider=False)
    if meeting is None:
        raise Http404
    return meeting


def meeting_detail(request, process, pk: int):
    meeting = _public_meeting(request, pk)
    rows = list(meeting.attendance.all())
    context = {
        "meeting": meeting,
        "counts": querysets.attendance_counts(rows) if meeting.minutes_published else None,
        "attachments": [a for a in meeting.attachments.all() if a.is_public] if meeting.minutes_published else [],
        "photos": list(meeting.photos.all()),
        "breadcrumbs": _crumbs(request.process, (meeting.title, None)),
    }
    return render(request, "meetings/meeting.html", context)


def calendar_feed(request, process):
    """The iCalendar feed of the process's public meetings (RFC 5545)."""
    meetings = querysets.meetings_for(request.process, insider=False).select_related("process").order_by("starts_at")
    response = HttpResponse(feed(request.process, meetings), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{request.process.slug}-schuzky.ics"'
    return response


def _visible(request, meeting_pk: int) -> Meeting:
    """A meeting whose files the visitor may fetch: any public one, and internal ones for members."""
    meeting = querysets.meetings_for(request.process, insider=request.access.is_insider).filter(pk=meeting_pk).first()
    if meeting is None:
        raise Http404
    return meeting


def photo_file(request, process, pk: int, photo: int, size: str):
    meeting = _visible(request, pk)
    found = Photo.objects.filter(meeting=meeting, pk=photo).first()
    if found is None or size not in PHOTO_SIZES:
        raise Http404
    field = found.thumbnail if size == "nahled" else found.image
    return file_response(field, "image/jpeg", private=not meeting.is_public)


def attachment_file(request, process, pk: int, attachment: int):
    """A public attachment of a public meeting with published minutes (members use the workspace download)."""
    meeting = _visible(request, pk)
    found = Attachment.objects.filter(meeting=meeting, pk=attachment).first()
    public = found is not None and found.is_public and meeting.is_public and meeting.minutes_published
    if found is None or not (public or request.access.is_insider):
        raise Http404
    return file_response(found.file, found.content_type, download_name=found.name, private=not public)
