"""Age structures by sex on the 5-year grid for territories and years: counted where imported, else estimated.

The reference for estimates is the national structure of the same year: counted (an imported ČSÚ age
table for the state) when there is one, otherwise the UN WPP population by age interpolated to 1 January
(docs/demography-estimation.md). Estimates match each municipality's total, men, women and mean ages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from komplan.territory.models import Level, Territory

from . import querysets
from .engine import ages, estimate

GRID = ages.FIVE_YEAR


class NoReference(Exception):
    """No national age structure is available to estimate from (no rate set with population loaded)."""


@dataclass
class Structures:
    """Population by sex and 5-year age group of several territories on 1 January of one year."""

    year: int
    territory_ids: list[int]
    m: np.ndarray  # territories × age groups
    f: np.ndarray
    estimated: np.ndarray  # bool per territory: True when the structure is an estimate
    missing: np.ndarray  # bool per territory: True when there is no population at all for the year
    notes: list[str] = field(default_factory=list)

    def index(self, territory_id: int) -> int:
        return self.territory_ids.index(territory_id)


def _grid_arrays(rows: list[querysets.AgeRow], reference=None) -> tuple[np.ndarray, np.ndarray] | None:
    """Imported rows regrouped to the 5-year grid, or None when they do not cover all ages for both sexes.

    ČSÚ tables often end with an open group below 100 ("95 a více"); it is split over the grid's older groups
    in proportion to ``reference`` (men, women by 5-year group: the national structure), when one is given.
    """
    result = []
    for index, sex in enumerate(("m", "f")):
        groups = [(r.age_from, r.age_to) for r in rows if r.sex == sex]
        counts = np.array([r.count for r in rows if r.sex == sex], dtype=float)
        if not groups or groups[0][0] != 0 or groups[-1][1] is not None:
            return None
        top = groups[-1][0]
        starts = [start for start, _stop in GRID]
        if top >= GRID[-1][0] or top not in starts:
            target = GRID
        elif reference is not None:
            target = (*GRID[: starts.index(top)], (top, None))
        else:
            return None
        try:
            grid_counts = ages.regroup(counts, groups, target)
        except ValueError:
            return None
        if len(target) < len(GRID):  # spread the open group like the reference's oldest groups
            older = np.asarray(reference[index], dtype=float)[len(target) - 1 :]
            shares = older / older.sum() if older.sum() > 0 else np.eye(len(older))[0]
            grid_counts = np.concatenate([grid_counts[:-1], grid_counts[-1] * shares])
        result.append(grid_counts)
    return result[0], result[1]


def _wpp_reference(year: int) -> tuple[np.ndarray, np.ndarray] | None:
    """National population by age from the newest rate set that carries population, for 1 January ``year``."""
    from .models import RateSet

    for rate_set in RateSet.objects.order_by("-code"):
        reference = reference_from_payload(rate_set.payload, year)
        if reference is not None:
            return reference
    return None


def reference_from_payload(payload: dict, year: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Linear interpolation between the payload's mid-year populations (base and history) to 1 January.

    Outside the covered years the nearest population is used: only its *shape* matters for tilting.
    """
    points = dict(_population_points(payload))
    if not points:
        return None
    moments = sorted(points)
    when = year - 0.5  # 1 January is half a year before the mid-year estimates of the UN
    if when <= moments[0]:
        return points[moments[0]]
    if when >= moments[-1]:
        return points[moments[-1]]
    after = next(i for i, t in enumerate(moments) if t >= when)
    t0, t1 = moments[after - 1], moments[after]
    weight = (when - t0) / (t1 - t0)
    (m0, f0), (m1, f1) = points[t0], points[t1]
    return m0 + weight * (m1 - m0), f0 + weight * (f1 - f0)


def _population_points(payload: dict):
    history = payload.get("history") or {}
    for i, year in enumerate(history.get("years", [])):
        yield float(year), (np.array(history["m"][i], dtype=float), np.array(history["f"][i], dtype=float))
    base = payload.get("base")
    if base:
        yield float(base["year"]), (np.array(base["m"], dtype=float), np.array(base["f"], dtype=float))


def reference_structure(year: int) -> tuple[np.ndarray, np.ndarray, str]:
    """The national structure used as the reference for estimates in ``year`` and a label of its source."""
    state = Territory.objects.filter(level=Level.COUNTRY).first()
    if state is not None:
        counted = querysets.imported_ages([state.pk], year).get(state.pk)
        arrays = _grid_arrays(counted, _wpp_reference(year)) if counted else None
        if arrays is not None:
            return arrays[0], arrays[1], "csu"
    reference = _wpp_reference(year)
    if reference is None:
        raise NoReference
    return reference[0], reference[1], "wpp"


def _reference_or_none(year: int):
    try:
        return reference_structure(year)
    except NoReference:
        return None


def structures_for(
    territory_ids: list[int], year: int, counts: dict[int, querysets.CountRow], reference=None
) -> Structures:
    """Structures of the territories in ``year``: imported ages where complete, else tilted from the reference.

    ``counts`` are the territories' PopulationCount rows of that year; a territory with neither is missing.
    """
    n = len(territory_ids)
    m, f = np.zeros((n, len(GRID))), np.zeros((n, len(GRID)))
    estimated, missing = np.ones(n, dtype=bool), np.zeros(n, dtype=bool)
    imported = querysets.imported_ages(territory_ids, year)
    if imported and reference is None:
        reference = _reference_or_none(year)
    to_estimate = []
    for i, territory_id in enumerate(territory_ids):
        arrays = _grid_arrays(imported[territory_id], reference and reference[:2]) if territory_id in imported else None
        if arrays is not None:
            m[i], f[i] = arrays
            estimated[i] = False
        elif territory_id in counts:
            to_estimate.append(i)
        else:
            missing[i] = True
    notes = []
    if to_estimate:
        ref_m, ref_f, _source = reference if reference is not None else reference_structure(year)
        rows = [counts[territory_ids[i]] for i in to_estimate]
        result = estimate.estimate_structure(
            ref_m,
            ref_f,
            np.array([r.men for r in rows], dtype=float),
            np.array([r.women for r in rows], dtype=float),
            np.array([np.nan if r.mean_age_men is None else r.mean_age_men for r in rows]),
            np.array([np.nan if r.mean_age_women is None else r.mean_age_women for r in rows]),
            ages.midpoints(GRID),
        )
        m[to_estimate], f[to_estimate] = result.m, result.f
    return Structures(year, list(territory_ids), m, f, estimated, missing, notes)
