"""The documented roll-up (komplan/monitoring/rollup.py, docs/monitoring.md): pure, no database."""

from decimal import Decimal

from komplan.monitoring.rollup import ActivityFacts, rollup, share, tree


def facts(key, status="running", progress=0, planned=None, spent=None):
    return ActivityFacts(key=key, status=status, progress=progress, planned=planned or {}, spent=spent or {})


def test_measure_progress_is_the_mean_of_its_activities():
    result = rollup([facts(1, progress=20), facts(2, progress=50), facts(3, status="done", progress=100)])
    assert result.progress == Decimal("56.7")
    assert result.activities == result.counted == 3


def test_done_counts_as_100_and_not_reported_as_0():
    result = rollup([facts(1, status="done", progress=100), facts(2, status="not_reported")])
    assert result.progress == Decimal("50.0")
    assert result.reported == 1


def test_cancelled_activities_are_left_out_of_progress_but_not_out_of_counts_and_money():
    result = rollup(
        [
            facts(1, progress=40, planned={"municipality": Decimal(100)}, spent={"municipality": Decimal(80)}),
            facts(2, status="cancelled", progress=10, planned={"region": Decimal(50)}, spent={"region": Decimal(5)}),
        ]
    )
    assert result.progress == Decimal("40.0")
    assert result.activities == 2 and result.counted == 1
    assert result.statuses["cancelled"] == 1
    assert result.planned_total == Decimal(150) and result.spent_total == Decimal(85)


def test_nothing_counted_has_no_progress_rather_than_zero():
    assert rollup([]).progress is None
    assert rollup([facts(1, status="cancelled")]).progress is None


def test_priority_is_the_mean_of_measures_weighted_by_their_activities():
    m1 = [facts(1, progress=100), facts(2, progress=100), facts(3, progress=100)]  # mean 100, 3 activities
    m2 = [facts(4, progress=0)]  # mean 0, 1 activity
    found = tree([(10, [(1, m1), (2, m2)])])
    assert found[("measure", 1)].progress == Decimal("100.0")
    assert found[("measure", 2)].progress == Decimal("0.0")
    weighted = (100 * 3 + 0 * 1) / 4
    assert found[("priority", 10)].progress == Decimal(str(weighted)).quantize(Decimal("0.1"))
    assert found[("plan", 0)].progress == Decimal("75.0")


def test_money_sums_per_source_up_the_tree():
    a = facts(1, planned={"municipality": Decimal(100), "region": Decimal(20)}, spent={"municipality": Decimal(90)})
    b = facts(2, planned={"municipality": Decimal(50)}, spent={"municipality": Decimal(60), "eu_funds": Decimal(7)})
    c = facts(3, planned={"": Decimal(30)})
    found = tree([(1, [(1, [a, b])]), (2, [(2, [c])])])
    assert found[("priority", 1)].planned == {"municipality": Decimal(150), "region": Decimal(20)}
    assert found[("priority", 1)].spent == {"municipality": Decimal(150), "eu_funds": Decimal(7)}
    assert found[("plan", 0)].planned_total == Decimal(200)
    assert found[("plan", 0)].spent_total == Decimal(157)


def test_share_of_a_target():
    assert share(Decimal(30), Decimal(40)) == Decimal("75.0")
    assert share(Decimal(30), None) is None
    assert share(Decimal(30), Decimal(0)) is None
