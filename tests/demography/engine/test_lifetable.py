import csv
import math

import numpy as np
import pytest

from komplan.demography.engine.lifetable import (
    abridged_life_table,
    coale_demeny_a0,
    single_year_life_table,
    single_year_mx,
    survival_ratios_1y,
    survival_ratios_5y,
)
from komplan.demography.engine.wpp import packaged_directory

M = 0.02  # a constant force of mortality: survivors follow exp(−M·x) exactly


def test_constant_mortality_gives_exponential_survivors_in_the_abridged_table():
    table = abridged_life_table(np.full(22, M), "f")
    ages = np.array(table.ages[2:], dtype=float)  # 5, 10, … 100: Greville's a(x) is exact to O(m³) there
    assert table.lx[2:] / table.lx[2] == pytest.approx(np.exp(-M * (ages - 5)), rel=1e-6)
    assert table.ex[-1] == pytest.approx(1 / M)  # the open group lives 1/m on average
    assert table.ex[2] == pytest.approx(1 / M, rel=1e-4)
    assert table.qx[-1] == 1.0


def test_constant_mortality_gives_exponential_survivors_in_the_single_year_table():
    table = single_year_life_table(np.full(101, M), "m")
    ages = np.arange(1, 101, dtype=float)
    assert table.qx[5] == pytest.approx(M / (1 + 0.5 * M))
    assert table.lx[1:] / table.lx[1] == pytest.approx(np.exp(-M * (ages - 1)), rel=1e-4)  # a = ½ errs by m³/12 a year
    assert table.Tx[0] == pytest.approx(table.Lx.sum())


def test_infant_ax_follows_coale_demeny_west():
    a0, a1 = coale_demeny_a0([0.002, 0.2], "m")
    assert a0.tolist() == pytest.approx([0.045 + 2.684 * 0.002, 0.33])
    assert a1.tolist() == pytest.approx([1.651 - 2.816 * 0.002, 1.352])
    a0, a1 = coale_demeny_a0(0.002, "f")
    assert (float(a0), float(a1)) == pytest.approx((0.053 + 2.8 * 0.002, 1.522 - 1.518 * 0.002))
    with pytest.raises(ValueError):
        coale_demeny_a0(0.01, "x")


def test_no_deaths_means_everyone_survives():
    assert survival_ratios_5y(np.zeros(22), "f") == pytest.approx(np.ones(21))
    assert survival_ratios_1y(np.zeros(101), "m") == pytest.approx(np.ones(101))


def test_the_survival_ratios_are_the_un_ones_built_from_the_table():
    mx = np.linspace(0.001, 0.4, 22)
    table = abridged_life_table(mx, "m")
    ratios = survival_ratios_5y(mx, "m")
    five_l0 = table.Lx[0] + table.Lx[1]
    assert ratios[0] == pytest.approx(five_l0 / 5)
    assert ratios[1] == pytest.approx(table.Lx[2] / five_l0)
    assert ratios[19] == pytest.approx(table.Lx[20] / table.Lx[19])
    assert ratios[20] == pytest.approx(table.Tx[21] / table.Tx[20])  # T(100) / T(95)


def test_tables_are_vectorised_over_leading_axes():
    mx = np.stack([np.full(22, 0.01), np.full(22, 0.03)])
    both = survival_ratios_5y(mx, "f")
    assert both.shape == (2, 21)
    assert both[1] == pytest.approx(survival_ratios_5y(mx[1], "f"))
    assert single_year_life_table(single_year_mx(mx), "f").ex.shape == (2, 101)


def test_single_year_rates_are_constant_within_each_abridged_group():
    mx = np.arange(22, dtype=float) / 100
    single = single_year_mx(mx)
    assert single[0] == mx[0] and single[1:5].tolist() == [mx[1]] * 4
    assert single[5:10].tolist() == [mx[2]] * 5 and single[99] == mx[20] and single[100] == mx[21]


def test_impossible_rates_are_refused():
    with pytest.raises(ValueError, match="not negative"):
        abridged_life_table(np.full(22, -0.1), "m")
    with pytest.raises(ValueError, match="22"):
        abridged_life_table(np.full(21, 0.1), "m")


def _czech_row(name, column):
    with (packaged_directory("wpp2024") / name).open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    header, data = rows[0], [row for row in rows[1:] if row[0] == "203"]
    return [float(row[header.index(column)]) for row in data]


@pytest.mark.parametrize("sex", ["m", "f"])
def test_czech_life_expectancy_2015_2020_matches_the_un(sex):
    mx = _czech_row(f"mx{sex.upper()}5.txt", "2015-2020")
    e0_un = np.mean([_czech_row(f"e0{sex.upper()}.txt", str(year))[0] for year in range(2015, 2020)])
    e0 = abridged_life_table(mx, sex).ex[0]
    assert abs(e0 - e0_un) < 0.5
    assert math.isclose(e0, e0_un, abs_tol=0.1)  # in fact within a tenth of a year (81.80 vs 81.82 for women)
