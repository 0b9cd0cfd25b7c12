"""Staff typing in paper questionnaires: personas, save and type in the next, corrections, closed surveys."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from komplan.accounts.roles import ROLE_PERMISSIONS, Perm, Role
from komplan.surveys.models import Channel, Response, ResponseStatus
from komplan.surveys.services import Submission, answer_context, submit
from tests.conftest import person

from .every_type import SLANY, make_survey
from .formdata import form_data

pytestmark = pytest.mark.django_db

MINIMAL = {"obec": SLANY, "vyuziva": "ne"}


def url(name, survey, **kwargs) -> str:
    with translation.override("en"):
        return reverse(
            f"surveys_admin:{name}", kwargs={"process": survey.process.slug, "survey": survey.slug, **kwargs}
        )


@pytest.fixture
def survey(process):
    return make_survey(process)


@pytest.fixture
def staff(as_user, coordinator):
    return as_user(coordinator)


def test_personas(client, as_user, survey, member, outsider):
    target = url("paper_entry", survey)
    response = client.get(target)
    assert response.status_code == 302 and "/ucet/" in response.url
    assert as_user(outsider).get(target).status_code == 404
    assert as_user(member).get(target).status_code == 403
    assert as_user(member).post(target, {**MINIMAL, "_action": "next"}).status_code == 403
    assert not Response.objects.exists()


def test_the_form_is_the_questionnaire_without_spam_protection(staff, survey):
    html = staff.get(url("paper_entry", survey)).content.decode()

    assert "Obec bydliště" in html and "Save and type in the next" in html
    assert "kp-homepage" not in html
    assert "0 paper questionnaires typed in" in html


def test_save_and_type_in_the_next(staff, survey, coordinator):
    response = staff.post(url("paper_entry", survey), {**MINIMAL, "_action": "next"})

    assert response.status_code == 302 and response["Location"] == url("paper_entry", survey)
    stored = Response.objects.get()
    assert (stored.channel, stored.status, stored.entered_by) == (Channel.PAPER, ResponseStatus.SUBMITTED, coordinator)
    page = staff.get(response["Location"]).content.decode()
    assert f"Paper questionnaire No. {stored.pk} is saved." in page
    assert "1 paper questionnaire typed in" in page
    assert url("paper_edit", survey, pk=stored.pk) in page
    assert 'value="ne" checked' not in page  # the form is empty again for the next questionnaire


def test_save_opens_the_questionnaire_for_checking(staff, survey):
    response = staff.post(url("paper_entry", survey), {**MINIMAL, "vek": "64", "_action": "send"})

    stored = Response.objects.get()
    assert response["Location"] == url("paper_edit", survey, pk=stored.pk)
    html = staff.get(response["Location"]).content.decode()
    assert f"Paper questionnaire No. {stored.pk}" in html and 'value="64"' in html


def test_broken_answers_are_refused_at_the_field(staff, survey):
    response = staff.post(url("paper_entry", survey), {"vek": "300", "_action": "next"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Obec bydliště: This question needs an answer." in html
    assert "Write a number from 15 to 110." in html
    assert not Response.objects.exists()


def test_unfinished_paper_questionnaires_are_kept_aside(staff, survey):
    staff.post(url("paper_entry", survey), {"vek": "64", "_action": "save"})

    assert Response.objects.get().status == ResponseStatus.IN_PROGRESS


def test_paper_is_accepted_after_closing(staff, process):
    survey = make_survey(process, closes_at=timezone.now() - dt.timedelta(days=1))

    page = staff.get(url("paper_entry", survey)).content.decode()
    response = staff.post(url("paper_entry", survey), {**MINIMAL, "_action": "next"})

    assert "Paper questionnaires that came back late can still be typed in." in page
    assert response.status_code == 302
    assert Response.objects.get().channel == Channel.PAPER


def test_corrections_update_the_same_response(staff, survey):
    staff.post(url("paper_entry", survey), {**MINIMAL, "vek": "64", "_action": "next"})
    stored = Response.objects.get()
    edit = url("paper_edit", survey, pk=stored.pk)
    page = staff.get(edit).content.decode()

    response = staff.post(edit, form_data(page, vek="65", _action="send"))

    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.answers["vek"] == 65 and stored.status == ResponseStatus.SUBMITTED
    assert Response.objects.count() == 1


def test_a_refused_correction_changes_nothing(staff, survey):
    staff.post(url("paper_entry", survey), {**MINIMAL, "vek": "64", "_action": "next"})
    stored = Response.objects.get()

    response = staff.post(url("paper_edit", survey, pk=stored.pk), {"vek": "300", "_action": "send"})

    assert response.status_code == 400
    stored.refresh_from_db()
    assert stored.status == ResponseStatus.SUBMITTED and stored.answers["vek"] == 64


def test_only_paper_responses_of_the_survey_can_be_corrected(staff, survey, process, other_process):
    web = submit(survey, Submission(answers=MINIMAL), answer_context(process))
    foreign = make_survey(other_process)

    assert staff.get(url("paper_edit", survey, pk=web.pk)).status_code == 404
    assert staff.get(url("paper_edit", survey, pk=999_999)).status_code == 404
    assert staff.get(url("paper_entry", foreign)).status_code == 404


@pytest.fixture
def contact_survey(process):
    return make_survey(process, collects_contact=True, consent_text="Kontakt použijeme k pozvání na setkání.")


def test_contacts_typed_in_from_paper(staff, contact_survey):
    fields = {**MINIMAL, "contact.name": "Jana Nováková", "contact.consent": "1", "_action": "send"}
    response = staff.post(url("paper_entry", contact_survey), fields)

    stored = Response.objects.get()
    assert stored.contact.name == "Jana Nováková"
    assert "Jana Nováková" in staff.get(response["Location"]).content.decode()


def test_contacts_stay_hidden_from_staff_without_the_right(as_user, process, contact_survey, monkeypatch):
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.WORKING_MEMBER, frozenset({Perm.VIEW_INTERNAL, Perm.MANAGE_SURVEYS}))
    typist = as_user(person("zapisovatel@example.org", "Zapisovatel", process))
    fields = {**MINIMAL, "contact.name": "Jana Nováková", "contact.consent": "1", "_action": "send"}
    typist.post(url("paper_entry", contact_survey), fields)
    stored = Response.objects.get()
    edit = url("paper_edit", contact_survey, pk=stored.pk)

    page = typist.get(edit).content.decode()
    assert "Jana Nováková" not in page and 'name="contact.name"' not in page
    assert "shown only to people allowed to see personal data" in page

    typist.post(edit, form_data(page, vek="70", _action="send"))
    stored.refresh_from_db()
    assert stored.answers["vek"] == 70
    assert stored.contact.name == "Jana Nováková"  # kept, not erased by a form without the block
