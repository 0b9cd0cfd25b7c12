import numpy as np
import pytest

from komplan.demography.engine import ages
from komplan.demography.engine.ages import FIVE_YEAR, SINGLE_YEAR


def test_the_grids_and_their_labels():
    assert len(FIVE_YEAR) == 21 and len(SINGLE_YEAR) == 101
    assert FIVE_YEAR[0] == (0, 4) and FIVE_YEAR[-2] == (95, 99) and FIVE_YEAR[-1] == (100, None)
    assert ages.labels(FIVE_YEAR)[:2] == ["0–4", "5–9"] and ages.label(FIVE_YEAR[-1]) == "100+"
    assert ages.label(SINGLE_YEAR[7]) == "7" and ages.label(SINGLE_YEAR[-1]) == "100+"
    assert ages.grid_for_step(5) is FIVE_YEAR and ages.grid_for_step(1) is SINGLE_YEAR
    with pytest.raises(ValueError):
        ages.grid_for_step(2)


def test_midpoints_take_the_width_of_the_group_before_for_the_open_group():
    assert ages.midpoints(FIVE_YEAR)[[0, 1, 19, 20]].tolist() == [2.5, 7.5, 97.5, 102.5]
    assert ages.midpoints(SINGLE_YEAR)[[0, 7, 100]].tolist() == [0.5, 7.5, 100.5]


def test_regrouping_splits_coarse_groups_evenly_and_sums_fine_ones():
    counts = np.arange(1, 22, dtype=float) * 5
    single = ages.regroup(counts, FIVE_YEAR, SINGLE_YEAR)
    assert single[:5].tolist() == [1.0] * 5 and single[5:10].tolist() == [2.0] * 5
    assert single[100] == counts[20]
    assert ages.regroup(single, SINGLE_YEAR, FIVE_YEAR) == pytest.approx(counts)
    assert single.sum() == pytest.approx(counts.sum())


def test_regrouping_works_on_the_last_axis_of_any_array():
    counts = np.arange(2 * 3 * 101, dtype=float).reshape(2, 3, 101)
    five = ages.regroup(counts, SINGLE_YEAR, FIVE_YEAR)
    assert five.shape == (2, 3, 21)
    assert five[1, 2, 0] == counts[1, 2, :5].sum() and five[..., -1].tolist() == counts[..., 100].tolist()


def test_an_open_group_cannot_be_split():
    to_85 = (*FIVE_YEAR[:17], (85, None))
    assert ages.regroup(np.ones(21), FIVE_YEAR, to_85)[-1] == 4
    with pytest.raises(ValueError, match="open group"):
        ages.regroup(np.ones(18), to_85, FIVE_YEAR)


def test_bad_grids_are_refused():
    with pytest.raises(ValueError, match="should start at 5"):
        ages.check_grid([(0, 4), (6, 9), (10, None)])
    with pytest.raises(ValueError, match="open-ended"):
        ages.check_grid([(0, 4), (5, 9)])
    with pytest.raises(ValueError, match="last axis"):
        ages.regroup(np.ones(20), FIVE_YEAR, SINGLE_YEAR)


def test_sums_of_age_ranges_on_both_grids():
    five = np.ones((3, 21))
    single = ages.regroup(five, FIVE_YEAR, SINGLE_YEAR)
    for start, stop, groups in ((0, 14, 3), (65, None, 8), (80, None, 5), (15, 64, 10)):
        assert ages.sum_ages(five, FIVE_YEAR, start, stop).tolist() == [groups] * 3
        assert ages.sum_ages(single, SINGLE_YEAR, start, stop) == pytest.approx([groups] * 3)
    with pytest.raises(ValueError, match="straddles"):
        ages.sum_ages(five, FIVE_YEAR, 0, 17)
