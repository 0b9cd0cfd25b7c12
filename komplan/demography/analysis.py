"""The socio-demographic analysis of a set of municipalities: history, structure, projection, indicators.

``analyse(territories, scenario, horizon)`` gathers everything the page, the API, the downloads and the
generated chapter show, as plain numbers; nothing here renders or writes (projections are stored by
``services.projections_for``). Figures that rest on an estimated age structure carry ``estimated``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from komplan.territory.models import Territory

from . import querysets
from .engine import ages, indicators
from .models import Indicator, Scenario
from .projections import ProjectionUnavailable, base_year_of
from .services import Projected, projections_for
from .structures import GRID, NoReference, reference_structure, structures_for

HORIZONS = (5, 10, 15, 20, 25, 30)
DEFAULT_HORIZON = 15
# Indicators of the table per municipality and of the area (keys of engine.indicators.compute).
TABLE_KEYS = (
    "total",
    "men",
    "women",
    "age_0_14",
    "age_65_plus",
    "age_80_plus",
    "share_0_14",
    "share_65_plus",
    "share_80_plus",
    "ageing_index",
    "old_age_dependency",
    "total_dependency",
    "mean_age",
)


@dataclass
class TerritoryFigures:
    """One municipality, or the sum of several (the planning area)."""

    code: str
    name: str
    population: int  # counted, 1 January of the base year
    men: int  # counted
    women: int  # counted
    first_population: int | None  # counted, the first year of the history
    change_10y: float | None  # % change of the counted population over the last ten years
    observed: dict[str, float]  # indicators of the base year (structure possibly estimated)
    projected: dict[int, dict[str, float]]  # year → indicators of the projection
    estimated: bool  # the base structure (and all shares of it) is an estimate
    annual_migration: float  # net migrants a year assumed by the projection
    unemployment: float | None = None  # share of unemployed persons (%), latest year loaded


@dataclass
class Series:
    """A yearly series: observed years (estimated structures) and projected years."""

    years: list[int]
    values: dict[str, list[float]]  # key → value per year
    projected_from: int  # index of the first projected year


@dataclass
class RegionFigures:
    """Registered vital statistics of the kraj the area lies in (ČSÚ VDB), for context: the latest year loaded."""

    name: str
    year: int
    population: float | None
    births: float | None
    deaths: float | None
    net_migration: float | None


@dataclass
class Analysis:
    base_year: int
    horizon_year: int
    scenario: Scenario
    area: TerritoryFigures
    municipalities: list[TerritoryFigures]
    history_years: list[int]
    history_totals: list[int]  # counted population of the area per history year
    series: Series  # 65+, 80+, 0–14 and total of the area: observed and projected
    pyramid_base: tuple[np.ndarray, np.ndarray]  # men, women by 5-year group, base year
    pyramid_horizon: tuple[np.ndarray, np.ndarray]  # at the horizon
    any_estimated: bool
    migration_years: tuple[int, ...]
    unemployment_year: int | None
    region: RegionFigures | None = None
    notes: list[str] = field(default_factory=list)


def _indicator_values(m: np.ndarray, f: np.ndarray) -> dict[str, float]:
    values = indicators.compute(m, f, GRID)
    return {key: float(values[key]) for key in TABLE_KEYS}


def _projected_figures(projected: Projected, index: int | None, horizon_year: int) -> dict[int, dict[str, float]]:
    """Indicators at every projected 5-year point up to the horizon (index None: the sum of all), with the
    births, deaths and net migration of the five years that lead to it."""
    m, f = projected.total() if index is None else (projected.m[index], projected.f[index])
    rows = slice(None) if index is None else slice(index, index + 1)
    result = {}
    for j, year in enumerate(projected.years):
        if j and year <= horizon_year:
            values = _indicator_values(
                ages.regroup(m[j], projected.ages, GRID), ages.regroup(f[j], projected.ages, GRID)
            )
            values["births"] = float(projected.births[rows, j - 1].sum())
            values["deaths"] = float(projected.deaths[rows, j - 1].sum())
            values["net_migration"] = float(projected.migration[rows, j - 1].sum())
            result[year] = values
    return result


def _history(territory_ids: list[int]) -> tuple[list[int], dict]:
    history = querysets.population_history(territory_ids)
    years = sorted({year for rows in history.values() for year in rows})
    return years, history


def _change(history: dict, territory_ids: list[int], base_year: int, years_back: int) -> float | None:
    before = base_year - years_back
    if not all(before in history.get(tid, {}) and base_year in history.get(tid, {}) for tid in territory_ids):
        return None
    old = sum(history[tid][before].total for tid in territory_ids)
    new = sum(history[tid][base_year].total for tid in territory_ids)
    return 100.0 * (new - old) / old if old else None


def _observed_series(territory_ids: list[int], history: dict, years: list[int]) -> dict[str, list[float]]:
    """Area totals of age groups per history year, from each year's (mostly estimated) structures."""
    result: dict[str, list[float]] = {key: [] for key in ("total", "age_0_14", "age_65_plus", "age_80_plus")}
    for year in years:
        counts = {tid: history[tid][year] for tid in territory_ids if year in history.get(tid, {})}
        complete = len(counts) == len(territory_ids)
        try:
            structures = structures_for(territory_ids, year, counts, reference=reference_structure(year))
        except NoReference:
            complete = False
        for key in result:
            if complete:
                values = indicators.compute(structures.m.sum(axis=0), structures.f.sum(axis=0), GRID)
                result[key].append(float(values[key]))
            else:  # a municipality without figures that year (e.g. founded later): no comparable sum
                result[key].append(float("nan"))
    return result


def _unemployment(territory_ids: list[int], base_m, base_f) -> tuple[int | None, dict[int, float], float | None]:
    """Latest unemployment shares per municipality and the area's, weighted by people aged 15–64."""
    observations = querysets.observations(territory_ids, [Indicator.UNEMPLOYMENT_SHARE])
    years = {y for per in observations.values() for y in per.get(Indicator.UNEMPLOYMENT_SHARE, {})}
    if not years:
        return None, {}, None
    year = max(years)
    shares = {
        tid: per[Indicator.UNEMPLOYMENT_SHARE][year]
        for tid, per in observations.items()
        if year in per.get(Indicator.UNEMPLOYMENT_SHARE, {})
    }
    working = indicators.compute(base_m, base_f, GRID)["age_15_64"]
    weights = np.array([working[i] if tid in shares else 0.0 for i, tid in enumerate(territory_ids)])
    values = np.array([shares.get(tid, 0.0) for tid in territory_ids])
    area = float((weights * values).sum() / weights.sum()) if weights.sum() else None
    return year, shares, area


def _region(territories: list[Territory]) -> RegionFigures | None:
    kraj_ids = {t.kraj_id for t in territories}
    if len(kraj_ids) != 1 or None in kraj_ids:
        return None
    kraj_id = kraj_ids.pop()
    keys = [Indicator.POPULATION_END, Indicator.LIVE_BIRTHS, Indicator.DEATHS, Indicator.NET_MIGRATION]
    values = querysets.observations([kraj_id], keys).get(kraj_id, {})
    years = set(values.get(Indicator.LIVE_BIRTHS, {}))
    if not years:
        return None
    year = max(years)
    return RegionFigures(
        name=Territory.objects.get(pk=kraj_id).name,
        year=year,
        population=values.get(Indicator.POPULATION_END, {}).get(year),
        births=values.get(Indicator.LIVE_BIRTHS, {}).get(year),
        deaths=values.get(Indicator.DEATHS, {}).get(year),
        net_migration=values.get(Indicator.NET_MIGRATION, {}).get(year),
    )


def analyse(territories: list[Territory], scenario: Scenario, horizon: int = DEFAULT_HORIZON) -> Analysis:
    """The analysis of the municipalities ``territories`` (in display order) under ``scenario``."""
    territory_ids = [t.pk for t in territories]
    base_year = base_year_of(territory_ids)
    years, history = _history(territory_ids)
    missing = [t.name for t in territories if base_year not in history.get(t.pk, {})]
    if missing:
        message = _("no population counts for %(year)s: %(names)s")
        raise ProjectionUnavailable(message % {"year": base_year, "names": ", ".join(missing)})
    projected = projections_for(territory_ids, scenario)
    horizon_year = base_year + horizon
    base_m = ages.regroup(projected.m[:, 0], projected.ages, GRID)
    base_f = ages.regroup(projected.f[:, 0], projected.ages, GRID)
    unemployment_year, unemployment, area_unemployment = _unemployment(territory_ids, base_m, base_f)

    rows = []
    for i, territory in enumerate(territories):
        own = history[territory.pk]
        rows.append(
            TerritoryFigures(
                code=territory.code,
                name=territory.name,
                population=own[base_year].total,
                men=own[base_year].men,
                women=own[base_year].women,
                first_population=own[years[0]].total if years[0] in own else None,
                change_10y=_change(history, [territory.pk], base_year, 10),
                observed=_indicator_values(base_m[i], base_f[i]),
                projected=_projected_figures(projected, i, horizon_year),
                estimated=bool(projected.estimated[i]),
                annual_migration=float(projected.annual_migration[i]),
                unemployment=unemployment.get(territory.pk),
            )
        )
    area = TerritoryFigures(
        code="",
        name="",
        population=sum(row.population for row in rows),
        men=sum(row.men for row in rows),
        women=sum(row.women for row in rows),
        first_population=sum(history[tid][years[0]].total for tid in territory_ids)
        if all(years[0] in history[tid] for tid in territory_ids)
        else None,
        change_10y=_change(history, territory_ids, base_year, 10),
        observed=_indicator_values(base_m.sum(axis=0), base_f.sum(axis=0)),
        projected=_projected_figures(projected, None, horizon_year),
        estimated=bool(projected.estimated.any()),
        annual_migration=float(projected.annual_migration.sum()),
        unemployment=area_unemployment,
    )
    observed = _observed_series(territory_ids, history, years)
    projected_years = [year for year in projected.years[1:] if year <= horizon_year]
    series_values = {key: observed[key] + [area.projected[year][key] for year in projected_years] for key in observed}
    horizon_index = projected.years.index(max(projected_years)) if projected_years else 0
    total_m, total_f = projected.total()
    return Analysis(
        base_year=base_year,
        horizon_year=max(projected_years) if projected_years else base_year,
        scenario=scenario,
        area=area,
        municipalities=rows,
        history_years=years,
        history_totals=[
            sum(history[tid][year].total for tid in territory_ids if year in history[tid]) for year in years
        ],
        series=Series(years + projected_years, series_values, len(years)),
        pyramid_base=(base_m.sum(axis=0), base_f.sum(axis=0)),
        pyramid_horizon=(
            ages.regroup(total_m[horizon_index], projected.ages, GRID),
            ages.regroup(total_f[horizon_index], projected.ages, GRID),
        ),
        any_estimated=bool(projected.estimated.any()),
        migration_years=projected.migration_years,
        unemployment_year=unemployment_year,
        region=_region(territories),
    )
