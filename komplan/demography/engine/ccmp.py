"""The cohort-component projection by sex and age, vectorised over territories (axis 0).

One step of n years (n = 5 on the 5-year grid, n = 1 on the single-year grid), as in the UN's WPP projections
(Preston, Heuveline & Guillot 2001, ch. 6; bayesPop's ``MigCode 0``, "migration evenly over the interval"):

1. half of the step's net migrants M(a) join their age group at the start of the step and are exposed to
   its mortality: S(a) = P(a) + M(a)/2;
2. survivors move one group up: P'(a + 1) = S(a) · s(a); the open group keeps its own survivors too:
   P'(last) = S(last − 1) · s(last − 1) + S(last) · s(last);
3. the other half arrives at the end of the step, in the age group it is counted in: P'(a) += M(a)/2;
4. births B = n · Σ ASFR(a) · (W(a) + W'(a)) / 2 over the women at the start (W) and at the end (W', after
   migration); boys B·SRB/(1 + SRB), girls B/(1 + SRB); the first group is the surviving births plus half
   of its migrants: P'(0) = B_x · s_birth + M(0)/2.

Where net out-migration is larger than the people it leaves from, the group is set to zero instead of going
negative (the migration actually applied is then smaller; ``ProjectionResult.migration`` reports it).
Deaths are those of step 2 and of the births: Σ S(a) · (1 − s(a)) + B_x · (1 − s_birth).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .ages import FIVE_YEAR, AgeGroup, regroup
from .rates import Assumptions, BasePopulation, InvalidAssumptions, RateTable, StepRates, step_rates


@dataclass(frozen=True)
class ProjectionResult:
    """``m``/``f``: persons (territory × year × age), year 0 is the base; flows are per step (territory × step)."""

    years: list[int]
    ages: tuple[AgeGroup, ...]
    m: np.ndarray
    f: np.ndarray
    births: np.ndarray
    deaths: np.ndarray
    migration: np.ndarray  # net migrants actually applied (after the no-negative-population rule)

    @property
    def total(self) -> np.ndarray:
        """(territory × year) population of both sexes."""
        return self.m.sum(axis=-1) + self.f.sum(axis=-1)


def _as_base(values, n_ages: int, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim == 1:
        array = array[np.newaxis, :]
    if array.ndim != 2 or array.shape[1] != n_ages:
        raise ValueError(f"{name} must be (territories × {n_ages} ages)")
    if not np.all(np.isfinite(array)) or np.any(array < 0):
        raise ValueError(f"{name} must hold finite, non-negative counts")
    return array


def _as_migration(values, shape: tuple[int, int, int], name: str) -> np.ndarray:
    if values is None:
        return np.zeros(shape)
    array = np.asarray(values, dtype=float)
    try:
        array = np.broadcast_to(array, shape)
    except ValueError:
        raise ValueError(f"{name} must be (territories × {shape[1]} steps × {shape[2]} ages)") from None
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite counts")
    return array


def _survive(start: np.ndarray, survival: np.ndarray) -> np.ndarray:
    """Everyone one group up after the step; the open group also keeps its own survivors."""
    moved = np.zeros_like(start)
    moved[:, 1:] = start[:, :-1] * survival[:-1]
    moved[:, -1] += start[:, -1] * survival[-1]
    return moved


def _step_sex(population: np.ndarray, migration: np.ndarray, survival: np.ndarray):
    """Population at the end of the step without the first group's births, and the deaths of those alive at
    the start (including the early half of the migrants)."""
    exposed = np.maximum(population + migration / 2, 0.0)
    end = _survive(exposed, survival)
    end[:, 1:] += migration[:, 1:] / 2
    np.maximum(end, 0.0, out=end)
    deaths = (exposed * (1 - survival)).sum(axis=1)
    return end, deaths


def project(base_m, base_f, step_rates: StepRates, migration_m=None, migration_f=None) -> ProjectionResult:
    """Project (territories × ages) base populations through every step of ``step_rates``.

    ``migration_m``/``migration_f``: net migrants per step, (territories × steps × ages) or anything that
    broadcasts to it (e.g. ``step_rates.migration_m`` for one national population); None means no migration.
    """
    rates = step_rates
    n_ages, n_steps = len(rates.ages), rates.n_steps
    base_m, base_f = _as_base(base_m, n_ages, "base_m"), _as_base(base_f, n_ages, "base_f")
    if base_m.shape != base_f.shape:
        raise ValueError("base_m and base_f must have the same shape")
    n_territories = base_m.shape[0]
    shape = (n_territories, n_steps, n_ages)
    mig_m, mig_f = _as_migration(migration_m, shape, "migration_m"), _as_migration(migration_f, shape, "migration_f")

    m = np.empty((n_territories, n_steps + 1, n_ages))
    f = np.empty_like(m)
    m[:, 0], f[:, 0] = base_m, base_f
    births, deaths, applied = (np.empty((n_territories, n_steps)) for _ in range(3))
    for k in range(n_steps):
        end_m, deaths_m = _step_sex(m[:, k], mig_m[:, k], rates.survival_m[k])
        end_f, deaths_f = _step_sex(f[:, k], mig_f[:, k], rates.survival_f[k])
        # the first group holds no mothers, so the end-of-step women are complete for the births
        born = rates.step * (rates.asfr[k] * (f[:, k] + end_f) / 2).sum(axis=1)
        boys = born * rates.srb[k] / (1 + rates.srb[k])
        girls = born - boys
        end_m[:, 0] = boys * rates.birth_survival_m[k] + mig_m[:, k, 0] / 2
        end_f[:, 0] = girls * rates.birth_survival_f[k] + mig_f[:, k, 0] / 2
        end_m[:, 0], end_f[:, 0] = np.maximum(end_m[:, 0], 0.0), np.maximum(end_f[:, 0], 0.0)
        m[:, k + 1], f[:, k + 1] = end_m, end_f
        births[:, k] = born
        deaths[:, k] = (
            deaths_m + deaths_f + boys * (1 - rates.birth_survival_m[k]) + girls * (1 - rates.birth_survival_f[k])
        )
        change = end_m.sum(axis=1) + end_f.sum(axis=1) - m[:, k].sum(axis=1) - f[:, k].sum(axis=1)
        applied[:, k] = change - born + deaths[:, k]
    return ProjectionResult(list(rates.years), rates.ages, m, f, births, deaths, applied)


def project_national(
    table: RateTable,
    final_year: int,
    step: int = 5,
    assumptions: Assumptions | None = None,
    migration_shares=None,
    base: BasePopulation | None = None,
) -> ProjectionResult:
    """One country from its rate set's base population (or ``base``) to ``final_year`` with its own net migration.

    On the single-year grid (``step`` 1) the 5-year base groups are split evenly over their years.
    """
    base = base or table.base
    if base is None:
        raise InvalidAssumptions(f"the rate set {table.edition} has no base population; give one")
    span = final_year - base.year
    if span <= 0 or span % step:
        raise InvalidAssumptions(f"the final year must be {base.year} plus a positive multiple of {step} years")
    rates = step_rates(table, base.year, step, span // step, assumptions, migration_shares)
    base_m, base_f = (regroup(values, FIVE_YEAR, rates.ages) for values in (base.m, base.f))
    return project(base_m, base_f, rates, rates.migration_m[np.newaxis], rates.migration_f[np.newaxis])


def implied_migration_shares(table: RateTable, later_m, later_f) -> np.ndarray:
    """(2, 21) age–sex shares of the net migration that leads from the rate set's base population to the
    published population 5 years later (e.g. the WPP 2019 medium variant for 2025), by ``residual_migration``."""
    if table.base is None:
        raise InvalidAssumptions(f"the rate set {table.edition} has no base population")
    rates = step_rates(table, table.base.year, 5, 1)
    migration = np.stack(residual_migration(table.base.m, table.base.f, later_m, later_f, rates))
    total = migration.sum()
    if not np.isfinite(total) or abs(total) < 1:
        raise InvalidAssumptions("the two populations imply no net migration to take an age pattern from")
    return migration / total


def residual_migration(start_m, start_f, end_m, end_f, step_rates: StepRates, k: int = 0):
    """Net migrants by sex and age that turn the ``start`` population into the ``end`` one over step ``k``.

    The residual method: the exact inverse of one step of ``project`` (same survival, births and half/half
    timing), solved group by group from the youngest. Arrays are (territories × ages) or (ages,); returns
    (migration_m, migration_f) of the same shape. With the WPP 2019 base of 2020 and the UN's medium variant for
    2025 it recovers the age–sex pattern of net migration the UN assumed, which the WPP 2019 files do not carry.
    """
    rates = step_rates
    one = np.ndim(end_m) == 1
    arrays = [np.atleast_2d(np.asarray(values, dtype=float)) for values in (start_m, start_f, end_m, end_f)]
    start_m, start_f, end_m, end_f = arrays
    born = rates.step * (rates.asfr[k] * (start_f + end_f) / 2).sum(axis=1)
    boys = born * rates.srb[k] / (1 + rates.srb[k])
    result = []
    for start, end, survival, newborn, first in (
        (start_m, end_m, rates.survival_m[k], boys, rates.birth_survival_m[k]),
        (start_f, end_f, rates.survival_f[k], born - boys, rates.birth_survival_f[k]),
    ):
        migration = np.zeros_like(start)
        migration[:, 0] = 2 * (end[:, 0] - newborn * first)
        for age in range(1, start.shape[1] - 1):
            survived = (start[:, age - 1] + migration[:, age - 1] / 2) * survival[age - 1]
            migration[:, age] = 2 * (end[:, age] - survived)
        # the open group: its own survivors, those of the group below and half of its migrants at each end
        before = (start[:, -2] + migration[:, -2] / 2) * survival[-2] + start[:, -1] * survival[-1]
        migration[:, -1] = (end[:, -1] - before) / (survival[-1] / 2 + 0.5)
        result.append(migration)
    if one:
        return result[0][0], result[1][0]
    return result[0], result[1]
