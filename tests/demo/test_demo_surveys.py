"""The demo surveys of Slaný: a user and a provider survey from the templates, collected in spring 2007, with
illustrative answers from a seeded model; provider answers leave pending proposals; running the demo again
creates no duplicates."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command

from komplan.demo.surveys import AGE_BANDS, USER_RESPONSES, load_demo_surveys
from komplan.directory.filters import catalogue_of
from komplan.directory.models import DemandFigure, Funding
from komplan.directory.review import ChangeRequest
from komplan.directory.review_services import accept
from komplan.surveys import definition as qdef
from komplan.surveys import services
from komplan.surveys.models import Channel, Response, ResponseStatus, Survey, SurveyKind
from komplan.territory.models import PlanningProcess

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]  # loaded once for the module
SLUG = "slany-2008-2010"


@pytest.fixture
def slany():
    return PlanningProcess.objects.get(slug=SLUG)


def _survey(process, kind) -> Survey:
    return Survey.objects.for_process(process).get(kind=kind)


def test_slany_has_a_user_and_a_provider_survey_with_illustrative_answers(slany):
    context = services.answer_context(slany)
    for kind in (SurveyKind.USERS, SurveyKind.PROVIDERS):
        survey = _survey(slany, kind)
        assert survey.is_published and survey.status() == "closed"
        assert dt.date(2007, 3, 1) <= survey.opens_at.date() < survey.closes_at.date() <= dt.date(2007, 4, 30)
        assert "ilustrativní" in survey.introduction
        qdef.parse(survey.current_version().definition)  # a valid questionnaire from the template
    responses = Response.objects.filter(survey__process=slany).select_related("version", "survey")
    assert responses.count() == USER_RESPONSES + catalogue_of(slany).count()
    for response in responses:
        assert response.is_illustrative and response.status == ResponseStatus.SUBMITTED
        assert response.survey.opens_at <= response.submitted_at <= response.survey.closes_at
        _clean, errors = qdef.check_answers(qdef.parse(response.version.definition), response.answers, context)
        assert errors == {}
    users = list(_survey(slany, SurveyKind.USERS).responses.all())
    answers = [r.answers for r in users]
    assert {a["residence"] for a in answers} == {"532819"}
    bands = Counter(a["age_band"] for a in answers)
    total = sum(AGE_BANDS.values())
    for band, people in AGE_BANDS.items():  # within ±10 points of Slaný's age structure
        assert abs(bands[band] / USER_RESPONSES - people / total) < 0.10, band
    assert {r.channel for r in users} == {Channel.PAPER, Channel.WEB}
    assert any(a.get("missing") for a in answers)  # a few free-text answers from the fixed list


def test_provider_answers_come_through_invitations_and_leave_pending_proposals(slany):
    survey = _survey(slany, SurveyKind.PROVIDERS)
    responses = list(survey.responses.select_related("invitation__service"))
    assert {r.invitation.service for r in responses} == set(catalogue_of(slany))
    assert all(r.channel == Channel.INVITATION for r in responses)
    pending = ChangeRequest.objects.for_process(slany).filter(status="pending")
    assert pending.count() == len(responses)
    assert {c.origin for c in pending} == {f"survey-response:{r.pk}" for r in responses}
    assert all(c.note and c.changes and c.submitted_at.year == 2007 for c in pending)  # dated by the answers
    assert any(key.startswith("funding:2006:") for c in pending for key in c.changes)
    assert not Funding.objects.filter(service__in=catalogue_of(slany)).exists()  # nothing applied yet


def _answers(process) -> list:
    return sorted(Response.objects.filter(survey__process=process).values_list("answers", flat=True), key=str)


def test_running_the_demo_twice_creates_no_duplicates_and_undoes_decisions(slany):
    first = _answers(slany)
    change = ChangeRequest.objects.for_process(slany).filter(status="pending").first()
    accept(change, None)
    assert DemandFigure.objects.filter(service=change.service).exists()
    call_command("demo", stdout=io.StringIO())  # the second load: the fixture made the first
    assert Survey.objects.for_process(slany).count() == 2
    assert _answers(slany) == first  # the same seed gives the same answers
    assert Response.objects.filter(survey__process=slany).count() == USER_RESPONSES + catalogue_of(slany).count()
    changes = ChangeRequest.objects.for_process(slany)
    assert changes.count() == changes.filter(status="pending").count() == catalogue_of(slany).count()
    assert not DemandFigure.objects.filter(service=change.service).exists()  # what the decision wrote is undone


def test_the_demo_surveys_alone_can_be_reloaded(slany):
    load_demo_surveys(slany)
    assert Survey.objects.for_process(slany).count() == 2
    assert Response.objects.filter(survey__process=slany).count() == USER_RESPONSES + catalogue_of(slany).count()


def test_the_process_page_leads_to_the_surveys_and_their_results(client):
    html = client.get("/slany-2008-2010/").content.decode()

    assert 'href="/slany-2008-2010/pruzkumy/"' in html
    assert 'href="/slany-2008-2010/analyzy/pruzkumy/"' in html
