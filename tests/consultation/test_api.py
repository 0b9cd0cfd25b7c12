"""The API: the periods of a process and submitting a comment with the form's rules (400 with the fields, 404,
429), anonymous JSON without cookies or a CSRF token, and no e-mail in any answer."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.test import Client

from komplan.consultation.models import Comment, ContactRule

pytestmark = pytest.mark.django_db

EMAIL = "jana.tajna@example.cz"


def post(consultation, lang="en", client=None, **data):
    body = {"text": "Chybí stacionář.", "name": "Jana", "email": EMAIL, **data}
    client = client or Client(enforce_csrf_checks=True)
    path = f"/api/v1/consultations/{consultation.pk}/comments?lang={lang}"
    return client.post(path, json.dumps(body), content_type="application/json")


def test_list_of_periods(client, consultation, open_today):
    post(consultation)
    response = client.get("/api/v1/processes/slany/consultations?lang=en")
    assert response.status_code == 200
    (item,) = response.json()
    assert item["id"] == consultation.pk and item["version"] == 1
    assert (item["opens_on"], item["closes_on"]) == ("2007-10-01", "2007-10-31")
    assert item["status"] == "open" and item["status_label"] == "open until 31. 10. 2007"
    assert item["contact_rule"] == "name_contact" and item["max_length"] == 5000
    assert item["counts"] == {"received": 1, "evaluated": 0}
    assert item["links"]["comments"] == f"/api/v1/consultations/{consultation.pk}/comments"
    assert item["links"]["document"] == f"/en/slany/pripominky/{consultation.pk}/"  # in the answer's language
    assert item["links"]["settlement"] is None
    assert EMAIL not in response.content.decode()


def test_list_unknown_process(client, db):
    response = client.get("/api/v1/processes/nic/consultations")
    assert response.status_code == 404 and "detail" in response.json()


def test_submit_anonymously_without_cookies_or_csrf(consultation, first_paragraph, open_today):
    chapter, paragraph = first_paragraph
    response = post(consultation, paragraph=paragraph, publish_name=True)
    assert response.status_code == 201, response.content
    assert response.json() == {"reference": "KP-2007-001"}
    comment = Comment.objects.get()
    assert comment.channel == "api" and comment.chapter_key == chapter and comment.publish_name
    assert EMAIL not in response.content.decode()
    (message,) = mail.outbox
    assert "KP-2007-001" in message.body and message.to == [EMAIL]


def test_a_signed_in_caller_needs_no_csrf_token_either(consultation, open_today, member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert post(consultation, client=client).status_code == 201


def test_refusals_name_the_fields(consultation, open_today):
    response = post(consultation, chapter="neni", text=" ", name="", email="x")
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"chapter", "text", "name", "email"}
    assert body["errors"]["text"] == ["Write the text of your comment."]
    assert body["detail"]
    assert not Comment.objects.exists()


def test_refused_after_the_end_in_czech(consultation, on_day):
    on_day(dt.date(2007, 11, 1))
    response = post(consultation, lang="cs")
    assert response.status_code == 400
    assert response.json()["errors"] == {"period": ["Připomínkové řízení skončilo 31. 10. 2007."]}
    assert response.json()["detail"] == "Připomínkové řízení skončilo 31. 10. 2007."


def test_over_long_and_missing_contact(consultation, open_today):
    consultation.max_length = 100
    consultation.contact_rule = ContactRule.NAME_AND_CONTACT
    consultation.save()
    body = post(consultation, text="x" * 101, email="").json()
    assert set(body["errors"]) == {"text", "email"}


def test_unknown_and_hidden(consultation, open_today, other_process):
    assert post(consultation).status_code == 201
    response = Client().post("/api/v1/consultations/999999/comments", "{}", content_type="application/json")
    assert response.status_code == 404 and "detail" in response.json()
    consultation.version.plan.process.is_public = False
    consultation.version.plan.process.save()
    assert post(consultation).status_code == 404


def test_rate_limited(consultation, open_today, settings):
    settings.CONSULTATION_RATE_LIMITS = ((1, 600),)
    assert post(consultation).status_code == 201
    response = post(consultation)
    assert response.status_code == 429
    assert response.json()["retry_after"] > 0 and "Too many comments" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        '{"text": 5}',
        '{"text": "a\\u0000b", "name": "J", "email": "j@example.cz"}',
        '{"publish_name": "x"}',
    ],
)
def test_bad_bodies_are_4xx_never_500(consultation, open_today, body):
    client = Client(raise_request_exception=False)
    path = f"/api/v1/consultations/{consultation.pk}/comments"
    response = client.post(path, body, content_type="application/json")
    assert 400 <= response.status_code < 500, (body, response.status_code)
    assert not Comment.objects.exists()


def test_openapi_lists_the_endpoints(client, db):
    from openapi_spec_validator import validate

    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    assert "/api/v1/processes/{slug}/consultations" in schema["paths"]
    operation = schema["paths"]["/api/v1/consultations/{consultation_id}/comments"]["post"]
    assert {"201", "400", "404", "429"} <= set(operation["responses"])
