"""Population, projections and socio-demographic indicators (issue: socio-demographic analysis).

- ``GET /territories/{code}/population?year=``: counts, age structure by sex and 5-year group, indicators;
- ``GET /territories/{code}/projection?scenario=&horizon=``: the projection by year, sex and age group; own
  assumptions with ``fertility_shift``, ``mortality_factor``, ``migration_factor`` (not stored);
- ``GET /processes/{slug}/demography?scenario=&horizon=``: indicators of the planning area and each municipality.

A territory above the municipality is the sum of its municipalities. Age structures that are estimates (ČSÚ
publishes only totals, men, women and mean ages per municipality) say so in ``estimated``.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import HttpError

from komplan.demography import querysets
from komplan.demography.analysis import Analysis, TerritoryFigures, analyse
from komplan.demography.assumptions import lowest_future_tfr, problems
from komplan.demography.engine import ages, indicators
from komplan.demography.engine.rates import InvalidAssumptions
from komplan.demography.models import Scenario
from komplan.demography.projections import MAX_HORIZON, STORED_YEARS, ProjectionUnavailable, municipalities_in
from komplan.demography.services import projections_for
from komplan.demography.structures import GRID, NoReference, structures_for
from komplan.territory.models import Territory

from .processes import visible_processes
from .schemas import AmbiguousCodeOut, ErrorOut, LevelName

territory_router = Router(tags=["demography"])
process_router = Router(tags=["demography"])


class AgeGroupOut(Schema):
    age_from: int
    age_to: int | None
    men: float
    women: float


class PopulationOut(Schema):
    code: str
    level: str
    name: str
    year: int
    total: int
    men: int
    women: int
    mean_age_men: float | None
    mean_age_women: float | None
    municipality_count: int
    estimated: bool
    ages: list[AgeGroupOut]
    indicators: dict[str, float | None]
    years_available: list[int]


class ProjectionYearOut(Schema):
    year: int
    total: float
    ages: list[AgeGroupOut]
    indicators: dict[str, float | None]


class ScenarioOut(Schema):
    code: str
    name: str
    rate_set: str
    fertility_shift: float
    mortality_factor: float
    migration_factor: float
    local_migration: bool


class ProjectionOut(Schema):
    code: str
    level: str
    name: str
    scenario: ScenarioOut
    base_year: int
    horizon_year: int
    step: int
    base_estimated: bool
    annual_net_migration: float
    years: list[ProjectionYearOut]


class FiguresOut(Schema):
    code: str
    name: str
    population: int
    change_10y_pct: float | None
    estimated: bool
    annual_net_migration: float
    unemployment_share: float | None
    indicators: dict[str, float | None]
    projected: dict[int, dict[str, float | None]]


class DemographyOut(Schema):
    process: str
    base_year: int
    horizon_year: int
    scenario: ScenarioOut
    area: FiguresOut
    municipalities: list[FiguresOut]


def _clean(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else round(value, 3)


def _territory(code: str, level: str | None) -> Territory:
    try:
        return Territory.objects.by_code(code, level)  # AmbiguousTerritoryCode → the API-wide 400 handler
    except Territory.DoesNotExist:
        raise HttpError(404, gettext("No territory has the code %(code)s.") % {"code": code}) from None


def _ages(groups, m, f) -> list[dict]:
    return [
        {"age_from": start, "age_to": stop, "men": round(float(m[i]), 3), "women": round(float(f[i]), 3)}
        for i, (start, stop) in enumerate(groups)
    ]


def _indicators(m, f) -> dict[str, float | None]:
    return {key: _clean(value) for key, value in indicators.compute(m, f, GRID).items()}


@territory_router.get(
    "/{code}/population",
    response={200: PopulationOut, 400: AmbiguousCodeOut | ErrorOut, 404: ErrorOut},
    summary="Population of a territory by sex and age on 1 January",
    url_name="territory_population",
)
def territory_population(request, code: str, year: int | None = None, level: LevelName | None = None):
    """Counted totals and the age structure (counted where imported, else estimated: see ``estimated``)."""
    territory = _territory(code, level)
    ids = municipalities_in(territory)
    years = querysets.count_years(ids)
    if not years:
        raise HttpError(404, gettext("No population figures are loaded for %(name)s.") % {"name": territory.name})
    year = years[-1] if year is None else year
    history = querysets.population_history(ids)
    counts = {tid: rows[year] for tid, rows in history.items() if year in rows}
    if len(counts) < len(ids):
        message = gettext("Population figures for %(year)s are not loaded for %(name)s; available years: %(years)s.")
        raise HttpError(400, message % {"year": year, "name": territory.name, "years": ", ".join(map(str, years))})
    try:
        structures = structures_for(ids, year, counts)
    except NoReference:
        raise HttpError(404, gettext("No national age structure is loaded to estimate from.")) from None
    m, f = structures.m.sum(axis=0), structures.f.sum(axis=0)
    rows = list(counts.values())
    one = rows[0] if len(rows) == 1 else None
    return {
        "code": territory.code,
        "level": territory.level,
        "name": territory.name,
        "year": year,
        "total": sum(r.total for r in rows),
        "men": sum(r.men for r in rows),
        "women": sum(r.women for r in rows),
        "mean_age_men": one.mean_age_men if one else _clean(indicators.compute(m, 0 * f, GRID)["mean_age"]),
        "mean_age_women": one.mean_age_women if one else _clean(indicators.compute(0 * m, f, GRID)["mean_age"]),
        "municipality_count": len(ids),
        "estimated": bool(structures.estimated.any()),
        "ages": _ages(GRID, m, f),
        "indicators": _indicators(m, f),
        "years_available": years,
    }


def _scenario(code: str, fertility_shift, mortality_factor, migration_factor, process=None) -> Scenario:
    scenarios = querysets.scenarios_for(process)
    scenario = next((s for s in scenarios if s.code == code), None)
    if scenario is None:
        offered = ", ".join(s.code for s in scenarios) or "–"
        message = gettext("Unknown scenario “%(code)s”; use one of: %(offered)s.")
        raise HttpError(400 if scenarios else 404, message % {"code": code, "offered": offered})
    custom = {
        key: value
        for key, value in (
            ("fertility_shift", fertility_shift),
            ("mortality_factor", mortality_factor),
            ("migration_factor", migration_factor),
        )
        if value is not None
    }
    if custom:
        values = {
            "fertility_shift": scenario.fertility_shift,
            "mortality_factor": scenario.mortality_factor,
            "migration_factor": scenario.migration_factor,
            **custom,
        }
        found = problems(**values, lowest_tfr=lowest_future_tfr(scenario.rate_set.payload))
        if found:
            reasons = "; ".join(f"{field}: {reason}" for field, reason in found.items())
            raise HttpError(400, gettext("Impossible assumptions: %(reason)s") % {"reason": reasons})
        scenario = Scenario(
            code="custom",
            name=gettext("own assumptions"),
            kind="custom",
            rate_set=scenario.rate_set,
            local_migration=scenario.local_migration,
            **values,
        )
    return scenario


def _horizon(horizon: int | None, step: int) -> int:
    horizon = 15 if horizon is None else horizon
    if not 1 <= horizon <= MAX_HORIZON:
        message = gettext("The horizon must be 1 to %(max)s years; %(horizon)s was asked for.")
        raise HttpError(400, message % {"max": MAX_HORIZON, "horizon": horizon})
    if horizon % step:
        raise HttpError(400, gettext("With steps of 5 years the horizon must be a multiple of 5; use step=1."))
    return horizon


def _scenario_out(scenario: Scenario) -> dict:
    return {
        "code": scenario.code,
        "name": str(scenario.display_name),
        "rate_set": scenario.rate_set.name,
        "fertility_shift": scenario.fertility_shift,
        "mortality_factor": scenario.mortality_factor,
        "migration_factor": scenario.migration_factor,
        "local_migration": scenario.local_migration,
    }


@territory_router.get(
    "/{code}/projection",
    response={200: ProjectionOut, 400: AmbiguousCodeOut | ErrorOut, 404: ErrorOut},
    summary="Population projection of a territory by year, sex and age group",
    url_name="territory_projection",
)
def territory_projection(
    request,
    code: str,
    scenario: str = "medium",
    horizon: int | None = None,
    step: int = 5,
    fertility_shift: float | None = None,
    mortality_factor: float | None = None,
    migration_factor: float | None = None,
    level: LevelName | None = None,
):
    """Cohort-component projection (years ahead ``horizon`` ≤ 50, ``step`` 5 or 1). Own assumptions are not stored."""
    if step not in (1, 5):
        raise HttpError(400, gettext("The step must be 1 or 5 years."))
    horizon = _horizon(horizon, step)
    territory = _territory(code, level)
    chosen = _scenario(scenario, fertility_shift, mortality_factor, migration_factor)
    if horizon > STORED_YEARS and chosen.pk is not None:
        chosen.pk = None  # beyond the stored 30 years: computed for this request only
    try:
        projected = projections_for(municipalities_in(territory), chosen, step, years=max(horizon, STORED_YEARS))
    except (ProjectionUnavailable, NoReference) as exc:
        raise HttpError(404, gettext("No projection is possible: %(reason)s.") % {"reason": exc}) from None
    except InvalidAssumptions as exc:
        raise HttpError(400, gettext("Impossible assumptions: %(reason)s.") % {"reason": exc}) from None
    m, f = projected.total()
    base_year = projected.years[0]
    years = []
    for j, year in enumerate(projected.years):
        if year > base_year + horizon:
            break
        m5, f5 = ages.regroup(m[j], projected.ages, GRID), ages.regroup(f[j], projected.ages, GRID)
        years.append(
            {
                "year": year,
                "total": round(float(m[j].sum() + f[j].sum()), 3),
                "ages": _ages(projected.ages, m[j], f[j]),
                "indicators": _indicators(m5, f5),
            }
        )
    return {
        "code": territory.code,
        "level": territory.level,
        "name": territory.name,
        "scenario": _scenario_out(chosen),
        "base_year": base_year,
        "horizon_year": base_year + horizon,
        "step": step,
        "base_estimated": bool(projected.estimated.any()),
        "annual_net_migration": round(float(projected.annual_migration.sum()), 3),
        "years": years,
    }


def _figures(row: TerritoryFigures) -> dict:
    return {
        "code": row.code,
        "name": row.name,
        "population": row.population,
        "change_10y_pct": _clean(row.change_10y),
        "estimated": row.estimated,
        "annual_net_migration": round(row.annual_migration, 3),
        "unemployment_share": _clean(row.unemployment),
        "indicators": {key: _clean(value) for key, value in row.observed.items()},
        "projected": {year: {k: _clean(v) for k, v in values.items()} for year, values in row.projected.items()},
    }


@process_router.get(
    "/{slug}/demography",
    response={200: DemographyOut, 400: ErrorOut, 404: ErrorOut},
    summary="Socio-demographic indicators of a planning area and its municipalities",
    url_name="process_demography",
)
def process_demography(request, slug: str, scenario: str = "medium", horizon: int | None = None):
    """Indicators now and projected every 5 years to the horizon (5–30 years) for the area and each municipality."""
    process = visible_processes(request).filter(slug=slug).first()
    if process is None:
        raise HttpError(404, gettext("No planning process has the address “%(slug)s”.") % {"slug": slug})
    horizon = _horizon(horizon, 5)
    if horizon > STORED_YEARS:
        raise HttpError(400, gettext("The horizon of the analysis is at most %(max)s years.") % {"max": STORED_YEARS})
    chosen = _scenario(scenario, None, None, None, process)
    area = sorted(process.municipalities.all(), key=lambda t: t.name)
    try:
        result: Analysis = analyse(area, chosen, horizon)
    except (ProjectionUnavailable, NoReference) as exc:
        raise HttpError(404, gettext("No analysis is possible: %(reason)s.") % {"reason": exc}) from None
    area_figures = _figures(result.area)
    area_figures["name"] = process.name
    return {
        "process": process.slug,
        "base_year": result.base_year,
        "horizon_year": result.horizon_year,
        "scenario": _scenario_out(chosen),
        "area": area_figures,
        "municipalities": [_figures(row) for row in result.municipalities],
    }
