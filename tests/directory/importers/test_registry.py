"""Import of the MPSV register's open-data file (rpss.json) from hand-made format fixtures."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from komplan.directory.importers import import_rpss
from komplan.directory.models import Capacity, Location, Organization, Service
from komplan.territory.models import Territory

from .conftest import RPSS, RPSS_ERRORS, database_state, rpss_items

pytestmark = pytest.mark.django_db

SLANY, KLADNO, PREROV = "532819", "532053", "511382"


def _capacities(registry_id: str) -> dict[str, list[tuple[str, int]]]:
    capacities = Capacity.objects.filter(service_form__service__registry_id=registry_id)
    result: dict[str, list[tuple[str, int]]] = {}
    for capacity in capacities.select_related("service_form__form", "capacity_type"):
        result.setdefault(capacity.service_form.form.code, []).append((capacity.capacity_type.code, capacity.count))
    return result


def test_it_creates_services_providers_forms_capacities_and_locations():
    report = import_rpss(RPSS, source_date=dt.date(2026, 9, 4))

    assert report.ok and report.records == 4
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert (report.organizations_created, report.organizations_updated) == (3, 0)
    home = Service.objects.get(registry_id="9100001")
    assert home.portal_id == 90001
    assert home.name == "Domov seniorů Slaný – pavilon A (testovací)"
    assert home.service_type.reference == "DruhSocialniSluzby/13"
    assert home.provided_from == dt.date(2007, 1, 1) and home.provided_to is None
    assert (home.web, home.email, home.phone) == (
        "http://www.domov-slany.example/domov",
        "domov@domov-slany.example",
        "312 000 002",
    )
    assert {g.code for g in home.target_groups.all()} == {"24", "27"}
    assert {g.code for g in home.age_groups.all()} == {"7", "8"}
    assert (home.source, home.source_detail, home.source_date) == ("registry", "rpss.json", dt.date(2026, 9, 4))
    form = home.forms.get()
    assert form.form.code == "pob" and form.continuous is True
    capacity = form.capacities.get()
    assert (capacity.capacity_type.code, capacity.count) == ("luzka", 32)
    assert capacity.description == "Maximální kapacita 32 lůžek s účinností od 01.09.2016."
    location = home.locations.get()
    assert (location.street, location.house_number, location.orientation_number) == ("Šultysova", "1512", "12")
    assert (location.postcode, location.municipality.code, location.address_point) == ("27401", SLANY, 99000001)
    assert "slany" in home.search_text and "domov senioru" in home.search_text


def test_capacities_stay_per_form_and_unit_never_summed():
    import_rpss(RPSS)

    assert _capacities("9100002") == {"ter": [("klient", 120)], "amb": [("klient", 15)]}
    assert _capacities("9100003") == {"pob": [("luzka", 6)], "ter": [("klient", 10)]}
    assert Capacity.objects.filter(service_form__service__registry_id="9100002").count() == 2


def test_providers_are_upserted_by_ico_with_legal_form_seat_and_contacts():
    import_rpss(RPSS)

    assert Organization.objects.count() == 3
    home = Organization.objects.get(ico="00234567")
    assert home.services.count() == 2  # the home and the counselling office share their provider
    assert home.legal_form.reference == "FormaPravniSubjektivity/331"
    assert home.address_line == "Šultysova 1512/12, 27401 Slaný"
    assert (home.web, home.email, home.phone) == (
        "http://www.domov-slany.example",
        "info@domov-slany.example",
        "312 000 001",
    )
    # the register gave this IČO as the number 845451: zero-padded to eight digits
    assert Organization.objects.get(ico="00845451").name == "Sociální služby Kladno (testovací záznam)"


def test_area_served_is_the_facilities_and_for_field_services_their_orp():
    import_rpss(RPSS)
    municipalities = Territory.objects.filter(level="municipality")
    kladno = municipalities.get(code=KLADNO)
    prerov = municipalities.get(code=PREROV)

    home = Service.objects.get(registry_id="9100001")  # residential only
    assert set(home.area_served.values_list("code", flat=True)) == {SLANY}
    field = Service.objects.get(registry_id="9100002")  # field + outpatient, in Kladno
    assert set(field.area_served.all()) == set(municipalities.filter(orp=kladno.orp))
    assert field.area_served.count() > 1
    respite = Service.objects.get(registry_id="9100003")  # residential + field, in Přerov
    assert set(respite.area_served.all()) == set(municipalities.filter(orp=prerov.orp))
    assert not field.area_served.filter(code=SLANY).exists()  # a region-level statement is not expanded


def test_a_municipality_the_file_names_for_a_field_service_replaces_the_orp_rule(write_rpss):
    items = rpss_items()
    items[1]["rozsirenePusobnostiVKraji"] = [{"kraj": {"id": "Kraj/27"}, "obce": [{"id": f"Obec/{SLANY}"}]}]
    import_rpss(write_rpss(items))

    field = Service.objects.get(registry_id="9100002")
    assert set(field.area_served.values_list("code", flat=True)) == {KLADNO, SLANY}


def test_repeated_and_ended_facilities_are_not_extra_locations():
    import_rpss(RPSS, source_date=dt.date(2026, 9, 4))

    respite = Service.objects.get(registry_id="9100003")
    # listed twice in the register, plus a facility that stopped in 2019
    assert list(respite.locations.values_list("name", "address_point")) == [
        ("Odlehčovací služby Přerov (testovací)", 99000003)
    ]
    office = Service.objects.get(registry_id="9100004")
    assert office.locations.get().address_point is None  # a facility without kodAdresnihoMista


def test_importing_the_same_file_again_changes_nothing():
    import_rpss(RPSS, source_date=dt.date(2026, 9, 4))
    before = database_state()

    report = import_rpss(RPSS, source_date=dt.date(2026, 9, 5))

    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert (report.organizations_created, report.organizations_updated, report.organizations_unchanged) == (0, 0, 3)
    assert database_state() == before
    assert Service.objects.get(registry_id="9100001").source_date == dt.date(2026, 9, 4)


def test_a_changed_capacity_updates_only_that_service(write_rpss):
    import_rpss(RPSS)
    kept = Capacity.objects.get(service_form__service__registry_id="9100003", capacity_type__code="klient")
    items = rpss_items()
    items[2]["formy"][0]["kapacity"][0]["pocet"] = 8

    report = import_rpss(write_rpss(items))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert _capacities("9100003") == {"pob": [("luzka", 8)], "ter": [("klient", 10)]}
    assert Capacity.objects.filter(pk=kept.pk).exists()  # untouched rows keep their identity


def test_changed_groups_forms_and_locations_are_written(write_rpss):
    import_rpss(RPSS)
    items = rpss_items()
    items[1]["ciloveSkupiny"] = [{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/26"}}]
    items[1]["formy"] = items[1]["formy"][:1]  # the outpatient form ends
    items[0]["zarizeni"][0]["adresa"]["kodAdresnihoMista"] = 99000009

    report = import_rpss(write_rpss(items))

    assert (report.updated, report.unchanged) == (2, 2)
    field = Service.objects.get(registry_id="9100002")
    assert [g.code for g in field.target_groups.all()] == ["26"]
    assert _capacities("9100002") == {"ter": [("klient", 120)]}
    assert Location.objects.get(service__registry_id="9100001").address_point == 99000009


def test_a_renamed_provider_is_updated_and_its_services_found_by_the_new_name(write_rpss):
    import_rpss(RPSS)
    items = rpss_items()
    for item in (items[0], items[3]):
        item["poskytovatel"]["nazev"] = "Domov Slánka (testovací záznam)"

    report = import_rpss(write_rpss(items))

    assert (report.organizations_updated, report.updated) == (1, 0)
    assert Service.objects.search("slanka").count() == 2


def test_a_dry_run_reports_but_writes_nothing():
    report = import_rpss(RPSS, dry_run=True)

    assert report.dry_run and report.created == 4
    assert not Service.objects.exists() and not Organization.objects.exists()


def test_the_source_date_is_the_files_date_when_it_has_one(write_rpss):
    report = import_rpss(write_rpss(datumAktualizace="2026-09-04"))

    assert report.source_date == dt.date(2026, 9, 4)
    assert set(Service.objects.values_list("source_date", flat=True)) == {dt.date(2026, 9, 4)}


def test_the_golden_error_file_names_record_and_field_and_changes_nothing():
    import_rpss(RPSS)
    before = database_state()

    report = import_rpss(RPSS_ERRORS)

    assert [str(problem) for problem in report.rejected] == [
        "record 1 (identifikátor 9100001), field druhSocialniSluzby: unknown code DruhSocialniSluzby/99 "
        "(not in the loaded MPSV codelist; if the register has added it, refresh the codelists)",
        "record 2 (identifikátor 9100002), field poskytovatel.ico: an IČO has exactly 8 digits, got '845451'",
        "record 3 (identifikátor 9100003), field formy[1].kapacity[0].typ: a capacity without a unit (typ): "
        "the number cannot be read",
        "record 4 (identifikátor 9100004), field zarizeni[0].adresa.obec: unknown municipality code 999999 "
        "(no ČSÚ municipality has this code)",
    ]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 0)
    assert database_state() == before


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (
            lambda item: item["ciloveSkupiny"].append({"cilovaSkupina": {"id": "CilovaSkupinaOsoby/99"}}),
            "ciloveSkupiny[2].cilovaSkupina",
            "unknown code CilovaSkupinaOsoby/99",
        ),
        (
            lambda item: item["formy"][0].update(forma={"id": "FormaSocialniSluzby/xyz"}),
            "formy[0].forma",
            "unknown code FormaSocialniSluzby/xyz",
        ),
        (
            lambda item: item["formy"][0]["kapacity"][0].update(typ={"id": "TypKapacitySocialniSluzby/hodiny"}),
            "formy[0].kapacity[0].typ",
            "unknown code TypKapacitySocialniSluzby/hodiny",
        ),
        (
            lambda item: item["poskytovatel"].update(pravniForma={"id": "FormaPravniSubjektivity/0"}),
            "poskytovatel.pravniForma",
            "unknown code FormaPravniSubjektivity/0",
        ),
        (lambda item: item["poskytovatel"].update(ico="1234567"), "poskytovatel.ico", "exactly 8 digits"),
        (lambda item: item["poskytovatel"].update(ico="0023456X"), "poskytovatel.ico", "exactly 8 digits"),
        (lambda item: item["poskytovatel"].update(ico=123456789), "poskytovatel.ico", "more than 8 digits"),
        (lambda item: item["poskytovatel"].update(ico=None), "poskytovatel.ico", "missing IČO"),
        (lambda item: item["formy"][0]["kapacity"][0].pop("typ"), "formy[0].kapacity[0].typ", "without a unit"),
        (lambda item: item["formy"][0]["kapacity"][0].update(pocet=-3), "formy[0].kapacity[0].pocet", "not a count"),
        (
            lambda item: item["zarizeni"][0]["adresa"].update(obec={"id": "Obec/100000"}),
            "zarizeni[0].adresa.obec",
            "unknown municipality code 100000",
        ),
        (
            lambda item: item["poskytovatel"]["adresaSidla"].update(obec={"id": "Obec/100000"}),
            "poskytovatel.adresaSidla.obec",
            "unknown municipality code 100000",
        ),
        (lambda item: item.update(datumPoskytovaniOd="1. 1. 2007"), "datumPoskytovaniOd", "not a date"),
        (lambda item: item.update(druhSocialniSluzby=13), "druhSocialniSluzby", "expected a reference"),
        (lambda item: item.update(identifikator=None), "identifikator", "missing"),
    ],
)
def test_each_invalid_value_names_record_and_field_and_nothing_is_written(write_rpss, change, field, reason):
    import_rpss(RPSS)
    before = database_state()
    items = rpss_items()
    change(items[0])
    items[1]["formy"][0]["kapacity"][0]["pocet"] = 999  # a valid change that must not be written either

    report = import_rpss(write_rpss(items))

    assert [(p.record, p.field) for p in report.rejected] == [(1, field)]
    assert reason in report.rejected[0].reason
    assert str(report.rejected[0]).startswith("record 1 (identifikátor ")
    assert database_state() == before


def test_all_problems_of_all_records_are_collected(write_rpss):
    items = rpss_items()
    items[0]["poskytovatel"]["ico"] = "123"
    items[0]["druhSocialniSluzby"] = {"id": "DruhSocialniSluzby/0"}
    items[3]["zarizeni"][0]["adresa"]["obec"] = {"id": "Obec/1"}

    report = import_rpss(write_rpss(items))

    assert [(p.record, p.field) for p in report.rejected] == [
        (1, "druhSocialniSluzby"),
        (1, "poskytovatel.ico"),
        (4, "zarizeni[0].adresa.obec"),
    ]
    assert not Service.objects.exists()


def test_a_service_listed_twice_is_rejected(write_rpss):
    items = rpss_items()
    items.append(json.loads(json.dumps(items[0])))

    report = import_rpss(write_rpss(items))

    assert [str(p) for p in report.rejected] == [
        "record 5 (identifikátor 9100001), field identifikator: 9100001 is also in record 1",
        "record 5 (identifikátor 9100001), field portalId: 90001 is also in record 1",
    ]


def test_unusable_contacts_are_left_out_with_a_warning(write_rpss):
    items = rpss_items()
    items[0]["emaily"] = [{"email": "domov zavináč example", "poznamka": None}, {"email": "ok@domov.example"}]

    report = import_rpss(write_rpss(items))

    assert report.ok
    assert Service.objects.get(registry_id="9100001").email == "ok@domov.example"
    assert [str(w) for w in report.warnings] == [
        "record 1 (identifikátor 9100001), field emaily[0]: 'domov zavináč example' is not a usable e-mail address; "
        "left out"
    ]
