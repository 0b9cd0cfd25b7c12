"""Period life tables from central death rates m(x), and the survival ratios a projection needs.

Conventions (those of the UN Population Division's MORTPAK and of WPP; Preston, Heuveline & Guillot 2001, ch. 3):

* abridged table: ages 0, 1–4, 5–9, …, 95–99, 100+ (22 rows, the layout of the WPP ``mx`` files);
* a(0) and a(1–4), the years lived in the interval by those who die in it, from the Coale–Demeny West
  formulas in 1m0 (separately for men and women);
* a(x) for 5–9 … 95–99 from Greville's formula a = 2.5 − 25/12 · (m(x) − 0.1 · ln(m(x+5) / m(x−5)));
* single-year table: a(0) as above, a(x) = 0.5 for 1 … 99;
* q(x) = n·m / (1 + (n − a)·m), capped at 1; l(0) = 1 (radix 1, so l(x) is a probability);
* L(x) = n·l(x+n) + a·d(x); the open group lives L = l / m (constant hazard); T and e as usual.

Arrays may carry leading axes (periods, sexes): the age axis is always the last one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ABRIDGED_AGES: tuple[int, ...] = (0, 1, *range(5, 101, 5))
ABRIDGED_WIDTHS = np.array([1.0, 4.0, *([5.0] * 19), np.inf])
SINGLE_AGES: tuple[int, ...] = tuple(range(101))
SINGLE_WIDTHS = np.array([*([1.0] * 100), np.inf])

SEXES = ("m", "f")


@dataclass(frozen=True)
class LifeTable:
    """One or more life tables; every array has the age axis last (see the module docstring)."""

    ages: tuple[int, ...]  # exact age at the start of each interval
    widths: np.ndarray  # n, inf for the open interval
    mx: np.ndarray
    ax: np.ndarray
    qx: np.ndarray
    lx: np.ndarray
    dx: np.ndarray
    Lx: np.ndarray
    Tx: np.ndarray
    ex: np.ndarray


def coale_demeny_a0(m0, sex: str) -> tuple[np.ndarray, np.ndarray]:
    """a(0) and a(1–4) of the Coale–Demeny West model from the infant death rate 1m0."""
    m0 = np.asarray(m0, dtype=float)
    high = m0 >= 0.107
    if sex == "m":
        a0 = np.where(high, 0.330, 0.045 + 2.684 * m0)
        a1 = np.where(high, 1.352, 1.651 - 2.816 * m0)
    elif sex == "f":
        a0 = np.where(high, 0.350, 0.053 + 2.800 * m0)
        a1 = np.where(high, 1.361, 1.522 - 1.518 * m0)
    else:
        raise ValueError(f"sex must be 'm' or 'f', not {sex!r}")
    return a0, a1


def _check_rates(mx, n_ages: int) -> np.ndarray:
    mx = np.asarray(mx, dtype=float)
    if mx.shape[-1] != n_ages:
        raise ValueError(f"expected {n_ages} death rates on the last axis, got {mx.shape[-1]}")
    if not np.all(np.isfinite(mx)) or np.any(mx < 0):
        raise ValueError("death rates must be finite and not negative")
    return mx


def _greville_ax(mx: np.ndarray) -> np.ndarray:
    """a(x) for the 5-year groups 5–9 … 95–99 (columns 2 … 20 of an abridged table)."""
    tiny = np.finfo(float).tiny
    below, here, above = mx[..., 1:-2], mx[..., 2:-1], mx[..., 3:]
    slope = 0.1 * np.log(np.maximum(above, tiny) / np.maximum(below, tiny))
    return np.clip(2.5 - 25.0 / 12.0 * (here - slope), 0.0, 5.0)


def _complete(ages: tuple[int, ...], widths: np.ndarray, mx: np.ndarray, ax: np.ndarray) -> LifeTable:
    closed = widths[:-1]
    qx = np.empty_like(mx)
    qx[..., :-1] = np.minimum(closed * mx[..., :-1] / (1 + (closed - ax[..., :-1]) * mx[..., :-1]), 1.0)
    qx[..., -1] = 1.0
    survivors = np.cumprod(1 - qx[..., :-1], axis=-1)
    lx = np.concatenate([np.ones((*mx.shape[:-1], 1)), survivors], axis=-1)
    dx = lx * qx
    Lx = np.empty_like(mx)
    Lx[..., :-1] = closed * lx[..., 1:] + ax[..., :-1] * dx[..., :-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        # no deaths in the open group (hand-made closed populations): it lives forever
        Lx[..., -1] = np.where(mx[..., -1] > 0, lx[..., -1] / mx[..., -1], np.inf)
        ax[..., -1] = np.where(mx[..., -1] > 0, 1 / mx[..., -1], np.inf)
        Tx = np.cumsum(Lx[..., ::-1], axis=-1)[..., ::-1]
        ex = np.where(lx > 0, Tx / lx, 0.0)
    return LifeTable(ages, widths, mx, ax, qx, lx, dx, Lx, Tx, ex)


def abridged_life_table(mx, sex: str) -> LifeTable:
    """The abridged table for death rates at ages 0, 1–4, 5–9, …, 95–99, 100+ (22 values, last axis)."""
    mx = _check_rates(mx, len(ABRIDGED_AGES))
    ax = np.empty_like(mx)
    ax[..., 0], ax[..., 1] = coale_demeny_a0(mx[..., 0], sex)
    ax[..., 2:-1] = _greville_ax(mx)
    return _complete(ABRIDGED_AGES, ABRIDGED_WIDTHS, mx, ax)


def single_year_life_table(mx, sex: str) -> LifeTable:
    """The complete table for death rates at single ages 0 … 99 and 100+ (101 values, last axis)."""
    mx = _check_rates(mx, len(SINGLE_AGES))
    ax = np.full_like(mx, 0.5)
    ax[..., 0], _ = coale_demeny_a0(mx[..., 0], sex)
    return _complete(SINGLE_AGES, SINGLE_WIDTHS, mx, ax)


def single_year_mx(mx_abridged) -> np.ndarray:
    """Single-age death rates 0 … 99, 100+ from abridged ones, constant within each abridged group.

    A step function keeps every group's rate as published; the cost is a small jump in survival at the group
    boundaries, which is invisible once people are summed back into 5-year groups.
    """
    mx_abridged = _check_rates(mx_abridged, len(ABRIDGED_AGES))
    source = np.array([0] + [1] * 4 + [2 + (age - 5) // 5 for age in range(5, 100)] + [21])
    return mx_abridged[..., source]


def _open_ratio(T_open: np.ndarray, T_before: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = T_open / T_before
    return np.where(np.isinf(T_open) | (T_before <= 0), 1.0, ratio)


def survival_ratios_5y(mx_abridged, sex: str) -> np.ndarray:
    """The 21 survival ratios of a 5-year projection step, UN layout (last axis):

    [0] births during the step alive in 0–4 at its end: 5L0 / (5·l0);
    [i] for i = 1 … 19, from group i−1 to group i: 5L(5i) / 5L(5i−5);
    [20] from 95–99 and 100+ together into 100+: T(100) / T(95).
    """
    table = abridged_life_table(mx_abridged, sex)
    L5 = np.concatenate([table.Lx[..., :2].sum(axis=-1, keepdims=True), table.Lx[..., 2:]], axis=-1)
    ratios = np.empty(L5.shape)
    ratios[..., 0] = L5[..., 0] / (5 * table.lx[..., 0])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios[..., 1:20] = np.where(L5[..., :19] > 0, L5[..., 1:20] / L5[..., :19], 0.0)
    ratios[..., 20] = _open_ratio(L5[..., 20], L5[..., 19] + L5[..., 20])
    return ratios


def survival_ratios_1y(mx_single, sex: str) -> np.ndarray:
    """The 101 survival ratios of a 1-year step on single ages (last axis), same layout as the 5-year ones:

    [0] births during the year alive at its end: L0 / l0; [x] for x = 1 … 99: L(x) / L(x−1);
    [100] from 99 and 100+ together into 100+: T(100) / T(99).
    """
    table = single_year_life_table(mx_single, sex)
    L = table.Lx
    ratios = np.empty(L.shape)
    ratios[..., 0] = L[..., 0] / table.lx[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios[..., 1:100] = np.where(L[..., :99] > 0, L[..., 1:100] / L[..., :99], 0.0)
    ratios[..., 100] = _open_ratio(L[..., 100], L[..., 99] + L[..., 100])
    return ratios
