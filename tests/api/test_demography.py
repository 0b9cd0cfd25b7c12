"""The demography API: population, projection and a process's indicators; bad requests are 4xx with a reason."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demography_data")]

API = "/api/v1"


def test_population_of_a_municipality(client):
    response = client.get(f"{API}/territories/532819/population")

    data = response.json()
    assert response.status_code == 200
    assert (data["year"], data["total"], data["men"], data["women"]) == (2024, 16740, 8141, 8599)
    assert data["estimated"] is True
    assert len(data["ages"]) == 21 and data["ages"][-1] == {**data["ages"][-1], "age_from": 100, "age_to": None}
    assert sum(a["men"] + a["women"] for a in data["ages"]) == pytest.approx(16740)
    assert data["indicators"]["share_65_plus"] > 0
    assert data["years_available"][0] == 2004


def test_population_of_an_orp_is_the_sum_of_its_municipalities(client):
    orp = client.get(f"{API}/territories/7109/population", {"level": "orp", "year": 2020}).json()
    detail = client.get(f"{API}/territories/7109", {"level": "orp"}).json()

    assert orp["municipality_count"] == detail["municipality_count"]
    assert orp["year"] == 2020 and orp["total"] > 40000


def test_population_for_a_year_not_loaded_names_the_available_years(client):
    response = client.get(f"{API}/territories/532819/population", {"year": 1990})

    assert response.status_code == 400
    assert "2004" in response.json()["detail"]


def test_unknown_and_ambiguous_territories(client):
    assert client.get(f"{API}/territories/999999/population").status_code == 404
    ambiguous = client.get(f"{API}/territories/3107/projection")
    assert ambiguous.status_code == 400 and ambiguous.json()["candidates"]


def test_projection_by_year_sex_and_age(client):
    response = client.get(f"{API}/territories/532819/projection", {"scenario": "medium", "horizon": 15})

    data = response.json()
    assert response.status_code == 200
    assert [y["year"] for y in data["years"]] == [2024, 2029, 2034, 2039]
    assert data["years"][0]["total"] == pytest.approx(16740, abs=0.01)
    assert data["scenario"]["code"] == "medium" and data["base_estimated"] is True
    assert set(data["years"][-1]["indicators"]) >= {"age_65_plus", "age_80_plus", "ageing_index"}


def test_projection_with_own_assumptions_and_single_years(client):
    response = client.get(
        f"{API}/territories/532819/projection",
        {"horizon": 12, "step": 1, "migration_factor": 0, "fertility_shift": 0.2},
    )

    data = response.json()
    assert response.status_code == 200
    assert data["scenario"]["code"] == "custom" and data["scenario"]["migration_factor"] == 0
    assert len(data["years"]) == 13 and len(data["years"][0]["ages"]) == 101


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"horizon": 60}, "50"),
        ({"horizon": 0}, "50"),
        ({"horizon": 12}, "multiple of 5"),
        ({"step": 2}, "1 or 5"),
        ({"fertility_shift": -5}, "fertility"),
        ({"mortality_factor": -1}, "mortality_factor"),
        ({"migration_factor": -0.5}, "migration_factor"),
        ({"scenario": "optimistic"}, "medium"),
    ],
)
def test_impossible_projection_requests_are_400_with_a_reason(client, params, reason):
    response = client.get(f"{API}/territories/532819/projection", {**params, "lang": "en"})

    assert response.status_code == 400
    assert reason in response.json()["detail"]


def test_the_reason_is_in_czech_by_default(client):
    response = client.get(f"{API}/territories/532819/projection", {"step": 2})

    assert response.status_code == 400
    assert response.json()["detail"] == "Krok musí být 1 nebo 5 let."


def test_process_demography(client, other_process):
    response = client.get(f"{API}/processes/prerov/demography", {"horizon": 10})

    data = response.json()
    assert response.status_code == 200
    assert data["base_year"] == 2024 and data["horizon_year"] == 2034
    assert len(data["municipalities"]) == other_process.municipalities.count()
    assert data["area"]["population"] == sum(m["population"] for m in data["municipalities"])
    assert set(data["area"]["projected"]) == {"2029", "2034"}


def test_process_demography_of_a_hidden_process_is_404(client, other_process):
    other_process.is_public = False
    other_process.save()

    assert client.get(f"{API}/processes/prerov/demography").status_code == 404


def test_demography_endpoints_are_in_the_openapi_schema(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    assert "/api/v1/territories/{code}/population" in paths
    assert "/api/v1/territories/{code}/projection" in paths
    assert "/api/v1/processes/{slug}/demography" in paths
