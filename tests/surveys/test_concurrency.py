"""Concurrent submissions lose nothing: many threads, each with its own database connection, answer at once.

These tests commit for real (``transactional_db``), so they run after the ordinary tests, and the flush
after each of them empties every table, including the territories the session loaded: the module fixture
puts them back (the browser tests do the same). On SQLite the in-memory test database locks whole tables
for writers sharing its cache and does not wait for them ("database table is locked"), so the parallel tests
run on PostgreSQL only; the same counts, sent one after another, are checked on every database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/komplan .venv/bin/pytest tests/surveys/test_concurrency.py
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from komplan.surveys.models import Channel, Invitation, Response, ResponseStatus
from komplan.surveys.services import InvalidAnswers, Submission, answer_context, submit
from tests.conftest import make_process
from tests.dbstate import restore_reference_data

from .every_type import SLANY, make_survey

N = 50
MINIMAL = {"obec": SLANY, "vyuziva": "ne"}

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel writers need a server database (run with DATABASE_URL)"
)


@pytest.fixture(scope="module", autouse=True)
def _restore_territories(django_db_setup, django_db_blocker):
    """Transactional tests flush the database: put the session's reference data back."""
    yield
    restore_reference_data(django_db_blocker)


@pytest.fixture
def survey(transactional_db, settings):
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory

    settings.SURVEY_RATE_LIMIT = None  # every thread comes from 127.0.0.1
    if not Territory.objects.filter(level="municipality", code=SLANY).exists():  # flushed by an earlier test
        load_territories()
    return make_survey(make_process())


def in_parallel(task, count: int) -> list:
    """Run ``task(i)`` in ``count`` threads at once; each thread closes its own connection when done."""
    start = threading.Barrier(count)

    def run(i):
        try:
            start.wait(timeout=30)  # all threads write at the same moment
            return task(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@postgres_only
def test_parallel_submissions_lose_nothing(survey):
    context = answer_context(survey.process)

    def answer(i):
        return submit(survey, Submission(answers={**MINIMAL, "vek": 20 + i}), context).pk

    ids = in_parallel(answer, N)

    assert len(set(ids)) == N
    stored = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
    assert stored.count() == N
    assert sorted(r.answers["vek"] for r in stored) == list(range(20, 20 + N))


def answer_through_api_or_form(survey):
    """Odd i: the API; even i: the web form. Returns the HTTP status."""

    def answer(i):
        client = Client()
        if i % 2:
            body = json.dumps({"answers": {**MINIMAL, "vek": 20 + i}})
            path = f"/api/v1/surveys/{survey.pk}/responses"
            return client.post(path, body, content_type="application/json").status_code
        form = f"/en/{survey.process.slug}/pruzkumy/{survey.slug}/"
        return client.post(form, {**MINIMAL, "vek": str(20 + i), "_action": "send"}).status_code

    return answer


@postgres_only
def test_n_answers_through_the_api_and_the_form_at_once_are_n_responses(survey):
    codes = in_parallel(answer_through_api_or_form(survey), N)

    assert Counter(codes) == {201: N // 2, 302: N - N // 2}
    assert Response.objects.filter(survey=survey).count() == N
    by_channel = Counter(Response.objects.filter(survey=survey).values_list("channel", flat=True))
    assert by_channel == {Channel.API: N // 2, Channel.WEB: N - N // 2}


@pytest.mark.django_db
def test_n_answers_one_after_another_are_n_responses(settings):
    settings.SURVEY_RATE_LIMIT = None
    survey = make_survey(make_process())

    codes = [answer_through_api_or_form(survey)(i) for i in range(N)]

    assert Counter(codes) == {201: N // 2, 302: N - N // 2}
    by_channel = Counter(Response.objects.filter(survey=survey).values_list("channel", flat=True))
    assert by_channel == {Channel.API: N // 2, Channel.WEB: N - N // 2}


@postgres_only
def test_one_invitation_answered_at_once_from_many_places_is_one_response(survey):
    invitation = Invitation.objects.create(survey=survey, label="Poskytovatel")
    context = answer_context(survey.process)

    def answer(i):
        submission = Submission(answers={**MINIMAL, "vek": 20 + i}, channel=Channel.INVITATION, invitation=invitation)
        try:
            return submit(survey, submission, context).pk
        except InvalidAnswers:  # "this invitation has just been used; reload the page"
            return None

    ids = {pk for pk in in_parallel(answer, 20) if pk is not None}

    assert Response.objects.filter(invitation=invitation).count() == 1
    assert ids == {Response.objects.get(invitation=invitation).pk}
