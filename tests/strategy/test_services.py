"""Services of the tree and of the sheet workflow: renumbering, the window, state rules, bad input, concurrency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from komplan.accounts.models import Membership
from komplan.strategy import querysets, services
from komplan.strategy.models import Activity, ActivitySheet, Cost, SheetCall, SheetLog, SheetState

from .conftest import sheet_post

pytestmark = pytest.mark.django_db
NEW = "/slany/listy-aktivit/novy/"


def _numbers(process):
    return {a.title: a.number for a in querysets.numbered_activities(process)}


def test_move_and_delete_renumber(process, tree):
    second = Activity.objects.create(measure=tree["m21"], title="Druhá", order=2)
    assert _numbers(process)["Druhá"] == "2.1.2"
    services.move(second, -1)
    assert _numbers(process) == {"Druhá": "2.1.1", "Pečovatelská služba o víkendech": "2.1.2"}
    services.move(tree["p2"], -1)
    assert _numbers(process)["Druhá"] == "1.1.1"
    services.delete_item(tree["p1"])
    assert _numbers(process)["Druhá"] == "1.1.1"
    assert [p.number for p in querysets.tree_for(process)] == ["1"]


def test_move_activity_to_another_measure(process, tree):
    second = Activity.objects.create(measure=tree["m21"], title="Druhá", order=2)
    services.move_activity_to(tree["a211"], tree["m22"])
    assert _numbers(process) == {"Druhá": "2.1.1", "Pečovatelská služba o víkendech": "2.2.1"}
    services.move_activity_to(second, tree["m11"])
    assert _numbers(process)["Druhá"] == "1.1.1"


def test_move_to_a_measure_of_another_process_is_refused(process, other_process, tree):
    foreign = services.add_measure(services.add_priority(other_process, "Cizí"), "Cizí opatření")
    with pytest.raises(ValidationError):
        services.move_activity_to(tree["a211"], foreign)


def test_window(process):
    assert pytest.raises(services.SubmissionClosed, services.check_window, None, dt.date(2008, 1, 1))
    call = SheetCall(process=process, opens=dt.date(2007, 6, 11), closes=dt.date(2007, 6, 25))
    services.check_window(call, dt.date(2007, 6, 25))
    with pytest.raises(services.SubmissionClosed, match="25"):
        services.check_window(call, dt.date(2007, 6, 26))
    with pytest.raises(services.SubmissionClosed):
        services.check_window(call, dt.date(2007, 6, 10))


def test_after_the_deadline_nothing_is_saved(as_user, process, member):
    today = dt.date.today()
    SheetCall.objects.create(process=process, opens=today - dt.timedelta(days=30), closes=today - dt.timedelta(days=1))
    response = as_user(member).post(NEW, sheet_post())
    assert response.status_code == 400
    assert "deadline" in response.content.decode() or "termín" in response.content.decode().lower()
    assert not ActivitySheet.objects.exists() and not Cost.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "error_field"),
    [
        ("costs-0-amount", "-5", "amount"),
        ("costs-0-amount", "hodně", "amount"),
        ("end", "2007-01-01", "end"),
        ("title", "", "title"),
        ("costs-0-year", "20008", "year"),
    ],
)
def test_bad_input_is_refused_at_the_field(as_user, process, member, call, field, value, error_field):
    response = as_user(member).post(NEW, sheet_post(**{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and f'{error_field}_errors"' in html
    assert not ActivitySheet.objects.exists() and not Cost.objects.exists()


def _sheet(process, member, call):
    from django.test import Client

    client = Client()
    client.force_login(member)
    assert client.post(NEW, sheet_post()).status_code == 302
    return ActivitySheet.objects.get()


def test_workflow_rules(process, member, coordinator, call, tree):
    sheet = _sheet(process, member, call)
    with pytest.raises(ValidationError):
        services.return_sheet(sheet, coordinator, "  ")
    with pytest.raises(ValidationError):
        services.reject_sheet(sheet, coordinator, "")
    services.return_sheet(sheet, coordinator, "Doplňte náklady.")
    sheet.refresh_from_db()
    assert sheet.state == SheetState.RETURNED and sheet.last_comment == "Doplňte náklady."
    with pytest.raises(services.InvalidTransition):
        services.accept_to_project_store(sheet, coordinator)
    assert SheetLog.objects.filter(sheet=sheet).count() == 2


def test_proposer_resubmits_a_returned_sheet(as_user, process, member, coordinator, call):
    sheet = _sheet(process, member, call)
    edit = f"/slany/listy-aktivit/{sheet.pk}/upravit/"
    assert as_user(member).get(edit).status_code == 302  # not returned yet: back to the sheet
    services.return_sheet(sheet, coordinator, "Doplňte partnery.")
    data = sheet_post(title="Odlehčovací služba (upraveno)")
    data.update({"costs-INITIAL_FORMS": "1", "costs-0-id": str(sheet.costs.get().pk)})
    data.update({"indicators-INITIAL_FORMS": "1", "indicators-0-id": str(sheet.indicators.get().pk)})
    assert as_user(member).post(edit, data).status_code == 302
    sheet.refresh_from_db()
    assert sheet.state == SheetState.RESUBMITTED and sheet.title.endswith("(upraveno)")
    assert sheet.costs.count() == 1
    services.reject_sheet(sheet, coordinator, "Duplicitní s aktivitou 1.1.1.")
    page = as_user(member).get(f"/slany/listy-aktivit/{sheet.pk}/").content.decode()
    assert "Duplicitní s aktivitou 1.1.1." in page and "Doplňte partnery." in page


def test_decided_sheet_cannot_be_decided_again(process, member, coordinator, call, tree):
    sheet = _sheet(process, member, call)
    services.accept_to_project_store(sheet, coordinator)
    with pytest.raises(services.InvalidTransition):
        services.accept_to_action_plan(sheet, coordinator, tree["m21"], 2008)
    assert querysets.project_store(process).get() == sheet


def test_other_members_sheets_are_not_theirs(as_user, process, member, coordinator, call):
    sheet = _sheet(process, member, call)
    assert as_user(coordinator).get(f"/slany/listy-aktivit/{sheet.pk}/").status_code == 404
    assert sheet.proposer == Membership.objects.get(user=member)


def _activity_post(activity, version, title):
    return {
        "title": title,
        "version": str(version),
        "years": "2008",
        "costs-TOTAL_FORMS": "0",
        "costs-INITIAL_FORMS": "0",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }


def test_two_coordinators_editing_the_same_activity(client, process, coordinator, tree):
    from django.test import Client

    from tests.conftest import person

    other = person("druha@example.org", "Druhá Koordinátorka", process, "coordinator", "commissioner")
    first, second = Client(), Client()
    first.force_login(coordinator)
    second.force_login(other)
    url = f"/slany/sprava/strategie/aktivity/{tree['a211'].pk}/"
    opened = tree["a211"].version
    assert first.post(url, _activity_post(tree["a211"], opened, "Verze první")).status_code == 302
    response = second.post(url, _activity_post(tree["a211"], opened, "Verze druhá"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Verze první" in html and "Verze druhá" in html
    activity = Activity.objects.get(pk=tree["a211"].pk)
    assert activity.title == "Verze první" and activity.version == opened + 1
    assert [y.year for y in activity.plan_years.all()] == [2008]
    again = second.post(url, _activity_post(tree["a211"], activity.version, "Verze druhá"))
    assert again.status_code == 302 and Activity.objects.get(pk=tree["a211"].pk).title == "Verze druhá"
