"""Reading meetings with what their pages show, and the small computations over them (pure where possible)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from komplan.accounts.models import Membership
from komplan.lib.text import czech_key

from .models import Attendance, AttendanceStatus, Meeting, Photo, Task


def meetings_for(process, *, insider: bool):
    """Meetings of the process, newest first: all of them for insiders, the public ones for everyone else."""
    meetings = Meeting.objects.for_process(process).select_related("body")
    return meetings if insider else meetings.filter(is_public=True)


def next_meeting(process, *, insider: bool, now=None) -> Meeting | None:
    """The meeting that starts next (or is going on now): public ones only unless ``insider``."""
    return (
        meetings_for(process, insider=insider)
        .filter(ends_at__gt=now or timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )


def next_public_meeting(process, now=None) -> Meeting | None:
    """For the process page."""
    return next_meeting(process, insider=False, now=now)


def next_meeting_panel(request) -> dict | None:
    """The workspace panel: the next meeting of the process, internal ones included (members only see it)."""
    if not request.access.is_insider:
        return None
    meeting = next_meeting(request.process, insider=True)
    return {"template": "meetings/_next_meeting_panel.html", "next_meeting": meeting} if meeting else None


def with_details(meetings):
    return meetings.prefetch_related(
        Prefetch("attendance", queryset=Attendance.objects.select_related("membership__user")),
        Prefetch("tasks", queryset=Task.objects.select_related("owner__user")),
        "attachments",
        Prefetch("photos", queryset=Photo.objects.order_by("order", "pk")),
    )


def meeting_for(process, pk: int, *, insider: bool) -> Meeting | None:
    return with_details(meetings_for(process, insider=insider)).filter(pk=pk).first()


def split_upcoming(meetings, now=None) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming soonest first, past newest first): a meeting is past once it has ended."""
    now = now or timezone.now()
    meetings = list(meetings)
    upcoming = sorted((m for m in meetings if not m.is_past(now)), key=lambda m: m.starts_at)
    past = sorted((m for m in meetings if m.is_past(now)), key=lambda m: m.starts_at, reverse=True)
    return upcoming, past


@dataclass(frozen=True)
class AttendanceCounts:
    present: int
    excused: int
    absent: int
    guests: int  # guests present

    @property
    def total(self) -> int:
        return self.present + self.excused + self.absent


def attendance_counts(rows) -> AttendanceCounts:
    """How many were present, excused and absent (members and guests), and how many of those present were guests."""
    counts = Counter(row.status for row in rows)
    guests = sum(1 for row in rows if row.is_guest and row.status == AttendanceStatus.PRESENT)
    return AttendanceCounts(
        counts[AttendanceStatus.PRESENT], counts[AttendanceStatus.EXCUSED], counts[AttendanceStatus.ABSENT], guests
    )


def invitees(meeting: Meeting):
    """Who is invited: the members of the meeting's group, or every active member for a meeting without a group."""
    memberships = Membership.objects.filter(process_id=meeting.process_id, is_active=True).select_related("user")
    if meeting.body_id:
        memberships = memberships.filter(body_seats__body_id=meeting.body_id)
    return memberships.order_by("user__full_name", "user__email")


def attendance_members(meeting: Meeting) -> list[tuple[Membership, str]]:
    """(membership, recorded status or "") for the attendance form: the invitees plus anyone already recorded."""
    recorded = {a.membership_id: a.status for a in Attendance.objects.filter(meeting=meeting, membership__isnull=False)}
    people = {m.pk: m for m in invitees(meeting)}
    extra = Membership.objects.filter(pk__in=set(recorded) - set(people)).select_related("user")
    people.update({m.pk: m for m in extra})
    ordered = sorted(people.values(), key=lambda m: czech_key(str(m.user)))
    return [(m, recorded.get(m.pk, "")) for m in ordered]


def open_tasks(process, membership: Membership | None = None):
    """Open tasks from the minutes of the process's meetings (of one member when given), soonest deadline first."""
    tasks = Task.objects.filter(meeting__process=process, done_at__isnull=True).select_related("meeting", "owner__user")
    if membership is not None:
        tasks = tasks.filter(owner=membership)
    return tasks.order_by("deadline", "meeting__starts_at", "pk")


def tasks_by_person(tasks) -> list[tuple[str, list[Task]]]:
    """Tasks grouped under their owner's name (tasks without an owner last, under an empty name)."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        name = str(task.owner.user) if task.owner else ""
        groups.setdefault(name, []).append(task)
    return sorted(groups.items(), key=lambda item: (item[0] == "", czech_key(item[0])))
