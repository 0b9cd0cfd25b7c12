"""The staff pages of carrying the plan on: the persona matrix, choose → confirm → carry, the last year of the
period, and bad input (never a 500, nothing half-saved)."""

from __future__ import annotations

import pytest
from django.test import Client

from komplan.monitoring.models import CarryOver
from komplan.strategy.models import ActionPlanYear, ActivitySheet, SheetState
from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep

from .carry_fixtures import reports2008, store_sheet  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

C = "/slany/sprava/plneni/prevod/"


def rows():
    return [
        ("get", C, 403),
        ("get", f"{C}2008/", 403),
        ("post", f"{C}2008/", 403),
        ("post", f"{C}2008/provest/", 403),
        ("get", f"{C}nove-obdobi/", 403),
        ("post", f"{C}nove-obdobi/", 403),
    ]


def test_every_view_for_the_three_personas(plan2008, outsider, member, coordinator, store_sheet):  # noqa: F811
    assert_every_view_swept(rows(), "komplan.monitoring.carry_urls")
    sweep(rows(), outsider, member)
    garbage_is_never_a_500(rows(), coordinator)


def test_a_provider_editor_may_not_carry_the_plan_on(plan2008, provider_editor, as_user):
    client = as_user(provider_editor)
    for method, path, _status in rows():
        assert getattr(client, method)(path).status_code == 403, path


def test_a_superuser_may(plan2008, superuser, as_user):
    assert as_user(superuser).get(f"{C}2008/").status_code == 200


def choices(plan2008, sheet, **override):
    data = {
        f"a-{plan2008['a111'].pk}": "carry",
        f"a-{plan2008['a121'].pk}": "store",
        f"s-{sheet.pk}": str(plan2008["m12"].pk),
    }
    data.update(override)
    return data


def test_the_year_page_lists_the_candidates_and_the_store(plan2008, reports2008, store_sheet, coordinator, as_user):  # noqa: F811
    response = as_user(coordinator).get(f"{C}2008/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "1.1.1 Víkendová pečovatelská služba" in page and "1.2.1 Katalog služeb" in page
    assert f'name="a-{plan2008["a112"].pk}"' not in page  # done in 2008
    assert "Sdílené bydlení pro seniory" in page and f'<option value="{plan2008["m12"].pk}">1.2 Informovanost' in page
    assert "60 %" in page
    index = as_user(coordinator).get(C).content.decode()
    assert f'href="{C}2008/"' in index and f'href="{C}nove-obdobi/"' in index


def test_choose_confirm_carry(plan2008, reports2008, store_sheet, coordinator, as_user):  # noqa: F811
    client = as_user(coordinator)
    data = choices(plan2008, store_sheet)
    summary = client.post(f"{C}2008/", data)
    assert summary.status_code == 200 and summary.templates[0].name == "monitoring/carry_confirm.html"
    page = summary.content.decode()
    assert "Víkendová pečovatelská služba" in page and "Sdílené bydlení pro seniory" in page
    assert f'action="{C}2008/provest/"' in page
    assert not CarryOver.objects.exists()  # nothing changed before the confirmation
    done = client.post(f"{C}2008/provest/", data)
    assert done.status_code == 302 and done["Location"] == f"{C}2008/"
    assert set(plan2008["a111"].plan_years.values_list("year", flat=True)) == {2008, 2009}
    assert ActivitySheet.objects.get(activity=plan2008["a121"]).state == SheetState.ACCEPTED_PROJECT_STORE
    store_sheet.refresh_from_db()
    assert store_sheet.state == SheetState.ACCEPTED_ACTION_PLAN
    assert CarryOver.objects.count() == 3
    after = client.get(done["Location"]).content.decode()
    assert "Víkendová pečovatelská služba" in after  # in the log and among the activities already in 2009
    # the confirmation posted again (a double click) changes nothing
    again = client.post(f"{C}2008/provest/", data)
    assert again.status_code == 302 and CarryOver.objects.count() == 3


def test_nothing_chosen_is_an_error(plan2008, reports2008, coordinator, as_user):  # noqa: F811
    data = {f"a-{plan2008['a111'].pk}": "leave", f"a-{plan2008['a121'].pk}": "leave"}
    response = as_user(coordinator).post(f"{C}2008/", data)
    assert response.status_code == 400 and response.context["form"].non_field_errors()


def test_a_tampered_choice_is_shown_at_its_field(plan2008, reports2008, store_sheet, coordinator, as_user):  # noqa: F811
    before = ActionPlanYear.objects.count()
    data = choices(plan2008, store_sheet, **{f"a-{plan2008['a111'].pk}": "delete", f"s-{store_sheet.pk}": "999999"})
    response = as_user(coordinator).post(f"{C}2008/provest/", data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {f"a-{plan2008['a111'].pk}", f"s-{store_sheet.pk}"}
    assert ActionPlanYear.objects.count() == before and not CarryOver.objects.exists()


def test_a_refusal_of_the_service_is_shown_and_nothing_is_saved(plan2008, reports2008, coordinator, as_user):  # noqa: F811
    client = as_user(coordinator)
    data = {f"a-{plan2008['a111'].pk}": "carry", f"a-{plan2008['a121'].pk}": "carry"}
    # between the confirmation and the click the process's period was shortened to 2008
    process = plan2008["p1"].process
    process.period_end = 2008
    process.save()
    response = client.post(f"{C}2008/provest/", data)
    assert response.status_code == 400 and response.context["beyond"]
    assert f'href="{C}nove-obdobi/"' in response.content.decode()
    assert not CarryOver.objects.exists()


def test_the_last_year_offers_the_next_period(plan2008, coordinator, as_user):
    page = as_user(coordinator).get(f"{C}2010/").content.decode()
    assert f'href="{C}nove-obdobi/"' in page and 'name="a-' not in page


def test_a_year_outside_the_period_is_not_found(plan2008, coordinator, as_user):
    client = as_user(coordinator)
    assert client.get(f"{C}2007/").status_code == 404
    assert client.get(f"{C}2011/").status_code == 404


def test_anonymous_is_sent_to_sign_in(plan2008):
    response = Client().get(f"{C}2008/")
    assert response.status_code == 302 and "/ucet/" in response["Location"]
