"""The first check of issue #6: a provider editor submits a sheet but cannot accept it; a coordinator accepts it
into the action plan of 2008, and it then appears under its measure with a number, in the XLSX and via the API."""

from __future__ import annotations

import io

import openpyxl
import pytest

from komplan.strategy.models import Activity, ActivitySheet, SheetState

from .conftest import sheet_post

pytestmark = pytest.mark.django_db


def test_submit_accept_number_xlsx_api(client, as_user, process, coordinator, provider_editor, tree, call):
    editor = as_user(provider_editor)
    response = editor.post("/slany/listy-aktivit/novy/", sheet_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    sheet = ActivitySheet.objects.get(title="Odlehčovací služba pro pečující")
    assert sheet.state == SheetState.SUBMITTED and sheet.proposer.user == provider_editor
    assert sheet.costs.get().amount == 450000

    decide = f"/slany/sprava/strategie/listy/{sheet.pk}/akcni-plan/"
    data = {"plan-measure": tree["m21"].pk, "plan-year": "2008", "plan-comment": ""}
    assert editor.post(decide, data).status_code == 403
    sheet.refresh_from_db()
    assert sheet.state == SheetState.SUBMITTED and not Activity.objects.filter(title=sheet.title).exists()

    staff = as_user(coordinator)
    assert staff.post(decide, data).status_code == 302
    sheet.refresh_from_db()
    assert sheet.state == SheetState.ACCEPTED_ACTION_PLAN and sheet.decided_year == 2008
    activity = sheet.activity
    assert activity.measure == tree["m21"] and activity.costs.get().amount == 450000

    tree_page = client.get("/slany/strategie/")
    assert "2.1.2" in tree_page.content.decode() and sheet.title in tree_page.content.decode()

    plan = client.get("/slany/akcni-plan/2008/")
    assert plan.status_code == 200 and "2.1.2" in plan.content.decode()

    xlsx = client.get("/slany/akcni-plan/2008/akcni-plan.xlsx")
    assert xlsx.status_code == 200
    sheet_rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ["2.1.2", sheet.title] == list(sheet_rows[1][:2])
    assert "450" in sheet_rows[1][7] and "Charita Slaný" in sheet_rows[1][4]

    api = client.get("/api/v1/processes/slany/action-plan?year=2008").json()
    assert [(a["number"], a["title"]) for a in api["activities"]] == [("2.1.2", sheet.title)]
    strategy = client.get("/api/v1/processes/slany/strategy").json()
    measure = strategy["priorities"][1]["measures"][0]
    assert measure["number"] == "2.1"
    assert [a["number"] for a in measure["activities"]] == ["2.1.1", "2.1.2"]
    assert measure["activities"][1]["action_plan_years"] == [2008]

    mine = as_user(provider_editor).get("/slany/listy-aktivit/").content.decode()
    assert sheet.title in mine and sheet.get_state_display() in mine
