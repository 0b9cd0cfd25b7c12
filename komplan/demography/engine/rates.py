"""Demographic rates by period (a rate set) turned into the per-step arrays of a projection.

The rate-set payload (``RateSet.payload``, written by ``engine.wpp``) is a JSON dict; counts in persons, lists by
period and then by age, ``null`` where a period has no value for a key::

    edition, country_code, country, notes
    ages          the 21 population groups [[0, 4], …, [95, 99], [100, null]]
    base          {"year", "month", "m": [21], "f": [21]} or null
    periods       [[1950, 1955], …, [2095, 2100]]  5-year periods [start, end)
    mx_ages       [0, 1, 5, …, 100]; mx {"m": [[22] per period], "f": …}  central death rates
    tfr           [per period]; asfr_ages [[15, 19], …]; asfr_pct [[% per asfr group] per period]
    srb           [per period]  sex ratio at birth, boys per girl
    migration     [per period]  net migrants in the 5-year period, both sexes
    migration_age {"m": [[21] per period], "f": …} net migrants by age, or null

Rules of ``step_rates``:

* a step [t, t + n) takes the rates of the period containing its midpoint t + n/2; after the last period, and
  where a period has no value, the latest earlier period's rates persist;
* survival comes from the life table of the period's m(x) times the mortality factor (``engine.lifetable``);
  for 1-year steps m(x) is constant within each abridged age group;
* ASFR (births per woman per year) = (TFR + fertility shift) × pct / 100 / 5 for every single year of each
  fertility age group;
* net migration by age: the rate set's own age detail when it has one; otherwise the period total spread by an
  age–sex pattern, by default the Rogers–Castro model schedule (``rogers_castro_pattern``); multiplied by the
  migration factor; a step of n years gets n/5 of the period's migrants; on the single-year grid each 5-year
  group's migrants are split evenly over its years.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .ages import FIVE_YEAR, AgeGroup, grid_for_step, regroup
from .lifetable import single_year_mx, survival_ratios_1y, survival_ratios_5y

MAX_HORIZON_YEARS = 50
MAX_FACTOR = 10.0
MAX_TFR = 10.0
MAX_FERTILITY_SHIFT = 5.0

# Rogers & Castro (1981), "Model migration schedules", IIASA RR-81-30: the mean ("fundamental") parameters
ROGERS_CASTRO = {"a1": 0.02, "alpha1": 0.1, "a2": 0.06, "alpha2": 0.1, "mu2": 20.0, "lambda2": 0.4, "c": 0.003}


class InvalidAssumptions(ValueError):
    """A projection that cannot be made: impossible assumptions, horizon or rates. ``reason`` says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class InvalidRateTable(ValueError):
    """A payload whose arrays do not fit together."""


@dataclass(frozen=True)
class Assumptions:
    """A scenario: TFR + ``fertility_shift``; m(x) × ``mortality_factor``; net migration × ``migration_factor``.

    ``migration_factor`` 0 is allowed (the UN's zero-migration variant); ``mortality_factor`` must be positive.
    """

    fertility_shift: float = 0.0
    mortality_factor: float = 1.0
    migration_factor: float = 1.0

    def validate(self) -> None:
        for name in ("fertility_shift", "mortality_factor", "migration_factor"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise InvalidAssumptions(f"{name} must be a finite number")
        if abs(self.fertility_shift) > MAX_FERTILITY_SHIFT:
            limit = MAX_FERTILITY_SHIFT
            raise InvalidAssumptions(f"fertility_shift must lie between −{limit} and {limit}")
        if not 0 < self.mortality_factor <= MAX_FACTOR:
            raise InvalidAssumptions(f"mortality_factor must be above 0 and at most {MAX_FACTOR}")
        if not 0 <= self.migration_factor <= MAX_FACTOR:
            raise InvalidAssumptions(f"migration_factor must be between 0 and {MAX_FACTOR}")


@dataclass(frozen=True)
class BasePopulation:
    year: int
    month: int
    m: np.ndarray  # (21,) persons by 5-year group
    f: np.ndarray


@dataclass(frozen=True)
class RateTable:
    """A rate-set payload as arrays; missing values are NaN. Sex axis: 0 men, 1 women."""

    edition: str
    country_code: str
    country: str
    periods: np.ndarray  # (P, 2) int
    mx: np.ndarray  # (2, P, 22)
    tfr: np.ndarray  # (P,)
    asfr_ages: tuple[AgeGroup, ...]
    asfr_pct: np.ndarray  # (P, len(asfr_ages))
    srb: np.ndarray  # (P,)
    migration: np.ndarray  # (P,) persons per 5-year period
    migration_age: np.ndarray | None  # (2, P, 21) persons per 5-year period
    base: BasePopulation | None
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def from_payload(cls, payload: dict) -> RateTable:
        try:
            return _table_from_payload(payload)
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, InvalidRateTable):
                raise
            reason = f"{exc.__class__.__name__}: {exc}"
            raise InvalidRateTable(f"the rate set is incomplete or malformed ({reason})") from exc


def _array(values, width: int | None = None) -> np.ndarray:
    """Per-period list (entries may be None) → float array with NaN for the gaps."""
    if width is None:
        return np.array([np.nan if value is None else float(value) for value in values])
    rows = [[np.nan] * width if value is None else [float(v) for v in value] for value in values]
    array = np.array(rows, dtype=float)
    if array.shape != (len(values), width):
        raise InvalidRateTable(f"expected {width} values per period")
    return array


def _table_from_payload(payload: dict) -> RateTable:
    periods = np.array(payload["periods"], dtype=int)
    n = len(periods)
    if periods.shape != (n, 2) or n == 0 or np.any(periods[:, 1] - periods[:, 0] != 5):
        raise InvalidRateTable("periods must be 5-year intervals [start, end)")
    if [tuple(age) if age[1] is not None else (age[0], None) for age in payload["ages"]] != list(FIVE_YEAR):
        raise InvalidRateTable("population ages must be the 21 groups 0–4 … 95–99, 100+")
    mx = np.stack([_array(payload["mx"][sex], 22) for sex in ("m", "f")])
    asfr_ages = tuple((int(start), int(stop)) for start, stop in payload["asfr_ages"])
    migration_age = payload.get("migration_age")
    base = payload.get("base")
    table = RateTable(
        edition=str(payload.get("edition", "")),
        country_code=str(payload.get("country_code", "")),
        country=str(payload.get("country", "")),
        periods=periods,
        mx=mx,
        tfr=_array(payload["tfr"]),
        asfr_ages=asfr_ages,
        asfr_pct=_array(payload["asfr_pct"], len(asfr_ages)),
        srb=_array(payload["srb"]),
        migration=_array(payload["migration"]),
        migration_age=None
        if migration_age is None
        else np.stack([_array(migration_age[sex], len(FIVE_YEAR)) for sex in ("m", "f")]),
        base=None
        if base is None
        else BasePopulation(int(base["year"]), int(base.get("month", 1)), _counts(base["m"]), _counts(base["f"])),
        notes=tuple(payload.get("notes", ())),
    )
    for name in ("tfr", "srb", "migration"):
        if len(getattr(table, name)) != n:
            raise InvalidRateTable(f"{name} must have one value per period")
    if mx.shape[1] != n or table.asfr_pct.shape[0] != n:
        raise InvalidRateTable("mx and asfr_pct must have one row per period")
    return table


def _counts(values) -> np.ndarray:
    array = np.array(values, dtype=float)
    if array.shape != (len(FIVE_YEAR),) or not np.all(np.isfinite(array)) or np.any(array < 0):
        raise InvalidRateTable("the base population needs 21 non-negative counts per sex")
    return array


@dataclass(frozen=True)
class StepRates:
    """Everything ``ccmp.project`` needs for each step (first axis) on one age grid (last axis).

    ``survival_x[k, a]``: share of the people in group a at the start of step k alive at its end (then in
    group a + 1, or still in the open group); the last two groups share the open-group ratio.
    ``birth_survival_x[k]``: share of the step's births alive in the first group at its end.
    ``asfr[k, a]``: births per woman per year. ``migration_x[k, a]``: national net migrants in the step.
    """

    step: int
    years: tuple[int, ...]  # n_steps + 1: the start of every step and the end of the last
    ages: tuple[AgeGroup, ...]
    periods: tuple[tuple[int, int], ...]  # the rate period each step used
    survival_m: np.ndarray
    survival_f: np.ndarray
    birth_survival_m: np.ndarray
    birth_survival_f: np.ndarray
    asfr: np.ndarray
    srb: np.ndarray
    migration_m: np.ndarray
    migration_f: np.ndarray

    @property
    def n_steps(self) -> int:
        return len(self.years) - 1


def rogers_castro(ages, parameters: dict | None = None) -> np.ndarray:
    """The Rogers–Castro model migration schedule m(x) at ``ages`` (the 7-parameter form):
    m(x) = a1·exp(−α1·x) + a2·exp(−α2·(x − μ2) − exp(−λ2·(x − μ2))) + c."""
    p = {**ROGERS_CASTRO, **(parameters or {})}
    x = np.asarray(ages, dtype=float)
    childhood = p["a1"] * np.exp(-p["alpha1"] * x)
    labour = p["a2"] * np.exp(-p["alpha2"] * (x - p["mu2"]) - np.exp(-p["lambda2"] * (x - p["mu2"])))
    return childhood + labour + p["c"]


def rogers_castro_pattern(params: dict | None = None) -> np.ndarray:
    """(2, 21) shares of net migrants by sex and 5-year group from the Rogers–Castro schedule, summing to 1.

    ``rogers_castro`` at single ages 0 … 100 with the fundamental parameters (``ROGERS_CASTRO``), summed into
    5-year groups (100+ counts age 100 only); half to men, half to women. ``migration.rogers_castro_pattern``
    does the same on any grid.
    """
    schedule = rogers_castro(np.arange(101), params)
    grouped = np.add.reduceat(schedule, np.arange(0, 101, 5))
    shares = grouped / grouped.sum()
    return np.stack([shares / 2, shares / 2])


def migration_pattern(table: RateTable, period: tuple[int, int] = (2020, 2025)) -> np.ndarray:
    """(2, 21) shares of a rate set's own net migration by sex and age in ``period`` (e.g. WPP 2024, 2020–2025)."""
    if table.migration_age is None:
        raise InvalidAssumptions(f"the rate set {table.edition} has no migration by age")
    index = _period_index(table, period)
    counts = table.migration_age[:, index, :]
    total = counts.sum()
    if not np.all(np.isfinite(counts)) or abs(total) < 1:
        raise InvalidAssumptions(f"the rate set has no usable migration by age for {period[0]}–{period[1]}")
    return counts / total


def _period_index(table: RateTable, period: tuple[int, int]) -> int:
    matches = np.flatnonzero((table.periods[:, 0] == period[0]) & (table.periods[:, 1] == period[1]))
    if not len(matches):
        raise InvalidAssumptions(f"the rate set has no period {period[0]}–{period[1]}")
    return int(matches[0])


def _period_for(table: RateTable, midpoint: float) -> int:
    if midpoint < table.periods[0, 0]:
        raise InvalidAssumptions(f"the rate set starts in {table.periods[0, 0]}")
    inside = np.flatnonzero((table.periods[:, 0] <= midpoint) & (midpoint < table.periods[:, 1]))
    return int(inside[0]) if len(inside) else len(table.periods) - 1


def _latest(values: np.ndarray, index: int, what: str, table: RateTable) -> int:
    """The period index to read ``values`` from: ``index`` or the latest earlier one without NaN."""
    for candidate in range(index, -1, -1):
        if np.all(np.isfinite(values[candidate])):
            return candidate
    start, end = table.periods[index]
    raise InvalidAssumptions(f"the rate set has no {what} for {start}–{end} or earlier")


def _check_horizon(step: int, n_steps: int) -> None:
    if step not in (1, 5):
        raise InvalidAssumptions("the projection step must be 1 or 5 years")
    if isinstance(n_steps, bool) or not isinstance(n_steps, int) or n_steps < 1:
        raise InvalidAssumptions("a projection needs at least one step")
    if step * n_steps > MAX_HORIZON_YEARS:
        raise InvalidAssumptions(f"the horizon of {step * n_steps} years exceeds {MAX_HORIZON_YEARS} years")


def _check_pattern(pattern) -> np.ndarray:
    pattern = np.asarray(pattern, dtype=float)
    if pattern.shape != (2, len(FIVE_YEAR)) or not np.all(np.isfinite(pattern)) or abs(pattern.sum() - 1) > 1e-6:
        raise InvalidAssumptions("a migration pattern needs 2 × 21 finite shares summing to 1")
    return pattern


def _asfr_on_grid(table: RateTable, index: int, shift: float, grid) -> np.ndarray:
    tfr = table.tfr[_latest(table.tfr, index, "total fertility", table)] + shift
    if tfr < 0 or tfr > MAX_TFR:
        raise InvalidAssumptions(f"the total fertility rate after the shift is {tfr:.2f}; it must lie in 0–{MAX_TFR}")
    pct = table.asfr_pct[_latest(table.asfr_pct, index, "fertility age pattern", table)]
    if np.any(pct < 0) or pct.sum() <= 0:
        raise InvalidAssumptions("the fertility age pattern has negative or no percentages")
    by_year = np.zeros(grid[-1][0] + 1)
    for (start, stop), share in zip(table.asfr_ages, pct / pct.sum(), strict=True):
        by_year[start : stop + 1] = tfr * share / (stop - start + 1)
    return np.array([0.0 if stop is None else by_year[start : stop + 1].mean() for start, stop in grid])


def _survival(table: RateTable, index: int, factor: float, step: int) -> tuple[np.ndarray, np.ndarray]:
    """(2, A) survival by age at the start of the step, and (2,) birth survival."""
    chosen = _latest(table.mx.transpose(1, 0, 2), index, "death rates", table)
    mx = table.mx[:, chosen] * factor
    if step == 5:
        ratios = np.stack([survival_ratios_5y(mx[0], "m"), survival_ratios_5y(mx[1], "f")])
    else:
        single = single_year_mx(mx)
        ratios = np.stack([survival_ratios_1y(single[0], "m"), survival_ratios_1y(single[1], "f")])
    by_start = np.concatenate([ratios[:, 1:], ratios[:, -1:]], axis=1)
    return by_start, ratios[:, 0]


def _migration(table: RateTable, index: int, pattern: np.ndarray, factor: float, step: int, grid) -> np.ndarray:
    """(2, A) net migrants in one step on the grid."""
    if table.migration_age is not None:
        chosen = _latest(table.migration_age.transpose(1, 0, 2), index, "net migration by age", table)
        per_period = table.migration_age[:, chosen, :]
    else:
        total = table.migration[_latest(table.migration, index, "net migration", table)]
        per_period = total * pattern
    return regroup(per_period * factor * step / 5, FIVE_YEAR, grid)


def step_rates(
    table: RateTable,
    start_year: int,
    step: int,
    n_steps: int,
    assumptions: Assumptions | None = None,
    migration_shares=None,
) -> StepRates:
    """Rates for ``n_steps`` steps of ``step`` years (1 or 5) from ``start_year`` under ``assumptions``.

    ``migration_shares``: (2, 21) age–sex shares used when the rate set has only total migration
    (default: ``rogers_castro_pattern()``; ``migration_pattern(wpp2024_table)`` gives the WPP 2024 one).
    Raises ``InvalidAssumptions`` for impossible assumptions, a horizon beyond 50 years or missing rates.
    """
    assumptions = assumptions or Assumptions()
    assumptions.validate()
    _check_horizon(step, n_steps)
    pattern = _check_pattern(rogers_castro_pattern() if migration_shares is None else migration_shares)
    grid = grid_for_step(step)
    years = tuple(start_year + step * k for k in range(n_steps + 1))
    parts: dict[str, list] = {key: [] for key in ("survival", "births", "asfr", "srb", "migration", "periods")}
    for k in range(n_steps):
        index = _period_for(table, start_year + step * (k + 0.5))
        survival, births = _survival(table, index, assumptions.mortality_factor, step)
        srb = table.srb[_latest(table.srb, index, "sex ratio at birth", table)]
        if not srb > 0:
            raise InvalidAssumptions("the sex ratio at birth must be positive")
        parts["survival"].append(survival)
        parts["births"].append(births)
        parts["asfr"].append(_asfr_on_grid(table, index, assumptions.fertility_shift, grid))
        parts["srb"].append(srb)
        parts["migration"].append(_migration(table, index, pattern, assumptions.migration_factor, step, grid))
        parts["periods"].append(tuple(int(year) for year in table.periods[index]))
    survival, births, migration = (np.stack(parts[key]) for key in ("survival", "births", "migration"))
    return StepRates(
        step=step,
        years=years,
        ages=grid,
        periods=tuple(parts["periods"]),
        survival_m=survival[:, 0],
        survival_f=survival[:, 1],
        birth_survival_m=births[:, 0],
        birth_survival_f=births[:, 1],
        asfr=np.stack(parts["asfr"]),
        srb=np.array(parts["srb"]),
        migration_m=migration[:, 0],
        migration_f=migration[:, 1],
    )
