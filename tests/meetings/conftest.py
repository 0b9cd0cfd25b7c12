import datetime as dt
import io

import pytest
from django.utils import timezone

from tests.planning.conftest import bodies  # noqa: F401 - the bodies of the process, reused

PRAGUE = dt.timezone(dt.timedelta(hours=2))  # CEST, as Europe/Prague in May and June


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def at(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=PRAGUE)


@pytest.fixture
def meetings(process, bodies, coordinator, member):  # noqa: F811 - bodies is the fixture imported above
    """A public meeting of the working group with published minutes, attendance and tasks; an internal one
    of the steering group; an upcoming public forum without a group."""
    from komplan.accounts.models import Membership
    from komplan.meetings.models import Attendance, Meeting, Task

    coord = Membership.objects.get(process=process, user=coordinator)
    clen = Membership.objects.get(process=process, user=member)
    public = Meeting.objects.create(
        process=process,
        body=bodies["working"],
        title="Schůzka PS senioři",
        starts_at=at(2007, 6, 5, 15),
        ends_at=at(2007, 6, 5, 17),
        place="MěÚ Slaný, zasedací místnost",
        agenda="1. Situace seniorů\n2. Priority",
        is_public=True,
        discussion="Diskuse o **pečovatelské službě**.",
        decisions="Priorita: denní stacionář.",
        minutes_published_at=timezone.now(),
    )
    Attendance.objects.create(meeting=public, membership=coord, status="present")
    Attendance.objects.create(meeting=public, membership=clen, status="excused")
    Attendance.objects.create(meeting=public, guest_name="Host Hostovský", organisation="Charita", status="present")
    Task.objects.create(meeting=public, text="Zjistit kapacity stacionářů", owner=clen, deadline=dt.date(2007, 6, 20))
    Task.objects.create(meeting=public, text="Rozeslat zápis", owner=coord)
    internal = Meeting.objects.create(
        process=process,
        body=bodies["steering"],
        title="Neveřejná porada řídící skupiny",
        starts_at=at(2007, 5, 14, 16),
        ends_at=at(2007, 5, 14, 18),
        place="MěÚ Slaný",
        is_public=False,
        discussion="Interní diskuse",
    )
    forum = Meeting.objects.create(
        process=process,
        title="Veřejné fórum",
        starts_at=timezone.now() + dt.timedelta(days=10),
        ends_at=timezone.now() + dt.timedelta(days=10, hours=2),
        online_url="https://meet.example.org/forum",
        is_public=True,
    )
    return {"public": public, "internal": internal, "forum": forum}


def image_bytes(fmt="JPEG", size=(2400, 1800), color=(200, 80, 40), exif=None):
    from PIL import Image

    out = io.BytesIO()
    image = Image.new("RGB" if fmt != "PNG" else "RGBA", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


@pytest.fixture
def clients(member, outsider, coordinator):
    """A fresh client per persona: anonymous, outsider (another process), member (no flags), coordinator."""
    from django.test import Client

    made = {"anonymous": Client()}
    for name, user in (("outsider", outsider), ("member", member), ("coordinator", coordinator)):
        made[name] = Client()
        made[name].force_login(user)
    return made
