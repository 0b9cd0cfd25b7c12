import datetime as dt

import pytest

OCT_1, OCT_31 = dt.date(2007, 10, 1), dt.date(2007, 10, 31)


@pytest.fixture
def comment_version(process, coordinator):
    """The plan of the test process with version 1 frozen for public comments (chapters and paragraph ids as the
    default table of contents gives them)."""
    from komplan.plan.services import create_plan, freeze_version

    plan = create_plan(process, coordinator)
    return freeze_version(plan, coordinator, "verze k připomínkám", state="comment", issued_on=OCT_1)


@pytest.fixture
def consultation(comment_version, coordinator):
    """A comment period of 1.–31. 10. 2007 on the comment version (tests move "today" with a monkeypatch or pass
    dates where the period must be open)."""
    from komplan.consultation.models import Consultation

    return Consultation.objects.create(
        version=comment_version,
        opens_on=OCT_1,
        closes_on=OCT_31,
        introduction="Připomínky k pracovní verzi.",
        created_by=coordinator,
    )


@pytest.fixture
def first_paragraph(comment_version):
    """(chapter key, paragraph id) of the first narrative paragraph of the version."""
    chapter = comment_version.snapshot["chapters"][0]
    block = next(b for b in chapter["blocks"] if b["kind"] == "narrative")
    return chapter["key"], block["paragraphs"][0]["id"]


@pytest.fixture
def on_day(monkeypatch):
    """on_day(date): make "today" (timezone.localdate, Europe/Prague) that date for the code under test."""
    from django.utils import timezone

    def move(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return move


@pytest.fixture
def open_today(on_day):
    """The fixture period is open: today is 15. 10. 2007."""
    on_day(dt.date(2007, 10, 15))
