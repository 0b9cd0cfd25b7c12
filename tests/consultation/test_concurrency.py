"""200 comments sent at once through the web form and the API are 200 stored comments with the reference numbers
001…200, each exactly once and without gaps (``allocate_reference`` under the period's row lock).

The parallel test commits for real (``transactional_db``) and needs a server database: on SQLite the in-memory
test database locks whole tables and does not wait ("database table is locked"), so it runs on PostgreSQL only —
in CI's PostgreSQL suite, or here with

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/komplan \
        .venv/bin/python -m pytest tests/consultation/test_concurrency.py

The same kind of submissions one after another (fewer: it is the logic, not the locking) are checked on every
database. Each thread has its own connection
(Django's connections are per thread) and closes it when its submission is done; a pool of 40 threads keeps the
number of connections below PostgreSQL's default limit of 100. Every submission comes from its own address, so the
rate limit (on, as in production) does not stop any of them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from komplan.consultation.models import Comment, Consultation
from tests.conftest import make_process, person
from tests.dbstate import restore_reference_data

N = 200
THREADS = 40

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="parallel writers need a server database: SQLite's in-memory test database cannot wait for locks "
    "(run with DATABASE_URL=postgres://…)",
)


@pytest.fixture(scope="module", autouse=True)
def _restore_territories(django_db_setup, django_db_blocker):
    """The flush after each transactional test empties the territories the session loaded: put them back."""
    yield
    restore_reference_data(django_db_blocker)


def open_period() -> Consultation:
    from komplan.plan.services import create_plan, freeze_version
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory

    if not Territory.objects.filter(level="municipality", code="532819").exists():  # flushed by an earlier test
        load_territories()
    process = make_process()
    coordinator = person("koordinator@example.org", "Koordinátorka", process, "coordinator", "commissioner")
    version = freeze_version(create_plan(process, coordinator), coordinator, state="comment")
    today = timezone.localdate()
    return Consultation.objects.create(
        version=version, opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=1)
    )


def send(consultation: Consultation):
    """send(i): odd i through the API, even i through the web form; each from its own address."""

    def one(i: int) -> int:
        client = Client(REMOTE_ADDR=f"10.{i // 250}.{i % 250}.1")
        text = f"Připomínka číslo {i}"
        if i % 2:
            body = json.dumps({"text": text, "name": f"Občan {i}", "email": f"obcan{i}@example.cz"})
            path = f"/api/v1/consultations/{consultation.pk}/comments"
            return client.post(path, body, content_type="application/json").status_code
        form = f"/slany/pripominky/{consultation.pk}/nova/"
        return client.post(form, {"text": text, "name": f"Občan {i}", "postal_address": f"Slaný {i}"}).status_code

    return one


def check_stored(consultation: Consultation, codes: list[int], n: int = N) -> None:
    assert Counter(codes) == {201: n // 2, 302: n - n // 2}
    comments = list(Comment.objects.filter(consultation=consultation))
    assert len(comments) == n
    assert sorted(c.text for c in comments) == sorted(f"Připomínka číslo {i}" for i in range(n))
    year = consultation.opens_on.year
    assert sorted(c.reference for c in comments) == [f"KP-{year}-{k:03d}" for k in range(1, n + 1)]
    assert Counter(c.channel for c in comments) == {"api": n // 2, "web": n - n // 2}
    consultation.refresh_from_db()
    assert consultation.next_number == n + 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_200_comments_at_once_get_200_unique_references_without_gaps():
    consultation = open_period()
    task = send(consultation)

    def run(i):
        try:
            return task(i)
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        codes = list(pool.map(run, range(N)))

    check_stored(consultation, codes)


@pytest.mark.django_db
def test_comments_one_after_another():
    consultation = open_period()
    codes = [send(consultation)(i) for i in range(30)]
    check_stored(consultation, codes, 30)
