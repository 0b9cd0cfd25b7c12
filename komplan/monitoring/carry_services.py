"""Carrying the plan on (docs/monitoring.md, "Carrying the plan on"): into next year's action plan, and into the
next planning period.

* ``carry_candidates(process, year)`` reads what is left at the end of a year: the unfinished activities of the
  year's action plan (by their report of that year) that are not yet in next year's plan, and the project store.
* ``carry_over(process, year, user, carry=…, to_store=…, promote=…)`` carries activities into the action plan of
  ``year + 1`` (the same activity, so its reports stay its history), moves activities to the project store (a new
  sheet, a copy of the activity) and promotes project-store sheets into the plan of ``year + 1``; each step is
  logged as a ``CarryOver``. Everything is checked before anything is written; a refusal is a ``ValidationError``
  keyed ``carry`` / ``to_store`` / ``promote`` with a message naming the activity or sheet, and ``BeyondPeriod``
  (a ValidationError too) when ``year + 1`` lies after the process's period. A step done already (the same
  activity carried from the same year) is skipped, so submitting twice changes nothing.
* ``start_next_period(…)`` (carry_period.py) starts the next planning period from the current plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from komplan.strategy import querysets as strategy_queries
from komplan.strategy.models import ActionPlanYear, Activity, ActivitySheet, Measure, SheetLog, SheetState, Stage
from komplan.strategy.services import CHILD_MODELS, CONTENT_FIELDS, promote_from_project_store
from komplan.territory.models import PlanningProcess

from . import querysets
from .carry_period import FINISHED, start_next_period  # noqa: F401 - start_next_period: part of the interface
from .models import CarryKind, CarryOver, ProgressReport, Status, Succession


class BeyondPeriod(ValidationError):
    """``year + 1`` lies after the end of the process's planning period: start the next period instead."""


# ---------------------------------------------------------------------------------------------------- reading


@dataclass
class Candidate:
    """An activity of the year's action plan with its report of that year (None: not reported)."""

    activity: Activity
    report: ProgressReport | None

    @property
    def status(self) -> str:
        return self.report.status if self.report else ""

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status else _("not reported")

    @property
    def progress(self) -> int | None:
        return self.report.progress if self.report else None


@dataclass
class Candidates:
    year: int
    activities: list[Candidate] = field(default_factory=list)  # unfinished, not yet in next year's plan
    sheets: list[ActivitySheet] = field(default_factory=list)  # the project store
    in_next_year: list[Candidate] = field(default_factory=list)  # already in next year's plan too
    finished: list[Candidate] = field(default_factory=list)  # done or cancelled in the year
    beyond_period: bool = False  # year + 1 is after the process's period

    @property
    def next_year(self) -> int:
        return self.year + 1


def carry_candidates(process, year: int) -> Candidates:
    reports = querysets.reports_of(process, year)
    found = Candidates(year=year, beyond_period=year + 1 > process.period_end)
    for activity in strategy_queries.action_plan(process, year):
        candidate = Candidate(activity, reports.get(activity.pk))
        if candidate.status in FINISHED:
            found.finished.append(candidate)
        elif year + 1 in {y.year for y in activity.plan_years.all()}:
            found.in_next_year.append(candidate)
        else:
            found.activities.append(candidate)
    found.sheets = list(strategy_queries.project_store(process))
    return found


def carried_from(process, year: int) -> list[CarryOver]:
    """The carry-over log of ``year`` (what was carried, moved to the store or promoted from it)."""
    return list(
        CarryOver.objects.for_process(process)
        .filter(from_year=year)
        .select_related("activity", "sheet", "by")
        .order_by("at", "pk")
    )


def succession_of(process) -> tuple[Succession | None, Succession | None]:
    """(the link to the previous period, the link to the next one)."""
    links = Succession.objects.filter(previous=process) | Succession.objects.filter(next=process)
    previous = next_ = None
    for link in links.select_related("previous", "next"):
        if link.next_id == process.pk:
            previous = link
        else:
            next_ = link
    return previous, next_


# ---------------------------------------------------------------------------------------------------- writing


@dataclass
class CarryResult:
    carried: list[Activity] = field(default_factory=list)
    stored: list[ActivitySheet] = field(default_factory=list)
    promoted: list[Activity] = field(default_factory=list)
    skipped: int = 0  # steps done already (submitted twice)

    @property
    def changed(self) -> int:
        return len(self.carried) + len(self.stored) + len(self.promoted)


@dataclass
class _Plan:
    """What carry_over will do, after every check passed."""

    carry: list[tuple[Activity, str]] = field(default_factory=list)
    store: list[tuple[Activity, str]] = field(default_factory=list)
    promote: list[tuple[ActivitySheet, Measure]] = field(default_factory=list)
    skipped: int = 0


def _label(activity: Activity) -> str:
    number = getattr(activity, "number", "")
    return f"{number} {activity.title}".strip()


def _done_before(process, kind: str, year: int, **target) -> bool:
    return CarryOver.objects.for_process(process).filter(kind=kind, from_year=year, **target).exists()


def _check_activities(process, year, ids, kind, found, plan, errors) -> list[tuple[Activity, str]]:
    """The activities named by ``ids`` with their status, or messages in ``errors[key]`` for those refused."""
    key = "carry" if kind == CarryKind.NEXT_YEAR else "to_store"
    in_year, reports = found
    accepted = []
    for pk in dict.fromkeys(ids):
        activity = in_year.get(pk)
        if activity is None:
            name = Activity.objects.filter(pk=pk, measure__priority__process=process).first()
            errors.setdefault(key, []).append(
                _("Activity %(activity)s is not in the action plan of %(year)s.")
                % {"activity": name.title if name else f"#{pk}", "year": year}
            )
            continue
        if _done_before(process, kind, year, activity=activity):
            plan.skipped += 1
            continue
        report = reports.get(pk)
        status = report.status if report else ""
        if year + 1 in {y.year for y in activity.plan_years.all()}:
            errors.setdefault(key, []).append(
                _("Activity %(activity)s is already in the action plan of %(next)s.")
                % {"activity": _label(activity), "next": year + 1}
            )
        elif status == Status.DONE or (kind == CarryKind.NEXT_YEAR and status == Status.CANCELLED):
            errors.setdefault(key, []).append(
                _("Activity %(activity)s is %(status)s in %(year)s; only unfinished activities are carried on.")
                % {"activity": _label(activity), "status": Status(status).label, "year": year}
            )
        else:
            accepted.append((activity, status))
    return accepted


def _check_sheets(process, year, promote, plan, errors) -> None:
    for sheet, measure in promote:
        sheet = ActivitySheet.objects.filter(pk=getattr(sheet, "pk", sheet)).first()
        if sheet is None or sheet.process_id != process.pk:
            errors.setdefault("promote", []).append(_("The activity sheet is not in the project store."))
            continue
        if sheet.state != SheetState.ACCEPTED_PROJECT_STORE:
            if _done_before(process, CarryKind.PROMOTED, year, sheet=sheet):
                plan.skipped += 1
            else:
                errors.setdefault("promote", []).append(
                    _("The sheet “%(sheet)s” is not in the project store (it is %(state)s).")
                    % {"sheet": sheet.title, "state": sheet.get_state_display()}
                )
            continue
        if measure is None or measure.priority.process_id != process.pk:
            errors.setdefault("promote", []).append(
                _("The measure chosen for “%(sheet)s” belongs to another planning process.") % {"sheet": sheet.title}
            )
            continue
        if any(chosen.pk == sheet.pk for chosen, _measure in plan.promote):
            continue
        plan.promote.append((sheet, measure))


def _check(process, year: int, carry, to_store, promote) -> _Plan:
    if year + 1 > process.period_end:
        raise BeyondPeriod(
            _(
                "The planning period of the process ends in %(end)s, so there is no action plan of %(next)s; "
                "start the next planning period instead."
            )
            % {"end": process.period_end, "next": year + 1}
        )
    if year < process.period_start:
        raise ValidationError(
            _("%(year)s is before the planning period of the process (%(period)s).")
            % {"year": year, "period": process.period_label}
        )
    plan, errors = _Plan(), {}
    both = set(carry) & set(to_store)
    if both:
        errors["carry"] = [_("An activity can be carried on or moved to the project store, not both.")]
    found = ({a.pk: a for a in strategy_queries.action_plan(process, year)}, querysets.reports_of(process, year))
    plan.carry = _check_activities(process, year, carry, CarryKind.NEXT_YEAR, found, plan, errors)
    plan.store = _check_activities(process, year, to_store, CarryKind.PROJECT_STORE, found, plan, errors)
    _check_sheets(process, year, promote, plan, errors)
    if errors:
        raise ValidationError(errors)
    return plan


@transaction.atomic
def carry_over(
    process,
    year: int,
    user,
    carry: Iterable[int] = (),
    to_store: Iterable[int] = (),
    promote: Iterable[tuple] = (),
) -> CarryResult:
    """Carry activities of ``year`` into next year's plan, move some to the project store, promote sheets.

    All or nothing: every choice is checked first (ValidationError / BeyondPeriod with the reasons).
    """
    process = PlanningProcess.objects.select_for_update().get(pk=process.pk)  # one carry-over at a time
    carry, to_store, promote = [int(pk) for pk in carry], [int(pk) for pk in to_store], list(promote)
    plan = _check(process, year, carry, to_store, promote)
    by = user if user is not None and user.is_authenticated else None
    result = CarryResult(skipped=plan.skipped)
    for activity, status in plan.carry:
        ActionPlanYear.objects.create(activity=activity, year=year + 1)
        CarryOver.objects.create(
            process=process,
            kind=CarryKind.NEXT_YEAR,
            activity=activity,
            from_year=year,
            to_year=year + 1,
            status=status,
            by=by,
        )
        result.carried.append(activity)
    for activity, status in plan.store:
        sheet = _to_project_store(process, activity, status, year, by)
        CarryOver.objects.create(
            process=process,
            kind=CarryKind.PROJECT_STORE,
            activity=activity,
            sheet=sheet,
            from_year=year,
            status=status,
            by=by,
        )
        result.stored.append(sheet)
    for sheet, measure in plan.promote:
        comment = _("Promoted from the project store into the action plan of %(next)s.") % {"next": year + 1}
        activity = promote_from_project_store(sheet, user, measure, year + 1, comment)
        CarryOver.objects.create(
            process=process,
            kind=CarryKind.PROMOTED,
            activity=activity,
            sheet=sheet,
            from_year=year,
            to_year=year + 1,
            by=by,
        )
        result.promoted.append(activity)
    return result


def _to_project_store(process, activity: Activity, status: str, year: int, by) -> ActivitySheet:
    """A copy of the activity as a sheet accepted into the project store (content, groups and child rows)."""
    provider = activity.responsible_provider
    sheet = ActivitySheet(
        process=process,
        proposer=activity.responsible_member,
        proposer_organisation=provider.name if provider else activity.responsible_organisation,
        stage=Stage.RUNNING if status == Status.RUNNING else Stage.INTENDED,
        state=SheetState.ACCEPTED_PROJECT_STORE,
        submitted_at=timezone.now(),
        activity=activity,
    )
    for name in CONTENT_FIELDS:
        setattr(sheet, name, getattr(activity, name))
    sheet.save()
    sheet.planning_groups.set(activity.planning_groups.all())
    sheet.target_groups.set(activity.target_groups.all())
    for related, model in CHILD_MODELS.items():
        for row in getattr(activity, related).all():
            row.pk = None
            row.activity = None
            row.sheet = sheet
            row._state.adding = True
            model.save(row)
    comment = _("Moved from the action plan of %(year)s (activity %(activity)s, status: %(status)s).") % {
        "year": year,
        "activity": _label(activity),
        "status": Status(status).label if status else _("not reported"),
    }
    SheetLog.objects.create(
        sheet=sheet, by=by, from_state="", to_state=SheetState.ACCEPTED_PROJECT_STORE, comment=comment
    )
    return sheet
