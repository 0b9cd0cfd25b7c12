"""The survey API: published surveys of a process, the questionnaire, and public submission with the form's rules."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.utils import timezone

from komplan.surveys.models import Channel, Invitation, RespondentContact, Response, ResponseStatus
from tests.conftest import make_process
from tests.surveys.every_type import FULL_ANSWERS, SLANY, make_catalogue, make_survey

pytestmark = pytest.mark.django_db

MINIMAL = {"obec": SLANY, "vyuziva": "ne"}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def survey(process):
    return make_survey(process)


def post(client, survey_id, body, **extra):
    payload = body if isinstance(body, str) else json.dumps(body)
    return client.post(
        f"/api/v1/surveys/{survey_id}/responses?lang=en", payload, content_type="application/json", **extra
    )


# --- reading --------------------------------------------------------------------------------------------


def test_the_published_surveys_of_a_process(client, process, survey):
    make_survey(process, title="Rozpracovaný", is_published=False)
    make_survey(process, title="Jen pro pozvané", public_link=False)
    closed = make_survey(process, title="Loňský průzkum", closes_at=timezone.now() - dt.timedelta(days=1))

    response = client.get("/api/v1/processes/slany/surveys?lang=en")

    assert response.status_code == 200
    items = response.json()
    assert [item["title"] for item in items] == ["Průzkum potřeb obyvatel", "Loňský průzkum"]
    first = items[0]
    assert first["id"] == survey.pk and first["status"] == "open" and first["status_label"] == "open"
    assert first["url"] == f"/en/slany/pruzkumy/{survey.slug}/"
    assert items[1]["status"] == "closed"
    # ninja writes milliseconds
    assert abs(dt.datetime.fromisoformat(items[1]["closes_at"]) - closed.closes_at) < dt.timedelta(milliseconds=1)


def test_unknown_or_hidden_process_is_404(client, db):
    make_process(slug="skryty", name="Neveřejný plán", is_public=False)

    for slug in ("nic", "skryty"):
        response = client.get(f"/api/v1/processes/{slug}/surveys?lang=en")
        assert response.status_code == 404
        assert response.json() == {"detail": f"No planning process has the address “{slug}”."}


def test_the_questionnaire_with_its_choices(client, process, survey):
    catalogue = make_catalogue()

    response = client.get(f"/api/v1/surveys/{survey.pk}?lang=en")

    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 1 and data["status"] == "open"
    assert data["definition"] == survey.current_version().definition
    assert data["municipalities"] == [{"code": SLANY, "name": "Slaný"}]
    assert {s["id"] for s in data["services"]} == {catalogue["home_care"].pk, catalogue["respite"].pk}
    assert data["consent_text"] == ""


@pytest.mark.parametrize("fields", [{"is_published": False}, {"public_link": False}], ids=["draft", "invitations only"])
def test_drafts_and_invitation_only_surveys_are_404(client, process, fields):
    survey = make_survey(process, **fields)

    assert client.get(f"/api/v1/surveys/{survey.pk}?lang=en").status_code == 404
    response = post(client, survey.pk, {"answers": MINIMAL})
    assert response.status_code == 404
    assert response.json() == {"detail": f"No public survey has the number {survey.pk}."}


def test_a_survey_of_a_non_public_process_is_404_to_outsiders(client, as_user, db):
    hidden = make_process(slug="skryty", name="Neveřejný plán", is_public=False)
    survey = make_survey(hidden)
    assert client.get(f"/api/v1/surveys/{survey.pk}").status_code == 404

    from tests.conftest import person

    insider = person("clen@example.org", "Člen", hidden)
    assert as_user(insider).get(f"/api/v1/surveys/{survey.pk}").status_code == 200


# --- submitting -----------------------------------------------------------------------------------------


def test_a_valid_response_is_stored(client, process, survey):
    catalogue = make_catalogue()
    answers = {**FULL_ANSWERS, "katalog": {"known": [catalogue["home_care"].pk], "used": []}}

    response = post(client, survey.pk, {"answers": answers})

    assert response.status_code == 201
    stored = Response.objects.get()
    assert response.json() == {"id": stored.pk, "status": "submitted"}
    assert (stored.channel, stored.status) == (Channel.API, ResponseStatus.SUBMITTED)
    assert stored.answers["vek"] == 71 and stored.answers["hodnoceni"] == {"dostupnost": 5, "cena": 2, "personal": 4}


@pytest.mark.parametrize(
    ("answers", "key", "message"),
    [
        ({"vyuziva": "ne"}, "obec", "This question needs an answer."),
        ({**MINIMAL, "vek": 300}, "vek", "Write a number from 15 to 110."),
        ({**MINIMAL, "informace": ["urad", "web", "lekar"]}, "informace", "Choose at most 2 answers."),
        ({**MINIMAL, "informace": ["other"]}, "informace__other", "Say what “other” means."),
        ({**MINIMAL, "spokojenost": 5}, "spokojenost", "not shown for your earlier answers"),
        ({**MINIMAL, "obec": "554782"}, "obec", "Choose a municipality of the planning area."),
        ({**MINIMAL, "narozeni": "4. 5. 1998"}, "narozeni", "Write a date"),
        ({**MINIMAL, "katalog": {"known": [999999]}}, "katalog", "Tick services from the list."),
        ({**MINIMAL, "vek": {"nested": [1]}}, "vek", "Write a number."),
        ({**MINIMAL, "neznama": "x"}, "neznama", "There is no such question."),
    ],
)
def test_answers_breaking_the_rules_are_400_with_the_field(client, survey, answers, key, message):
    make_catalogue()  # an empty catalogue would not check service ids (AnswerContext treats empty as unknown)
    response = post(client, survey.pk, {"answers": answers})

    assert response.status_code == 400
    data = response.json()
    assert data["detail"] == "Some answers break the rules of the questionnaire."
    assert message in data["errors"][key]
    assert not Response.objects.exists()


def test_errors_come_in_the_asked_language(client, survey):
    response = client.post(
        f"/api/v1/surveys/{survey.pk}/responses?lang=cs",
        json.dumps({"answers": {"vyuziva": "ne"}}),
        content_type="application/json",
    )

    assert response.status_code == 400 and response["Content-Language"] == "cs"


@pytest.mark.parametrize("body", ['{"answers": [1]}', "{broken", '{"contact": {}}', '{"answers": {}, "contact": 5}'])
def test_malformed_bodies_are_4xx(client, survey, body):
    response = post(client, survey.pk, body)

    assert response.status_code in (400, 422)
    assert "detail" in response.json()
    assert not Response.objects.exists()


def test_contact_needs_consent_and_a_survey_that_asks(client, process, survey):
    asking = make_survey(process, title="S kontaktem", collects_contact=True, consent_text="Jen k pozvání.")

    no_consent = post(client, asking.pk, {"answers": MINIMAL, "contact": {"email": "jana@example.cz"}})
    bad_email = post(client, asking.pk, {"answers": MINIMAL, "contact": {"email": "jana", "consent": True}})
    not_asked = post(client, survey.pk, {"answers": MINIMAL, "contact": {"email": "jana@example.cz", "consent": True}})
    assert no_consent.status_code == bad_email.status_code == not_asked.status_code == 400
    assert "contact.consent" in no_consent.json()["errors"]
    assert "contact.email" in bad_email.json()["errors"]
    assert not_asked.json()["errors"] == {"contact": "This survey does not ask for contact details."}
    assert not Response.objects.exists()

    ok = post(client, asking.pk, {"answers": MINIMAL, "contact": {"name": "Jana", "consent": True}})
    assert ok.status_code == 201
    assert RespondentContact.objects.get().consent_text == "Jen k pozvání."


def test_closed_and_scheduled_surveys_are_409(client, process):
    closed = make_survey(process, title="Uzavřený", closes_at=timezone.now() - dt.timedelta(days=1))
    later = make_survey(process, title="Budoucí", opens_at=timezone.now() + dt.timedelta(days=1))

    for survey, status in ((closed, "closed"), (later, "scheduled")):
        response = post(client, survey.pk, {"answers": MINIMAL})
        assert response.status_code == 409
        assert response.json()["status"] == status
    assert not Response.objects.exists()


def test_the_rate_limit_applies(client, survey, settings):
    settings.SURVEY_RATE_LIMIT = (1, 3600)
    assert post(client, survey.pk, {"answers": MINIMAL}).status_code == 201

    response = post(client, survey.pk, {"answers": MINIMAL})

    assert response.status_code == 429
    assert response.json()["retry_after"] > 0 and "Too many answers" in response.json()["detail"]
    assert Response.objects.count() == 1


def test_invitations_are_not_answered_through_the_api(client, process):
    survey = make_survey(process, public_link=False)
    Invitation.objects.create(survey=survey, label="Poskytovatel")

    assert post(client, survey.pk, {"answers": MINIMAL}).status_code == 404


def test_the_openapi_schema_lists_the_survey_endpoints(client):
    from openapi_spec_validator import validate

    schema = client.get("/api/v1/openapi.json").json()

    validate(schema)
    assert {
        "/api/v1/processes/{slug}/surveys",
        "/api/v1/surveys/{survey_id}",
        "/api/v1/surveys/{survey_id}/responses",
    } <= set(schema["paths"])
    responses = schema["paths"]["/api/v1/surveys/{survey_id}/responses"]["post"]["responses"]
    assert {"201", "400", "404", "409", "429"} <= set(responses)


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ({**MINIMAL, "vek": "inf"}, "vek"),
        ({**MINIMAL, "vek": 10**400}, "vek"),
        ({"obec": SLANY, "vyuziva": "ja", "hodnoceni": {"cena": "1e999"}}, "hodnoceni"),
    ],
)
def test_infinite_numbers_are_400(client, survey, answers, key):
    response = post(client, survey.pk, {"answers": answers})

    assert response.status_code == 400
    assert response.json()["errors"][key] == "Write a number."
    assert not Response.objects.exists()


def test_infinity_in_json_is_400(client, survey):
    response = post(client, survey.pk, '{"answers": {"obec": "532819", "vyuziva": "ne", "vek": Infinity}}')

    assert response.status_code in (400, 422)
    assert not Response.objects.exists()


def test_nul_characters_are_dropped(client, survey):
    response = post(client, survey.pk, {"answers": {**MINIMAL, "chybi": "denní\u0000 stacionář"}})

    assert response.status_code == 201
    assert Response.objects.get().answers["chybi"] == "denní stacionář"
