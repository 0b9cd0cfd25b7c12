"""Starting the next planning period from the current plan (docs/monitoring.md, "Carrying the plan on").

``start_next_period`` creates the process of the next period for the same planning area, makes the person its
coordinator (as creating a process does), copies the strategy as a starting point and records the
``Succession``. The old process, its published plan and its monitoring stay as they are: they are the archive,
and their public pages link to the new process (and back).

What is copied: priorities, measures and activities with their content (title, description, responsible
organisation, partners, dates, expected outputs, registry target groups, the responsible provider of the
catalogue), indicators with their target values, links to catalogue services, and answers to gaps of the needs
analysis. What is not: the planning groups and bodies (a new period forms its groups anew, so the links of
priorities and activities to groups and the responsible group are left empty), the responsible members
(memberships belong to the old process), estimated costs and action-plan years (the new action plans are made
for the new period), progress reports, and activity sheets with the project store (they stay in the old
process). An activity that was in an action plan and is not done or cancelled by its latest report is
flagged at the end of the copy's description.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from komplan.accounts.models import Membership
from komplan.accounts.roles import Role, Triad
from komplan.strategy import querysets as strategy_queries
from komplan.strategy.models import YEAR_VALIDATORS, Activity, GapLink, Indicator, Measure, Priority, ServiceLink
from komplan.strategy.services import CONTENT_FIELDS
from komplan.territory.models import AreaKind, PlanningProcess
from komplan.territory.services import create_process

from .models import ProgressReport, Status, Succession

FINISHED = (Status.DONE, Status.CANCELLED)
NOT_COPIED_FIELDS = ("responsible_body",)  # a body of the old process


def _year(value, field: str, errors: dict) -> int | None:
    try:
        year = int(value)
        for validator in YEAR_VALIDATORS:
            validator(year)
    except (TypeError, ValueError, ValidationError):
        errors.setdefault(field, []).append(_("Enter a year between 1990 and 2100."))
        return None
    return year


def _check(old: PlanningProcess, name: str, slug: str, period_start, period_end) -> tuple[str, str, int, int]:
    successor = Succession.objects.filter(previous=old).select_related("next").first()
    if successor is not None:
        raise ValidationError(
            _("The process is already continued by “%(next)s”; a process has one next planning period.")
            % {"next": successor.next.name}
        )
    errors: dict[str, list] = {}
    fields = PlanningProcess._meta
    clean = {}
    for key, value in (("name", (name or "").strip()), ("slug", (slug or "").strip())):
        try:
            clean[key] = fields.get_field(key).clean(value, None)
        except ValidationError as exc:
            errors[key] = exc.messages
    if "slug" in clean and PlanningProcess.objects.filter(slug=clean["slug"]).exists():
        errors["slug"] = [_("The web address “%(slug)s” is taken by another process.") % {"slug": clean["slug"]}]
    start = _year(period_start, "period_start", errors)
    end = _year(period_end, "period_end", errors)
    if start is not None and start <= old.period_end:
        errors.setdefault("period_start", []).append(
            _("The next period must start after the current one ends (%(end)s).") % {"end": old.period_end}
        )
    if start is not None and end is not None and end < start:
        errors.setdefault("period_end", []).append(_("The period cannot end before it starts."))
    if errors:
        raise ValidationError(errors)
    return clean["name"], clean["slug"], start, end


@transaction.atomic
def start_next_period(process, user, name: str, slug: str, period_start: int, period_end: int) -> PlanningProcess:
    """The process of the next planning period with the strategy copied; refused when one exists already."""
    old = PlanningProcess.objects.select_for_update().get(pk=process.pk)
    name, slug, period_start, period_end = _check(old, name, slug, period_start, period_end)
    is_orp = old.area_kind == AreaKind.ORP
    new = create_process(
        name=name,
        slug=slug,
        area_kind=old.area_kind,
        orp=old.area_orp if is_orp else None,
        municipalities=None if is_orp else list(old.municipalities.all()),
        responsible_municipality=old.responsible_municipality,
        period_start=period_start,
        period_end=period_end,
        summary=old.summary,
        is_public=old.is_public,
        demo_note=old.demo_note,
    )
    previous = Membership.objects.filter(process=old, user=user).first()
    Membership.objects.create(
        process=new,
        user=user,
        role=Role.COORDINATOR,
        triad=previous.triad if previous else Triad.COMMISSIONER,
        organisation=previous.organisation if previous else "",
    )
    copy_strategy(old, new)
    Succession.objects.create(previous=old, next=new, created_by=user if user.is_authenticated else None)
    return new


# ---------------------------------------------------------------------------------------------------- the copy


def unfinished_of(process) -> dict[int, ProgressReport | None]:
    """Activities that were in an action plan and are not done or cancelled by their latest report (or None)."""
    latest: dict[int, ProgressReport] = {}
    for report in ProgressReport.objects.filter(period__process=process).select_related("period"):
        known = latest.get(report.activity_id)
        if known is None or known.period.year < report.period.year:
            latest[report.activity_id] = report
    planned = Activity.objects.filter(measure__priority__process=process, plan_years__isnull=False).distinct()
    return {
        pk: latest.get(pk)
        for pk in planned.values_list("pk", flat=True)
        if latest.get(pk) is None or latest[pk].status not in FINISHED
    }


def _flag(old: PlanningProcess, number: str, report: ProgressReport | None) -> str:
    if report is None:
        return _("Unfinished in the period %(period)s (activity %(number)s): no progress report.") % {
            "period": old.period_label,
            "number": number,
        }
    return _(
        "Unfinished in the period %(period)s (activity %(number)s): in %(year)s reported as %(status)s, "
        "%(progress)s %%."
    ) % {
        "period": old.period_label,
        "number": number,
        "year": report.period.year,
        "status": Status(report.status).label,
        "progress": report.progress,
    }


def _copy_activity(old, activity: Activity, measure: Measure, unfinished: dict) -> Activity:
    copy = Activity(measure=measure, order=activity.order, responsible_provider_id=activity.responsible_provider_id)
    for name in CONTENT_FIELDS:
        if name not in NOT_COPIED_FIELDS:
            setattr(copy, name, getattr(activity, name))
    if activity.pk in unfinished:
        flag = _flag(old, activity.number, unfinished[activity.pk])
        copy.description = f"{copy.description.rstrip()}\n\n{flag}" if copy.description.strip() else flag
    copy.save()
    copy.target_groups.set(activity.target_groups.all())
    Indicator.objects.bulk_create(
        Indicator(activity=copy, name=row.name, unit=row.unit, target_value=row.target_value)
        for row in activity.indicators.all()
    )
    ServiceLink.objects.bulk_create(
        ServiceLink(
            activity=copy,
            kind=row.kind,
            service_type_id=row.service_type_id,
            service_form_id=row.service_form_id,
            service_id=row.service_id,
            capacity_type_id=row.capacity_type_id,
            change=row.change,
        )
        for row in activity.servicelinks.all()
    )
    return copy


def copy_strategy(old: PlanningProcess, new: PlanningProcess) -> dict[tuple[str, int], object]:
    """Copy the strategy tree of ``old`` into ``new`` (same order, so the same numbers); returns old → new rows."""
    unfinished = unfinished_of(old)
    copied: dict[tuple[str, int], object] = {}
    for priority in strategy_queries.tree_for(old):
        new_priority = Priority.objects.create(
            process=new, title=priority.title, description=priority.description, order=priority.order
        )
        for measure in priority.measures.all():
            new_measure = Measure.objects.create(
                priority=new_priority, title=measure.title, description=measure.description, order=measure.order
            )
            copied[("measure", measure.pk)] = new_measure
            for activity in measure.activities.all():
                copied[("activity", activity.pk)] = _copy_activity(old, activity, new_measure, unfinished)
    for link in GapLink.objects.for_process(old):
        target = copied.get(("measure", link.measure_id)) or copied.get(("activity", link.activity_id))
        if target is not None:
            kind = "measure" if link.measure_id else "activity"
            GapLink.objects.create(process=new, gap_key=link.gap_key, **{kind: target})
    return copied
