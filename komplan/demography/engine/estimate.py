"""Age structure of a territory where only its totals by sex and mean ages are known.

The ČSÚ municipal tables give, for every municipality on 1 January, the number of men and women and
their mean ages, but no ages. We borrow the shape of a reference structure (national or regional)
and *tilt* it exponentially, p_a ∝ r_a · exp(θ · x_a), with θ chosen so that the mean age of the
result equals the published one; the counts are then scaled to the sex total. Of all distributions
with the target mean, this one is the closest to the reference in the Kullback–Leibler sense (the
maximum-entropy change of the reference), so it adds no structure the data do not ask for.

Conventions (docs/demography-estimation.md):
- ``x_a`` is the midpoint of age group ``a`` in exact years: ``(age_from + age_to + 1) / 2``, i.e.
  ``a + 0.5`` for single years and ``a + 2.5`` for five-year groups — the same "completed years
  + 0.5" convention ČSÚ uses for the mean age. The open last group gets the width of the group
  before it: 100+ → 102.5 on the five-year grid, 100.5 on the single-year grid.
- Arrays run territories along axis 0 and age groups along the last axis.
- Results stay in floats, so the totals and mean ages are reproduced to rounding error;
  ``round_to_persons`` makes whole persons for display.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

# The midpoint convention is shared with the indicators and the projection (engine/ages.py).
from komplan.demography.engine.ages import midpoints as age_midpoints

__all__ = ["EstimatedStructure", "Flag", "Tilted", "age_midpoints", "estimate_structure", "round_to_persons", "tilt"]


class Flag(enum.IntFlag):
    """Why an estimate is not a plain exact match (bits, combined with ``|``)."""

    EMPTY = 1  # the sex total is zero: every count is zero, the mean age is meaningless
    MEAN_AGE_MISSING = 2  # no mean age: the reference shape is kept (θ = 0)
    OUT_OF_RANGE = 4  # no tilt of the reference reaches this mean age: the reference shape is kept (θ = 0)
    NOT_CONVERGED = 8  # the solver stopped before matching the mean age (never seen on real data)


@dataclass(frozen=True)
class Tilted:
    """The tilted counts (n × k), the tilt θ (n) and where the target mean age was matched (n, bool)."""

    counts: np.ndarray
    theta: np.ndarray
    feasible: np.ndarray
    flags: np.ndarray  # Flag bits per territory (int)


def tilt(reference, midpoints, totals, mean_ages, *, tolerance: float = 1e-12, max_iterations: int = 200) -> Tilted:
    """Tilt ``reference`` (k, or n × k) so each row sums to ``totals`` (n) and has mean ``mean_ages`` (n).

    A missing mean age (NaN) keeps the reference shape (θ = 0); a mean age outside the span of
    the midpoints where the reference is positive cannot be reached by any tilt and is flagged,
    again with θ = 0 — never clamped silently. Zero totals give zero counts.
    """
    x = np.asarray(midpoints, dtype=float)
    totals = np.asarray(totals, dtype=float)
    target = np.asarray(mean_ages, dtype=float)
    n = totals.shape[0]
    reference = np.broadcast_to(np.asarray(reference, dtype=float), (n, x.shape[0]))
    if (reference < 0).any() or not (reference.sum(axis=1) > 0).all():
        raise ValueError("the reference needs non-negative counts and a positive total in every row")
    log_reference = np.log(np.where(reference > 0, reference, 1.0))
    log_reference[reference <= 0] = -np.inf

    flags = _flags(reference, x, totals, target)
    solve = flags == 0
    theta = np.zeros(n)
    theta[solve], converged = _solve_theta(log_reference[solve], x, target[solve], tolerance, max_iterations)
    flags[np.flatnonzero(solve)[~converged]] |= Flag.NOT_CONVERGED
    theta[(flags & Flag.NOT_CONVERGED) != 0] = 0.0

    shares, _, _ = _moments(log_reference, x, theta)
    counts = shares * totals[:, None]
    feasible = (flags & ~Flag.EMPTY) == 0
    return Tilted(counts=counts, theta=theta, feasible=feasible, flags=flags)


def _flags(reference, x, totals, target) -> np.ndarray:
    positive = reference > 0
    lowest = np.where(positive, x, np.inf).min(axis=1)
    highest = np.where(positive, x, -np.inf).max(axis=1)
    flags = np.zeros(totals.shape[0], dtype=np.int64)
    empty = totals == 0
    missing = ~np.isfinite(target) & ~empty
    out_of_range = ~empty & ~missing & ~((target > lowest) & (target < highest))
    flags[empty] |= Flag.EMPTY
    flags[missing] |= Flag.MEAN_AGE_MISSING
    flags[out_of_range] |= Flag.OUT_OF_RANGE
    return flags


def _moments(log_reference, x, theta):
    """Shares, mean and variance of the tilted distribution, computed in log space (no overflow)."""
    log_weight = log_reference + theta[:, None] * x
    log_weight -= log_weight.max(axis=1, keepdims=True)
    weight = np.exp(log_weight)
    shares = weight / weight.sum(axis=1, keepdims=True)
    mean = shares @ x
    variance = (shares * (x - mean[:, None]) ** 2).sum(axis=1)
    return shares, mean, variance


def _solve_theta(log_reference, x, target, tolerance, max_iterations):
    """Newton's method on θ, safeguarded by a bracket: the tilted mean rises with θ (its slope is the variance)."""
    n = target.shape[0]
    theta = np.zeros(n)
    lower = np.full(n, -np.inf)
    upper = np.full(n, np.inf)
    active = np.ones(n, dtype=bool)
    scale = np.maximum(np.abs(target), 1.0)
    for _ in range(max_iterations):
        if not active.any():
            break
        _, mean, variance = _moments(log_reference[active], x, theta[active])
        error = mean - target[active]
        done = np.abs(error) <= tolerance * scale[active]
        below = error < 0
        index = np.flatnonzero(active)
        lower[index[below]] = theta[index[below]]
        upper[index[~below]] = theta[index[~below]]
        step = theta[index] - error / np.maximum(variance, 1e-300)
        step = _keep_in_bracket(step, theta[index], lower[index], upper[index])
        theta[index[~done]] = step[~done]
        active[index[done]] = False
    return theta, ~active


def _keep_in_bracket(step, theta, lower, upper):
    """Bisect where Newton leaves the bracket; widen an open bracket by a bounded step."""
    inside = (step > lower) & (step < upper)
    both = np.isfinite(lower) & np.isfinite(upper)
    bisected = np.where(both, (lower + upper) / 2, step)
    # With one side still open, move at most one unit of θ (a factor e^100 across a century of age).
    widened = np.where(np.isfinite(lower), np.minimum(step, theta + 1.0), np.maximum(step, theta - 1.0))
    fallback = np.where(both, bisected, widened)
    return np.where(inside & (np.abs(step - theta) <= 1.0), step, fallback)


@dataclass(frozen=True)
class EstimatedStructure:
    """Estimated counts of men and women (n × k), their tilts (n) and flags (n, ``Flag`` bits)."""

    m: np.ndarray
    f: np.ndarray
    theta_m: np.ndarray
    theta_f: np.ndarray
    flags_m: np.ndarray
    flags_f: np.ndarray

    @property
    def flags(self) -> np.ndarray:
        return self.flags_m | self.flags_f

    @property
    def exact(self) -> np.ndarray:
        """Where both sexes match their totals and mean ages (empty sexes count as matched)."""
        return (self.flags & ~Flag.EMPTY) == 0


def estimate_structure(
    reference_m, reference_f, men, women, mean_age_m, mean_age_f, midpoints, **solver
) -> EstimatedStructure:
    """Age structure of men and women matching their totals (n) and mean ages (n; NaN = unknown)."""
    men_tilted = tilt(reference_m, midpoints, men, mean_age_m, **solver)
    women_tilted = tilt(reference_f, midpoints, women, mean_age_f, **solver)
    return EstimatedStructure(
        m=men_tilted.counts,
        f=women_tilted.counts,
        theta_m=men_tilted.theta,
        theta_f=women_tilted.theta,
        flags_m=men_tilted.flags,
        flags_f=women_tilted.flags,
    )


def round_to_persons(counts, totals=None) -> np.ndarray:
    """Whole persons per group (largest remainder) keeping each row's total (default: its rounded sum).

    Only for display: the engine works with the unrounded estimate.
    """
    counts = np.asarray(counts, dtype=float)
    if (counts < 0).any():
        raise ValueError("counts must not be negative")
    totals = np.rint(counts.sum(axis=-1) if totals is None else np.asarray(totals, dtype=float))
    floor = np.floor(counts)
    remainder = counts - floor
    missing = (totals - floor.sum(axis=-1)).astype(np.int64)
    if (missing < 0).any() or (missing > counts.shape[-1]).any():
        raise ValueError("totals do not fit the counts")
    # Rank of each group's remainder within its row, largest first; ties go to the younger group.
    order = np.argsort(-remainder, axis=-1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(counts.shape[-1]) + np.zeros_like(order), axis=-1)
    return (floor + (rank < missing[..., None])).astype(np.int64)
