"""The year tree: roll-ups of measures and priorities equal the documented aggregation of their activities."""

import datetime as dt
from decimal import Decimal

import pytest

from komplan.monitoring import querysets, services
from komplan.monitoring.permissions import ReporterScope
from komplan.monitoring.validation import IndicatorInput, ProgressInput, SpendingInput

pytestmark = pytest.mark.django_db
EVERYTHING = ReporterScope(everything=True)


def test_year_tree_rolls_up_progress_and_money(plan2008, period, coordinator):
    services.save_progress(
        period,
        plan2008["a111"],
        coordinator,
        EVERYTHING,
        ProgressInput(
            "running",
            60,
            spendings=[SpendingInput("municipality", 70000), SpendingInput("region", 10000)],
            indicators=[IndicatorInput(plan2008["indicator"].pk, 30, dt.date(2008, 12, 31))],
        ),
    )
    services.save_progress(period, plan2008["a112"], coordinator, EVERYTHING, ProgressInput("cancelled", 0, reason="x"))
    services.save_progress(period, plan2008["a121"], coordinator, EVERYTHING, ProgressInput("done", 100))
    tree = querysets.year_tree(period.process, 2008)
    [priority] = tree.priorities
    m11, m12 = priority.year_measures
    assert m11.rollup.progress == Decimal("60.0")  # 1.1.2 cancelled: left out
    assert m12.rollup.progress == Decimal("100.0")
    assert priority.rollup.progress == Decimal("80.0")  # (60 + 100) / 2 counted activities
    assert priority.rollup.planned == {"municipality": Decimal(100000)}  # the 2009 cost is not 2008's plan
    assert priority.rollup.spent == {"municipality": Decimal(70000), "region": Decimal(10000)}
    assert tree.total.statuses == {"running": 1, "cancelled": 1, "done": 1}
    [row] = m11.year_activities[0].indicator_rows
    assert row.value == Decimal(30) and row.share == Decimal("75.0")
    # sources in codelist order, each with (planned, spent)
    assert tree.money_rows(tree.total) == [
        ("rozpočet kraje", Decimal(0), Decimal(10000)),
        ("obec / město", Decimal(100000), Decimal(70000)),
    ]


def test_year_tree_without_reports_counts_zero_and_lists_not_reported(plan2008, period):
    tree = querysets.year_tree(period.process, 2008)
    assert tree.total.progress == Decimal("0.0")
    assert tree.total.statuses == {"not_reported": 3}
    assert [a.status_label for a in tree.activities] == ["nevykázáno"] * 3


def test_year_tree_query_count_does_not_grow_with_activities(plan2008, period, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        tree = querysets.year_tree(period.process, 2008)
        [a.indicator_rows for a in tree.activities]
