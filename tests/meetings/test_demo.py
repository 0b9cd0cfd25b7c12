"""The demo meetings of Slaný (seed 000): dates, groups, illustrative minutes; loading again changes nothing."""

from __future__ import annotations

import pytest

from komplan.demo.meetings import load_demo_meetings
from komplan.demo.services import _load_demo
from komplan.meetings.models import Attendance, Meeting, Task
from komplan.territory.models import PlanningProcess

pytestmark = pytest.mark.django_db


def _state(process):
    meetings = Meeting.objects.for_process(process).values_list("title", "body__slug", "starts_at", "discussion")
    attendance = Attendance.objects.filter(meeting__process=process).values_list(
        "meeting__title", "membership_id", "guest_name", "status"
    )
    tasks = Task.objects.filter(meeting__process=process).values_list("meeting__title", "text", "owner_id", "deadline")
    return [sorted(map(str, rows)) for rows in (meetings, attendance, tasks)]


def test_slany_meetings_and_idempotence(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _load_demo()
    slany = PlanningProcess.objects.get(slug="slany-2008-2010")
    meetings = list(Meeting.objects.for_process(slany).order_by("starts_at").select_related("body"))
    days = [m.starts_at.astimezone(m.starts_at.tzinfo).date().isoformat() for m in meetings]
    assert [d for d in days] == ["2007-05-14", "2007-06-04", "2007-06-05", "2007-06-06", "2007-06-27"]
    assert [m.body.slug for m in meetings] == [
        "strategicky-tym",
        "ps1-seniori-zdravotne-postizeni",
        "ps2-rodiny-a-deti",
        "ps3-ohrozeni-vyloucenim",
        "strategicky-tym",
    ]
    first = meetings[0]
    assert "SWOT" in first.agenda and "ViP" in first.agenda and "pracovní skupiny" in first.decisions
    assert all("Ukázkový obsah" in m.discussion and m.is_public and m.minutes_published for m in meetings)
    assert first.attendance.filter(guest_name__startswith="Zpracovatel", organisation="agentura ViP").exists()
    assert first.attendance.filter(membership__isnull=False).count() == 4
    assert Task.objects.filter(meeting__process=slany, done_at__isnull=True).count() == 1

    before = _state(slany)
    load_demo_meetings(slany)
    _load_demo()
    assert _state(slany) == before
    assert client.get("/slany-2008-2010/schuzky/").status_code == 200
    assert client.get(f"/slany-2008-2010/schuzky/{first.pk}/").status_code == 200
    assert client.get("/slany-2008-2010/schuzky.ics").content.count(b"BEGIN:VEVENT") == 5
    assert len(client.get("/api/v1/processes/slany-2008-2010/meetings").json()["meetings"]) == 5
