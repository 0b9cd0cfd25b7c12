"""Pure functions: hierarchical numbers, moving within a level, years, costs per year (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from komplan.strategy.numbering import costs_by_year, moved, number_key, numbers, parse_years


def test_numbers_follow_positions():
    found = numbers([(10, [(20, [30, 31]), (21, [])]), (11, [(22, [32])])])
    assert found[("priority", 10)] == "1" and found[("priority", 11)] == "2"
    assert found[("measure", 21)] == "1.2" and found[("measure", 22)] == "2.1"
    assert found[("activity", 31)] == "1.1.2" and found[("activity", 32)] == "2.1.1"


def test_renumbering_after_a_move():
    measures = moved([30, 31, 32], 32, -1)
    assert measures == [30, 32, 31]
    found = numbers([(1, [(2, measures)])])
    assert (found[("activity", 32)], found[("activity", 31)]) == ("1.1.2", "1.1.3")


@pytest.mark.parametrize(
    ("ids", "item", "step", "expected"),
    [([1, 2, 3], 1, -1, [1, 2, 3]), ([1, 2, 3], 3, 1, [1, 2, 3]), ([1, 2, 3], 1, 1, [2, 1, 3]), ([5], 5, 1, [5])],
)
def test_moved_stays_inside(ids, item, step, expected):
    assert moved(ids, item, step) == expected


def test_moved_refuses_a_stranger():
    with pytest.raises(ValueError):
        moved([1, 2], 3, 1)


def test_number_key_sorts_numerically():
    assert sorted(["2.10.1", "2.9.3", "10.1.1", "2.9"], key=number_key) == ["2.9", "2.9.3", "2.10.1", "10.1.1"]


def test_parse_years():
    assert parse_years("2009, 2008 2008;2010") == [2008, 2009, 2010]
    assert parse_years("") == []
    for bad in ("08", "2008.5", "1800", "dva tisíce"):
        with pytest.raises(ValueError):
            parse_years(bad)


def test_costs_by_year():
    rows = [(2009, Decimal(5)), (2008, Decimal(10)), (2008, 2)]
    assert costs_by_year(rows) == [(2008, Decimal(12)), (2009, Decimal(5))]
