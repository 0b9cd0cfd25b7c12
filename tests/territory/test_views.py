"""Workspace, settings and phases of a process — each view with the three personas."""

import pytest

from komplan.territory.models import Phase

pytestmark = pytest.mark.django_db


def url(process, name=""):
    return f"/{process.slug}/sprava/{name}"


@pytest.mark.parametrize("name", ["", "nastaveni/", "faze/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, process, name):
    response = client.get(url(process, name))
    assert response.status_code == 302 and response.url.startswith("/ucet/prihlaseni/?next=")


def test_anonymous_visitors_are_sent_to_sign_in_even_for_unknown_processes(client):
    response = client.get("/neni-takovy/sprava/")
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["", "nastaveni/", "faze/"])
def test_outsiders_get_404(as_user, outsider, process, name):
    assert as_user(outsider).get(url(process, name)).status_code == 404


def test_members_see_the_workspace(as_user, member, process):
    response = as_user(member).get(url(process))
    assert response.status_code == 200
    assert process.name in response.content.decode()
    assert "/sprava/nastaveni/" not in response.content.decode()


@pytest.mark.parametrize("name", ["nastaveni/", "faze/"])
def test_members_without_the_right_get_403(as_user, member, process, name):
    assert as_user(member).get(url(process, name)).status_code == 403
    assert as_user(member).post(url(process, name), {}).status_code == 403


def test_superusers_reach_every_workspace(client, process, superuser):
    client.force_login(superuser)
    assert client.get(url(process, "faze/")).status_code == 200


def _settings_data(**overrides):
    data = {
        "name": "Komunitní plán Slaný",
        "slug": "slany",
        "period_start": 2008,
        "period_end": 2010,
        "area_kind": "municipality",
        "orp_code": "",
        "municipality_codes": "532819",
        "responsible_code": "532819",
        "summary": "",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def test_the_coordinator_changes_the_area_to_a_whole_orp(as_user, coordinator, process):
    response = as_user(coordinator).post(url(process, "nastaveni/"), _settings_data(area_kind="orp", orp_code="2124"))
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.area_kind == "orp" and process.area_orp.code == "2124"
    assert process.municipalities.count() > 50


def test_settings_errors_are_shown_at_the_field(as_user, coordinator, process):
    client = as_user(coordinator)
    response = client.post(url(process, "nastaveni/"), _settings_data(municipality_codes="532819 999999"))
    assert response.status_code == 200
    assert "999999" in response.context["form"].errors["municipality_codes"][0]
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(url(process, "nastaveni/"), _settings_data(responsible_code="511382"))
    assert "responsible_code" in response.context["form"].errors
    response = client.post(url(process, "nastaveni/"), _settings_data(period_start=2012, period_end=2010))
    assert response.status_code == 200
    process.refresh_from_db()
    assert process.period_start == 2008


def test_a_reserved_slug_is_refused(as_user, coordinator, process):
    response = as_user(coordinator).post(url(process, "nastaveni/"), _settings_data(slug="api"))
    assert "slug" in response.context["form"].errors


def _phase_data(process, changes):
    phases = list(Phase.objects.for_process(process).order_by("order"))
    data = {"form-TOTAL_FORMS": len(phases), "form-INITIAL_FORMS": len(phases)}
    for i, phase in enumerate(phases):
        row = {
            "id": phase.pk,
            "status": phase.status,
            "planned_start": "",
            "planned_end": "",
            "actual_start": "",
            "actual_end": "",
            "note": "",
        }
        row.update(changes.get(phase.kind, {}))
        data.update({f"form-{i}-{k}": v for k, v in row.items()})
    return data


def test_the_coordinator_dates_the_phases(as_user, coordinator, process):
    data = _phase_data(
        process, {"analysis": {"status": "done", "actual_start": "2007-03-01", "actual_end": "2007-04-30"}}
    )
    assert as_user(coordinator).post(url(process, "faze/"), data).status_code == 302
    analysis = Phase.objects.for_process(process).get(kind="analysis")
    assert analysis.status == "done" and analysis.actual_end.isoformat() == "2007-04-30"


def test_phase_dates_in_the_wrong_order_are_refused(as_user, coordinator, process):
    data = _phase_data(process, {"analysis": {"planned_start": "2007-05-01", "planned_end": "2007-04-01"}})
    response = as_user(coordinator).post(url(process, "faze/"), data)
    assert response.status_code == 200
    assert "planned_end" in response.context["formset"].forms[1].errors


def test_phases_of_another_process_cannot_be_edited_through_this_one(as_user, coordinator, process, other_process):
    data = _phase_data(process, {})
    foreign = Phase.objects.for_process(other_process).get(kind="analysis")
    data["form-1-id"] = foreign.pk
    data["form-1-status"] = "done"
    count = Phase.objects.count()
    as_user(coordinator).post(url(process, "faze/"), data)
    foreign.refresh_from_db()
    assert foreign.status == "planned"
    assert Phase.objects.count() == count
