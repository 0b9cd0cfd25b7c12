"""Demo needs vs. supply for the ORP Přerov process: norm sets, money and demand of the illustrative services.

Everything here is illustrative and says so: the shipped norm set is labelled "výchozí hodnoty komplan, ilustrativní",
the second set "(ilustrativní)", funding and waiting lists belong to the invented "(ilustrativní)" services of
komplan.demo.illustrative, and the notes end with "(ukázka)". The population and its projection are real ČSÚ
and UN data (the medium scenario is stored so the page shows the horizon at once). Idempotent.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal

from django.db import transaction

from komplan.demography.models import Scenario
from komplan.demography.projections import ProjectionUnavailable
from komplan.demography.services import projections_for
from komplan.demography.structures import NoReference
from komplan.directory.models import Codelist, CodelistItem, DemandFigure, Funding, Service, Source
from komplan.needs.models import NeedNote, NormRow, NormSet
from komplan.needs.services import copy_set, ensure_default_set

YEAR = 2025
# service name → {funding source code: CZK}; waiting list, refused
MONEY = {
    "Pečovatelská služba Přerovsko (ilustrativní)": (
        {"state_subsidy": 6_000_000, "municipality": 2_400_000, "user_payments": 3_000_000},
        18,
        5,
    ),
    "Odlehčovací služba Kojetín (ilustrativní)": ({"state_subsidy": 2_500_000, "user_payments": 1_200_000}, 4, 2),
    "Domov se zvláštním režimem Přerov (ilustrativní)": (
        {
            "state_subsidy": 9_000_000,
            "user_payments": 8_500_000,
            "care_allowance": 7_000_000,
            "health_insurance": 1_500_000,
            "region": 500_000,
        },
        62,
        14,
    ),
    "Nízkoprahové denní centrum Přerov (ilustrativní)": ({"state_subsidy": 2_200_000, "municipality": 800_000}, 0, 0),
}
OWN_SET = "Vlastní cíl ORP Přerov (ilustrativní)"
OWN_NORMS = {"4": 50, "14": 10, "13": 80}  # service type code → units per 1,000 in the own target
NOTES = [
    ("13", "Senioři z menších obcí čekají na místo v domově déle než rok (ukázka)."),
    ("4", "Pečovatelská služba nejezdí o víkendech do obcí na Kojetínsku (ukázka)."),
    ("28", "Chybí terénní práce s rodinami v obcích mimo Přerov (ukázka)."),
]


@transaction.atomic
def _catalogue() -> None:
    sources = CodelistItem.objects.code_map(Codelist.FUNDING_SOURCE)
    for name, (amounts, waiting, refused) in MONEY.items():
        service = Service.objects.filter(name=name, source=Source.ILLUSTRATIVE).first()
        if service is None:
            continue
        Funding.objects.filter(service=service).delete()
        Funding.objects.bulk_create(
            Funding(service=service, year=YEAR, source=sources[code], amount=Decimal(amount), note="ilustrativní")
            for code, amount in amounts.items()
        )
        DemandFigure.objects.update_or_create(
            service=service,
            year=YEAR,
            defaults={
                "waiting_list": waiting or None,
                "refused_capacity": refused or None,
                "source": Source.ILLUSTRATIVE,
                "source_detail": "ilustrativní údaj pro ukázku",
            },
        )


@transaction.atomic
def _norms(process) -> None:
    default = ensure_default_set(process)
    NormSet.objects.filter(process=process, name=OWN_SET).delete()
    own = copy_set(default, OWN_SET)
    own.source = "ukázkový vlastní cíl pracovní skupiny (ilustrativní)"
    own.save(update_fields=["source"])
    for code, value in OWN_NORMS.items():
        NormRow.objects.filter(norm_set=own, service_type__code=code).update(per_1000=value)
    types = CodelistItem.objects.code_map(Codelist.SERVICE_TYPE)
    NeedNote.objects.filter(process=process, text__endswith="(ukázka).").delete()
    NeedNote.objects.bulk_create(NeedNote(process=process, service_type=types[c], text=t) for c, t in NOTES)


def load_demo_needs(process) -> None:
    """Norm sets, notes, money and demand for ``process``; the medium projection stored when statistics are there."""
    _catalogue()
    _norms(process)
    scenario = Scenario.objects.filter(process=None, code="medium").first()
    members = [m.pk for m in process.municipalities.all()]
    if scenario is not None and members:
        with contextlib.suppress(ProjectionUnavailable, NoReference):  # no statistics: the page says what is missing
            projections_for(members, scenario)
