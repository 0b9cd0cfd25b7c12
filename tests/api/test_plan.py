"""The plan versions in the API: the list with the life cycle, one version's content, 404 with a reason."""

import datetime as dt

import pytest

from komplan.plan.models import VersionState
from komplan.plan.services import approve, create_plan, freeze_version, publish, put_to_comment

pytestmark = pytest.mark.django_db

URL = "/api/v1/processes/slany/plan/versions"


@pytest.fixture
def published(process, coordinator):
    plan = create_plan(process, coordinator)
    working = freeze_version(plan, coordinator, "pracovní verze", issued_on=dt.date(2007, 6, 27))
    put_to_comment(working, coordinator)
    final = freeze_version(plan, coordinator, "konečná", state=VersionState.FINAL, issued_on=dt.date(2007, 11, 20))
    approve(final, coordinator, "Zastupitelstvo města Slaný", "123/2007", dt.date(2007, 12, 19))
    return publish(final, coordinator)


def test_the_list_of_versions(client, published):
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert data["current"] == 2 and data["process"] == "slany"
    newest, oldest = data["versions"]
    assert newest["state"] == "published" and newest["issued_on"] == "2007-11-20"
    assert newest["approval"]["resolution_number"] == "123/2007"
    assert newest["approval"]["resolution_date"] == "2007-12-19"
    assert newest["approval"]["note"].startswith("Schváleno usnesením Zastupitelstva města Slaný")
    assert newest["published_at"] and newest["links"]["web"] == "/slany/plan/verze/2/"
    assert newest["links"]["api"] == f"{URL}/2" and newest["links"]["files"] == []
    assert oldest["state"] == "comment" and oldest["approval"] is None and oldest["published_at"] is None
    english = client.get(URL, {"lang": "en"}).json()["versions"][0]
    assert english["state_label"] == "published version" and english["approval"]["note"].startswith("Approved by")


def test_one_version_with_chapters_paragraphs_and_generated_items(client, published):
    data = client.get(f"{URL}/1").json()
    assert data["number"] == 1 and data["state"] == "comment"
    intro = next(c for c in data["chapters"] if c["key"] == "uvod")
    paragraph = intro["blocks"][0]["paragraphs"][0]
    assert intro["blocks"][0]["kind"] == "narrative" and len(paragraph["id"]) == 8 and paragraph["text"]
    strategy_chapter = next(c for c in data["chapters"] if c["key"] == "strategie")
    generated = next(b for b in strategy_chapter["blocks"] if b["kind"] == "generated")
    assert generated["source"] == "strategy" and generated["items"][0]["type"] == "paragraph"


def test_unknown_process_plan_or_version_is_a_404_with_a_reason(client, process, published):
    missing = client.get(f"{URL}/9")
    assert missing.status_code == 404 and "9" in missing.json()["detail"]
    assert client.get("/api/v1/processes/nikde/plan/versions").status_code == 404
    assert client.get(f"{URL}/abc").status_code in (404, 422)
    published.plan.delete()
    no_plan = client.get(URL)
    assert no_plan.status_code == 404 and "slany" in no_plan.json()["detail"]


def test_a_hidden_process_is_a_404(client, process, published):
    process.is_public = False
    process.save()
    assert client.get(URL).status_code == 404


def test_chart_items_carry_their_numbers(client, published):
    chart = {
        "type": "chart",
        "kind": "bar",
        "caption": "Aktivity podle priorit",
        "alt": "Nejvíce aktivit má priorita 2.",
        "data": {"labels": ["1", "2"], "values": [1, 3]},
    }
    snapshot = published.snapshot
    snapshot["chapters"][0]["blocks"].append({"kind": "generated", "source": "strategy", "items": [chart]})
    published.snapshot = snapshot
    published.save(update_fields=["snapshot"])
    data = client.get(f"{URL}/2").json()
    item = data["chapters"][0]["blocks"][-1]["items"][0]
    assert item == {**chart, "text": None, "header": None, "rows": None}
