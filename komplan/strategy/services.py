"""Changes to the strategy tree and the activity-sheet workflow, each in one transaction.

Forms validate first (forms.py); these functions write all or nothing. Business rules that are not a single
field's — the submission window, which state a decision may start from, the version of an edited activity — are
checked here before anything is written.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import (
    OPEN_STATES,
    ActionPlanYear,
    Activity,
    ActivitySheet,
    Cost,
    Indicator,
    Measure,
    Priority,
    ServiceLink,
    SheetLog,
    SheetState,
)
from .numbering import moved

CONTENT_FIELDS = (
    "title",
    "description",
    "responsible_organisation",
    "responsible_body",
    "partners",
    "start",
    "end",
    "expected_outputs",
)
CHILD_MODELS = {"costs": Cost, "indicators": Indicator, "servicelinks": ServiceLink}


class SubmissionClosed(Exception):
    """No sheet may be submitted now; ``str()`` is the message for the proposer."""


class InvalidTransition(Exception):
    """The sheet is not in a state the step may start from; ``str()`` says why."""


class ActivityConflict(Exception):
    """Someone saved the activity after the editor opened it."""

    def __init__(self, current: Activity):
        super().__init__("conflict")
        self.current = current


# ---- the tree -------------------------------------------------------------------------------------------


def _next_order(queryset) -> int:
    return (queryset.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def add_priority(process, title: str, description: str = "") -> Priority:
    order = _next_order(Priority.objects.for_process(process))
    return Priority.objects.create(process=process, title=title, description=description, order=order)


@transaction.atomic
def add_measure(priority: Priority, title: str, description: str = "") -> Measure:
    order = _next_order(priority.measures.all())
    return Measure.objects.create(priority=priority, title=title, description=description, order=order)


def _siblings(item):
    if isinstance(item, Priority):
        return Priority.objects.for_process(item.process)
    if isinstance(item, Measure):
        return Measure.objects.filter(priority_id=item.priority_id)
    return Activity.objects.filter(measure_id=item.measure_id)


def _renumber(queryset, ids: list[int]) -> None:
    model = queryset.model
    rows = {row.pk: row for row in queryset}
    for position, pk in enumerate(ids, start=1):
        rows[pk].order = position
    model.objects.bulk_update(rows.values(), ["order"])


@transaction.atomic
def move(item, step: int) -> None:
    """Move a priority, measure or activity one place up (−1) or down (+1) among its siblings."""
    siblings = _siblings(item).select_for_update()
    ids = [row.pk for row in siblings.order_by("order", "pk")]
    _renumber(siblings, moved(ids, item.pk, step))


@transaction.atomic
def move_activity_to(activity: Activity, measure: Measure) -> None:
    """Put the activity last under another measure of the same process; both measures are renumbered."""
    if measure.priority.process_id != activity.measure.priority.process_id:
        raise ValidationError(_("The measure belongs to another planning process."))
    if measure.pk == activity.measure_id:
        return
    old = activity.measure_id
    activity.order = _next_order(measure.activities.all())
    activity.measure = measure
    activity.save(update_fields=["measure", "order"])
    rest = Activity.objects.filter(measure_id=old)
    _renumber(rest, [row.pk for row in rest.order_by("order", "pk")])


@transaction.atomic
def delete_item(item) -> None:
    siblings = _siblings(item)
    item.delete()
    _renumber(siblings, [row.pk for row in siblings.order_by("order", "pk")])


# ---- activities (forms and formsets come validated) --------------------------------------------------------


def _save_children(owner_formsets) -> None:
    for formset in owner_formsets:
        formset.save()


@transaction.atomic
def create_activity(measure: Measure, form, formsets, user) -> Activity:
    activity = form.save(commit=False)
    activity.measure = measure
    activity.order = _next_order(measure.activities.all())
    activity.updated_by = user if user.is_authenticated else None
    activity.save()
    form.save_m2m()
    form.save_years(activity)
    for formset in formsets:
        formset.instance = activity
    _save_children(formsets)
    return activity


@transaction.atomic
def save_activity(activity: Activity, form, formsets, user, opened_version: int) -> Activity:
    """Save an edited activity unless someone saved it after ``opened_version`` (then ActivityConflict)."""
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != opened_version:
        raise ActivityConflict(current)
    saved = form.save(commit=False)
    saved.version = current.version + 1
    saved.updated_at = timezone.now()
    saved.updated_by = user if user.is_authenticated else None
    saved.save()
    form.save_m2m()
    form.save_years(saved)
    _save_children(formsets)
    return saved


# ---- activity sheets ---------------------------------------------------------------------------------------


def check_window(call, day: dt.date) -> None:
    """SubmissionClosed unless ``day`` is inside the process's call for activity sheets."""
    if call is None:
        raise SubmissionClosed(_("The process does not collect activity sheets now."))
    if day < call.opens:
        raise SubmissionClosed(
            _("Activity sheets can be submitted from %(date)s.") % {"date": formats.date_format(call.opens)}
        )
    if day > call.closes:
        raise SubmissionClosed(
            _("The deadline for activity sheets was %(date)s; the sheet was not submitted.")
            % {"date": formats.date_format(call.closes)}
        )


def _log(sheet: ActivitySheet, user, from_state: str, to_state: str, comment: str = "") -> None:
    by = user if user is not None and user.is_authenticated else None
    SheetLog.objects.create(sheet=sheet, by=by, from_state=from_state, to_state=to_state, comment=comment)


@transaction.atomic
def submit_sheet(process, membership, form, formsets, user, call, day: dt.date | None = None) -> ActivitySheet:
    """A new sheet by a member, within the call's window; nothing is saved when the window is closed."""
    check_window(call, day or timezone.localdate())
    if membership is None or membership.process_id != process.pk:
        raise SubmissionClosed(_("Only members of the planning process can submit activity sheets."))
    sheet = form.save(commit=False)
    sheet.process = process
    sheet.proposer = membership
    sheet.proposer_organisation = sheet.proposer_organisation or membership.organisation
    sheet.state = SheetState.SUBMITTED
    sheet.submitted_at = timezone.now()
    sheet.save()
    form.save_m2m()
    for formset in formsets:
        formset.instance = sheet
    _save_children(formsets)
    _log(sheet, user, "", SheetState.SUBMITTED)
    return sheet


@transaction.atomic
def resubmit_sheet(sheet: ActivitySheet, form, formsets, user) -> ActivitySheet:
    """The proposer sends a returned sheet again (the window does not apply: the coordinator asked for it)."""
    locked = ActivitySheet.objects.select_for_update().get(pk=sheet.pk)
    if locked.state != SheetState.RETURNED:
        raise InvalidTransition(_("Only a sheet returned for changes can be edited and sent again."))
    saved = form.save(commit=False)
    saved.state = SheetState.RESUBMITTED
    saved.version = locked.version + 1
    saved.save()
    form.save_m2m()
    _save_children(formsets)
    _log(saved, user, SheetState.RETURNED, SheetState.RESUBMITTED)
    return saved


def _open(sheet: ActivitySheet, states=OPEN_STATES) -> ActivitySheet:
    locked = ActivitySheet.objects.select_for_update().get(pk=sheet.pk)
    if locked.state not in states:
        if states == OPEN_STATES:
            message = _("The sheet is %(state)s; only a submitted sheet can be decided on.")
        else:
            message = _("The sheet is %(state)s; only a sheet in the project store can be promoted.")
        raise InvalidTransition(message % {"state": locked.get_state_display()})
    return locked


def _move(sheet: ActivitySheet, user, to: str, comment: str) -> ActivitySheet:
    """Lock an open sheet, log the step and set its new state (a decision that creates nothing else)."""
    locked = _open(sheet)
    _log(locked, user, locked.state, to, comment)
    locked.state = to
    locked.save(update_fields=["state"])
    return locked


def _required(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(message)
    return text


@transaction.atomic
def return_sheet(sheet: ActivitySheet, user, comment: str) -> ActivitySheet:
    return _move(sheet, user, SheetState.RETURNED, _required(comment, _("Say what the proposer should change.")))


@transaction.atomic
def reject_sheet(sheet: ActivitySheet, user, reason: str) -> ActivitySheet:
    return _move(sheet, user, SheetState.REJECTED, _required(reason, _("Give the reason for the rejection.")))


@transaction.atomic
def accept_to_project_store(sheet: ActivitySheet, user, comment: str = "") -> ActivitySheet:
    return _move(sheet, user, SheetState.ACCEPTED_PROJECT_STORE, comment)


def _copy_content(sheet: ActivitySheet, activity: Activity) -> None:
    for name in CONTENT_FIELDS:
        setattr(activity, name, getattr(sheet, name))


@transaction.atomic
def accept_to_action_plan(sheet: ActivitySheet, user, measure: Measure, year: int, comment: str = "") -> Activity:
    """The sheet becomes an activity (last under ``measure``) in the action plan of ``year``."""
    return _to_action_plan(_open(sheet), user, measure, year, comment)


@transaction.atomic
def promote_from_project_store(sheet: ActivitySheet, user, measure: Measure, year: int, comment: str = "") -> Activity:
    """A sheet waiting in the project store becomes an activity in the action plan of ``year`` (carry-over)."""
    locked = _open(sheet, states=(SheetState.ACCEPTED_PROJECT_STORE,))
    return _to_action_plan(locked, user, measure, year, comment)


def _to_action_plan(locked: ActivitySheet, user, measure: Measure, year: int, comment: str) -> Activity:
    if measure.priority.process_id != locked.process_id:
        raise ValidationError(_("The measure belongs to another planning process."))
    # The proposer reports the activity's progress until the coordinator names someone else.
    activity = Activity(
        measure=measure, order=_next_order(measure.activities.all()), responsible_member=locked.proposer
    )
    activity.updated_by = user if user is not None and user.is_authenticated else None
    _copy_content(locked, activity)
    activity.save()
    activity.planning_groups.set(locked.planning_groups.all())
    activity.target_groups.set(locked.target_groups.all())
    ActionPlanYear.objects.create(activity=activity, year=year)
    for related, model in CHILD_MODELS.items():
        for row in getattr(locked, related).all():
            row.pk = None
            row.sheet = None
            row.activity = activity
            row._state.adding = True
            model.save(row)
    _log(locked, user, locked.state, SheetState.ACCEPTED_ACTION_PLAN, comment)
    locked.state = SheetState.ACCEPTED_ACTION_PLAN
    locked.decided_year = year
    locked.activity = activity
    locked.save(update_fields=["state", "decided_year", "activity"])
    return activity
