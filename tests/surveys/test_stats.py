"""Survey statistics: Wilson intervals, summaries, the chi-square distribution and test, against published values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from komplan.surveys.stats import (
    chi2_sf,
    chi_square,
    describe,
    expected_counts,
    gammaincc,
    histogram,
    point_counts,
    proportion,
    wilson,
)

# Newcombe (1998), Statistics in Medicine 17:857–872, table I, method 3 (Wilson score interval).
NEWCOMBE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("count", "base", "low", "high"), NEWCOMBE)
def test_wilson_matches_newcombe(count, base, low, high):
    got = wilson(count, base)

    assert got == pytest.approx((low, high), abs=5e-5)


def test_wilson_edges_and_symmetry():
    assert wilson(0, 10)[0] == 0.0
    assert wilson(10, 10)[1] == 1.0
    low, high = wilson(3, 10)
    mirrored = wilson(7, 10)
    assert (1 - mirrored[1], 1 - mirrored[0]) == pytest.approx((low, high))
    assert wilson(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson(11, 10)


def test_proportion_in_percent():
    share = proportion(5, 10)

    assert share.percent == 50.0
    assert share.low == pytest.approx(23.66, abs=0.01)
    assert share.high == pytest.approx(76.34, abs=0.01)
    assert proportion(0, 0).percent is None


# Critical values of the chi-square distribution as printed in statistical tables (e.g. NIST/SEMATECH
# e-Handbook, table 1.3.6.7.4): P(X ≥ value) = alpha.
CRITICAL = [
    (1, 0.05, 3.841),
    (1, 0.01, 6.635),
    (1, 0.001, 10.828),
    (2, 0.05, 5.991),
    (3, 0.05, 7.815),
    (4, 0.01, 13.277),
    (5, 0.05, 11.070),
    (10, 0.05, 18.307),
    (20, 0.01, 37.566),
    (30, 0.05, 43.773),
    (100, 0.05, 124.342),
]


@pytest.mark.parametrize(("df", "alpha", "value"), CRITICAL)
def test_chi2_sf_matches_table_values(df, alpha, value):
    # Tables print three decimals, so compare with a relative tolerance of that order.
    assert chi2_sf(value, df) == pytest.approx(alpha, rel=2e-3)


@pytest.mark.parametrize("x", [0.01, 0.5, 1.0, 2.7, 8.0, 25.0, 80.0])
def test_chi2_sf_one_df_is_the_normal_tail(x):
    # With one degree of freedom X = Z², so P(X ≥ x) = erfc(√(x/2)).
    assert chi2_sf(x, 1) == pytest.approx(math.erfc(math.sqrt(x / 2)), rel=1e-12)


@pytest.mark.parametrize("df", [2, 4, 6, 10, 40])
@pytest.mark.parametrize("x", [0.3, 1.0, 5.0, 12.0, 60.0])
def test_chi2_sf_even_df_closed_form(df, x):
    # For even df = 2k: P(X ≥ x) = e^(−x/2) · Σ_{i<k} (x/2)^i / i!  (the Poisson sum), independent of our code.
    k = df // 2
    expected = math.exp(-x / 2) * sum((x / 2) ** i / math.factorial(i) for i in range(k))

    assert chi2_sf(x, df) == pytest.approx(expected, rel=1e-10)


def test_chi2_sf_bounds_and_monotonic():
    assert chi2_sf(0, 3) == 1.0
    values = [chi2_sf(x, 7) for x in np.linspace(0.1, 60, 50)]
    assert all(a > b for a, b in zip(values, values[1:], strict=False))
    assert 0 < chi2_sf(400, 3) < 1e-80
    with pytest.raises(ValueError):
        chi2_sf(1, 0)
    with pytest.raises(ValueError):
        gammaincc(-1, 1)


def test_gammaincc_both_branches_meet():
    # The series (x < a + 1) and the continued fraction (x ≥ a + 1) agree where they hand over.
    a = 3.5
    below = gammaincc(a, a + 1 - 1e-9)
    above = gammaincc(a, a + 1 + 1e-9)
    assert below == pytest.approx(above, rel=1e-8)


def test_chi_square_textbook_example():
    # Agresti, An Introduction to Categorical Data Analysis (2nd ed.), table 2.5: party identification by
    # gender (GSS 2000). Published: X² = 30.1 with df = 2, P-value < 0.001 (for df = 2, P = e^(−X²/2)).
    table = [[762, 327, 468], [484, 239, 477]]

    result = chi_square(table)

    assert result.statistic == pytest.approx(30.07, abs=0.005)
    assert result.df == 2
    assert result.p_value == pytest.approx(math.exp(-result.statistic / 2), rel=1e-10)
    assert result.p_value < 0.001


def test_chi_square_hand_computed():
    # 2 × 2: expected 12, 18, 28, 42; X² = Σ (O − E)² / E.
    table = [[10, 20], [30, 40]]
    expected = np.array([[12, 18], [28, 42]])
    x2 = float(((np.array(table) - expected) ** 2 / expected).sum())

    result = chi_square(table)

    assert np.allclose(expected_counts(np.array(table)), expected)
    assert result.statistic == pytest.approx(x2)
    assert result.df == 1
    assert result.p_value == pytest.approx(math.erfc(math.sqrt(x2 / 2)))
    assert result.n == 100
    assert not result.has_small_expected
    assert result.reliable


def test_chi_square_small_expected_counts_are_flagged():
    result = chi_square([[3, 1], [1, 4]])

    assert result.has_small_expected
    assert result.small_cells == 4
    assert not result.reliable


def test_chi_square_ignores_empty_rows_and_columns():
    with_empty = chi_square([[10, 0, 20], [0, 0, 0], [30, 0, 40]])
    plain = chi_square([[10, 20], [30, 40]])

    assert with_empty.statistic == pytest.approx(plain.statistic)
    assert with_empty.df == 1


def test_chi_square_undefined_and_bad_input():
    assert chi_square([[5, 6, 7]]) is None
    assert chi_square([[0, 0], [0, 4]]) is None
    with pytest.raises(ValueError):
        chi_square([1, 2, 3])
    with pytest.raises(ValueError):
        chi_square([[1, -2], [3, 4]])


def test_describe():
    summary = describe([1, 2, 3, 4, 10])

    assert summary.n == 5
    assert summary.mean == pytest.approx(4.0)
    assert summary.median == 3.0
    assert summary.sd == pytest.approx(np.std([1, 2, 3, 4, 10], ddof=1))
    assert (summary.minimum, summary.maximum) == (1.0, 10.0)
    assert describe([]).n == 0
    assert describe([7]).sd is None


def test_point_counts_and_histogram():
    assert point_counts([1, 1, 3, 5, 9], 1, 5) == [2, 0, 1, 0, 1]
    assert histogram([1, 2, 2, 6]) == [(1, 1, 1), (2, 2, 2), (3, 3, 0), (4, 4, 0), (5, 5, 0), (6, 6, 1)]
    bins = histogram([0.5, 12.3, 99.9, 45])
    assert bins[0][:2] == (0.0, 10.0)
    assert sum(count for *_, count in bins) == 4
    assert bins[-1][1] >= 99.9
    assert histogram([]) == []
    assert histogram([4.5, 4.5]) == [(4.5, 5.5, 2)]
