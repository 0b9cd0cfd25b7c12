"""Open Referral HSDS 3.0 export: valid against the HSDS schemas, a valid tabular package, repeatable.

The records are small illustrative fixtures (factories.py) covering every part of the Czech profile:
IČO and legal form, forms with capacities in two units, target and age groups, locations with and
without a complete address, municipalities served, funding, contacts and provenance.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from komplan.directory.hsds_export import build_export, catalogue_datapackage_zip, export_json_bytes
from komplan.directory.hsds_profile import canonical_catalogue
from komplan.directory.models import Codelist, Contact, Funding, Location, Service
from tests.directory.factories import code, make_organization, make_service, municipality

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"
OBJECT_SCHEMAS = sorted(p.name for p in SCHEMA_DIR.glob("*.json") if p.name != "datapackage.json")


def _registry() -> Registry:
    resources = [
        (name, Resource.from_contents(json.loads((SCHEMA_DIR / name).read_text()), default_specification=DRAFT202012))
        for name in OBJECT_SCHEMAS
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def hsds_errors(obj: dict, schema: str) -> list[str]:
    """Every way ``obj`` breaks the HSDS 3.0 schema ``schema`` (formats such as uuid and date-time included)."""
    validator = Draft202012Validator(
        {"$ref": schema}, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(obj)]


def build_catalogue() -> list[Service]:
    """Three services of two providers; one provider is 'manual' with dates, the rest illustrative."""
    charita = make_organization(
        "Charita Slaný (ukázka)",
        ico="12345678",
        legal_form=code(Codelist.LEGAL_FORM, "161"),
        description="Ukázkový poskytovatel pro testy.",
        street="Masarykova",
        house_number="118",
        orientation_number="5",
        municipality=municipality("532819"),
        postcode="27401",
        web="https://example.org/charita",
        email="charita@example.org",
        phone="+420 312 000 000",
    )
    charita.source, charita.source_detail = "manual", "zadáno v testu"
    charita.source_date, charita.last_verified = dt.date(2024, 10, 1), dt.date(2025, 1, 15)
    charita.save()
    home = make_service(
        "Domov pro seniory Slaný (ukázka)",
        "13",
        organization=charita,
        located_in="532819",
        forms={"pob": [("luzka", 40), ("klient", 38)]},
        target_groups=("24", "11"),
        registry_id="1234567",
        description="Pobytová služba, ukázka.",
        age_note="od 65 let",
        fees="podle ceníku",
        opening_hours="nepřetržitě",
        how_to_get="žádost na sociálním odboru",
        in_regional_network=True,
        provided_from=dt.date(2007, 1, 1),
        web="https://example.org/domov",
        email="domov@example.org",
        phone="+420 312 000 001",
        source_date=dt.date(2024, 10, 1),
        last_verified=dt.date(2025, 1, 20),
        source_detail="ukázka",
    )
    home.age_groups.set([code(Codelist.AGE_GROUP, "7"), code(Codelist.AGE_GROUP, "8")])
    form = home.forms.get()
    form.continuous, form.hours = True, "24 hodin denně"
    form.save()
    capacity = form.capacities.get(capacity_type__code="luzka")
    capacity.description = "z toho 10 lůžek pro odlehčovací pobyty"
    capacity.save()
    location = home.locations.get()
    location.name, location.address_point = "Domov Slaný", 21710571
    location.latitude, location.longitude = Decimal("50.229801"), Decimal("14.086912")
    location.orientation_number, location.municipality_part = "3", "Slaný"
    location.save()
    Contact.objects.create(service=home, name="Jana Ukázková", title="sociální pracovnice", email="jana@example.org")
    Funding.objects.create(
        service=home, year=2024, source=code(Codelist.FUNDING_SOURCE, "state_subsidy"), amount=Decimal("1234567.50")
    )
    Funding.objects.create(
        service=home, year=2024, source=code(Codelist.FUNDING_SOURCE, "user_payments"), amount=0, note="odhad"
    )
    care = make_service(
        "Pečovatelská služba Slaný (ukázka)",
        "4",
        organization=charita,
        serves=("532819", "532053"),
        forms={"ter": [("klient", 60)], "amb": [("klient", 10)]},
        target_groups=("24",),
    )
    # a village address without a street: part of the municipality and its house number
    Location.objects.create(
        service=care,
        municipality=municipality("532053"),
        municipality_part="Lhota",
        house_number="12",
        postcode="27201",
    )
    spolek = make_organization("Spolek Ukázka", legal_form=code(Codelist.LEGAL_FORM, "706"))
    advice = make_service("Poradna Ukázka", "1", organization=spolek, serves=("511382",))
    # an incomplete address (no postcode): the location keeps its municipality but gets no HSDS address
    Location.objects.create(service=advice, municipality=municipality("511382"), street="Náměstí", house_number="1")
    advice.age_groups.set([code(Codelist.AGE_GROUP, "9")])
    return [home, care, advice]


@pytest.fixture
def catalogue():
    return build_catalogue()


def test_every_exported_object_type_is_valid_hsds_3(catalogue):
    export = build_export(Service.objects.all(), include_contacts=True)
    objects = {
        "service.json": [export.service_object(i) for i in export.rows["service"]],
        "organization.json": [export.organization_object(i) for i in export.rows["organization"]],
        "location.json": [export.location_object(i) for i in export.rows["location"]],
        "service_at_location.json": [export.service_at_location_object(i) for i in export.rows["service_at_location"]],
    }
    for resource in (
        "address",
        "phone",
        "contact",
        "funding",
        "service_area",
        "schedule",
        "taxonomy",
        "taxonomy_term",
        "attribute",
        "organization_identifier",
    ):
        objects[f"{resource}.json"] = list(export.rows[resource].values())
    for schema, items in objects.items():
        assert items, f"the fixture exports no {schema}"
        for item in items:
            item = {k: float(v) if isinstance(v, Decimal) else v for k, v in item.items() if v not in (None, "")}
            assert hsds_errors(item, schema) == [], (schema, item)
    page = json.loads(export_json_bytes(Service.objects.all(), include_contacts=True))
    assert page["total_items"] == 3
    for service in page["contents"]:
        assert hsds_errors(service, "service.json") == []


def test_the_schema_check_catches_what_hsds_forbids():
    assert hsds_errors({"id": "x", "name": "A", "status": "open"}, "service.json") == [
        "id: 'x' is not a 'uuid'",
        "status: 'open' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']",
    ]


def _service_object(name: str) -> dict:
    export = build_export(Service.objects.filter(name=name), include_contacts=True)
    return export.service_object(next(iter(export.rows["service"])))


def _attributes(obj: dict) -> list[tuple]:
    return [(a.get("link_type"), a["taxonomy_term"]["code"], a.get("value")) for a in obj.get("attributes", [])]


def test_the_czech_profile_in_a_service(catalogue):
    service = _service_object("Domov pro seniory Slaný (ukázka)")
    attributes = _attributes(service)
    assert ("service_type", "DruhSocialniSluzby/13", None) in attributes
    assert {a for a in attributes if a[0] == "target_group"} == {
        ("target_group", "CilovaSkupinaOsoby/11", None),
        ("target_group", "CilovaSkupinaOsoby/24", None),
    }
    # capacity per form and unit, linked to its form; never one total
    form = next(a for a in service["attributes"] if a["link_type"] == "service_form")
    assert form["taxonomy_term"]["code"] == "FormaSocialniSluzby/pob"
    capacities = {
        (a["taxonomy_term"]["code"], a["value"])
        for a in service["attributes"]
        if a["link_type"] == "registered_capacity" and a["link_id"] == form["id"]
    }
    assert capacities == {("TypKapacitySocialniSluzby/luzka", "40"), ("TypKapacitySocialniSluzby/klient", "38")}
    assert ("value", "komplan/registry_id", "1234567") in attributes
    assert ("provenance", "ZdrojZaznamu/illustrative", "2024-10-01") in attributes
    assert service["alert"].startswith("Ilustrativní záznam")
    assert (service["minimum_age"], "maximum_age" in service) == (65, False)  # "over 80" has no upper bound
    assert service["assured_date"] == "2025-01-20"
    term = form["taxonomy_term"]
    assert term["taxonomy"] == "FormaSocialniSluzby" and term["taxonomy_detail"]["name"] == "FormaSocialniSluzby"
    organization = service["organization"]
    assert organization["organization_identifiers"] == [
        {
            "id": organization["organization_identifiers"][0]["id"],
            "organization_id": organization["id"],
            "identifier_scheme": "CZ-ICO",
            "identifier_type": "IČO",
            "identifier": "12345678",
        }
    ]
    assert ("provenance", "ZdrojZaznamu/manual", "2024-10-01") in _attributes(organization)
    assert organization["legal_status"] == "Ústav"


def test_locations_carry_municipality_address_and_ruian(catalogue):
    service = _service_object("Domov pro seniory Slaný (ukázka)")
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"] == [
        {
            "id": location["addresses"][0]["id"],
            "location_id": location["id"],
            "address_1": "Masarykova 1/3",
            "address_2": "Slaný",
            "city": "Slaný",
            "region": "Středočeský kraj",
            "state_province": "Středočeský kraj",
            "postal_code": "27401",
            "country": "CZ",
            "address_type": "physical",
        }
    ]
    assert (location["external_identifier"], location["external_identifier_type"]) == ("21710571", "RUIAN-AdresniMisto")
    assert (location["latitude"], location["longitude"]) == (50.229801, 14.086912)
    assert ("municipality", "Obec/532819", None) in _attributes(location)
    village = _service_object("Pečovatelská služba Slaný (ukázka)")["service_at_locations"][0]["location"]
    assert village["addresses"][0]["address_1"] == "č. p. 12" and village["addresses"][0]["address_2"] == "Lhota"
    areas = _service_object("Pečovatelská služba Slaný (ukázka)")["service_areas"]
    assert {a["uri"] for a in areas} == {
        "https://linked.cuzk.cz/resource/ruian/obec/532819",
        "https://linked.cuzk.cz/resource/ruian/obec/532053",
    }
    incomplete = _service_object("Poradna Ukázka")["service_at_locations"][0]["location"]
    assert "addresses" not in incomplete and incomplete["description"] == "Náměstí 1, Přerov"
    assert ("municipality", "Obec/511382", None) in _attributes(incomplete)


def test_contacts_are_personal_data_and_left_out_unless_asked_for(catalogue):
    assert build_export(Service.objects.all()).rows["contact"] == {}
    assert len(build_export(Service.objects.all(), include_contacts=True).rows["contact"]) == 1
    package = zipfile.ZipFile(io.BytesIO(catalogue_datapackage_zip(Service.objects.all())))
    assert package.read("contacts.csv").decode().splitlines()[1:] == []


def test_repeated_exports_are_identical(catalogue):
    assert catalogue_datapackage_zip(Service.objects.all()) == catalogue_datapackage_zip(Service.objects.all())
    assert export_json_bytes(Service.objects.all()) == export_json_bytes(Service.objects.all())


def test_the_export_costs_a_fixed_number_of_queries(catalogue, django_assert_max_num_queries):
    for i in range(10):
        make_service(f"Další služba {i}", "4", located_in="532819", forms={"ter": [("klient", i + 1)]})
    with django_assert_max_num_queries(20):
        catalogue_datapackage_zip(Service.objects.all())


def test_the_data_package_passes_frictionless(catalogue, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    build_export(Service.objects.all(), include_contacts=True).write_datapackage(tmp_path / "pkg")
    report = frictionless.validate(tmp_path / "pkg" / "datapackage.json")
    assert report.valid, report.flatten(["type", "note", "rowNumber", "fieldName"])
    names = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert names["service"] == 3 and names["taxonomy_term"] > 10 and names["attribute"] > 20


def test_the_zip_passes_frictionless_too(catalogue, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    with zipfile.ZipFile(io.BytesIO(catalogue_datapackage_zip(Service.objects.all()))) as archive:
        archive.extractall(tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["type", "note", "rowNumber", "fieldName"])


def test_the_package_says_what_is_illustrative(catalogue):
    archive = zipfile.ZipFile(io.BytesIO(catalogue_datapackage_zip(Service.objects.all())))
    package = json.loads(archive.read("datapackage.json"))
    assert "3 služeb a 1 poskytovatelů jsou ilustrativní" in package["description"]
    assert {s["title"] for s in package["sources"]} == {
        "ilustrativní ukázkový záznam (illustrative)",
        "zadáno v aplikaci komplan (manual)",
    }


def test_canonical_form_ignores_database_ids(catalogue):
    canonical = canonical_catalogue(Service.objects.all())
    assert [s["name"] for s in canonical] == [
        "Domov pro seniory Slaný (ukázka)",
        "Pečovatelská služba Slaný (ukázka)",
        "Poradna Ukázka",
    ]
    assert canonical[0]["forms"] == [
        {
            "form": "pob",
            "continuous": True,
            "hours": "24 hodin denně",
            "capacities": [["klient", 38, ""], ["luzka", 40, "z toho 10 lůžek pro odlehčovací pobyty"]],
        }
    ]
