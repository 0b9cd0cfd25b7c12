"""Public collection: the survey's link, save and resume, invitations, closed surveys, spam protection.

Pages are asked for in English (``/en/…``), so the messages asserted are the English msgids.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from komplan.surveys.models import Channel, Invitation, RespondentContact, Response, ResponseStatus
from tests.conftest import make_process

from .every_type import SLANY, make_catalogue, make_survey
from .formdata import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the rate limit counts in the cache, which outlives a test
    yield
    cache.clear()


def url(name, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"surveys:{name}", kwargs=kwargs)


@pytest.fixture
def survey(process):
    return make_survey(process)


def survey_url(survey) -> str:
    return url("survey", process=survey.process.slug, survey=survey.slug)


MINIMAL = {"obec": SLANY, "vyuziva": "ne", "_action": "send"}


# --- the public link ------------------------------------------------------------------------------------


def test_the_form_shows_every_question(client, survey, process):
    make_catalogue()
    response = client.get(survey_url(survey))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Průzkum potřeb obyvatel</h1>" in html
    assert "Pečovatelská služba Slaný" in html
    assert 'name="kp-homepage"' in html
    assert "Save and continue later" in html
    assert "komplan/surveys.js" in html and "komplan/surveys.css" in html


def test_czech_is_the_default_language(client, survey):
    with translation.override("cs"):
        path = reverse("surveys:survey", kwargs={"process": survey.process.slug, "survey": survey.slug})

    assert path == f"/slany/pruzkumy/{survey.slug}/"
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    "fields",
    [{"is_published": False}, {"public_link": False}],
    ids=["draft", "invitations only"],
)
def test_hidden_surveys_are_404(client, process, fields):
    survey = make_survey(process, **fields)

    assert client.get(survey_url(survey)).status_code == 404
    assert client.post(survey_url(survey), MINIMAL).status_code == 404
    assert not Response.objects.exists()


def test_unknown_survey_and_non_public_process_are_404(client, db):
    hidden = make_process(slug="skryty", name="Neveřejný plán", is_public=False)
    survey = make_survey(hidden)

    assert client.get(url("survey", process="slany-nic", survey="x")).status_code == 404
    assert client.get(survey_url(survey)).status_code == 404


def test_closed_survey_says_so_with_the_dates(client, process):
    closes = timezone.now() - dt.timedelta(days=2)
    survey = make_survey(process, opens_at=closes - dt.timedelta(days=30), closes_at=closes)

    response = client.get(survey_url(survey))

    assert response.status_code == 200
    html = response.content.decode()
    assert "This survey closed on" in html and "Answers are no longer collected." in html
    assert 'name="_action"' not in html
    assert "/analyzy/pruzkumy/" not in html  # results are not public
    assert client.post(survey_url(survey), MINIMAL).status_code == 200
    assert not Response.objects.exists()
    survey.results_public = True
    survey.save()
    assert f"/analyzy/pruzkumy/{survey.slug}/" in client.get(survey_url(survey)).content.decode()


def test_scheduled_survey_says_when_it_opens(client, process):
    survey = make_survey(process, opens_at=timezone.now() + dt.timedelta(days=3))

    response = client.get(survey_url(survey))

    assert response.status_code == 200
    assert "This survey opens on" in response.content.decode()


def test_a_valid_submission_is_stored_and_thanked(client, survey):
    response = client.post(survey_url(survey), MINIMAL)

    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.channel, stored.status) == (Channel.WEB, ResponseStatus.SUBMITTED)
    assert stored.answers == {"obec": SLANY, "vyuziva": "ne"}
    assert stored.version == survey.current_version()
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert f"The number of your response is <strong>{stored.pk}</strong>." in thanks.content.decode()


def test_the_thank_you_page_needs_a_valid_receipt(client, survey):
    assert client.get(url("thanks", process="slany", survey=survey.slug, receipt="1:forged")).status_code == 404


def test_broken_answers_are_refused_at_the_field(client, survey):
    response = client.post(
        survey_url(survey), {"vek": "sedm", "informace": ["urad", "web", "lekar"], "_action": "send"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="kp-error-summary"' in html
    assert '<a href="#q-obec-input">Obec bydliště: This question needs an answer.</a>' in html
    assert "Kolik je vám let?: Write a number." in html
    assert "Choose at most 2 answers." in html
    assert 'value="sedm"' in html  # what was typed stays in the form
    assert not Response.objects.exists()


def test_answers_to_hidden_questions_are_refused_without_javascript(client, survey):
    response = client.post(survey_url(survey), {**MINIMAL, "spokojenost": "5"})

    assert response.status_code == 400
    assert "This question is not shown for your earlier answers; leave it empty." in response.content.decode()
    assert not Response.objects.exists()


def test_a_submission_after_closing_is_refused(client, survey):
    page = client.get(survey_url(survey))
    survey.closes_at = timezone.now() - dt.timedelta(minutes=1)
    survey.save()

    response = client.post(survey_url(survey), form_data(page.content.decode(), **MINIMAL))

    assert response.status_code == 200
    assert "This survey closed on" in response.content.decode()
    assert not Response.objects.exists()


# --- save and resume ------------------------------------------------------------------------------------


def test_save_and_continue_later(client, survey):
    saved = client.post(survey_url(survey), {"vek": "40", "_action": "save"})  # required ones still missing

    assert saved.status_code == 302
    stored = Response.objects.get()
    assert stored.status == ResponseStatus.IN_PROGRESS
    resume_path = url("resume", process="slany", survey=survey.slug, token=stored.resume_token)
    assert saved["Location"] == url("saved", process="slany", survey=survey.slug, token=stored.resume_token)
    page = client.get(saved["Location"]).content.decode()
    assert f"http://testserver{resume_path}" in page

    resumed = client.get(resume_path)
    assert resumed.status_code == 200
    html = resumed.content.decode()
    assert 'value="40"' in html and "You are continuing a questionnaire you saved earlier." in html

    sent = client.post(resume_path, form_data(html, **MINIMAL))
    assert sent.status_code == 302
    stored.refresh_from_db()
    assert stored.status == ResponseStatus.SUBMITTED and stored.answers["vek"] == 40
    assert Response.objects.count() == 1
    assert client.get(resume_path).status_code == 404  # sent: the link no longer opens it


def test_a_resume_token_opens_only_its_own_survey(client, process, survey):
    client.post(survey_url(survey), {"vek": "40", "_action": "save"})
    token = Response.objects.get().resume_token
    other = make_survey(process, title="Jiný průzkum")

    assert client.get(url("resume", process="slany", survey=other.slug, token=token)).status_code == 404
    assert client.get(url("resume", process="slany", survey=survey.slug, token="nonsense")).status_code == 404


def test_the_resume_link_can_be_mailed_without_keeping_the_address(client, survey, mailoutbox):
    client.post(survey_url(survey), {"vek": "40", "_action": "save"})
    stored = Response.objects.get()
    saved_url = url("saved", process="slany", survey=survey.slug, token=stored.resume_token)

    refused = client.post(saved_url, {"email": "jana(at)example"})
    sent = client.post(saved_url, {"email": "jana@example.cz"})

    assert refused.status_code == 400 and "Write an e-mail address" in refused.content.decode()
    assert sent.status_code == 200 and "We did not keep your e-mail address." in sent.content.decode()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["jana@example.cz"]
    assert stored.resume_token in mailoutbox[0].body
    stored.refresh_from_db()
    assert "jana@example.cz" not in str(stored.answers)
    assert not RespondentContact.objects.exists()


def test_mailing_the_link_is_limited(client, survey, mailoutbox, settings):
    settings.SURVEY_MAIL_LIMIT = (1, 3600)
    client.post(survey_url(survey), {"vek": "40", "_action": "save"})
    saved_url = url("saved", process="slany", survey=survey.slug, token=Response.objects.get().resume_token)

    client.post(saved_url, {"email": "jana@example.cz"})
    second = client.post(saved_url, {"email": "jana@example.cz"})

    assert second.status_code == 400 and "Too many e-mails" in second.content.decode()
    assert len(mailoutbox) == 1


# --- contact details ------------------------------------------------------------------------------------


@pytest.fixture
def contact_survey(process):
    return make_survey(process, collects_contact=True, consent_text="Kontakt použijeme jen k pozvání na setkání.")


def test_contact_details_need_consent_and_are_kept_apart(client, contact_survey):
    page = client.get(survey_url(contact_survey)).content.decode()
    assert "Kontakt použijeme jen k pozvání na setkání." in page and 'name="contact.consent"' in page

    refused = client.post(survey_url(contact_survey), {**MINIMAL, "contact.email": "jana@example.cz"})
    assert refused.status_code == 400
    assert "Tick the consent, or leave the contact details empty." in refused.content.decode()
    assert not Response.objects.exists()

    client.post(
        survey_url(contact_survey),
        {**MINIMAL, "contact.name": "Jana", "contact.email": "jana@example.cz", "contact.consent": "1"},
    )
    stored = Response.objects.get()
    assert stored.contact.email == "jana@example.cz"
    assert stored.contact.consent_text == "Kontakt použijeme jen k pozvání na setkání."
    assert "jana" not in str(stored.answers).lower()


def test_no_contact_block_unless_the_survey_asks(client, survey):
    client.post(survey_url(survey), {**MINIMAL, "contact.email": "jana@example.cz", "contact.consent": "1"})

    assert Response.objects.count() == 1
    assert not RespondentContact.objects.exists()


# --- invitations ----------------------------------------------------------------------------------------


@pytest.fixture
def invitation(process):
    survey = make_survey(process, title="Průzkum poskytovatelů", kind="providers", public_link=False)
    return Invitation.objects.create(survey=survey, label="Pečovatelská služba Slaný")


def invitation_url(invitation) -> str:
    return url("invitation", process=invitation.survey.process.slug, token=invitation.token)


def test_an_invitation_answers_once_and_corrects_until_closing(client, invitation):
    page = client.get(invitation_url(invitation))
    assert page.status_code == 200
    assert "Questionnaire for: Pečovatelská služba Slaný" in page.content.decode()

    first = client.post(invitation_url(invitation), {**MINIMAL, "vek": "50"})
    assert first.status_code == 302
    stored = Response.objects.get()
    assert (stored.channel, stored.invitation, stored.status) == (Channel.INVITATION, invitation, "submitted")
    thanks = client.get(first["Location"]).content.decode()
    assert "you can correct your answers through the same invitation link" in thanks

    again = client.get(invitation_url(invitation)).content.decode()
    assert 'value="50"' in again and "You can correct them here until the survey closes" in again
    assert "Save and continue later" not in again  # once sent, a response stays sent

    client.post(invitation_url(invitation), form_data(again, **{**MINIMAL, "vek": "51"}))
    assert Response.objects.count() == 1
    stored.refresh_from_db()
    assert stored.answers["vek"] == 51 and stored.status == ResponseStatus.SUBMITTED

    invitation.survey.closes_at = timezone.now() - dt.timedelta(seconds=1)
    invitation.survey.save()
    closed = client.post(invitation_url(invitation), {**MINIMAL, "vek": "52"})
    assert closed.status_code == 200 and "they can no longer be changed" in closed.content.decode()
    stored.refresh_from_db()
    assert stored.answers["vek"] == 51


def test_an_invitation_can_be_saved_unfinished(client, invitation):
    response = client.post(invitation_url(invitation), {"vek": "50", "_action": "save"})

    assert response.status_code == 302 and response["Location"] == invitation_url(invitation)
    assert Response.objects.get().status == ResponseStatus.IN_PROGRESS
    assert "Your answers are saved." in client.get(response["Location"]).content.decode()


def test_invalid_invitations_are_404(client, invitation, other_process):
    foreign = Invitation.objects.create(survey=make_survey(other_process), label="Jinde")

    assert client.get(url("invitation", process="slany", token="nonsense")).status_code == 404
    assert client.get(url("invitation", process="slany", token=foreign.token)).status_code == 404
    invitation.survey.is_published = False
    invitation.survey.save()
    assert client.get(invitation_url(invitation)).status_code == 404


# --- spam protection ------------------------------------------------------------------------------------


def test_a_filled_honeypot_pretends_success_and_stores_nothing(client, survey):
    response = client.post(survey_url(survey), {**MINIMAL, "kp-homepage": "http://spam.example"})

    assert response.status_code == 200
    assert "Thank you for your answers" in response.content.decode()
    assert not Response.objects.exists()


def test_too_many_submissions_from_one_address_get_429(client, survey, settings):
    settings.SURVEY_RATE_LIMIT = (2, 3600)
    client.post(survey_url(survey), {"vek": "sedm", "_action": "send"})  # refused: does not count
    assert client.post(survey_url(survey), MINIMAL).status_code == 302
    assert client.post(survey_url(survey), MINIMAL).status_code == 302

    response = client.post(survey_url(survey), MINIMAL)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "at most 2 answers an hour from one network address" in response.content.decode()
    assert Response.objects.count() == 2
    other_address = client.post(survey_url(survey), MINIMAL, REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 302


# --- the list of surveys --------------------------------------------------------------------------------


def test_the_index_lists_public_surveys_only(client, process, survey):
    make_survey(process, title="Rozpracovaný", is_published=False)
    make_survey(process, title="Jen pro pozvané", public_link=False)

    html = client.get(url("index", process="slany")).content.decode()

    assert "Průzkum potřeb obyvatel" in html
    assert "Rozpracovaný" not in html and "Jen pro pozvané" not in html


# --- odd input: refused or cleaned, never a server error ------------------------------------------------


def test_infinite_numbers_are_refused_at_the_field(client, survey):
    response = client.post(survey_url(survey), {**MINIMAL, "vek": "1e999"})

    assert response.status_code == 400
    assert "Kolik je vám let?: Write a number." in response.content.decode()
    assert not Response.objects.exists()


def test_nul_characters_are_dropped(client, survey):
    response = client.post(survey_url(survey), {**MINIMAL, "chybi": "denní\x00 stacionář"})

    assert response.status_code == 302
    assert Response.objects.get().answers["chybi"] == "denní stacionář"


@pytest.mark.parametrize("token", ["a%00b", "a.b", "%C5%BE"])
def test_malformed_tokens_are_404(client, survey, token):
    assert client.get(f"/en/slany/pruzkumy/odpoved/{token}/").status_code == 404
    assert client.get(f"/en/slany/pruzkumy/{survey.slug}/pokracovat/{token}/").status_code == 404
    assert client.get(f"/en/slany/pruzkumy/{survey.slug}/dekujeme/{token}/").status_code == 404


def test_the_same_form_page_sent_twice_stores_one_response(client, survey):
    page = client.get(survey_url(survey)).content.decode()
    token = page.split('name="_form_token" value="')[1].split('"')[0]

    first = client.post(survey_url(survey), {**MINIMAL, "_form_token": token})
    second = client.post(survey_url(survey), {**MINIMAL, "_form_token": token})  # a double click, a resend

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]  # the same receipt
    assert Response.objects.filter(survey=survey).count() == 1
    client.post(survey_url(survey), {**MINIMAL, "_form_token": "another-page-token-1234"})
    assert Response.objects.filter(survey=survey).count() == 2
