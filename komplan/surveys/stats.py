"""Survey statistics as pure functions over plain numbers (numpy and the standard library only, no Django).

* shares with Wilson 95 % confidence intervals (``wilson``, ``proportion``);
* summaries of numbers and scale points (``describe``, ``point_counts``, ``histogram``);
* the chi-square test of independence of a contingency table (``chi_square``), with the chi-square
  survival function computed from the regularized upper incomplete gamma function (``gammaincc``:
  series and continued fraction, as in Numerical Recipes §6.2).

The formulas are written out in docs/surveys-analysis.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054  # the 97.5 % quantile of the standard normal distribution
SMALL_EXPECTED = 5.0  # Cochran's rule: expected counts below 5 make the chi-square approximation doubtful
_EPS = 3.0e-16  # relative accuracy the incomplete gamma iterations stop at
_TINY = 1.0e-300  # guards the continued fraction against division by zero (modified Lentz)
_MAX_ITERATIONS = 10_000


# --- proportions ----------------------------------------------------------------------------------------


def wilson(count: int, base: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of the proportion ``count / base`` (0 … 1); (0, 1) when the base is zero.

    Unlike the textbook ``p ± z·√(p(1−p)/n)`` it stays inside 0 … 1 and keeps its coverage for small bases
    and shares near 0 or 1, which is what survey groups of a few dozen people produce.
    """
    if base <= 0:
        return 0.0, 1.0
    if not 0 <= count <= base:
        raise ValueError(f"count {count} outside 0 … {base}")
    p = count / base
    z2 = z * z
    centre = (p + z2 / (2 * base)) / (1 + z2 / base)
    half = z / (1 + z2 / base) * math.sqrt(p * (1 - p) / base + z2 / (4 * base * base))
    # Exact ends for 0 and n: the formula gives them up to rounding only.
    low = 0.0 if count == 0 else max(0.0, centre - half)
    high = 1.0 if count == base else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Proportion:
    """``count`` of ``base`` as a percentage with its 95 % interval (all in percent, 0 … 100)."""

    count: int
    base: int
    percent: float | None
    low: float | None
    high: float | None


def proportion(count: int, base: int) -> Proportion:
    if base <= 0:
        return Proportion(count, base, None, None, None)
    low, high = wilson(count, base)
    return Proportion(count, base, 100.0 * count / base, 100.0 * low, 100.0 * high)


# --- numbers and scales -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Descriptive statistics of numbers; ``sd`` is the sample standard deviation (n − 1), None below 2 values."""

    n: int
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    q1: float | None = None
    q3: float | None = None


def describe(values: Iterable[float]) -> Summary:
    data = np.asarray(list(values), dtype=float)
    data = data[np.isfinite(data)]
    if data.size == 0:
        return Summary(0)
    q1, median, q3 = (float(v) for v in np.percentile(data, [25, 50, 75]))
    return Summary(
        n=int(data.size),
        mean=float(data.mean()),
        median=median,
        sd=float(data.std(ddof=1)) if data.size > 1 else None,
        minimum=float(data.min()),
        maximum=float(data.max()),
        q1=q1,
        q3=q3,
    )


def point_counts(values: Iterable[int], low: int, high: int) -> list[int]:
    """How many answers gave each point of a scale from ``low`` to ``high`` (values outside are ignored)."""
    counts = [0] * (high - low + 1)
    for value in values:
        if low <= value <= high:
            counts[int(value) - low] += 1
    return counts


def _nice_step(span: float, bins: int) -> float:
    raw = span / bins
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def histogram(values: Sequence[float], max_bins: int = 10) -> list[tuple[float, float, int]]:
    """``(from, to, count)`` bins of round width; the last bin includes its upper end.

    Whole numbers with few distinct values (e.g. household size 1 … 6) get one bin per value.
    """
    data = np.asarray(values, dtype=float)
    data = data[np.isfinite(data)]
    if data.size == 0:
        return []
    low, high = float(data.min()), float(data.max())
    whole = bool(np.all(data == np.round(data)))
    if whole and high - low < max_bins:
        edges = np.arange(low, high + 2)
    elif low == high:
        edges = np.array([low, low + 1])
    else:
        step = _nice_step(high - low, max_bins)
        start = math.floor(low / step) * step
        edges = np.arange(start, high + step, step)
        if edges[-1] <= high:  # rounding: make sure the highest value falls into a bin
            edges = np.append(edges, edges[-1] + step)
    counts, _ = np.histogram(data, bins=edges)
    if whole and high - low < max_bins:
        return [(float(e), float(e), int(c)) for e, c in zip(edges[:-1], counts, strict=True)]
    return [(float(a), float(b), int(c)) for a, b, c in zip(edges[:-1], edges[1:], counts, strict=True)]


# --- the chi-square distribution --------------------------------------------------------------------------


def _gamma_series(a: float, x: float) -> float:
    """P(a, x), the regularized lower incomplete gamma function, by its power series (good for x < a + 1)."""
    term = total = 1.0 / a
    ap = a
    for _ in range(_MAX_ITERATIONS):
        ap += 1.0
        term *= x / ap
        total += term
        if abs(term) < abs(total) * _EPS:
            break
    return total * math.exp(-x + a * math.log(x) - math.lgamma(a))


def _gamma_fraction(a: float, x: float) -> float:
    """Q(a, x), the regularized upper incomplete gamma function, by its continued fraction (good for x ≥ a + 1),
    evaluated with the modified Lentz method."""
    b = x + 1.0 - a
    c = 1.0 / _TINY
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_ITERATIONS):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return math.exp(-x + a * math.log(x) - math.lgamma(a)) * h


def gammaincc(a: float, x: float) -> float:
    """Q(a, x) = Γ(a, x) / Γ(a) for a > 0, x ≥ 0."""
    if a <= 0 or x < 0:
        raise ValueError("gammaincc needs a > 0 and x ≥ 0")
    if x == 0:
        return 1.0
    if x < a + 1.0:
        return max(0.0, 1.0 - _gamma_series(a, x))
    return min(1.0, _gamma_fraction(a, x))


def chi2_sf(x: float, df: int) -> float:
    """P(X ≥ x) for X ~ χ²(df): the p-value of a chi-square statistic."""
    if df <= 0:
        raise ValueError("degrees of freedom must be positive")
    if x <= 0:
        return 1.0
    return gammaincc(df / 2.0, x / 2.0)


# --- contingency tables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChiSquare:
    """Pearson's chi-square test of independence of the rows and columns of a table of counts.

    Rows or columns without any count are left out (they carry no information and would give zero expected
    counts). ``small_cells`` counts cells whose expected count is below 5; ``reliable`` follows Cochran's
    rule: at most 20 % of the cells below 5 and none below 1.
    """

    statistic: float
    df: int
    p_value: float
    n: int
    cramers_v: float
    min_expected: float
    small_cells: int
    cells: int

    @property
    def reliable(self) -> bool:
        return self.min_expected >= 1.0 and self.small_cells <= 0.2 * self.cells

    @property
    def has_small_expected(self) -> bool:
        return self.small_cells > 0


def expected_counts(table: np.ndarray) -> np.ndarray:
    table = np.asarray(table, dtype=float)
    total = table.sum()
    if total <= 0:
        return np.zeros_like(table)
    return np.outer(table.sum(axis=1), table.sum(axis=0)) / total


def chi_square(table: Sequence[Sequence[float]] | np.ndarray) -> ChiSquare | None:
    """The test for a table of counts (rows × columns); None when it is not defined (fewer than 2 non-empty rows
    or columns)."""
    observed = np.asarray(table, dtype=float)
    if observed.ndim != 2:
        raise ValueError("a contingency table has rows and columns")
    if np.any(observed < 0):
        raise ValueError("counts cannot be negative")
    observed = observed[observed.sum(axis=1) > 0][:, observed.sum(axis=0) > 0]
    rows, columns = observed.shape
    if rows < 2 or columns < 2:
        return None
    expected = expected_counts(observed)
    statistic = float(((observed - expected) ** 2 / expected).sum())
    df = (rows - 1) * (columns - 1)
    n = int(round(observed.sum()))
    return ChiSquare(
        statistic=statistic,
        df=df,
        p_value=chi2_sf(statistic, df),
        n=n,
        cramers_v=math.sqrt(statistic / (n * (min(rows, columns) - 1))),
        min_expected=float(expected.min()),
        small_cells=int((expected < SMALL_EXPECTED).sum()),
        cells=rows * columns,
    )
