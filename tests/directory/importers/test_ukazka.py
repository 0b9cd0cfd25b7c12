"""Import of the real catalogue sample ukazka.json (zdenekpesicka/AutomatizaceKatalogu), shipped with komplan."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from komplan.directory.importers import SAMPLE_FILE, import_rpss, import_ukazka
from komplan.directory.models import Organization, Service
from komplan.territory.models import Territory

from .conftest import database_state, rpss_items

pytestmark = pytest.mark.django_db


def _sample() -> dict:
    return json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))


def _write(tmp_path, content) -> object:
    path = tmp_path / "ukazka.json"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def test_it_imports_the_social_services_and_skips_the_health_care_ones():
    report = import_ukazka(SAMPLE_FILE, source_date=dt.date(2026, 9, 4))

    assert report.ok and report.records == 32
    assert (report.created, report.updated, report.unchanged) == (41, 0, 0)
    assert report.organizations_created == 26
    assert len(report.skipped) == 10
    assert all("ÚZIS" in entry.reason for entry in report.skipped)
    assert str(report.skipped[0]) == (
        "record 1 (misto-79121519 / uzis-181227), field sluzby[1]: health-care service from the ÚZIS register "
        "(Domácí zdravotní péče), not a registered social service"
    )
    assert Service.objects.count() == 41
    assert not Service.objects.filter(name__icontains="Soukromá Ošetřovatelská").exists()
    assert set(Service.objects.values_list("source", flat=True)) == {"registry"}
    assert "zdenekpesicka/AutomatizaceKatalogu" in Service.objects.first().source_detail


def test_a_registration_at_two_places_is_one_service_with_two_locations():
    import_ukazka(SAMPLE_FILE)

    respite = Service.objects.get(portal_id=4429)
    assert respite.registry_id == ""  # the catalogue has no identifikátor
    assert respite.organization.ico == "27085031"
    assert respite.service_type.reference == "DruhSocialniSluzby/8"
    forms = {f.form.code: [(c.capacity_type.code, c.count) for c in f.capacities.all()] for f in respite.forms.all()}
    assert forms == {"pob": [("luzka", 24)], "ter": [("klient", 1)]}
    locations = respite.locations.order_by("address_point")
    assert [(loc.address_point, loc.municipality.code) for loc in locations] == [
        (25965727, "539911"),
        (31347118, "539911"),
    ]
    assert (locations[0].latitude, locations[0].longitude) == (Decimal("49.673092"), Decimal("13.989718"))
    assert (locations[0].street, locations[0].house_number, locations[0].postcode) == ("Podbrdská", "269", "26101")
    pribram = Territory.objects.get(level="municipality", code="539911")
    assert set(respite.area_served.all()) == set(Territory.objects.filter(level="municipality", orp=pribram.orp))


def test_a_place_without_an_address_gives_a_location_without_municipality():
    import_ukazka(SAMPLE_FILE)

    location = Service.objects.get(portal_id=4674).locations.get()
    assert location.name == "Domov Vlčí mák - Domov se zvláštním režimem"
    assert (location.municipality, location.address_point, location.latitude) == (None, None, None)


def test_importing_the_sample_again_changes_nothing():
    import_ukazka(SAMPLE_FILE)
    before = database_state()

    report = import_ukazka(SAMPLE_FILE)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 41)
    assert database_state() == before


def test_a_changed_capacity_in_the_catalogue_updates_the_service(tmp_path):
    import_ukazka(SAMPLE_FILE)
    content = _sample()
    content["mista"][0]["sluzby"][0]["formy"][0]["kapacitaRegistrovana"][0]["pocet"] = 22

    report = import_ukazka(_write(tmp_path, content))

    assert (report.updated, report.unchanged) == (1, 40)
    capacity = Service.objects.get(portal_id=7583).forms.get().capacities.get()
    assert capacity.count == 22


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (lambda m: m[0]["adresa"].update(kodObce="999999"), "adresa.kodObce", "unknown municipality code 999999"),
        (
            lambda m: m[0]["sluzby"][0]["poskytovatel"].update(ico="3593207"),
            "sluzby[0].poskytovatel.ico",
            "exactly 8 digits",
        ),
        (
            lambda m: m[0]["sluzby"][0]["formy"][0]["kapacitaRegistrovana"][0].pop("typ"),
            "sluzby[0].formy[0].kapacitaRegistrovana[0].typ",
            "without a unit",
        ),
        (
            lambda m: m[0]["sluzby"][0]["druhSluzby"].update(kod="DruhSocialniSluzby/77"),
            "sluzby[0].druhSluzby.kod",
            "unknown code DruhSocialniSluzby/77",
        ),
        (
            lambda m: m[2]["sluzby"][0]["formy"][0]["kapacitaRegistrovana"][0].update(pocet=25),
            "sluzby[0]",
            "differs from mpsv-4429 at misto-25965727",
        ),
    ],
)
def test_invalid_catalogue_records_are_named_and_nothing_is_written(tmp_path, change, field, reason):
    import_ukazka(SAMPLE_FILE)
    before = database_state()
    content = _sample()
    change(content["mista"])

    report = import_ukazka(_write(tmp_path, content))

    assert len(report.rejected) == 1, report.rejected
    assert report.rejected[0].field == field and reason in report.rejected[0].reason
    assert str(report.rejected[0]).startswith(f"record {report.rejected[0].record} (misto-")
    assert database_state() == before


def test_the_register_file_later_matches_a_catalogue_service_by_portal_id(write_rpss):
    import_ukazka(SAMPLE_FILE)
    items = rpss_items()[:1]
    items[0]["portalId"] = 7583  # Senevida Nepomuk in the sample
    items[0]["poskytovatel"]["ico"] = "03593207"

    report = import_rpss(write_rpss(items))

    assert (report.created, report.updated) == (0, 1)
    service = Service.objects.get(portal_id=7583)
    assert service.registry_id == "9100001" and service.source_detail == "rpss.json"
    assert Organization.objects.filter(ico="03593207").count() == 1
