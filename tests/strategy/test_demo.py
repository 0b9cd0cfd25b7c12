"""The demo strategy of Slaný: priorities per working group, an action plan 2008, a project store, sheets in every
state, an open submission window; loading again gives the same state."""

from __future__ import annotations

import pytest

from komplan.demo.services import _load_demo
from komplan.demo.strategy import load_demo_strategy
from komplan.strategy import querysets
from komplan.strategy.models import ActivitySheet, SheetState
from komplan.territory.models import PlanningProcess

pytestmark = pytest.mark.django_db


def _state(process):
    tree = [
        (p.number, p.title, [(m.number, [(a.number, a.title) for a in m.activities.all()]) for m in p.measures.all()])
        for p in querysets.tree_for(process)
    ]
    sheets = sorted(ActivitySheet.objects.for_process(process).values_list("title", "state"))
    return tree, sheets


def test_slany_strategy_and_idempotence(client):
    _load_demo()
    slany = PlanningProcess.objects.get(slug="slany-2008-2010")
    tree, sheets = _state(slany)
    assert len(tree) == 4 and tree[0][2][0][1][0][0] == "1.1.1"
    assert {state for _title, state in sheets} == set(SheetState.values)
    assert [a.number for a in querysets.action_plan(slany, 2008)] == ["1.1.1", "2.1.1", "3.1.1", "4.1.1"]
    accepted = ActivitySheet.objects.get(process=slany, state=SheetState.ACCEPTED_ACTION_PLAN)
    assert accepted.activity is not None and accepted.decided_year == 2008
    assert all("Ukázkový obsah" in a.description for a in querysets.numbered_activities(slany))
    assert querysets.call_for(slany).is_open(__import__("datetime").date.today())

    before = _state(slany)
    load_demo_strategy(slany)
    assert _state(slany) == before

    assert client.get("/slany-2008-2010/strategie/").status_code == 200
    assert client.get("/slany-2008-2010/akcni-plan/2008/").status_code == 200
    store = client.get("/slany-2008-2010/zasobnik-projektu/").content.decode()
    assert "Denní stacionář pro seniory" in store and "ps1.clen3" not in store and "Člen" not in store
    api = client.get("/api/v1/processes/slany-2008-2010/project-store").json()
    assert len(api["items"]) == 2
