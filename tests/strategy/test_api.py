"""The strategy API: the tree, action plans (400 for a bad year), the project store, submitting sheets."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from komplan.strategy import services
from komplan.strategy.models import ActivitySheet, Cost, SheetCall

pytestmark = pytest.mark.django_db
URL = "/api/v1/processes/slany/activity-sheets"

PAYLOAD = {
    "title": "Poradna pro pečující",
    "stage": "running",
    "proposer_organisation": "Charita Slaný",
    "target_groups": ["caregivers"],
    "partners": ["Město Slaný"],
    "start": "2008-01-01",
    "end": "2008-12-31",
    "costs": [{"year": 2008, "amount": 120000, "source": "municipality"}],
    "indicators": [{"name": "Klienti", "unit": "osob", "target_value": 40}],
    "services": [{"kind": "new", "service_type": "professional_social_counselling", "service_form": "outpatient"}],
}


def _post(client, payload):
    return client.post(URL, data=json.dumps(payload), content_type="application/json")


def _signed_in(user, csrf=False):
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def test_strategy_and_action_plan(client, process, tree):
    process.is_public = True
    process.save()
    tree["a211"].plan_years.create(year=2008)
    strategy = client.get("/api/v1/processes/slany/strategy").json()
    assert [p["number"] for p in strategy["priorities"]] == ["1", "2"]
    assert [m["number"] for m in strategy["priorities"][1]["measures"]] == ["2.1", "2.2"]
    plan = client.get("/api/v1/processes/slany/action-plan?year=2008").json()
    assert [a["number"] for a in plan["activities"]] == ["2.1.1"] and plan["years"] == [2008]
    assert client.get("/api/v1/processes/slany/action-plan?year=2009").json()["activities"] == []
    for bad in ["", "?year=dvatisíce", "?year=208", "?year=3000"]:
        response = client.get("/api/v1/processes/slany/action-plan" + bad)
        assert response.status_code == 400 and "year" in response.json()["detail"], bad
    assert client.get("/api/v1/processes/neni/strategy").status_code == 404


def test_hidden_process_is_404_for_outsiders(client, process, outsider, member, tree):
    process.is_public = False
    process.save()
    for path in ["strategy", "action-plan?year=2008", "project-store"]:
        assert client.get(f"/api/v1/processes/slany/{path}").status_code == 404
        assert _signed_in(outsider).get(f"/api/v1/processes/slany/{path}").status_code == 404
        assert _signed_in(member).get(f"/api/v1/processes/slany/{path}").status_code == 200


def test_submit_a_sheet(process, provider_editor, call):
    response = _post(_signed_in(provider_editor), PAYLOAD)
    assert response.status_code == 201, response.json()
    sheet = ActivitySheet.objects.get(pk=response.json()["id"])
    assert sheet.proposer.user == provider_editor and sheet.state == "submitted"
    assert sheet.costs.get().source.code == "municipality" and sheet.indicators.get().target_value == 40
    assert sheet.servicelinks.get().service_form.slug == "outpatient"
    assert [t.slug for t in sheet.target_groups.all()] == ["caregivers"]


def test_submit_needs_sign_in_membership_and_csrf(process, outsider, member, call):
    process.is_public = True
    process.save()
    anonymous = _post(Client(), PAYLOAD)
    assert anonymous.status_code == 401 and anonymous.json()["detail"]
    assert _post(_signed_in(outsider), PAYLOAD).status_code == 403
    no_token = _post(_signed_in(member, csrf=True), PAYLOAD)
    assert no_token.status_code == 403 and "CSRF" in no_token.json()["detail"]
    client = _signed_in(member, csrf=True)
    client.get("/slany/listy-aktivit/novy/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(URL, data=json.dumps(PAYLOAD), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    assert ActivitySheet.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"costs": [{"year": 2008, "amount": -1}]}, "costs.0.amount"),
        ({"costs": [{"year": 2008, "amount": "hodně"}]}, "costs.0.amount"),
        ({"end": "2007-01-01"}, "end"),
        ({"title": ""}, "title"),
        ({"target_groups": ["marťané"]}, "target_groups"),
        ({"costs": [{"year": 2008, "amount": 5, "source": "loterie"}]}, "costs.0.source"),
        ({"services": [{"kind": "capacity"}]}, "services.0.service"),
        ({"stage": "someday"}, "stage"),
    ],
)
def test_bad_sheets_are_refused_with_reasons(process, member, call, change, field):
    response = _post(_signed_in(member), {**PAYLOAD, **change})
    assert response.status_code == 422
    assert field in response.json()["errors"], response.json()
    assert not ActivitySheet.objects.exists() and not Cost.objects.exists()


def test_after_the_deadline(process, member):
    today = dt.date.today()
    SheetCall.objects.create(process=process, opens=today - dt.timedelta(days=9), closes=today - dt.timedelta(days=1))
    response = _post(_signed_in(member), PAYLOAD)
    assert response.status_code == 409 and response.json()["detail"]
    assert not ActivitySheet.objects.exists()


def test_project_store_has_no_names(client, process, member, coordinator, call):
    process.is_public = True
    process.save()
    _post(_signed_in(member), PAYLOAD)
    services.accept_to_project_store(ActivitySheet.objects.get(), coordinator)
    body = json.dumps(client.get("/api/v1/processes/slany/project-store").json(), ensure_ascii=False)
    assert "Poradna pro pečující" in body and "Charita Slaný" in body
    assert member.full_name not in body and member.email not in body


@pytest.mark.parametrize(
    "change",
    [
        {"costs": "450000"},
        {"costs": [{"year": 99999, "amount": 1}]},
        {"costs": [{"year": 2008, "amount": 1e400}]},
        {"costs": [{"year": 2008, "amount": 10**20}]},
        {"start": "31. 2. 2008"},
        {"title": "x" * 10000},
        {"planning_groups": "seniori"},
        {"indicators": [{"name": "Klienti", "target_value": "mnoho"}]},
        {"services": [{"kind": "capacity", "service": "abc", "change": "x"}]},
    ],
)
def test_garbage_in_a_sheet_is_a_4xx_never_a_500(process, member, call, change):
    response = _post(_signed_in(member), {**PAYLOAD, **change})
    assert 400 <= response.status_code < 500, response.content[:500]
    assert not ActivitySheet.objects.exists() and not Cost.objects.exists()


def test_a_body_that_is_not_a_json_object(process, member, call):
    client = _signed_in(member)
    for body in ("not json", "[1, 2]", '"title"', ""):
        response = client.post(URL, data=body, content_type="application/json")
        assert 400 <= response.status_code < 500, (body, response.status_code)
    assert not ActivitySheet.objects.exists()
