"""Exponential tilting of a reference age structure (komplan/demography/engine/estimate.py)."""

from __future__ import annotations

import numpy as np
import pytest

from komplan.demography.engine.estimate import (
    Flag,
    age_midpoints,
    estimate_structure,
    round_to_persons,
    tilt,
)

from ._data import FIVE_YEAR, municipal, national_reference, vdb_age_indicators, wpp2019_population

X = age_midpoints(FIVE_YEAR)


def test_midpoints_follow_the_completed_years_plus_half_convention():
    assert age_midpoints(FIVE_YEAR)[[0, 1, 19, 20]].tolist() == [2.5, 7.5, 97.5, 102.5]
    single = [(age, age) for age in range(100)] + [(100, None)]
    assert age_midpoints(single)[[0, 7, 100]].tolist() == [0.5, 7.5, 100.5]


def test_every_municipality_keeps_its_totals_and_mean_ages_exactly():
    """All 6,258 municipalities on 1 January 2024, from the national WPP 2019 structure of 2020."""
    table = municipal(2024)
    assert len(table.codes) == 6258
    result = estimate_structure(
        wpp2019_population("M"),
        wpp2019_population("F"),
        table.men,
        table.women,
        table.mean_age_men,
        table.mean_age_women,
        X,
    )
    total = result.m.sum(axis=1) + result.f.sum(axis=1)
    np.testing.assert_allclose(result.m.sum(axis=1), table.men, rtol=1e-9, atol=0)
    np.testing.assert_allclose(result.f.sum(axis=1), table.women, rtol=1e-9, atol=0)
    np.testing.assert_allclose(total, table.total, rtol=1e-9, atol=0)

    inhabited = table.total > 0
    assert (result.flags[inhabited] == 0).all()
    assert result.exact.all()
    # The four military districts had nobody on 1 January 2024: zero counts, flagged as empty.
    assert (result.flags[~inhabited] == Flag.EMPTY).all() and (~inhabited).sum() == 4
    assert (result.m[~inhabited] == 0).all() and (result.f[~inhabited] == 0).all()

    men, women = table.men > 0, table.women > 0
    np.testing.assert_allclose(result.m[men] @ X / table.men[men], table.mean_age_men[men], rtol=1e-9)
    np.testing.assert_allclose(result.f[women] @ X / table.women[women], table.mean_age_women[women], rtol=1e-9)
    # The mean age of everyone follows (ČSÚ's unrounded means of men and women are consistent with it).
    mean_all = (result.m[inhabited] + result.f[inhabited]) @ X / table.total[inhabited]
    np.testing.assert_allclose(mean_all, table.mean_age[inhabited], rtol=1e-9)
    # What ČSÚ prints (one decimal, Excel rounds halves up) is what the estimate shows. Means such as 58.25
    # are common in small villages; the estimate lands within 1e-12 of them, on either side, so a display
    # must drop that noise before rounding to one decimal.
    assert (printed(mean_all) == printed(table.mean_age[inhabited])).all()


def printed(values):
    return np.floor(np.round(values, 9) * 10 + 0.5) / 10


def test_slany_counts_and_a_whole_person_version_for_display():
    table = municipal(2024)
    row = table.codes.index("532819")
    assert table.total[row] == 16740
    result = estimate_structure(
        wpp2019_population("M"),
        wpp2019_population("F"),
        table.men[[row]],
        table.women[[row]],
        table.mean_age_men[[row]],
        table.mean_age_women[[row]],
        X,
    )
    men = round_to_persons(result.m, table.men[[row]])
    assert men.sum() == table.men[row]
    assert np.abs(men - result.m).max() < 1


def test_zero_tilt_gives_back_the_reference():
    reference = wpp2019_population("M")
    mean = reference @ X / reference.sum()
    exact = tilt(reference, X, [reference.sum()], [mean])
    assert abs(exact.theta[0]) < 1e-12
    np.testing.assert_allclose(exact.counts[0], reference, rtol=1e-9)
    missing = tilt(reference, X, [reference.sum()], [np.nan])
    assert missing.flags[0] == Flag.MEAN_AGE_MISSING and not missing.feasible[0]
    assert missing.theta[0] == 0
    np.testing.assert_allclose(missing.counts[0], reference, rtol=1e-12)


def test_unreachable_mean_ages_are_flagged_not_clamped():
    reference = wpp2019_population("F")
    result = tilt(reference, X, [100.0, 100.0, 100.0], [2.5, 102.5, 0.0])
    assert (result.flags == Flag.OUT_OF_RANGE).all()
    assert not result.feasible.any()
    np.testing.assert_allclose(result.counts, np.tile(reference / reference.sum() * 100, (3, 1)))
    # A reference with nobody above 80 cannot reach a mean of 90 either.
    young = np.where(X < 80, reference, 0.0)
    assert tilt(young, X, [1.0], [90.0]).flags[0] == Flag.OUT_OF_RANGE


def test_extreme_but_reachable_means_converge():
    reference = wpp2019_population("M")
    targets = np.array([3.0, 10.0, 80.0, 100.0, 102.0])
    result = tilt(reference, X, np.full(5, 50.0), targets)
    assert result.feasible.all()
    np.testing.assert_allclose(result.counts @ X / 50.0, targets, rtol=1e-9)


def test_each_territory_may_bring_its_own_reference():
    men, women = wpp2019_population("M"), wpp2019_population("F")
    references = np.stack([men, women])
    result = tilt(references, X, [10.0, 20.0], [40.0, 45.0])
    np.testing.assert_allclose(result.counts.sum(axis=1), [10.0, 20.0])
    np.testing.assert_allclose(result.counts @ X / [10.0, 20.0], [40.0, 45.0], rtol=1e-12)


def test_bad_references_are_refused():
    with pytest.raises(ValueError, match="non-negative"):
        tilt(-np.ones(21), X, [1.0], [40.0])
    with pytest.raises(ValueError, match="positive total"):
        tilt(np.zeros(21), X, [1.0], [40.0])


def test_rounding_to_persons_keeps_totals_and_breaks_ties_towards_the_young():
    counts = np.array([[0.5, 0.5, 0.5, 0.5], [1.2, 2.3, 3.4, 0.1], [0.0, 0.0, 0.0, 0.0]])
    rounded = round_to_persons(counts, [2, 7, 0])
    assert rounded.tolist() == [[1, 1, 0, 0], [1, 2, 4, 0], [0, 0, 0, 0]]
    assert round_to_persons(np.array([0.4, 0.4, 0.2])).tolist() == [1, 0, 0]
    with pytest.raises(ValueError):
        round_to_persons(np.array([0.5, 0.5]), 5)


def national_validation(years, contemporary=False):
    """Shares (%) of 0–14, 65+ and 80+: a WPP national structure tilted to each year's ČSÚ mean age (31 December).

    The reference is the 2020 structure, or with ``contemporary`` the structure interpolated to that date.
    """
    vdb = vdb_age_indicators()
    reference = wpp2019_population("M") + wpp2019_population("F")
    if contemporary:
        reference = np.stack([national_reference("M", year + 1) + national_reference("F", year + 1) for year in years])
    totals = np.array([vdb[year]["total"] for year in years])
    result = tilt(reference, X, totals, [vdb[year]["mean_age"] for year in years])
    estimated = np.stack([result.counts[:, :3].sum(1), result.counts[:, 13:].sum(1), result.counts[:, 16:].sum(1)])
    observed = np.array([[vdb[year][key] for year in years] for key in ("age_0_14", "age_65_plus", "age_80_plus")])
    return (estimated / totals).T * 100, (observed / totals).T * 100


def test_national_validation_numbers_quoted_in_the_docs():
    """docs/demography-estimation.md quotes these errors (percentage points, estimate − ČSÚ)."""
    years = [2023, 2018, 2013, 2008, 2003]
    estimated, observed = national_validation(years)
    error = np.round(estimated - observed, 2)
    assert error.tolist() == [
        [-0.2, -0.26, -0.32],
        [0.25, 0.1, -0.03],
        [2.05, 1.33, -0.16],
        [4.04, 2.68, -0.0],
        [4.09, 2.52, 0.31],
    ]
    estimated, observed = national_validation(list(range(2003, 2024)), contemporary=True)
    error = np.abs(estimated - observed)
    assert np.round(error.max(axis=0), 2).tolist() == [0.43, 0.39, 0.32]
    assert np.round(error.mean(axis=0), 2).tolist() == [0.17, 0.15, 0.05]


def test_cross_country_validation_numbers_quoted_in_the_docs():
    """Czech 2020 shapes of men and women tilted to the mean ages of neighbouring countries (WPP 2019, 2020):
    errors of the 0–14, 65+ and 80+ shares in percentage points (estimate − WPP)."""
    errors = {}
    for name, code in {"SK": "703", "PL": "616", "AT": "40", "HU": "348", "DE": "276", "SI": "705"}.items():
        true = {sex: wpp2019_population(sex, 2020, code) for sex in "MF"}
        tilted = [
            tilt(wpp2019_population(sex), X, [true[sex].sum()], [true[sex] @ X / true[sex].sum()]).counts[0]
            for sex in "MF"
        ]
        estimated, observed = tilted[0] + tilted[1], true["M"] + true["F"]
        errors[name] = [
            round(float(100 * (estimated[part].sum() - observed[part].sum()) / observed.sum()), 2)
            for part in (slice(0, 3), slice(13, None), slice(16, None))
        ]
    assert errors == {
        "SK": [1.82, 1.73, 0.42],
        "PL": [1.11, 0.86, -0.57],
        "AT": [0.98, 1.34, -1.16],
        "HU": [1.21, 0.33, -0.15],
        "DE": [-0.06, 0.73, -2.22],
        "SI": [-0.48, 0.69, -0.99],
    }
