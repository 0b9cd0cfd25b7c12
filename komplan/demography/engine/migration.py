"""Local net migration of municipalities: observed change of the population minus estimated natural change.

ČSÚ publishes every municipality's population on 1 January, but no births, deaths or migration by
municipality. Natural change is estimated by applying national rates to the municipality's
(estimated) age structure, and whatever change it does not explain is taken as net migration:

    births_Y = Σ_a asfr_Y(a) · W̄_Y(a),  deaths_Y = Σ_a mx_Y,m(a) · M̄_Y(a) + Σ_a mx_Y,f(a) · W̄_Y(a)
    net_Y    = P(1. 1. Y+1) − P(1. 1. Y) − (births_Y − deaths_Y)

with M̄, W̄ the mean of the structures on 1 January of Y and Y+1 (the person-years lived in Y,
trapezoid rule) and the rates central rates per person-year (the "central-rate approximation").
Arrays: territories on axis 0, years (or one-year intervals) on axis 1, age groups last.
A territory missing in a year (NaN) gives NaN for the intervals that touch that year.

The average over a window of recent years (default ten, without the census re-basing year 2021)
is spread over age and sex by a pattern and handed to the projection as persons per step.
Method, choices and measured errors: docs/demography-estimation.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from komplan.demography.engine.rates import ROGERS_CASTRO, rogers_castro

Groups = Sequence[Sequence[int | None]]

# 1. 1. 2021 is the last population balanced on the 2011 census, 1. 1. 2022 the first on the 2021
# census (ČSÚ re-based its figures), so the change during 2021 holds a census correction that is
# not migration: nationally −185,070 persons, while births, deaths and registered moves add up to
# +21,871 (VDB DEMZU02 2021) — a correction of −206,941.
CENSUS_REBASING_YEARS: tuple[int, ...] = (2021,)

# Rogers & Castro (1981), the fundamental parameters of their simplified standard schedule
# (childhood curve a1, α1; labour-force curve a2, μ2, α2, λ2; constant c) — one copy, in engine/rates.py.
ROGERS_CASTRO_STANDARD = ROGERS_CASTRO


@dataclass(frozen=True)
class NationalRates:
    """National rates per one-year interval (calendar year) on the population's age grid.

    ``mx_m``/``mx_f``: central death rates (n_intervals × n_ages); ``asfr``: live births per woman
    and year (n_intervals × n_ages, zero outside the fertile ages); ``srb``: males per female born.
    """

    mx_m: np.ndarray
    mx_f: np.ndarray
    asfr: np.ndarray
    srb: np.ndarray


@dataclass(frozen=True)
class MigrationHistory:
    """Per territory and interval Y → Y+1 (n × n_intervals): estimated births, deaths, person-years, net migrants."""

    births: np.ndarray
    deaths: np.ndarray
    exposure: np.ndarray
    net: np.ndarray


@dataclass(frozen=True)
class AverageMigration:
    """Mean annual net migrants (n), the same per 1,000 person-years (n) and the years averaged (n)."""

    annual: np.ndarray
    rate: np.ndarray
    intervals: np.ndarray
    years: tuple[int, ...]


# --- the payload adapter -------------------------------------------------------------------------


def _single_years(intervals: Groups, values, top: int) -> np.ndarray:
    """Values of (start, stop) intervals spread onto ages 0 … top − 1 plus one cell for top+ (0 where uncovered)."""
    result = np.zeros(top + 1)
    for (start, stop), value in zip(intervals, values, strict=True):
        end = top if stop is None else min(stop + 1, top)
        result[start:end] = value
        if stop is None or stop >= top:
            result[top] = value
    return result


def regroup_rates(intervals: Groups, rates, groups: Groups) -> np.ndarray:
    """Rates given on age ``intervals`` as rates on ``groups``: the mean over each group's single years.

    E.g. the 0–4 group gets (1 · m(0) + 4 · m(1–4)) / 5 from the abridged death rates: the rates are
    weighted by the years they cover, not by the (unknown) person-years lived at each age.
    """
    top = max(start for start, stop in (*intervals, *groups) if stop is None)
    single = _single_years(intervals, rates, top)
    result = np.empty(len(groups))
    for index, (start, stop) in enumerate(groups):
        result[index] = single[start : top + 1].mean() if stop is None else single[start : stop + 1].mean()
    return result


def _period_index(payload: dict, year: int) -> int:
    for index, (start, end) in enumerate(payload["periods"]):
        if start <= year < end:
            return index
    raise ValueError(f"the rate set has no period containing {year}")


def _period_value(payload: dict, key: str, index: int, year: int):
    value = payload[key][index]
    if value is None:
        raise ValueError(f"the rate set has no {key} for {year}")
    return value


def rates_from_payload(payload: dict, years: Sequence[int], groups: Groups) -> NationalRates:
    """The rate-set payload's rates for each calendar year in ``years``, on the age grid ``groups``.

    Each year takes the rates of the five-year period containing it (no interpolation between
    periods). Death rates at ages 0, 1, 5, … 100+ are averaged over each group's single years;
    age-specific fertility is TFR × percentage / 100 / width of the mothers' age group.
    """
    mx_intervals = _abridged(payload["mx_ages"])
    mx_m, mx_f, asfr, srb = [], [], [], []
    for year in years:
        index = _period_index(payload, year)
        mx_m.append(regroup_rates(mx_intervals, _period_value(payload["mx"], "m", index, year), groups))
        mx_f.append(regroup_rates(mx_intervals, _period_value(payload["mx"], "f", index, year), groups))
        tfr = _period_value(payload, "tfr", index, year)
        shares = np.asarray(_period_value(payload, "asfr_pct", index, year), dtype=float)
        widths = np.array([stop - start + 1 for start, stop in payload["asfr_ages"]], dtype=float)
        asfr.append(regroup_rates(payload["asfr_ages"], tfr * shares / 100 / widths, groups))
        srb.append(_period_value(payload, "srb", index, year))
    return NationalRates(mx_m=np.array(mx_m), mx_f=np.array(mx_f), asfr=np.array(asfr), srb=np.array(srb, dtype=float))


def _abridged(ages: Sequence[int]) -> list[tuple[int, int | None]]:
    """Ages 0, 1, 5, … 100 as intervals 0–0, 1–4, 5–9, … 100+."""
    return [(start, ages[index + 1] - 1 if index + 1 < len(ages) else None) for index, start in enumerate(ages)]


def pattern_from_payload(payload: dict, year: int) -> tuple[np.ndarray, np.ndarray]:
    """The national net-migration age pattern (shares of men, of women; together 1) of the period containing ``year``.

    On the payload's own grid (``payload["ages"]``). Needs ``migration_age`` (WPP 2024 has it from 2020).
    """
    if not payload.get("migration_age"):
        raise ValueError("the rate set has no net migration by age")
    index = _period_index(payload, year)
    m = np.asarray(_period_value(payload["migration_age"], "m", index, year), dtype=float)
    f = np.asarray(_period_value(payload["migration_age"], "f", index, year), dtype=float)
    total = m.sum() + f.sum()
    if total == 0:
        raise ValueError(f"the national net migration of the period containing {year} is zero: no pattern")
    return m / total, f / total


# --- implied net migration -----------------------------------------------------------------------


def implied_net_migration(population, m, f, rates: NationalRates) -> MigrationHistory:
    """Net migrants per interval: ``population`` (n × n_years, 1 January) change minus estimated natural change.

    ``m``/``f`` (n × n_years × n_ages) are the age structures on the same dates (estimated or
    observed); ``rates`` hold one row per interval (n_years − 1).
    """
    population = np.asarray(population, dtype=float)
    m = np.asarray(m, dtype=float)
    f = np.asarray(f, dtype=float)
    n_intervals = population.shape[1] - 1
    if m.shape != f.shape or m.shape[:2] != population.shape:
        raise ValueError(f"structures {m.shape}/{f.shape} do not match the population {population.shape}")
    if rates.mx_m.shape != (n_intervals, m.shape[2]) or rates.asfr.shape != rates.mx_m.shape:
        raise ValueError(f"rates need {n_intervals} intervals × {m.shape[2]} ages, not {rates.mx_m.shape}")
    # Person-years lived during year Y by the trapezoid rule between the two 1 January structures.
    lived_m = (m[:, :-1] + m[:, 1:]) / 2
    lived_f = (f[:, :-1] + f[:, 1:]) / 2
    births = (lived_f * rates.asfr).sum(axis=2)
    deaths = (lived_m * rates.mx_m).sum(axis=2) + (lived_f * rates.mx_f).sum(axis=2)
    exposure = lived_m.sum(axis=2) + lived_f.sum(axis=2)
    net = np.diff(population, axis=1) - (births - deaths)
    return MigrationHistory(births=births, deaths=deaths, exposure=exposure, net=net)


def calibrate(history: MigrationHistory, population, area, births, deaths) -> MigrationHistory:
    """Scale the estimated births and deaths so each area's sum equals its registered totals; net follows.

    ``area`` (n, ints) puts each territory in an area (a kraj, or 0 for the state); ``births`` and
    ``deaths`` (n_areas × n_intervals) are the registered figures, NaN where unknown (that area
    and year stays as estimated). National rates miss regional differences in fertility and
    mortality and years such as 2020–2021 (COVID-19 deaths); the registered totals of the area
    correct the level, the estimate still distributes it over the area's municipalities.
    """
    area = np.asarray(area)
    population = np.asarray(population, dtype=float)

    def scaled(estimate, registered):
        registered = np.asarray(registered, dtype=float)
        if registered.shape != (area.max() + 1, estimate.shape[1]):
            raise ValueError(f"registered figures need {area.max() + 1} areas × {estimate.shape[1]} intervals")
        sums = np.zeros(registered.shape)
        np.add.at(sums, area, np.nan_to_num(estimate))
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(np.isfinite(registered) & (sums > 0), registered / np.where(sums > 0, sums, 1.0), 1.0)
        return estimate * factor[area]

    new_births = scaled(history.births, births)
    new_deaths = scaled(history.deaths, deaths)
    net = np.diff(population, axis=1) - (new_births - new_deaths)
    return MigrationHistory(births=new_births, deaths=new_deaths, exposure=history.exposure, net=net)


def average_net_migration(
    history: MigrationHistory,
    years: Sequence[int],
    *,
    window: int = 10,
    exclude: Sequence[int] = CENSUS_REBASING_YEARS,
) -> AverageMigration:
    """Mean annual net migration over the last ``window`` calendar years, leaving out ``exclude``.

    ``years`` names each interval by its calendar year (1. 1. Y → 1. 1. Y+1 is year Y). A
    territory missing in some of these years is averaged over the years it has; one with none gets
    NaN. The rate is net migrants per 1,000 person-years over the same years.
    """
    years = np.asarray(years)
    if years.shape != (history.net.shape[1],):
        raise ValueError(f"{years.shape[0]} years for {history.net.shape[1]} intervals")
    if window < 1:
        raise ValueError("the window needs at least one year")
    chosen = (years > years.max() - window) & ~np.isin(years, list(exclude))
    net = history.net[:, chosen]
    exposure = history.exposure[:, chosen]
    known = np.isfinite(net) & np.isfinite(exposure)
    count = known.sum(axis=1)
    total = np.where(known, net, 0.0).sum(axis=1)
    lived = np.where(known, exposure, 0.0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        annual = np.where(count > 0, total / np.maximum(count, 1), np.nan)
        rate = np.where(lived > 0, 1000 * total / np.where(lived > 0, lived, 1.0), np.nan)
    return AverageMigration(annual=annual, rate=rate, intervals=count, years=tuple(int(y) for y in years[chosen]))


# --- age and sex of the migrants -----------------------------------------------------------------


def rogers_castro_pattern(groups: Groups, parameters: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Shares of net migrants by group for men and for women (together 1) from the Rogers–Castro schedule.

    The schedule is summed over each group's single years (the open group as wide as the one
    before it) and split equally between the sexes: the standard schedule has one curve for both.
    """
    shares = np.empty(len(groups))
    for index, (start, stop) in enumerate(groups):
        if stop is None:
            previous = groups[index - 1] if index else (start, start)
            stop = start + previous[1] - previous[0]
        shares[index] = rogers_castro(np.arange(start, stop + 1), parameters).sum()
    shares /= shares.sum()
    return shares / 2, shares / 2


def distribute(annual, pattern_m, pattern_f, n_steps: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    """Net migrants per projection step by sex and age: (n × n_steps × n_ages) arrays for men and women.

    ``annual`` (n) net migrants a year, held constant; ``pattern_m``/``pattern_f`` the shares by age
    (n_ages, or n × n_ages), together summing to 1 (single shares may be negative: a national
    pattern can show net emigration at some ages). Each step of ``step`` years gets step × annual;
    a territory without an average (NaN) gets none — check ``AverageMigration.intervals``.
    """
    annual = np.asarray(annual, dtype=float)
    pattern_m = np.asarray(pattern_m, dtype=float)
    pattern_f = np.asarray(pattern_f, dtype=float)
    if step not in (1, 5):
        raise ValueError(f"the projection steps by 1 or 5 years, not {step}")
    if pattern_m.shape != pattern_f.shape:
        raise ValueError("the patterns of men and women need the same shape")
    if not np.allclose(pattern_m.sum(axis=-1) + pattern_f.sum(axis=-1), 1.0, rtol=0, atol=1e-9):
        raise ValueError("the shares of men and women together must sum to 1")
    per_step = np.nan_to_num(annual) * step
    shape = (annual.shape[0], n_steps, pattern_m.shape[-1])

    def spread(pattern):
        pattern = pattern if pattern.ndim == 2 else pattern[None, :]
        return np.broadcast_to(per_step[:, None, None] * pattern[:, None, :], shape).copy()

    return spread(pattern_m), spread(pattern_f)
