"""Meetings of a planning process (issue: planning workspace).

- ``GET /processes/{slug}/meetings``: public meetings, newest first; members of the process also get internal ones.
- ``GET /processes/{slug}/meetings/{id}``: one meeting with its agenda, photos and — once published — its minutes.
  Outsiders get 404 for an internal meeting and ``minutes: null`` until the minutes are published; the public
  minutes carry attendance as counts and tasks without their owners. Members of the process see unpublished
  minutes, the attendance list, the owners of tasks and every attachment.

Times are ISO 8601 in the site's time zone (Europe/Prague, with its offset).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import HttpError

from komplan.accounts.middleware import access_for
from komplan.meetings import querysets

from .processes import visible_process_or_404
from .schemas import ErrorOut

process_router = Router(tags=["meetings"])


class BodyRef(Schema):
    slug: str
    name: str
    kind: str


class MeetingOut(Schema):
    id: int
    title: str
    body: BodyRef | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_url: str
    is_public: bool
    minutes_published: bool
    url: str | None


class MeetingsOut(Schema):
    process: str
    calendar_url: str
    meetings: list[MeetingOut]


class AttendanceCountsOut(Schema):
    present: int
    excused: int
    absent: int
    guests: int


class PersonOut(Schema):
    name: str
    organisation: str
    status: str
    guest: bool


class TaskOut(Schema):
    text: str
    deadline: dt.date | None
    done: bool
    owner: str | None


class MinutesOut(Schema):
    published_at: dt.datetime | None
    discussion: str
    decisions: str
    attendance: AttendanceCountsOut
    people: list[PersonOut] | None
    tasks: list[TaskOut]


class FileOut(Schema):
    name: str
    size: int
    url: str


class PhotoOut(Schema):
    alt_text: str
    caption: str
    url: str
    thumbnail_url: str
    width: int
    height: int


class MeetingDetailOut(MeetingOut):
    agenda: str
    minutes: MinutesOut | None
    attachments: list[FileOut]
    photos: list[PhotoOut]


def _process(request, slug: str):
    process = visible_process_or_404(request, slug)
    return process, access_for(request.user, process).is_insider


def _summary(meeting) -> dict:
    body = meeting.body
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "body": {"slug": body.slug, "name": body.name, "kind": body.kind} if body else None,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
        "place": meeting.place,
        "online_url": meeting.online_url,
        "is_public": meeting.is_public,
        "minutes_published": meeting.minutes_published,
        "url": reverse("meetings:meeting", kwargs={"process": meeting.process.slug, "pk": meeting.pk})
        if meeting.is_public
        else None,
    }


def _minutes(meeting, insider: bool) -> dict | None:
    if not (meeting.minutes_published or insider):
        return None
    rows = list(meeting.attendance.all())
    counts = querysets.attendance_counts(rows)
    return {
        "published_at": timezone.localtime(meeting.minutes_published_at) if meeting.minutes_published_at else None,
        "discussion": meeting.discussion,
        "decisions": meeting.decisions,
        "attendance": {
            "present": counts.present,
            "excused": counts.excused,
            "absent": counts.absent,
            "guests": counts.guests,
        },
        "people": [
            {
                "name": row.name,
                "organisation": row.organisation if row.is_guest else row.membership.organisation,
                "status": row.status,
                "guest": row.is_guest,
            }
            for row in rows
        ]
        if insider
        else None,
        "tasks": [
            {
                "text": t.text,
                "deadline": t.deadline,
                "done": t.is_done,
                "owner": str(t.owner.user) if insider and t.owner else None,
            }
            for t in meeting.tasks.all()
        ],
    }


def _files(meeting, insider: bool) -> tuple[list[dict], list[dict]]:
    slug = meeting.process.slug
    public_files = meeting.is_public and meeting.minutes_published
    attachments = [
        {
            "name": a.name,
            "size": a.size,
            "url": reverse("meetings:attachment", kwargs={"process": slug, "pk": meeting.pk, "attachment": a.pk}),
        }
        for a in meeting.attachments.all()
        if insider or (public_files and a.is_public)
    ]

    def photo_url(photo, size):
        return reverse("meetings:photo", kwargs={"process": slug, "pk": meeting.pk, "photo": photo.pk, "size": size})

    photos = [
        {
            "alt_text": p.alt_text,
            "caption": p.caption,
            "url": photo_url(p, "foto"),
            "thumbnail_url": photo_url(p, "nahled"),
            "width": p.width,
            "height": p.height,
        }
        for p in meeting.photos.all()
    ]
    return attachments, photos


@process_router.get(
    "/{slug}/meetings",
    response={200: MeetingsOut, 404: ErrorOut},
    summary="Meetings of a process",
    url_name="process_meetings",
)
def process_meetings(request, slug: str):
    """Public meetings (members of the process: all meetings), newest first."""
    process, insider = _process(request, slug)
    meetings = querysets.meetings_for(process, insider=insider).select_related("process")
    return {
        "process": process.slug,
        "calendar_url": reverse("meetings_feed", kwargs={"process": process.slug}),
        "meetings": [_summary(m) for m in meetings],
    }


@process_router.get(
    "/{slug}/meetings/{meeting_id}",
    response={200: MeetingDetailOut, 404: ErrorOut},
    summary="One meeting with its published minutes",
    url_name="process_meeting",
)
def process_meeting(request, slug: str, meeting_id: int):
    """Agenda, photos and the published minutes (attendance as counts, tasks without owners for the public)."""
    process, insider = _process(request, slug)
    meeting = querysets.with_details(querysets.meetings_for(process, insider=insider).select_related("process"))
    meeting = meeting.filter(pk=meeting_id).first()
    if meeting is None:
        raise HttpError(404, gettext("The process has no such meeting."))
    attachments, photos = _files(meeting, insider)
    return {
        **_summary(meeting),
        "agenda": meeting.agenda,
        "minutes": _minutes(meeting, insider),
        "attachments": attachments,
        "photos": photos,
    }
