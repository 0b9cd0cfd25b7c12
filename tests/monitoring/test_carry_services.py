"""Carrying the action plan into the next year: candidates, history kept, the project store, promotion, every
refusal (nothing half-written), and submitting twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from komplan.monitoring import carry_services, querysets, services
from komplan.monitoring.carry_services import BeyondPeriod, carry_candidates, carry_over
from komplan.monitoring.models import CarryOver, MonitoringPeriod
from komplan.monitoring.permissions import ReporterScope
from komplan.monitoring.validation import ProgressInput
from komplan.strategy.models import ActionPlanYear, Activity, ActivitySheet, SheetState
from komplan.strategy.services import CHILD_MODELS, CONTENT_FIELDS

from .carry_fixtures import reports2008, rich_a111, store_sheet  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def years_of(activity) -> set[int]:
    return set(activity.plan_years.values_list("year", flat=True))


def nothing_written(before_years: int) -> bool:
    return not CarryOver.objects.exists() and ActionPlanYear.objects.count() == before_years


# ---------------------------------------------------------------------------------------------------- candidates


def test_candidates_are_the_unfinished_activities_not_yet_in_next_year(plan2008, reports2008, store_sheet):  # noqa: F811
    found = carry_candidates(plan2008["p1"].process, 2008)
    assert [(c.activity.number, c.status) for c in found.activities] == [("1.1.1", "running"), ("1.2.1", "")]
    assert found.activities[1].status_label == "nevykázáno"
    assert [c.activity.pk for c in found.finished] == [plan2008["a112"].pk]
    assert found.sheets == [store_sheet]
    assert not found.beyond_period and found.next_year == 2009


def test_an_activity_already_in_next_year_is_no_candidate(plan2008, reports2008):  # noqa: F811
    ActionPlanYear.objects.create(activity=plan2008["a121"], year=2009)
    found = carry_candidates(plan2008["p1"].process, 2008)
    assert [c.activity.pk for c in found.activities] == [plan2008["a111"].pk]
    assert [c.activity.pk for c in found.in_next_year] == [plan2008["a121"].pk]


def test_the_last_year_of_the_period_is_beyond(process, plan2008):
    assert carry_candidates(process, 2010).beyond_period


# ---------------------------------------------------------------------------------------------------- carrying


def test_carried_activity_keeps_its_history(process, plan2008, reports2008, coordinator):  # noqa: F811
    a111 = plan2008["a111"]
    result = carry_over(process, 2008, coordinator, carry=[a111.pk, plan2008["a121"].pk])
    assert [a.pk for a in result.carried] == [a111.pk, plan2008["a121"].pk]
    assert years_of(a111) == {2008, 2009}
    log = CarryOver.objects.get(activity=a111)
    assert (log.kind, log.from_year, log.to_year, log.status) == ("next_year", 2008, 2009, "running")
    assert log.by == coordinator
    assert CarryOver.objects.get(activity=plan2008["a121"]).status == ""  # not reported
    # the report of 2008 stays on the same activity, which is now reported in 2009 too
    period2009 = MonitoringPeriod.objects.create(
        process=process, year=2009, opens_on=dt.date(2009, 1, 1), deadline=dt.date(2010, 1, 31)
    )
    services.save_progress(
        period2009, a111, coordinator, ReporterScope(everything=True), ProgressInput(status="done", progress=100)
    )
    history = querysets.history_of(a111)
    assert [(r.period.year, r.status, r.progress) for r in history] == [(2008, "running", 60), (2009, "done", 100)]
    assert Activity.objects.filter(measure__priority__process=process).count() == 3  # no copy was made


def test_moving_to_the_project_store_copies_the_activity(process, plan2008, reports2008, rich_a111, coordinator):  # noqa: F811
    result = carry_over(process, 2008, coordinator, to_store=[rich_a111.pk])
    sheet = result.stored[0]
    assert sheet.state == SheetState.ACCEPTED_PROJECT_STORE and sheet.activity == rich_a111
    for name in CONTENT_FIELDS:
        assert getattr(sheet, name) == getattr(rich_a111, name), name
    assert set(sheet.planning_groups.all()) == set(rich_a111.planning_groups.all()) != set()
    assert set(sheet.target_groups.all()) == set(rich_a111.target_groups.all()) != set()
    for related in CHILD_MODELS:

        def rows(owner, related=related):
            return sorted(
                tuple(v for k, v in row.items() if k not in ("id", "activity_id", "sheet_id"))
                for row in getattr(owner, related).values()
            )

        assert rows(sheet) == rows(rich_a111) != [], related
    assert sheet.proposer_organisation == "Oblastní charita Slaný (ilustrativní)"  # the responsible provider
    assert sheet.stage == "running"
    step = sheet.log.get()
    assert step.to_state == SheetState.ACCEPTED_PROJECT_STORE and step.by == coordinator
    assert "2008" in step.comment and "1.1.1" in step.comment
    log = CarryOver.objects.get()
    assert (log.kind, log.activity, log.sheet, log.to_year, log.status) == (
        "project_store",
        rich_a111,
        sheet,
        None,
        "running",
    )
    assert years_of(rich_a111) == {2008}  # not carried into 2009
    assert sheet in carry_candidates(process, 2008).sheets


def test_promoting_a_sheet_puts_it_into_next_years_plan(process, plan2008, store_sheet, coordinator):  # noqa: F811
    result = carry_over(process, 2008, coordinator, promote=[(store_sheet, plan2008["m12"])])
    activity = result.promoted[0]
    store_sheet.refresh_from_db()
    assert store_sheet.state == SheetState.ACCEPTED_ACTION_PLAN and store_sheet.activity == activity
    assert activity.measure == plan2008["m12"] and years_of(activity) == {2009}
    assert activity.title == store_sheet.title and activity.indicators.get().name == "Počet bytů"
    log = CarryOver.objects.get()
    assert (log.kind, log.sheet, log.activity, log.from_year, log.to_year) == (
        "promoted",
        store_sheet,
        activity,
        2008,
        2009,
    )
    assert "2009" in store_sheet.log.last().comment


def test_carry_store_and_promote_at_once(process, plan2008, reports2008, store_sheet, coordinator):  # noqa: F811
    result = carry_over(
        process,
        2008,
        coordinator,
        carry=[plan2008["a111"].pk],
        to_store=[plan2008["a121"].pk],
        promote=[(store_sheet, plan2008["m11"])],
    )
    assert (len(result.carried), len(result.stored), len(result.promoted), result.changed) == (1, 1, 1, 3)
    assert [step.kind for step in carry_services.carried_from(process, 2008)] == [
        "next_year",
        "project_store",
        "promoted",
    ]


# ---------------------------------------------------------------------------------------------------- refusals


def refused(process, user, key=None, **choices) -> str:
    before = ActionPlanYear.objects.count()
    sheets = ActivitySheet.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        carry_over(process, choices.pop("year", 2008), user, **choices)
    assert nothing_written(before) and ActivitySheet.objects.count() == sheets
    if key is None:
        return " ".join(excinfo.value.messages)
    return " ".join(excinfo.value.message_dict[key])


def test_an_activity_not_in_the_years_plan_is_refused(process, plan2008, coordinator, other_process):
    from komplan.strategy import services as strategy

    only2009 = Activity.objects.create(measure=plan2008["m11"], title="Nová služba", order=9)
    ActionPlanYear.objects.create(activity=only2009, year=2009)
    assert "Nová služba" in refused(process, coordinator, "carry", carry=[only2009.pk])
    foreign_measure = strategy.add_measure(strategy.add_priority(other_process, "Cizí"), "Cizí opatření")
    foreign = Activity.objects.create(measure=foreign_measure, title="Cizí aktivita")
    ActionPlanYear.objects.create(activity=foreign, year=2008)
    message = refused(process, coordinator, "to_store", to_store=[foreign.pk])
    assert "2008" in message and "Cizí aktivita" not in message  # another process's activity is not named


def test_an_activity_already_in_next_years_plan_is_refused(process, plan2008, coordinator):
    ActionPlanYear.objects.create(activity=plan2008["a121"], year=2009)
    assert "2009" in refused(process, coordinator, "carry", carry=[plan2008["a121"].pk])
    assert "2009" in refused(process, coordinator, "to_store", to_store=[plan2008["a121"].pk])


def test_a_done_or_cancelled_activity_is_not_carried(process, plan2008, reports2008, period, coordinator):  # noqa: F811
    assert "1.1.2" in refused(process, coordinator, "carry", carry=[plan2008["a112"].pk])
    assert "1.1.2" in refused(process, coordinator, "to_store", to_store=[plan2008["a112"].pk])
    from komplan.monitoring.models import ProgressReport

    ProgressReport.objects.create(
        period=period, activity=plan2008["a121"], status="cancelled", progress=0, reason="Bez financí"
    )
    assert "1.2.1" in refused(process, coordinator, "carry", carry=[plan2008["a121"].pk])
    # a cancelled activity may wait in the project store for better times
    assert carry_over(process, 2008, coordinator, to_store=[plan2008["a121"].pk]).stored


def test_the_year_after_the_period_is_refused_with_the_next_period_offer(process, plan2008, coordinator):
    ActionPlanYear.objects.create(activity=plan2008["a111"], year=2010)
    before = ActionPlanYear.objects.count()
    with pytest.raises(BeyondPeriod) as excinfo:
        carry_over(process, 2010, coordinator, carry=[plan2008["a111"].pk])
    assert "2010" in excinfo.value.messages[0] and "2011" in excinfo.value.messages[0]
    assert nothing_written(before)
    assert isinstance(excinfo.value, ValidationError)


def test_a_year_before_the_period_is_refused(process, plan2008, coordinator):
    assert "2007" in refused(process, coordinator, year=2007, carry=[plan2008["a111"].pk])


def test_a_sheet_not_in_the_project_store_is_refused(process, plan2008, store_sheet, coordinator, other_process):  # noqa: F811
    store_sheet.state = SheetState.SUBMITTED
    store_sheet.save()
    assert "Sdílené bydlení" in refused(process, coordinator, "promote", promote=[(store_sheet, plan2008["m11"])])
    foreign = ActivitySheet.objects.create(
        process=other_process, title="Cizí list", state=SheetState.ACCEPTED_PROJECT_STORE
    )
    assert refused(process, coordinator, "promote", promote=[(foreign, plan2008["m11"])])


def test_a_measure_of_another_process_is_refused(process, plan2008, store_sheet, coordinator, other_process):  # noqa: F811
    from komplan.strategy import services as strategy

    foreign_measure = strategy.add_measure(strategy.add_priority(other_process, "Cizí"), "Cizí opatření")
    message = refused(process, coordinator, "promote", promote=[(store_sheet, foreign_measure)])
    assert "Sdílené bydlení" in message
    store_sheet.refresh_from_db()
    assert store_sheet.state == SheetState.ACCEPTED_PROJECT_STORE


def test_carry_and_store_of_one_activity_is_refused(process, plan2008, coordinator):
    pk = plan2008["a111"].pk
    assert refused(process, coordinator, "carry", carry=[pk], to_store=[pk])


def test_one_refusal_stops_everything(process, plan2008, reports2008, store_sheet, coordinator):  # noqa: F811
    message = refused(
        process,
        coordinator,
        carry=[plan2008["a111"].pk, plan2008["a112"].pk],  # 1.1.2 is done
        to_store=[plan2008["a121"].pk],
        promote=[(store_sheet, plan2008["m11"])],
    )
    assert "1.1.2" in message
    store_sheet.refresh_from_db()
    assert store_sheet.state == SheetState.ACCEPTED_PROJECT_STORE


# ---------------------------------------------------------------------------------------------------- twice


def test_carrying_twice_does_not_duplicate(process, plan2008, reports2008, store_sheet, coordinator):  # noqa: F811
    choices = {
        "carry": [plan2008["a111"].pk],
        "to_store": [plan2008["a121"].pk],
        "promote": [(store_sheet, plan2008["m11"])],
    }
    first = carry_over(process, 2008, coordinator, **choices)
    assert first.changed == 3 and first.skipped == 0
    counts = (ActionPlanYear.objects.count(), ActivitySheet.objects.count(), Activity.objects.count())
    second = carry_over(process, 2008, coordinator, **choices)
    assert second.changed == 0 and second.skipped == 3
    assert (ActionPlanYear.objects.count(), ActivitySheet.objects.count(), Activity.objects.count()) == counts
    assert CarryOver.objects.count() == 3


def test_the_same_activity_named_twice_is_carried_once(process, plan2008, coordinator):
    result = carry_over(process, 2008, coordinator, carry=[plan2008["a111"].pk, plan2008["a111"].pk])
    assert len(result.carried) == 1 and CarryOver.objects.count() == 1
