import numpy as np
import pytest

from komplan.demography.engine.ages import FIVE_YEAR, SINGLE_YEAR
from komplan.demography.engine.rates import (
    Assumptions,
    InvalidAssumptions,
    InvalidRateTable,
    RateTable,
    migration_pattern,
    rogers_castro_pattern,
    step_rates,
)
from komplan.demography.engine.wpp import packaged_directory, read_wpp2019, read_wpp2024


@pytest.fixture(scope="module")
def wpp2019():
    return RateTable.from_payload(read_wpp2019(packaged_directory("wpp2019")))


@pytest.fixture(scope="module")
def wpp2024():
    payload = read_wpp2024(packaged_directory("wpp2024"), wpp2019_directory=packaged_directory("wpp2019"))
    return RateTable.from_payload(payload)


def test_the_table_from_a_payload(wpp2019):
    assert wpp2019.periods.shape == (30, 2) and wpp2019.mx.shape == (2, 30, 22)
    assert wpp2019.asfr_pct.shape == (30, 7) and wpp2019.migration_age is None
    assert wpp2019.base.year == 2020 and wpp2019.base.m.shape == (21,)


def test_a_malformed_payload_is_refused():
    payload = read_wpp2019(packaged_directory("wpp2019"))
    with pytest.raises(InvalidRateTable, match="malformed"):
        RateTable.from_payload({key: value for key, value in payload.items() if key != "mx"})
    with pytest.raises(InvalidRateTable, match="one value per period"):
        RateTable.from_payload({**payload, "srb": payload["srb"][:-1]})


def test_each_step_takes_the_period_of_its_midpoint_and_the_last_rates_persist(wpp2019):
    assert step_rates(wpp2019, 2020, 5, 2).periods == ((2020, 2025), (2025, 2030))
    assert step_rates(wpp2019, 2024, 5, 1).periods == ((2025, 2030),)  # midpoint 2026.5
    assert step_rates(wpp2019, 2024, 1, 2).periods == ((2020, 2025), (2025, 2030))
    late = step_rates(wpp2019, 2090, 5, 4)
    assert late.periods == ((2090, 2095), (2095, 2100), (2095, 2100), (2095, 2100))
    assert late.years == (2090, 2095, 2100, 2105, 2110)
    assert np.array_equal(late.survival_m[2], late.survival_m[1])


def test_asfr_adds_up_to_the_tfr_on_both_grids(wpp2019):
    five = step_rates(wpp2019, 2020, 5, 1)
    assert five.asfr[0].sum() * 5 == pytest.approx(1.6818)
    assert five.asfr[0][[0, 1, 2, 10]].tolist() == [0, 0, 0, 0]  # no births under 15 or over 49 in WPP 2019
    single = step_rates(wpp2019, 2020, 1, 1, Assumptions(fertility_shift=0.2))
    assert single.asfr[0].sum() == pytest.approx(1.8818)
    assert single.asfr[0][15] == pytest.approx(five.asfr[0][3] * 1.8818 / 1.6818)


def test_survival_layout_and_mortality_factor(wpp2019):
    rates = step_rates(wpp2019, 2020, 5, 1)
    assert rates.survival_m.shape == (1, 21) and rates.birth_survival_f.shape == (1,)
    assert rates.survival_m[0, -1] == rates.survival_m[0, -2]  # 95–99 and 100+ share T(100)/T(95)
    assert np.all((rates.survival_f > 0) & (rates.survival_f <= 1))
    worse = step_rates(wpp2019, 2020, 5, 1, Assumptions(mortality_factor=1.5))
    assert np.all(worse.survival_f[0] < rates.survival_f[0])
    single = step_rates(wpp2019, 2020, 1, 1)
    assert single.survival_m.shape == (1, 101) and single.ages == SINGLE_YEAR


def test_national_migration_by_pattern_and_by_age(wpp2019, wpp2024):
    rates = step_rates(wpp2019, 2020, 5, 1, Assumptions(migration_factor=0.5))
    assert rates.migration_m[0].sum() + rates.migration_f[0].sum() == pytest.approx(110_057 * 0.5)
    assert rates.migration_m[0] == pytest.approx(rates.migration_f[0])  # Rogers–Castro: sexes equal
    yearly = step_rates(wpp2019, 2020, 1, 1)
    assert yearly.migration_m[0].sum() + yearly.migration_f[0].sum() == pytest.approx(110_057 / 5)
    by_age = step_rates(wpp2024, 2020, 5, 1)
    assert by_age.migration_m[0][4] == pytest.approx(28_026)
    assert by_age.migration_f[0].sum() + by_age.migration_m[0].sum() == pytest.approx(179_112)
    shares = migration_pattern(wpp2024, (2020, 2025))
    own = step_rates(wpp2019, 2020, 5, 1, migration_shares=shares)
    assert own.migration_m[0] == pytest.approx(shares[0] * 110_057)
    none = step_rates(wpp2019, 2020, 5, 1, Assumptions(migration_factor=0))
    assert not none.migration_m.any()


def test_migration_patterns():
    pattern = rogers_castro_pattern()
    assert pattern.shape == (2, 21) and pattern.sum() == pytest.approx(1)
    assert FIVE_YEAR[int(pattern[0].argmax())] == (20, 24)  # the labour-force peak
    with pytest.raises(InvalidAssumptions, match="no migration by age"):
        migration_pattern(RateTable.from_payload(read_wpp2019(packaged_directory("wpp2019"))))


@pytest.mark.parametrize(
    ("assumptions", "reason"),
    [
        (Assumptions(mortality_factor=0), "mortality_factor must be above 0"),
        (Assumptions(mortality_factor=-1), "mortality_factor must be above 0"),
        (Assumptions(mortality_factor=100), "at most 10"),
        (Assumptions(migration_factor=-0.5), "migration_factor must be between 0"),
        (Assumptions(fertility_shift=float("nan")), "fertility_shift must be a finite number"),
        (Assumptions(fertility_shift=-2), "total fertility rate after the shift is -0.32"),
        (Assumptions(fertility_shift=9), "fertility_shift must lie between"),
    ],
)
def test_impossible_assumptions(wpp2019, assumptions, reason):
    with pytest.raises(InvalidAssumptions, match=reason):
        step_rates(wpp2019, 2020, 5, 6, assumptions)


@pytest.mark.parametrize(
    ("start", "step", "n_steps", "reason"),
    [
        (2020, 5, 11, "horizon of 55 years exceeds 50"),
        (2020, 1, 51, "horizon of 51 years exceeds 50"),
        (2020, 3, 2, "step must be 1 or 5"),
        (2020, 5, 0, "at least one step"),
        (1900, 5, 1, "starts in 1950"),
    ],
)
def test_impossible_horizons(wpp2019, start, step, n_steps, reason):
    with pytest.raises(InvalidAssumptions, match=reason):
        step_rates(wpp2019, start, step, n_steps)


def test_missing_rates_are_reported(wpp2024):
    with pytest.raises(InvalidAssumptions, match="no net migration by age for 2015–2020 or earlier"):
        step_rates(wpp2024, 2015, 5, 1)
    with pytest.raises(InvalidAssumptions, match="2 × 21 finite shares"):
        step_rates(wpp2024, 2020, 5, 1, migration_shares=np.ones((2, 21)))
