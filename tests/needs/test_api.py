"""GET /api/v1/processes/{slug}/needs: the table, 400 with the parameter for bad input, in the OpenAPI schema."""

from __future__ import annotations

import pytest

from komplan.demography.models import Scenario
from komplan.demography.services import projections_for
from komplan.territory.models import Territory
from tests.directory.factories import make_service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demography_data")]

URL = "/api/v1/processes/slany/needs"


@pytest.fixture
def catalogue(db):
    make_service("Domov Slaný", "13", located_in="532819", serves=("532819",), forms={"pob": [("luzka", 90)]})


def test_table_now_and_missing_horizon(client, process, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert data["base_year"] == 2024 and data["year"] == 2034 and data["scenario"] == "medium"
    assert "2034" in data["horizon_missing"]
    home = next(row for row in data["rows"] if row["service_type"]["code"] == "13")
    assert home["area"]["capacity"] == 90 and home["area"]["need_horizon"] is None
    assert home["municipalities"]["532819"]["capacity"] == 90
    assert home["reference"]["code"] == "80_plus" and data["norm_set"]["slug"] == "komplan-vychozi"


def test_horizon_from_a_stored_projection(client, process, catalogue):
    projections_for([Territory.objects.get(code="532819", level="municipality").pk], Scenario.objects.get(code="low"))
    data = client.get(URL, {"year": "2044", "scenario": "low"}).json()
    assert data["horizon_missing"] is None
    home = next(row for row in data["rows"] if row["service_type"]["code"] == "13")
    assert home["area"]["need_horizon"] > 0 and home["area"]["gap_horizon"] is not None


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"year": "2035"}, "year"),
        ({"year": "letos"}, "year"),
        ({"scenario": "nic"}, "scenario"),
        ({"norms": "nic"}, "norms"),
        ({"municipality": "1"}, "municipality"),
    ],
)
def test_bad_parameters_answer_400_with_a_reason(client, process, query, parameter):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter and response.json()["detail"]


def test_unknown_process_and_schema(client, process):
    assert client.get("/api/v1/processes/nic/needs").status_code == 404
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/processes/{slug}/needs" in schema["paths"]
