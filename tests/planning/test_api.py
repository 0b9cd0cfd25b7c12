"""GET /api/v1/processes/{slug}/groups: bodies, planning groups, triad counts; names for members only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/processes/slany/groups"


def test_public_answer_has_counts_but_no_names(client, bodies):
    data = client.get(URL).json()
    assert data["process"] == "slany"
    working = next(b for b in data["bodies"] if b["slug"] == "ps-seniori")
    assert working["kind"] == "working" and working["member_count"] == 3
    assert working["triads"] == {"commissioner": 1, "provider": 1, "user": 1, "public": 0}
    assert working["leader_organisation"] == "Město Slaný"
    assert working["members"] is None
    assert working["planning_groups"][0]["target_groups"][0]["slug"] == "seniors"
    assert data["bodies"][0]["kind"] == "steering"
    assert "Poskytovatelová" not in str(data)


def test_members_of_the_process_see_names(as_user, member, outsider, bodies):
    data = as_user(member).get(URL).json()
    working = next(b for b in data["bodies"] if b["slug"] == "ps-seniori")
    assert {m["name"] for m in working["members"]} >= {"Pavla Poskytovatelová"}
    assert [m["is_leader"] for m in working["members"]].count(True) == 1
    foreign = as_user(outsider).get(URL).json()
    assert all(b["members"] is None for b in foreign["bodies"])


def test_unknown_or_hidden_process(client, process):
    assert client.get("/api/v1/processes/nic/groups").status_code == 404
    process.is_public = False
    process.save()
    assert client.get(URL).status_code == 404
