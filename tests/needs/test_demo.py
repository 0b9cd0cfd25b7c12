"""The demo: ORP Přerov shows the comparison for all its municipalities with the horizon; loading again is a no-op."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from komplan.directory.models import Funding
from komplan.needs.models import NeedNote, NormSet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]  # loaded once for the module


def _state():
    return (
        sorted(NormSet.objects.values_list("process__slug", "slug", "name")),
        Funding.objects.count(),
        NeedNote.objects.count(),
    )


def test_orp_prerov_compares_every_municipality(client):
    response = client.get("/orp-prerov/analyzy/potreby/")
    assert response.status_code == 200
    result = response.context["result"]
    assert len(result.table.municipalities) > 50 and result.table.has_horizon and not result.gathered.missing
    home_care = next(row for row in result.table.rows if row.norm.service_type == "4")
    assert home_care.area.capacity == pytest.approx(120) and home_care.cost_per_unit == pytest.approx(95_000)
    assert home_care.evidence["waiting_list"] == 18 and home_care.evidence["working_group"] == 1
    html = response.content.decode()
    assert "ilustrativní" in html and "Kojetín" in html and html.count("<details") > 50
    own = client.get("/orp-prerov/analyzy/potreby/", {"normy": "vlastni-cil-orp-prerov-ilustrativni"})
    assert own.status_code == 200
    before = _state()
    call_command("demo", stdout=io.StringIO())  # the second load: the fixture made the first
    assert _state() == before
    api = client.get("/api/v1/processes/orp-prerov/needs").json()
    assert len(api["municipalities"]) > 50 and api["horizon_missing"] is None


def test_two_norm_sets_side_by_side(client):
    response = client.get("/orp-prerov/analyzy/potreby/", {"srovnat": "vlastni-cil-orp-prerov-ilustrativni"})
    assert response.status_code == 200
    rows = {line["label"]: line["sides"] for line in response.context["set_rows"]}
    home_care = next(sides for label, sides in rows.items() if label.startswith("pečovatelská"))
    assert home_care[0][0] == 40 and home_care[1][0] == 50 and home_care[1][1] > home_care[0][1]
