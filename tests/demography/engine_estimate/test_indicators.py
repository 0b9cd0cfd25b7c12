"""Age-structure indicators (komplan/demography/engine/indicators.py) against the ČSÚ VDB national figures."""

from __future__ import annotations

import numpy as np
import pytest

from komplan.demography.engine.ages import age_mask
from komplan.demography.engine.indicators import KEYS, change, changes, compute

from ._data import FIVE_YEAR, vdb_age_indicators, wpp2019_population

# The coarsest grid the VDB table DEMDCR1V allows: its counts are 0–14, 15–64, 20–64, 65+ and 80+.
VDB_GRID = [(0, 14), (15, 19), (20, 64), (65, 79), (80, None)]
PRINTED = ("share_0_14", "share_15_64", "share_65_plus", "ageing_index", "economic_dependency")


def vdb_counts(row: dict) -> np.ndarray:
    return np.array(
        [
            row["age_0_14"],
            row["age_15_64"] - row["age_20_64"],
            row["age_20_64"],
            row["age_65_plus"] - row["age_80_plus"],
            row["age_80_plus"],
        ]
    )


def decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text else 0


def test_ratios_from_the_printed_counts_equal_the_printed_indicators_for_every_year():
    vdb = vdb_age_indicators()
    years = sorted(vdb)
    assert years[0] == 1947 and years[-1] == 2023
    counts = np.stack([vdb_counts(vdb[year]) for year in years])
    result = compute(counts, np.zeros_like(counts), VDB_GRID)
    np.testing.assert_array_equal(result["total"], [vdb[year]["total"] for year in years])
    for key in PRINTED:
        for index, year in enumerate(years):
            printed = vdb[year][key]
            assert abs(result[key][index] - printed) <= 0.5 * 10 ** -decimals(printed) * (1 + 1e-9), (key, year)


def test_the_csu_economic_dependency_counts_0_19_and_65_plus_per_100_aged_20_64():
    row = vdb_age_indicators()[2023]
    result = compute(vdb_counts(row), np.zeros(5), VDB_GRID)
    # 15–64 as the base gives 57.2, not the 71.87 ČSÚ prints: that one is (0–19 + 65+) / 20–64.
    assert round(float(result["total_dependency"]), 1) == 57.2
    assert round(float(result["economic_dependency"]), 2) == 71.87
    assert round(float(result["old_age_dependency"]), 2) == round(2237322 / 6935475 * 100, 2)


def test_hand_computed_structure_on_the_five_year_grid():
    m = np.zeros(21)
    f = np.zeros(21)
    m[0], f[3], m[13], f[16] = 10, 20, 30, 40  # 0–4, 15–19, 65–69, 80–84
    result = compute(m, f, FIVE_YEAR)
    assert set(result) == set(KEYS)
    assert (result["total"], result["men"], result["women"]) == (100, 40, 60)
    assert (result["age_0_14"], result["age_15_64"], result["age_65_plus"], result["age_80_plus"]) == (10, 20, 70, 40)
    assert (result["age_0_19"], result["age_20_64"]) == (30, 0)
    assert result["share_80_plus"] == 40
    assert result["ageing_index"] == 700
    assert result["old_age_dependency"] == 350
    assert result["total_dependency"] == 400
    assert np.isnan(result["economic_dependency"])  # nobody aged 20–64
    assert result["mean_age"] == pytest.approx((10 * 2.5 + 20 * 17.5 + 30 * 67.5 + 40 * 82.5) / 100)


def test_leading_axes_and_empty_territories():
    men, women = wpp2019_population("M"), wpp2019_population("F")
    m = np.stack([np.stack([men, men * 2]), np.zeros((2, 21))])  # 2 territories × 2 years × 21 ages
    f = np.stack([np.stack([women, women * 2]), np.zeros((2, 21))])
    result = compute(m, f, FIVE_YEAR)
    assert result["total"].shape == (2, 2)
    assert result["share_65_plus"][0, 0] == pytest.approx(result["share_65_plus"][0, 1])
    assert np.isnan(result["share_65_plus"][1]).all() and np.isnan(result["mean_age"][1]).all()
    assert (result["total"][1] == 0).all()


def test_single_year_grid_agrees_with_the_five_year_grid():
    single = [(age, age) for age in range(100)] + [(100, None)]
    rng = np.random.default_rng(4)
    m, f = rng.uniform(0, 100, (3, 101)), rng.uniform(0, 100, (3, 101))
    five_m = np.concatenate([m[:, :100].reshape(3, 20, 5).sum(axis=2), m[:, 100:]], axis=1)
    five_f = np.concatenate([f[:, :100].reshape(3, 20, 5).sum(axis=2), f[:, 100:]], axis=1)
    fine, coarse = compute(m, f, single), compute(five_m, five_f, FIVE_YEAR)
    for key in KEYS:
        if key != "mean_age":
            np.testing.assert_allclose(fine[key], coarse[key], rtol=1e-12)


def test_a_grid_without_the_boundaries_is_refused():
    with pytest.raises(ValueError, match="straddles"):
        compute(np.ones(3), np.ones(3), [(0, 9), (10, 69), (70, None)])
    with pytest.raises(ValueError, match="same shape"):
        compute(np.ones(21), np.ones(20), FIVE_YEAR)
    assert age_mask(FIVE_YEAR, 65, None).sum() == 8


def test_change_against_a_previous_value():
    absolute, percent = change([110.0, 5.0, 3.0], [100.0, 0.0, np.nan])
    assert absolute[0] == 10 and percent[0] == pytest.approx(10)
    assert absolute[1] == 5 and np.isnan(percent[1])
    assert np.isnan(absolute[2]) and np.isnan(percent[2])
    vdb = vdb_age_indicators()
    now = compute(vdb_counts(vdb[2023]), np.zeros(5), VDB_GRID)
    before = compute(vdb_counts(vdb[2013]), np.zeros(5), VDB_GRID)
    delta = changes(now, before, keys=("total", "age_80_plus"))
    assert set(delta) == {"total_change", "total_change_pct", "age_80_plus_change", "age_80_plus_change_pct"}
    assert delta["age_80_plus_change"] == 491972 - 412049
    assert delta["total_change_pct"] == pytest.approx((10900555 / 10512419 - 1) * 100)
