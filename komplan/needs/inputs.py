"""Gathering the engine's inputs from the database: populations, the catalogue, money and evidence.

- reference populations now: the age structures of the latest year with population counts (demography
  structures: counted where imported, else estimated);
- at the horizon: the stored projections of the chosen scenario (``demography.services.projections_for``); when
  the municipalities have no stored projection, or it does not reach the year, ``Gathered.missing`` says so and the
  horizon stays empty — never zeros;
- supply: every registered capacity of a current service serving the area (directory Capacity per form and unit),
  with the municipalities of its locations and the area it serves (``importers.base.area_served``);
- money: directory Funding; evidence: DemandFigure (latest year per service), coded survey answers mapped to a
  service type (CodeMapping) and needs named by groups (NeedNote).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from komplan.demography import querysets as demography_queries
from komplan.demography.models import PopulationCount, Projection
from komplan.demography.projections import STORED_YEARS
from komplan.demography.services import projections_for
from komplan.demography.structures import GRID, NoReference, structures_for
from komplan.directory.models import Capacity, DemandFigure, Funding, Location, Service
from komplan.surveys.models import Code
from komplan.territory.models import Territory

from . import engine
from .models import CodeMapping, NeedNote, NormSet
from .reference import populations_many

STEP = 5


class NoPopulation(Exception):
    """The municipalities have no population counts (or no reference to estimate ages from)."""


@dataclass
class Gathered:
    base_year: int
    year: int  # the horizon year asked for
    municipalities: list[engine.Municipality]
    supply: list[engine.Supply]
    funding: list[engine.Funding]
    evidence: list[engine.Evidence]
    names: dict[str, str]  # municipality code → name (members and covered outsiders)
    missing: str = ""  # why the horizon is empty, when it is
    unmapped: list[tuple[str, str, int]] = field(default_factory=list)  # (survey, category, answers)
    notes: list[NeedNote] = field(default_factory=list)


def norms_of(norm_set: NormSet) -> list[engine.Norm]:
    rows = norm_set.rows.select_related("service_type", "form", "unit")
    return [
        engine.Norm(
            service_type=row.service_type.code,
            reference=row.reference,
            per_1000=float(row.per_1000),
            unit=row.unit.code,
            form=row.form.code if row.form_id else None,
        )
        for row in rows
    ]


def base_year(territory_ids: list[int]) -> int | None:
    years = demography_queries.count_years(territory_ids)
    return years[-1] if years else None


def horizon_years(base: int) -> list[int]:
    """The years a stored projection holds beyond the base year (every five years)."""
    return [base + k for k in range(STEP, STORED_YEARS + 1, STEP)]


def _now(territories: list[Territory], year: int) -> dict[int, dict[str, float]]:
    ids = [t.pk for t in territories]
    counts = {
        tid: demography_queries.CountRow(year, total, men, women, mean, mean_m, mean_f)
        for tid, total, men, women, mean, mean_m, mean_f in PopulationCount.objects.filter(
            territory_id__in=ids, year=year
        ).values_list("territory_id", "total", "men", "women", "mean_age", "mean_age_men", "mean_age_women")
    }
    try:
        structures = structures_for(ids, year, counts)
    except NoReference:
        raise NoPopulation(_("no national age structure to estimate the ages of municipalities from")) from None
    pops = populations_many(structures.m + structures.f, GRID)
    return {tid: {key: float(values[i]) for key, values in pops.items()} for i, tid in enumerate(ids)}


def _horizon(members: list[Territory], scenario, year: int, base: int) -> tuple[dict[int, dict[str, float]], str]:
    ids = [t.pk for t in members]
    if scenario is None:
        return {}, _("no demographic scenario is available for the process")
    if year not in horizon_years(base):
        return {}, _("there is no projection for %(year)s: choose one of %(years)s") % {
            "year": year,
            "years": ", ".join(map(str, horizon_years(base))),
        }
    stored = Projection.objects.filter(scenario=scenario, step=STEP, territory_id__in=ids, final_year__gte=year)
    if stored.count() < len(ids):
        return {}, _("no population projection for %(year)s under the scenario “%(scenario)s” yet") % {
            "year": year,
            "scenario": scenario.name,
        }
    projected = projections_for(ids, scenario, STEP)
    index = projected.years.index(year)
    pops = populations_many(projected.m[:, index] + projected.f[:, index], projected.ages)
    return {tid: {key: float(values[i]) for key, values in pops.items()} for i, tid in enumerate(ids)}, ""


def _supply(member_ids: list[int]) -> tuple[list[engine.Supply], list[engine.Funding], list[engine.Evidence], set]:
    today = dt.date.today()
    services = dict(
        Service.objects.serving(member_ids)
        .filter(service_type__isnull=False)
        .filter(Q(provided_to__isnull=True) | Q(provided_to__gte=today))
        .values_list("pk", "service_type__code")
    )
    ids = list(services)
    located = defaultdict(list)
    for service_id, code in Location.objects.filter(service_id__in=ids, municipality__isnull=False).values_list(
        "service_id", "municipality__code"
    ):
        located[service_id].append(code)
    covers = defaultdict(list)
    through = Service.area_served.through
    for service_id, code in through.objects.filter(service_id__in=ids).values_list("service_id", "territory__code"):
        covers[service_id].append(code)
    supply = [
        engine.Supply(
            service=str(service_id),
            service_type=services[service_id],
            form=form,
            unit=unit,
            capacity=float(count),
            located=tuple(sorted(located[service_id])),
            covers=tuple(sorted(covers[service_id])),
        )
        for service_id, form, unit, count in Capacity.objects.filter(service_form__service_id__in=ids).values_list(
            "service_form__service_id", "service_form__form__code", "capacity_type__code", "count"
        )
    ]
    funding = [
        engine.Funding(str(service_id), year, source, float(amount))
        for service_id, year, source, amount in Funding.objects.filter(service_id__in=ids).values_list(
            "service_id", "year", "source__code", "amount"
        )
    ]
    evidence = []
    latest = {}
    for service_id, year, waiting, refused in DemandFigure.objects.filter(service_id__in=ids).values_list(
        "service_id", "year", "waiting_list", "refused_capacity"
    ):
        if service_id not in latest or year > latest[service_id][0]:
            latest[service_id] = (year, waiting, refused)
    for service_id, (_year, waiting, refused) in latest.items():
        if waiting:
            evidence.append(engine.Evidence(services[service_id], "waiting_list", waiting))
        if refused:
            evidence.append(engine.Evidence(services[service_id], "refused", refused))
    outside = {code for codes in covers.values() for code in codes}
    return supply, funding, evidence, outside


def _survey_evidence(process) -> tuple[list[engine.Evidence], list[tuple[str, str, int]]]:
    codes = Code.objects.filter(survey__process=process).annotate(n=Count("answers")).select_related("survey")
    mapped = dict(
        CodeMapping.objects.filter(code__survey__process=process).values_list("code_id", "service_type__code")
    )
    evidence, unmapped = [], []
    for code in codes:
        if not code.n:
            continue
        if code.pk in mapped:
            evidence.append(engine.Evidence(mapped[code.pk], "survey", code.n))
        else:
            unmapped.append((code.survey.title, code.label, code.n))
    return evidence, unmapped


def gather(process, members: list[Territory], scenario, year: int | None) -> Gathered:
    """Everything the comparison of ``members`` (municipalities of the process) needs; ``year`` None: base + 10."""
    member_ids = [t.pk for t in members]
    base = base_year(member_ids)
    if base is None:
        raise NoPopulation(_("no population counts are loaded for the municipalities of the area"))
    year = base + 10 if year is None else year
    supply, funding, evidence, covered = _supply(member_ids)
    member_codes = {t.code for t in members}
    outsiders = list(Territory.objects.filter(level="municipality", code__in=covered - member_codes))
    now = _now(members + outsiders, base)
    horizon, missing = _horizon(members, scenario, year, base)
    municipalities = [
        engine.Municipality(t.code, t.name, now[t.pk], horizon.get(t.pk) if horizon else None) for t in members
    ] + [engine.Municipality(t.code, t.name, now[t.pk], None, in_area=False) for t in outsiders]
    survey, unmapped = _survey_evidence(process)
    notes = list(NeedNote.objects.filter(process=process).select_related("service_type", "body"))
    groups = Counter(note.service_type.code for note in notes if note.service_type_id)
    evidence += survey + [engine.Evidence(code, "working_group", n) for code, n in groups.items()]
    return Gathered(
        base_year=base,
        year=year,
        municipalities=municipalities,
        supply=supply,
        funding=funding,
        evidence=evidence,
        names={t.code: t.name for t in members + outsiders},
        missing=missing,
        unmapped=unmapped,
        notes=notes,
    )
