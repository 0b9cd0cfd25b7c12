"""GET /api/v1/processes and /api/v1/processes/{slug}: visibility follows the web site."""

import pytest

from komplan.territory.models import PlanningProcess, Territory
from komplan.territory.services import create_process

URL = "/api/v1/processes"

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200
    return {item["slug"] for item in response.json()}


@pytest.fixture
def hidden(other_process):
    other_process.is_public = False
    other_process.save(update_fields=["is_public"])
    return other_process


def test_anonymous_sees_public_processes_only(client, process, hidden):
    assert slugs(client.get(URL)) == {"slany"}


def test_a_member_of_another_process_does_not_see_the_hidden_one(as_user, member, hidden):
    assert slugs(as_user(member).get(URL)) == {"slany"}


def test_a_member_sees_their_hidden_process(as_user, process, outsider, hidden):
    assert slugs(as_user(outsider).get(URL)) == {"slany", "prerov"}


def test_list_uses_a_constant_number_of_queries(client, process, other_process, django_assert_max_num_queries):
    kojetin = Territory.objects.get(level="municipality", code="514055")
    for year in (2012, 2016, 2020):
        create_process(
            name=f"Kojetín {year}",
            slug=f"kojetin-{year}",
            area_kind="municipality",
            municipalities=[kojetin],
            responsible_municipality=kojetin,
            period_start=year,
            period_end=year + 3,
        )

    with django_assert_max_num_queries(3):
        response = client.get(URL)

    assert len(response.json()) == 5


def test_detail_of_a_public_process(client, process):
    process.phases.filter(kind="preparation").update(status="done", actual_start="2007-09-01", actual_end="2007-12-31")
    process.phases.filter(kind="analysis").update(status="running", planned_start="2008-01-01")

    response = client.get(f"{URL}/slany")

    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Komunitní plán sociálních služeb města Slaný"
    assert data["period"] == {"start": 2008, "end": 2010, "label": "2008–2010"}
    slany = Territory.objects.get(level="municipality", code="532819")
    assert data["area"]["kind"] == "municipality"
    assert data["area"]["orp"] is None
    assert data["area"]["municipalities"] == ["532819"]
    assert data["area"]["municipality_count"] == 1
    assert data["area"]["population"] == slany.population
    assert data["responsible_municipality"] == {"code": "532819", "name": "Slaný"}
    assert data["current_phase"] == "analysis"
    assert [p["order"] for p in data["phases"]] == list(range(1, 8))
    preparation, analysis = data["phases"][:2]
    assert (preparation["kind"], preparation["status"]) == ("preparation", "done")
    assert (preparation["actual_start"], preparation["actual_end"]) == ("2007-09-01", "2007-12-31")
    assert preparation["planned_start"] is None
    assert analysis["planned_start"] == "2008-01-01"
    assert all(p["label"] for p in data["phases"])


def test_detail_url_is_the_public_page(client, process):
    assert client.get(f"{URL}/slany").json()["url"] == process.get_absolute_url() == "/slany/"


def test_orp_area_lists_all_its_municipalities(client, other_process):
    data = client.get(f"{URL}/prerov").json()

    municipalities = Territory.objects.filter(level="municipality", orp__code="7109", orp__level="orp")
    assert data["area"]["orp"] == "7109"
    assert data["area"]["municipality_count"] == municipalities.count()
    assert "514055" in data["area"]["municipalities"]
    assert data["area"]["municipalities"] == sorted(data["area"]["municipalities"])
    assert data["area"]["population"] == sum(m.population or 0 for m in municipalities)


def test_unknown_process_is_404_json(client, process):
    response = client.get(f"{URL}/nic-takoveho")

    assert response.status_code == 404
    assert "nic-takoveho" in response.json()["detail"]


def test_hidden_process_is_404_like_an_unknown_one(client, as_user, member, hidden):
    assert client.get(f"{URL}/prerov").status_code == 404
    response = as_user(member).get(f"{URL}/prerov")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_hidden_process_is_shown_to_its_member(as_user, outsider, hidden):
    response = as_user(outsider).get(f"{URL}/prerov")

    assert response.status_code == 200
    assert PlanningProcess.objects.get(slug="prerov").is_public is False
    assert response.json()["slug"] == "prerov"
