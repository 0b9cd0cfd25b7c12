"""GET /api/v1/surveys/{id}/results: aggregates only, the page's visibility, filters, 4xx with a reason."""

from __future__ import annotations

import json

import pytest

from komplan.surveys.models import Code, CodedAnswer
from tests.surveys.results_fixtures import add_response, filled_survey

# Until the lead registers the router in komplan/api/urls.py, the test urlconf mounts it at the same path.
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.surveys.urls_results")]

API = "/api/v1"


@pytest.fixture
def survey(process):
    return filled_survey(process)


@pytest.fixture
def private(process):
    return filled_survey(process, title="Neveřejný", results_public=False)


def results(client, survey, **params):
    return client.get(f"{API}/surveys/{survey.pk}/results", {"lang": "en", **params})


def test_results_hold_aggregates(client, survey):
    response = results(client, survey)

    assert response.status_code == 200
    data = response.json()
    assert data["survey"]["slug"] == survey.slug and data["survey"]["kind"] == "users"
    assert (data["responses"], data["submitted"]) == (4, 4)
    assert data["channels"] == [
        {"code": "web", "label": "web form", "count": 2},
        {"code": "paper", "label": "paper questionnaire (typed in by staff)", "count": 2},
    ]
    assert data["notice"] is None and data["withheld"] is False
    questions = {q["key"]: q for q in data["questions"]}
    assert "uvod" not in questions  # information text
    vek = questions["vek"]
    assert [(a["value"], a["count"], a["percent"]) for a in vek["answers"]] == [
        ("do64", 1, 25.0),
        ("65_79", 2, 50.0),
        ("80plus", 1, 25.0),
    ]
    assert vek["answers"][1]["ci_low"] == pytest.approx(15.0, abs=0.1)
    assert questions["info"]["multiple"] is True and questions["info"]["other_count"] == 1
    assert questions["celkove"]["summary"]["mean"] == 3.5
    assert [r["summary"]["mean"] for r in questions["spokojenost"]["matrix"]] == [2.5, 4.5]
    assert [(b["label"], b["count"]) for b in questions["domacnost"]["bins"]] == [("1", 1), ("2", 2), ("3", 1)]
    assert [(w["lemma"], w["answers"]) for w in questions["chybi"]["words"]] == [("senior", 2), ("stacionář", 2)]


def test_never_raw_answers_or_contacts(client, process):
    survey = filled_survey(process, collects_contact=True, consent_text="Souhlasím.")
    from komplan.surveys.models import RespondentContact

    RespondentContact.objects.create(response=survey.responses.first(), email="jana@example.org", consent_text="ok")
    body = results(client, survey).content.decode()

    for secret in ("farnost", "Nováková", "Chybí denní stacionář pro seniory", "jana@example.org", "resume_token"):
        assert secret not in body
    assert '"id": ' not in body.replace(f'"id": {survey.pk}', "")  # no response ids


def test_the_count_matches_what_was_sent(client, survey):
    for _ in range(7):
        add_response(survey, {"vek": "do64"})

    assert results(client, survey).json()["responses"] == 11


def test_categories_are_counted(client, survey):
    code = Code.objects.create(survey=survey, question_key="chybi", label="Denní stacionář")
    for response in survey.responses.filter(answers__chybi__icontains="stacionář"):
        CodedAnswer.objects.create(code=code, response=response)

    chybi = next(q for q in results(client, survey).json()["questions"] if q["key"] == "chybi")

    assert [(c["label"], c["count"]) for c in chybi["categories"]] == [("Denní stacionář", 2)]


def test_filters_and_crosstab(client, survey):
    for _ in range(5):
        add_response(survey, {"vek": "65_79", "vyuziva": "ano"})

    data = results(client, survey, group="vek:65_79", by="vyuziva").json()

    assert data["filters"] == {"group": "vek:65_79", "by": "vyuziva"}
    assert data["responses"] == 7
    info = next(q for q in data["questions"] if q["key"] == "celkove")
    assert info["crosstab"]["by"] == "vyuziva"
    overall = results(client, survey, by="vek").json()
    uses = next(q for q in overall["questions"] if q["key"] == "vyuziva")["crosstab"]
    assert uses["chi_square"]["df"] >= 1
    assert uses["chi_square"]["reliable"] is False  # small expected counts
    assert uses["hidden_columns"] == 2  # the groups with one answer each


def test_small_group_is_withheld(client, survey):
    data = results(client, survey, group="vek:80plus").json()

    assert data["withheld"] is True and data["responses"] == 1 and data["questions"] == []


def test_illustrative_notice(client, survey):
    add_response(survey, {"vek": "do64"}, illustrative=True)

    data = results(client, survey).json()

    assert data["illustrative"] == 1
    assert data["notice"].startswith("Illustrative data, not findings")


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"group": "vek:99"}, "group"),
        ({"channel": "fax"}, "channel"),
        ({"version": "3"}, "version"),
        ({"by": "x"}, "by"),
    ],
)
def test_bad_filters_are_400_naming_the_parameter(client, survey, params, parameter):
    response = results(client, survey, **params)

    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert response.json()["detail"]


def test_visibility_like_the_page(client, as_user, outsider, member, private, process):
    assert results(client, private).status_code == 404
    assert client.get(f"{API}/surveys/999999/results").status_code == 404
    assert results(as_user(outsider), private).status_code == 404
    assert results(as_user(member), private).status_code == 200
    process.is_public = False
    process.save()
    public_but_hidden_process = filled_survey(process, title="Veřejné výsledky skrytého procesu")
    client.logout()
    assert results(client, public_but_hidden_process).status_code == 404


def test_czech_messages_by_default(client, survey):
    response = client.get(f"{API}/surveys/{survey.pk}/results", {"channel": "fax"})

    assert response.status_code == 400
    assert response["Content-Language"] == "cs"
    assert json.loads(response.content)["parameter"] == "channel"


def test_openapi_schema_of_the_endpoint_is_valid(client):
    from openapi_spec_validator import validate

    schema = client.get(f"{API}/openapi.json").json()  # the test API instance, which mounts only this router

    validate(schema)
    operation = schema["paths"]["/api/v1/surveys/{survey_id}/results"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"survey_id", "group", "channel", "version", "by"}
    assert {"200", "400", "404"} <= set(operation["responses"])
