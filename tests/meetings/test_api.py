"""GET /api/v1/processes/{slug}/meetings and /meetings/{id}: public meetings and minutes; more for members."""

from __future__ import annotations

import pytest

from komplan.meetings import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/processes/slany/meetings"


def test_the_public_list_has_public_meetings_only(clients, meetings):
    data = clients["anonymous"].get(URL).json()
    assert data["process"] == "slany" and data["calendar_url"] == "/slany/schuzky.ics"
    titles = [m["title"] for m in data["meetings"]]
    assert titles == ["Veřejné fórum", "Schůzka PS senioři"]  # newest first
    seniors = data["meetings"][1]
    assert seniors["starts_at"] == "2007-06-05T15:00:00+02:00"
    assert seniors["body"] == {"slug": "ps-seniori", "name": "PS senioři", "kind": "working"}
    assert seniors["url"] == f"/slany/schuzky/{meetings['public'].pk}/" and seniors["minutes_published"] is True
    assert data["meetings"][0]["body"] is None
    assert len(clients["outsider"].get(URL).json()["meetings"]) == 2


def test_members_also_see_internal_meetings(clients, meetings):
    for persona in ("member", "coordinator"):
        data = clients[persona].get(URL).json()
        internal = next(m for m in data["meetings"] if m["id"] == meetings["internal"].pk)
        assert internal["is_public"] is False and internal["url"] is None


def test_a_public_meeting_with_published_minutes(clients, meetings):
    meeting = meetings["public"]
    data = clients["anonymous"].get(f"{URL}/{meeting.pk}").json()
    assert data["agenda"].startswith("1. Situace seniorů")
    minutes = data["minutes"]
    assert minutes["attendance"] == {"present": 2, "excused": 1, "absent": 0, "guests": 1}
    assert minutes["people"] is None
    assert {t["text"] for t in minutes["tasks"]} == {"Zjistit kapacity stacionářů", "Rozeslat zápis"}
    assert all(t["owner"] is None for t in minutes["tasks"])
    for name in ("Člen Pracovní", "Koordinátorka", "Host Hostovský"):
        assert name not in str(data)


def test_members_see_names_and_unpublished_minutes(clients, meetings):
    meeting = meetings["public"]
    minutes = clients["member"].get(f"{URL}/{meeting.pk}").json()["minutes"]
    assert {p["name"] for p in minutes["people"]} == {"Koordinátorka Testovací", "Člen Pracovní", "Host Hostovský"}
    assert {t["owner"] for t in minutes["tasks"]} == {"Člen Pracovní", "Koordinátorka Testovací"}
    services.publish_minutes(meeting, publish=False)
    assert clients["anonymous"].get(f"{URL}/{meeting.pk}").json()["minutes"] is None
    assert clients["member"].get(f"{URL}/{meeting.pk}").json()["minutes"]["published_at"] is None


def test_internal_unknown_and_hidden(clients, process, meetings):
    internal = f"{URL}/{meetings['internal'].pk}"
    for persona in ("anonymous", "outsider"):
        response = clients[persona].get(internal)
        assert response.status_code == 404 and response.json()["detail"]
    assert clients["member"].get(internal).status_code == 200
    assert clients["anonymous"].get(f"{URL}/999999").status_code == 404
    assert clients["anonymous"].get("/api/v1/processes/nic/meetings").status_code == 404
    process.is_public = False
    process.save()
    assert clients["anonymous"].get(URL).status_code == 404
    assert clients["member"].get(URL).status_code == 200


def test_photos_in_the_answer(clients, meetings):
    from tests.meetings.conftest import image_bytes

    meeting = meetings["public"]
    services.add_photo(meeting, image_bytes(), "Účastníci u stolu", "Jednání")
    photo = clients["anonymous"].get(f"{URL}/{meeting.pk}").json()["photos"][0]
    assert photo["alt_text"] == "Účastníci u stolu" and photo["width"] == 1600
    assert clients["anonymous"].get(photo["thumbnail_url"]).status_code == 200
