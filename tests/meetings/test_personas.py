"""Every staff view of the meetings with the three personas; the guard fails when a view is added unswept."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from komplan.meetings import services
from komplan.meetings.models import Attendance, Task
from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep

from .conftest import image_bytes

pytestmark = pytest.mark.django_db

S = "/slany/sprava/schuzky/"


def test_every_staff_view_for_the_three_personas(outsider, member, meetings, coordinator):
    m = meetings["public"]
    task = Task.objects.filter(meeting=m).exclude(owner__user=member).first().pk
    guest = Attendance.objects.get(meeting=m, membership__isnull=True).pk
    photo = services.add_photo(m, image_bytes(size=(40, 30)), "Účastníci").pk
    attachment = services.add_attachment(m, SimpleUploadedFile("zapis.txt", b"Zapis")).pk
    rows = [
        ("get", S, 200),
        ("get", f"{S}ukoly/", 200),
        ("get", f"{S}{m.pk}/", 200),
        ("get", f"{S}{m.pk}/pozvanka.ics", 200),
        ("get", f"{S}nova/", 403),
        ("get", f"{S}{m.pk}/upravit/", 403),
        ("get", f"{S}{m.pk}/zapis/", 403),
        ("get", f"{S}{m.pk}/dochazka/", 403),
        ("get", f"{S}{m.pk}/fotografie/pridat/", 403),
        ("get", f"{S}{m.pk}/fotografie/{photo}/", 403),
        ("post", f"{S}{m.pk}/fotografie/{photo}/smazat/", 403),
        ("post", f"{S}{m.pk}/smazat/", 403),
        ("post", f"{S}{m.pk}/zapis/zverejneni/", 403),
        ("post", f"{S}{m.pk}/hoste/", 403),
        ("post", f"{S}{m.pk}/hoste/{guest}/odebrat/", 403),
        ("post", f"{S}{m.pk}/pozvanky/", 403),
        ("post", f"{S}{m.pk}/ukoly/", 403),
        ("post", f"{S}{m.pk}/ukoly/{task}/stav/", 403),  # not the owner's task
        ("post", f"{S}{m.pk}/ukoly/{task}/smazat/", 403),
        ("post", f"{S}{m.pk}/prilohy/", 403),
        ("post", f"{S}{m.pk}/prilohy/{attachment}/smazat/", 403),
        ("get", f"{S}{m.pk}/prilohy/{attachment}/", 200),
    ]
    assert_every_view_swept(rows, "komplan.meetings.admin_urls")
    sweep(rows, outsider, member)
    assert m.photos.filter(pk=photo).exists() and m.attachments.filter(pk=attachment).exists()
    assert Task.objects.filter(pk=task, done_at__isnull=True).exists()
    garbage_is_never_a_500(rows, coordinator)
