"""Services and reads of the meetings, without HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from komplan.accounts.models import Membership
from komplan.meetings import querysets, services
from komplan.meetings.models import Attendance, Meeting
from tests.meetings.conftest import at

pytestmark = pytest.mark.django_db


def test_save_meeting_refuses_a_stale_version(meetings):
    meeting = meetings["public"]
    first = Meeting.objects.get(pk=meeting.pk)
    second = Meeting.objects.get(pk=meeting.pk)
    first.title = "První"
    services.save_meeting(first, ["title"], 1)
    second.title = "Druhý"
    with pytest.raises(services.MeetingConflict):
        services.save_meeting(second, ["title"], 1)
    meeting.refresh_from_db()
    assert meeting.title == "První" and meeting.version == 2


def test_the_database_refuses_an_end_before_the_start(process):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(process=process, title="x", starts_at=at(2007, 5, 14, 16), ends_at=at(2007, 5, 14, 15))


def test_attendance_only_for_members_of_the_process(meetings, outsider):
    foreign = Membership.objects.get(user=outsider)
    with pytest.raises(ValidationError):
        services.record_attendance(meetings["public"], {foreign: "present"})
    with pytest.raises(ValidationError):
        services.add_guest(meetings["public"], "  ", "", "present")
    with pytest.raises(ValidationError):
        services.add_task(meetings["public"], "Úkol", foreign, None)
    assert not Attendance.objects.filter(membership=foreign).exists()


def test_attendance_counts_and_removal(meetings, process, member):
    meeting = meetings["public"]
    counts = querysets.attendance_counts(list(meeting.attendance.all()))
    assert (counts.present, counts.excused, counts.absent, counts.guests, counts.total) == (2, 1, 0, 1, 3)
    clen = Membership.objects.get(process=process, user=member)
    services.record_attendance(meeting, {clen: ""})
    assert not Attendance.objects.filter(meeting=meeting, membership=clen).exists()


def test_invitees_are_the_group_or_everyone(meetings, bodies):
    assert len(querysets.invitees(meetings["public"])) == 3  # the working group
    assert len(querysets.invitees(meetings["internal"])) == 1  # the steering group: the coordinator
    assert len(querysets.invitees(meetings["forum"])) == 3  # no group: every active member


def test_split_upcoming_and_tasks_by_person(meetings):
    now = at(2007, 6, 1, 12)
    upcoming, past = querysets.split_upcoming(Meeting.objects.all(), now)
    assert [m.title for m in upcoming] == ["Schůzka PS senioři", "Veřejné fórum"]
    assert [m.title for m in past] == ["Neveřejná porada řídící skupiny"]
    grouped = querysets.tasks_by_person(querysets.open_tasks(meetings["public"].process))
    assert [(name, len(tasks)) for name, tasks in grouped] == [("Člen Pracovní", 1), ("Koordinátorka Testovací", 1)]


def test_publishing_needs_minutes(meetings):
    with pytest.raises(ValidationError):
        services.publish_minutes(meetings["forum"])
    services.publish_minutes(meetings["internal"])
    assert meetings["internal"].minutes_published


def test_uid_is_stable_and_unique(meetings, settings):
    settings.SITE_URL = "https://kpss.slany.example"
    public, forum = meetings["public"], meetings["forum"]
    assert public.uid == Meeting.objects.get(pk=public.pk).uid
    assert public.uid != forum.uid and public.uid.endswith("@kpss.slany.example")
    assert public.is_past(at(2030, 1, 1, 0)) and not public.is_past(at(2000, 1, 1, 0))
    assert isinstance(public.ends_at - public.starts_at, dt.timedelta)
