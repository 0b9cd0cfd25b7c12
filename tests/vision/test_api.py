"""GET /api/v1/processes/{slug}/swot: vision, overall then group SWOTs, weights, origin, evidence; no voters."""

from __future__ import annotations

import pytest

from komplan.accounts.models import Membership
from komplan.vision import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/processes/slany/swot"


@pytest.fixture
def filled(process, member, coordinator, items):
    from komplan.surveys.models import Survey

    services.save_vision(process, "Vize Slaného", coordinator, 0)
    services.vote(items["strength"], Membership.objects.get(process=process, user=member))
    survey = Survey.objects.create(process=process, title="Výzkum příjemců", slug="prijemci", kind="users")
    services.add_evidence(items["strength"], kind="survey", survey=survey, question_key="satisfaction")
    services.add_evidence(items["threat"], kind="indicator", indicator="share_65_plus", year=2007)
    services.merge(process, [items["strength"].pk], coordinator)
    return survey


def test_public_answer(client, filled, items):
    data = client.get(URL).json()
    assert data["process"] == "slany" and data["vision"]["text"] == "Vize Slaného"
    assert [s["overall"] for s in data["swots"]] == [True, False, False]
    assert [s["body"]["slug"] for s in data["swots"][1:]] == ["ps-seniori", "ps-rodiny"]
    seniors = data["swots"][1]["items"]
    strength = next(i for i in seniors if i["id"] == items["strength"].pk)
    assert strength["weight"] == 1 and strength["quadrant"] == "strengths" and strength["origin"] is None
    assert strength["evidence"][0]["kind"] == "survey" and strength["evidence"][0]["url"] is None  # not public
    threat = next(i for i in seniors if i["quadrant"] == "threats")
    assert threat["evidence"][0]["url"] == "/slany/analyzy/demografie/#vyhled"
    merged = next(i for i in data["swots"][0]["items"] if i["origin"])
    assert merged["origin"] == {
        "body": "ps-seniori",
        "body_name": "PS senioři",
        "item": items["strength"].pk,
        "source_changed": False,
    }
    assert merged["weight"] == 0 and merged["evidence"][0]["kind"] == "survey"
    assert "Člen Pracovní" not in str(data) and "clen@example.org" not in str(data)


def test_members_get_links_to_internal_survey_results(as_user, member, filled, items):
    data = as_user(member).get(URL).json()
    strength = next(i for i in data["swots"][1]["items"] if i["id"] == items["strength"].pk)
    assert strength["evidence"][0]["url"] == "/slany/analyzy/pruzkumy/prijemci/#otazka-satisfaction"


def test_unknown_or_hidden_process(client, process):
    assert client.get("/api/v1/processes/nic/swot").status_code == 404
    process.is_public = False
    process.save()
    assert client.get(URL).status_code == 404
    assert client.get(URL).json()["detail"]


def test_empty_process_and_schema(client, process):
    data = client.get(URL).json()
    assert data["vision"] is None and len(data["swots"]) == 1 and data["swots"][0]["items"] == []
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/processes/{slug}/swot" in paths
