"""The comparison as pure functions: a hand-computed area and diffs of two tables (no database)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from komplan.needs.engine import FIELD, Evidence, Funding, Municipality, Norm, Supply, allocate, compare, diff

A = Municipality("A", "Alfa", {"65_plus": 300, "80_plus": 100}, {"65_plus": 400, "80_plus": 100})
B = Municipality("B", "Beta", {"65_plus": 100, "80_plus": 50}, {"65_plus": 100, "80_plus": 60})
HOME_CARE = Norm("4", "65_plus", 50, "klient", FIELD)
HOMES = Norm("13", "80_plus", 80, "luzka", "pob")
CARE = Supply("s1", "4", FIELD, "klient", 10, covers=("A", "B"))
HOME = Supply("s2", "13", "pob", "luzka", 20, located=("A",))
MONEY = [
    Funding("s1", 2024, "state_subsidy", 300_000),
    Funding("s1", 2024, "municipality", 100_000),
    Funding("s1", 2023, "state_subsidy", 1_000_000),  # an older year: not the cost basis
]
EVIDENCE = [Evidence("4", "waiting_list", 6), Evidence("4", "refused", 2), Evidence("4", "waiting_list", 1)]


def table(norms=(HOME_CARE, HOMES), supply=(CARE, HOME), municipalities=(A, B)):
    return compare(list(municipalities), list(norms), list(supply), MONEY, EVIDENCE)


def test_hand_computed_area():
    result = table()
    care, homes = result.rows
    # Home care: 10 clients spread by 65+ (300 : 100) → 7.5 and 2.5; need 50 per 1,000 of 65+.
    a, b = care.municipalities["A"], care.municipalities["B"]
    assert (a.capacity, a.need_now, a.need_horizon, a.gap_now, a.gap_horizon) == (7.5, 15, 20, 7.5, 12.5)
    assert (b.capacity, b.need_now, b.need_horizon, b.gap_now, b.gap_horizon) == (2.5, 5, 5, 2.5, 2.5)
    assert a.coverage == b.coverage == 50
    assert (care.area.capacity, care.area.need_now, care.area.gap_now, care.area.gap_horizon) == (10, 20, 10, 15)
    # Money: 400,000 CZK in 2024 for 10 clients → 40,000 per client a year.
    assert (care.cost_per_unit, care.cost_year, care.funding_total) == (40_000, 2024, 400_000)
    assert care.funding_shares == {"municipality": 0.25, "state_subsidy": 0.75}
    assert (a.cost_gap_now, care.area.cost_gap_now, care.area.cost_gap_horizon) == (300_000, 400_000, 600_000)
    assert care.uncovered == () and care.evidence == {"waiting_list": 7, "refused": 2} and care.services == 1
    # Homes for the elderly: 20 beds located in A; need 80 per 1,000 of 80+.
    a, b = homes.municipalities["A"], homes.municipalities["B"]
    assert (a.capacity, a.need_now, a.gap_now, a.coverage) == (20, 8, -12, 250)
    assert (b.capacity, b.need_now, b.need_horizon, b.gap_now, b.coverage) == (0, 4, 4.8, 4, 0)
    assert homes.area.capacity == 20 and homes.area.need_now == 12 and homes.area.gap_now == -8
    assert homes.area.coverage == pytest.approx(166.6667, abs=1e-3)
    assert homes.cost_per_unit is None and homes.area.cost_gap_now is None and homes.funding_shares == {}
    assert homes.uncovered == ("A", "B")  # no field service of the type covers them
    assert result.has_horizon and result.municipalities == ["A", "B"]


def test_changing_a_norm_changes_exactly_its_row():
    changed = diff(table(), table(norms=(HOME_CARE, replace(HOMES, per_1000=100))))
    expected = {
        (HOMES.key, territory, name)
        for territory in ("", "A", "B")
        for name in ("need_now", "need_horizon", "gap_now", "gap_horizon", "coverage")
    }
    assert changed == expected - {(HOMES.key, "B", "coverage")}  # B has no beds: 0 % either way


def test_changing_a_capacity_changes_exactly_the_affected_cells():
    changed = diff(table(), table(supply=(CARE, replace(HOME, capacity=30))))
    assert changed == {
        (HOMES.key, territory, name)
        for territory in ("", "A")
        for name in ("capacity", "gap_now", "gap_horizon", "coverage")
    }


def test_a_field_capacity_change_moves_every_covered_municipality_and_the_cost():
    changed = diff(table(), table(supply=(replace(CARE, capacity=20), HOME)))
    assert {(key[1], key[2]) for key in changed if key[0] == HOME_CARE.key} >= {("A", "capacity"), ("B", "capacity")}
    assert ("B", "cost_gap_now") in {(key[1], key[2]) for key in changed}  # cost per unit halved
    assert not [key for key in changed if key[0] == HOMES.key]


def test_zero_population_gives_equal_shares_and_outside_municipalities_take_theirs():
    empty = {"A": Municipality("A", "A", {"65_plus": 0}), "B": Municipality("B", "B", {"65_plus": 0})}
    assert allocate(CARE, "65_plus", empty) == {"A": 5, "B": 5}
    outside = Municipality("C", "Gama", {"65_plus": 400}, {"65_plus": 400}, in_area=False)
    result = compare([A, B, outside], [HOME_CARE], [replace(CARE, covers=("A", "B", "C"))])
    row = result.rows[0]
    assert row.area.capacity == pytest.approx(5) and set(row.municipalities) == {"A", "B"}


def test_locations_share_capacity_and_a_service_without_one_is_spread_like_field():
    two = replace(HOME, located=("A", "B"))
    assert allocate(two, "80_plus", {}) == {"A": 10, "B": 10}
    nowhere = replace(HOME, located=(), covers=("A", "B"))
    assert allocate(nowhere, "80_plus", {"A": A, "B": B}) == pytest.approx({"A": 40 / 3, "B": 20 / 3})
    assert compare([A, B], [HOMES], [replace(HOME, located=())]).unplaced == ("s2",)


def test_form_and_unit_must_match_and_no_horizon_is_none_not_zero():
    other_unit = replace(CARE, unit="interv")
    no_form = replace(HOME_CARE, form=None)
    row = compare([A, B], [no_form], [other_unit, replace(CARE, form="amb", located=("B",))]).rows[0]
    assert row.municipalities["A"].capacity == 0 and row.municipalities["B"].capacity == 10
    now_only = compare([replace(A, horizon=None), B], [HOME_CARE], [CARE])
    assert not now_only.has_horizon
    cell = now_only.rows[0].area
    assert cell.need_horizon is None and cell.gap_horizon is None and cell.cost_gap_horizon is None
