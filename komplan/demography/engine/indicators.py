"""Age-structure indicators, vectorised over any leading axes (territories, years, scenarios).

``compute(m, f, groups)`` takes counts of men and women with the age groups on the last axis and
returns a dict of arrays with the leading shape. The keys are stable (``KEYS``); units:

=====================  ===========================================================================
key                    meaning
=====================  ===========================================================================
total, men, women      persons
age_0_14 … age_80_plus persons aged 0–14, 15–64, 65+, 80+, and 0–19, 20–64 (``age_0_19``, ``age_20_64``)
share_0_14 …           % of the total: ``share_0_14``, ``share_15_64``, ``share_65_plus``, ``share_80_plus``
ageing_index           65+ per 100 aged 0–14 (ČSÚ "index stáří")
old_age_dependency     65+ per 100 aged 15–64
total_dependency       (0–14 + 65+) per 100 aged 15–64
economic_dependency    (0–19 + 65+) per 100 aged 20–64 (ČSÚ "index ekonomické závislosti", VDB 9892)
mean_age               Σ midpoint × count / total, midpoints as in engine/ages.py (a + 0.5, a + 2.5)
=====================  ===========================================================================

A ratio whose denominator is zero (an empty territory) is NaN. The grid must have boundaries at
15, 20, 65 and 80 (both standard grids do); a group straddling one raises ValueError.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from komplan.demography.engine.ages import age_mask, midpoints

KEYS: tuple[str, ...] = (
    "total",
    "men",
    "women",
    "age_0_14",
    "age_15_64",
    "age_65_plus",
    "age_80_plus",
    "age_0_19",
    "age_20_64",
    "share_0_14",
    "share_15_64",
    "share_65_plus",
    "share_80_plus",
    "ageing_index",
    "old_age_dependency",
    "total_dependency",
    "economic_dependency",
    "mean_age",
)

_BANDS = {
    "age_0_14": (0, 14),
    "age_15_64": (15, 64),
    "age_65_plus": (65, None),
    "age_80_plus": (80, None),
    "age_0_19": (0, 19),
    "age_20_64": (20, 64),
}


def _ratio(numerator, denominator, per: float = 100.0) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, per * numerator / np.where(denominator > 0, denominator, 1.0), np.nan)


def compute(m, f, groups: Sequence[Sequence[int | None]]) -> dict[str, np.ndarray]:
    """All indicators of ``KEYS`` from counts of men and women (..., n_ages) on ``groups``."""
    m = np.asarray(m, dtype=float)
    f = np.asarray(f, dtype=float)
    if m.shape != f.shape or m.shape[-1] != len(groups):
        raise ValueError(f"men {m.shape} and women {f.shape} need the same shape ending in {len(groups)} age groups")
    both = m + f
    result = {"total": both.sum(axis=-1), "men": m.sum(axis=-1), "women": f.sum(axis=-1)}
    for key, (start, stop) in _BANDS.items():
        result[key] = both[..., age_mask(groups, start, stop)].sum(axis=-1)
    total = result["total"]
    for band in ("0_14", "15_64", "65_plus", "80_plus"):
        result[f"share_{band}"] = _ratio(result[f"age_{band}"], total)
    result["ageing_index"] = _ratio(result["age_65_plus"], result["age_0_14"])
    result["old_age_dependency"] = _ratio(result["age_65_plus"], result["age_15_64"])
    result["total_dependency"] = _ratio(result["age_0_14"] + result["age_65_plus"], result["age_15_64"])
    result["economic_dependency"] = _ratio(result["age_0_19"] + result["age_65_plus"], result["age_20_64"])
    result["mean_age"] = _ratio(both @ midpoints(groups), total, per=1.0)
    return {key: result[key] for key in KEYS}


def change(current, previous) -> tuple[np.ndarray, np.ndarray]:
    """Absolute change and change in % of ``previous`` (NaN where ``previous`` is zero or missing)."""
    current = np.asarray(current, dtype=float)
    previous = np.asarray(previous, dtype=float)
    absolute = current - previous
    with np.errstate(divide="ignore", invalid="ignore"):
        percent = np.where(previous != 0, 100.0 * absolute / np.where(previous != 0, previous, 1.0), np.nan)
    return absolute, percent


def changes(current: dict, previous: dict, keys: Iterable[str] = KEYS) -> dict[str, np.ndarray]:
    """``<key>_change`` and ``<key>_change_pct`` for each key (for shares and ratios the first is in points)."""
    result = {}
    for key in keys:
        result[f"{key}_change"], result[f"{key}_change_pct"] = change(current[key], previous[key])
    return result
