"""Projections of municipalities under a scenario: the inputs gathered from the database, the engine run.

- base: the latest 1 January with population counts; the counted age structure where imported, else estimated;
- rates: the scenario's rate set (UN WPP) with its assumptions (fertility, mortality and migration changes);
- migration: each municipality's own net migration, implied by its observed population 2004–2024 minus the
  estimated natural change (calibrated to the registered births and deaths of its kraj where those VDB figures
  are loaded), spread over age and sex by the national pattern of net migration; or, for a scenario without
  local migration, the national net migration shared out in proportion to population.

Results are the same whichever set of municipalities is projected together (calibration always uses whole
krajs), so each municipality's result is stored on its own and sums (ORP, planning area, kraj, state) are
added up from them. ``fingerprints`` summarise each municipality's inputs; ``services.projections_for``
recomputes only municipalities whose fingerprint changed. Method: docs/demography.md.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from komplan.territory.models import Level, Territory

from . import querysets
from .engine import ages, ccmp, migration, rates
from .models import AgeCount, Indicator, Observation, Scenario
from .structures import GRID, reference_structure, structures_for

# Bump when a change of the engine or of this module changes results: stored projections are then redone.
ENGINE_VERSION = "1"
STORED_YEARS = 30  # stored projections reach 30 years ahead; shorter horizons are cut from them
MAX_HORIZON = 50


class ProjectionUnavailable(Exception):
    """The inputs a projection needs are missing (no population counts or no rate set)."""


def assumptions_of(scenario: Scenario) -> rates.Assumptions:
    return rates.Assumptions(
        fertility_shift=scenario.fertility_shift,
        mortality_factor=scenario.mortality_factor,
        migration_factor=scenario.migration_factor,
    )


def municipalities_in(territory: Territory) -> list[int]:
    """Ids of the municipalities a territory stands for (itself for a municipality), ascending."""
    municipalities = Territory.objects.municipalities()
    if territory.level == Level.MUNICIPALITY:
        return [territory.pk]
    if territory.level != Level.COUNTRY:  # kraj, okres, orp and pou are parent fields of a municipality
        municipalities = municipalities.filter(**{territory.level: territory})
    return list(municipalities.order_by("pk").values_list("pk", flat=True))


def base_year_of(territory_ids: list[int]) -> int:
    years = querysets.count_years(territory_ids)
    if not years:
        raise ProjectionUnavailable(_("no population counts are loaded for these municipalities"))
    return years[-1]


# --- fingerprints ----------------------------------------------------------------------------------


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _shared_inputs(scenario: Scenario, step: int) -> dict:
    """Inputs every municipality shares: engine, scenario, rates, national ages and the VDB figures."""
    state_ages = AgeCount.objects.filter(territory__level=Level.COUNTRY).aggregate(n=Count("id"), last=Max("id"))
    registered = Observation.objects.filter(
        territory__level=Level.KRAJ, indicator__in=[Indicator.LIVE_BIRTHS, Indicator.DEATHS]
    ).aggregate(n=Count("id"), last=Max("id"))
    return {
        "engine": ENGINE_VERSION,
        "step": step,
        "scenario": [
            scenario.fertility_shift,
            scenario.mortality_factor,
            scenario.migration_factor,
            scenario.local_migration,
        ],
        "rate_set": [scenario.rate_set.code, scenario.rate_set.updated_at],
        "state_ages": state_ages,
        "registered": registered,
    }


def fingerprints(territory_ids: list[int], scenario: Scenario, step: int) -> dict[int, str]:
    """A digest of each municipality's inputs: its population history and imported ages plus the shared inputs.

    A municipality's migration also depends on its kraj's other municipalities only through the kraj's
    calibration, which uses registered totals (in the shared inputs); so its own rows suffice.
    """
    shared = _digest(_shared_inputs(scenario, step))
    history = querysets.population_history(territory_ids)
    imported = dict(
        AgeCount.objects.filter(territory_id__in=territory_ids)
        .values("territory_id")
        .annotate(last=Max("id"))
        .values_list("territory_id", "last")
    )
    result = {}
    for territory_id in territory_ids:
        rows = sorted(history.get(territory_id, {}).values(), key=lambda row: row.year)
        result[territory_id] = _digest([shared, [list(vars(row).values()) for row in rows], imported.get(territory_id)])
    return result


# --- inputs ----------------------------------------------------------------------------------------


def _history_arrays(territory_ids: list[int], history: dict, years: list[int]):
    """Totals (n × Y) and structures (n × Y × ages) of the municipalities on 1 January of each year; NaN if absent."""
    n = len(territory_ids)
    totals = np.full((n, len(years)), np.nan)
    m = np.full((n, len(years), len(GRID)), np.nan)
    f = np.full_like(m, np.nan)
    for j, year in enumerate(years):
        counts = {tid: history[tid][year] for tid in territory_ids if year in history.get(tid, {})}
        if not counts:
            continue
        structures = structures_for(territory_ids, year, counts, reference=reference_structure(year))
        present = ~structures.missing
        totals[present, j] = np.array([counts[tid].total for tid in np.array(territory_ids)[present]], dtype=float)
        m[present, j], f[present, j] = structures.m[present], structures.f[present]
    return totals, m, f


def _registered(kraj_ids: list[int], indicator: str, years: list[int]) -> np.ndarray:
    values = querysets.observations(kraj_ids, [indicator])
    result = np.full((len(kraj_ids), len(years)), np.nan)
    for i, kraj_id in enumerate(kraj_ids):
        series = values.get(kraj_id, {}).get(indicator, {})
        for j, year in enumerate(years):
            result[i, j] = series.get(year, np.nan)
    return result


@dataclass(frozen=True)
class LocalMigration:
    """Average annual net migrants of each requested municipality and the calendar years averaged."""

    annual: np.ndarray
    rate: np.ndarray  # per 1,000 person-years
    years: tuple[int, ...]
    calibrated: bool


def local_migration(payload: dict, territory_ids: list[int], base_year: int) -> LocalMigration:
    """Net migration implied by each municipality's population history (see the module docstring).

    Natural change is calibrated per kraj, so it is estimated for every municipality of the krajs involved;
    the average is returned for ``territory_ids`` in their order.
    """
    kraj_of = dict(Territory.objects.municipalities().values_list("pk", "kraj_id"))
    kraj_ids = sorted({kraj_of[tid] for tid in territory_ids if kraj_of.get(tid)})
    everyone = sorted({tid for tid, kraj in kraj_of.items() if kraj in kraj_ids} | set(territory_ids))
    history = querysets.population_history(everyone)
    years = sorted({year for rows in history.values() for year in rows if year <= base_year})
    if len(years) < 2:
        nothing = np.zeros(len(territory_ids))
        return LocalMigration(nothing, nothing, (), False)
    totals, m, f = _history_arrays(everyone, history, years)
    implied = migration.implied_net_migration(totals, m, f, migration.rates_from_payload(payload, years[:-1], GRID))
    births = _registered(kraj_ids, Indicator.LIVE_BIRTHS, years[:-1])
    deaths = _registered(kraj_ids, Indicator.DEATHS, years[:-1])
    calibrated = bool(kraj_ids) and bool(np.isfinite(births).any())
    if calibrated:
        area = np.array([kraj_ids.index(kraj_of[tid]) if kraj_of.get(tid) in kraj_ids else 0 for tid in everyone])
        implied = migration.calibrate(implied, totals, area, births, deaths)
    average = migration.average_net_migration(implied, years[:-1])
    rows = [everyone.index(tid) for tid in territory_ids]
    return LocalMigration(average.annual[rows], average.rate[rows], average.years, calibrated)


def _pattern(table: rates.RateTable, base_year: int) -> np.ndarray:
    """(2, 21) age–sex shares of net migration: the rate set's own national pattern, else Rogers–Castro."""
    if table.migration_age is not None:
        for period in table.periods:
            if period[0] <= base_year < period[1]:
                try:
                    return rates.migration_pattern(table, (int(period[0]), int(period[1])))
                except rates.InvalidAssumptions:
                    break
    return rates.rogers_castro_pattern()


@dataclass(frozen=True)
class Run:
    """A projection of municipalities: the engine's result plus what the pages need to explain it."""

    territory_ids: list[int]
    result: ccmp.ProjectionResult
    estimated: np.ndarray  # bool per municipality: the base age structure is an estimate
    annual_migration: np.ndarray  # net migrants a year assumed per municipality
    migration_years: tuple[int, ...]
    calibrated: bool


def project_municipalities(
    territory_ids: list[int], scenario: Scenario, step: int = 5, years_ahead: int = STORED_YEARS
) -> Run:
    """Project the municipalities (all with counts in the latest year) ``years_ahead`` years ahead."""
    if not territory_ids:
        raise ProjectionUnavailable(_("no municipalities to project"))
    base_year = base_year_of(territory_ids)
    history = querysets.population_history(territory_ids)
    counts = {tid: rows[base_year] for tid, rows in history.items() if base_year in rows}
    missing = [tid for tid in territory_ids if tid not in counts]
    if missing:
        message = ngettext(
            "%(count)s municipality has no population count for %(year)s",
            "%(count)s municipalities have no population counts for %(year)s",
            len(missing),
        )
        raise ProjectionUnavailable(message % {"count": len(missing), "year": base_year})
    base = structures_for(territory_ids, base_year, counts)
    table = rates.RateTable.from_payload(scenario.rate_set.payload)
    pattern = _pattern(table, base_year)
    step_rates = rates.step_rates(
        table, base_year, step, years_ahead // step, assumptions_of(scenario), migration_shares=pattern
    )
    grid = step_rates.ages
    base_m, base_f = ages.regroup(base.m, GRID, grid), ages.regroup(base.f, GRID, grid)
    n_steps = step_rates.n_steps
    if scenario.local_migration:
        local = local_migration(scenario.rate_set.payload, territory_ids, base_year)
        annual = local.annual * scenario.migration_factor
        mig_m, mig_f = migration.distribute(
            annual, ages.regroup(pattern[0], GRID, grid), ages.regroup(pattern[1], GRID, grid), n_steps, step
        )
        years, calibrated = local.years, local.calibrated
    else:
        national_total = querysets.national_population(base_year)
        share = np.array([counts[tid].total for tid in territory_ids], dtype=float) / national_total
        mig_m = share[:, None, None] * step_rates.migration_m[None]
        mig_f = share[:, None, None] * step_rates.migration_f[None]
        annual = (mig_m.sum(axis=(1, 2)) + mig_f.sum(axis=(1, 2))) / (n_steps * step)
        years, calibrated = (), False
    result = ccmp.project(base_m, base_f, step_rates, mig_m, mig_f)
    return Run(list(territory_ids), result, base.estimated, annual, years, calibrated)
