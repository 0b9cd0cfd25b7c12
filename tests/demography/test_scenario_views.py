"""A process's own projection scenarios: list, add with checked assumptions, edit, delete; access rules."""

from __future__ import annotations

import pytest

from komplan.demography.models import Projection, Scenario

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demography_data")]

URL = "/slany/sprava/demografie/scenare/"


def test_access(client, as_user, member, outsider, process):
    assert client.get(URL).status_code == 302
    assert as_user(outsider).get(URL).status_code == 404
    assert as_user(member).get(URL).status_code == 403


def test_add_an_own_scenario_and_use_it_on_the_public_page(as_user, coordinator, client, process):
    staff = as_user(coordinator)
    assert "medium" in {s.code for s in staff.get(URL).context["scenarios"]}

    response = staff.post(
        URL + "novy/",
        {
            "name": "Vlastní: více dětí",
            "fertility_shift": "0.3",
            "mortality_factor": "1",
            "migration_factor": "1",
            "local_migration": "on",
        },
    )
    assert response.status_code == 302
    own = Scenario.objects.get(process=process)
    assert (own.code, own.kind, own.fertility_shift) == ("vlastni-vice-deti", "custom", 0.3)

    page = client.get("/slany/analyzy/demografie/", {"scenar": own.code})
    assert page.status_code == 200 and page.context["scenario"] == own
    assert Projection.objects.filter(scenario=own).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("fertility_shift", "-9"), ("mortality_factor", "0"), ("migration_factor", "-1"), ("name", "Medium")],
)
def test_impossible_assumptions_are_refused_at_the_field(as_user, coordinator, field, value):
    data = {"name": "Test", "fertility_shift": "0", "mortality_factor": "1", "migration_factor": "1"}
    data[field] = value

    response = as_user(coordinator).post(URL + "novy/", data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Scenario.objects.filter(process__isnull=False).exists()


def test_edit_and_delete_only_own_scenarios(as_user, coordinator, process):
    staff = as_user(coordinator)
    staff.post(
        URL + "novy/",
        {"name": "Bez migrace 2", "fertility_shift": "0", "mortality_factor": "1", "migration_factor": "0"},
    )
    own = Scenario.objects.get(process=process)
    shared = Scenario.objects.get(process=None, code="medium")

    assert staff.get(f"{URL}{shared.pk}/").status_code == 404
    assert staff.post(f"{URL}{shared.pk}/smazat/").status_code == 404
    edited = staff.post(
        f"{URL}{own.pk}/",
        {"name": "Bez migrace 2", "fertility_shift": "0.1", "mortality_factor": "1", "migration_factor": "0"},
    )
    assert edited.status_code == 302
    own.refresh_from_db()
    assert own.fertility_shift == 0.1
    assert staff.post(f"{URL}{own.pk}/smazat/").status_code == 302
    assert not Scenario.objects.filter(pk=own.pk).exists()
