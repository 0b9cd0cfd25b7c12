"""The demo bodies of Slaný: a steering team and three working groups with planning groups mapped to registry
target groups and the illustrative demo members; loading again changes nothing."""

from __future__ import annotations

import pytest

from komplan.demo.planning import load_demo_bodies
from komplan.demo.services import _load_demo
from komplan.planning.models import Body, BodyMember, PlanningGroup
from komplan.territory.models import PlanningProcess

pytestmark = pytest.mark.django_db


def _state(process):
    return (
        sorted(Body.objects.for_process(process).values_list("slug", "kind")),
        sorted(
            BodyMember.objects.filter(body__process=process).values_list("body__slug", "membership_id", "is_leader")
        ),
        sorted(PlanningGroup.objects.for_process(process).values_list("slug", "target_groups__slug")),
    )


def test_slany_bodies_and_idempotence(client):
    _load_demo()
    slany = PlanningProcess.objects.get(slug="slany-2008-2010")
    bodies = list(Body.objects.for_process(slany))
    assert [b.kind for b in bodies] == ["steering", "working", "working", "working"]
    for body in bodies[1:]:
        assert body.members.count() == 3 and body.members.filter(is_leader=True).count() == 1
        assert body.planning_groups.get().target_groups.exists()
    seniors = PlanningGroup.objects.get(process=slany, slug="seniori-zdravotne-postizeni")
    assert {"seniors", "disability_general"} <= set(seniors.target_groups.values_list("slug", flat=True))
    assert bodies[1].triad_balance() == {"commissioner": 1, "provider": 1, "user": 1, "public": 0}
    assert bodies[0].members.filter(is_leader=True, membership__role="coordinator").exists()

    before = _state(slany)
    load_demo_bodies(slany)
    _load_demo()
    assert _state(slany) == before
    assert client.get("/slany-2008-2010/skupiny/").status_code == 200
    assert client.get("/api/v1/processes/slany-2008-2010/groups").status_code == 200
