"""Illustrative catalogue records for demo areas without real records (Slaný, ORP Přerov).

The register sample shipped with komplan has no place in these areas, so the demo adds a
handful of invented services to show what a catalogue looks like. They are unmistakably
marked: source "illustrative demo record", "(ilustrativní)" in every name, and the pages,
exports and API responses that show them say so.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from komplan.directory.models import (
    Codelist,
    CodelistItem,
    Organization,
    Service,
    Source,
)
from komplan.directory.services import refresh_search_text, replace_forms, replace_location
from komplan.territory.models import Territory

NOTE = "Smyšlený záznam pro ukázku aplikace komplan; nejde o skutečnou službu."

# provider, service, type, located in (municipality code), street, serves ("orp:CODE" = the whole ORP),
# forms {form: [(unit, count)]}, target groups
RECORDS = [
    (
        "Ukázková organizace sociálních služeb Slaný (ilustrativní)",
        "Pečovatelská služba Slaný (ilustrativní)",
        "4",
        "532819",
        "Masarykovo náměstí",
        ["532819"],
        {"ter": [("klient", 60)]},
        ["24", "17"],
    ),
    (
        "Ukázková organizace sociálních služeb Slaný (ilustrativní)",
        "Domov pro seniory Slaný (ilustrativní)",
        "13",
        "532819",
        "Politických vězňů",
        ["532819"],
        {"pob": [("luzka", 80)]},
        ["24"],
    ),
    (
        "Ukázková organizace sociálních služeb Slaný (ilustrativní)",
        "Denní stacionář Slaný (ilustrativní)",
        "10",
        "532819",
        "Politických vězňů",
        ["532819"],
        {"amb": [("klient", 12)]},
        ["24", "14"],
    ),
    (
        "Ukázkový spolek pro rodinu (ilustrativní)",
        "Sociálně aktivizační služby pro rodiny Slánsko (ilustrativní)",
        "28",
        "532819",
        "Wilsonova",
        ["orp:2124"],
        {"ter": [("klient", 25)], "amb": [("klient", 5)]},
        ["23"],
    ),
    (
        "Ukázkový spolek pro rodinu (ilustrativní)",
        "Odborné sociální poradenství Slaný (ilustrativní)",
        "1",
        "532819",
        "Wilsonova",
        ["532819"],
        {"amb": [("interv", 4)]},
        ["19", "23"],
    ),
    (
        "Ukázková charita Přerovsko (ilustrativní)",
        "Pečovatelská služba Přerovsko (ilustrativní)",
        "4",
        "511382",
        "Kratochvílova",
        ["orp:7109"],
        {"ter": [("klient", 120)]},
        ["24", "17"],
    ),
    (
        "Ukázková charita Přerovsko (ilustrativní)",
        "Odlehčovací služba Kojetín (ilustrativní)",
        "8",
        "514055",
        "Masarykovo náměstí",
        ["514055"],
        {"pob": [("luzka", 6)], "ter": [("klient", 10)]},
        ["24", "26"],
    ),
    (
        "Ukázkový domov Přerov (ilustrativní)",
        "Domov se zvláštním režimem Přerov (ilustrativní)",
        "14",
        "511382",
        "Sokolská",
        ["511382"],
        {"pob": [("luzka", 45)]},
        ["24"],
    ),
    (
        "Ukázkový spolek Naděje Přerov (ilustrativní)",
        "Nízkoprahové denní centrum Přerov (ilustrativní)",
        "24",
        "511382",
        "Škodova",
        ["511382"],
        {"amb": [("kontakt", 40)]},
        ["6"],
    ),
]


def _area(entries: list[str]) -> list[Territory]:
    municipalities = []
    for entry in entries:
        if entry.startswith("orp:"):
            municipalities += list(Territory.objects.filter(level="municipality", orp__code=entry[4:]))
        else:
            municipalities.append(Territory.objects.get(level="municipality", code=entry))
    return municipalities


@transaction.atomic
def load_illustrative_catalogue() -> list[Service]:
    codes = {codelist: CodelistItem.objects.code_map(codelist) for codelist in Codelist.values}
    provenance = {"source": Source.ILLUSTRATIVE, "source_detail": NOTE, "source_date": dt.date(2026, 11, 1)}
    services = []
    for org_name, name, type_code, located_in, street, serves, forms, groups in RECORDS:
        municipality = Territory.objects.get(level="municipality", code=located_in)
        organization, _ = Organization.objects.update_or_create(
            name=org_name,
            source=Source.ILLUSTRATIVE,
            defaults={**provenance, "street": street, "house_number": "1", "municipality": municipality},
        )
        service, _ = Service.objects.update_or_create(
            organization=organization,
            name=name,
            defaults={**provenance, "service_type": codes[Codelist.SERVICE_TYPE][type_code], "description": NOTE},
        )
        service.area_served.set(_area(serves))
        service.target_groups.set([codes[Codelist.TARGET_GROUP][c] for c in groups])
        replace_forms(
            service,
            {
                codes[Codelist.SERVICE_FORM][form_code]: [(codes[Codelist.CAPACITY_TYPE][u], n) for u, n in capacities]
                for form_code, capacities in forms.items()
            },
        )
        replace_location(service, {"street": street, "house_number": "1", "municipality": municipality})
        services.append(service)
    refresh_search_text(Service.objects.filter(pk__in=[s.pk for s in services]))
    return services
