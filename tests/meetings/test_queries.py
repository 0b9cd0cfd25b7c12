"""Meeting lists, a meeting's page, the feed, the tasks and the API read a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from komplan.accounts.models import Membership
from komplan.meetings import services
from komplan.meetings.models import Attendance, Meeting, Task
from tests.querycount import assert_no_more_queries, query_counts

from .conftest import image_bytes

pytestmark = pytest.mark.django_db


def _meeting(process, body, n, members):
    meeting = Meeting.objects.create(
        process=process,
        body=body,
        title=f"Schůzka {n}",
        starts_at=timezone.now() - dt.timedelta(days=n),
        ends_at=timezone.now() - dt.timedelta(days=n, hours=-1),
        is_public=True,
        discussion="Diskuse",
        minutes_published_at=timezone.now(),
    )
    for membership in members:
        Attendance.objects.create(meeting=meeting, membership=membership, status="present")
        Task.objects.create(meeting=meeting, text=f"Úkol {n}", owner=membership)
    Attendance.objects.create(meeting=meeting, guest_name="Host", organisation="Charita", status="present")
    services.add_photo(meeting, image_bytes(size=(40, 30)), "Účastníci")
    return meeting


def test_fixed_number_of_queries(process, meetings, member, coordinator, django_assert_max_num_queries):
    public = meetings["public"]
    services.add_photo(public, image_bytes(size=(40, 30)), "Účastníci")
    members = list(Membership.objects.filter(process=process))
    pages = [
        "/slany/",
        "/slany/schuzky/",
        "/slany/schuzky/?skupina=ps-seniori",
        f"/slany/schuzky/{public.pk}/",
        "/slany/schuzky.ics",
        "/api/v1/processes/slany/meetings",
        f"/api/v1/processes/slany/meetings/{public.pk}",
    ]
    staff_pages = ["/slany/sprava/schuzky/", "/slany/sprava/schuzky/ukoly/", f"/slany/sprava/schuzky/{public.pk}/"]
    anonymous, staff = Client(), Client()
    staff.force_login(coordinator)
    before, before_staff = query_counts(anonymous, pages), query_counts(staff, staff_pages)
    for n in range(1, 4):
        _meeting(process, public.body, n, members)
    for membership in members:  # more people on the meeting's own page too
        Task.objects.create(meeting=public, text="Další úkol", owner=membership)
    Attendance.objects.create(meeting=public, guest_name="Další host", organisation="Diakonie", status="present")
    services.add_photo(public, image_bytes(size=(40, 30)), "Další fotografie")
    assert_no_more_queries(anonymous, before, django_assert_max_num_queries)
    assert_no_more_queries(staff, before_staff, django_assert_max_num_queries)
