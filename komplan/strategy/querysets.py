"""Reading the strategy tree, the action plans, the project store and the sheets (a fixed number of queries).

Every activity read here gets ``number`` ("2.1.3"); priorities and measures get theirs too.
"""

from __future__ import annotations

from django.db.models import Prefetch

from .models import (
    Activity,
    ActivitySheet,
    Cost,
    Indicator,
    Measure,
    Priority,
    ServiceLink,
    SheetCall,
    SheetLog,
    SheetState,
)
from .numbering import numbers

CONTENT_PREFETCH = (
    "planning_groups",
    "target_groups",
    Prefetch("costs", queryset=Cost.objects.select_related("source")),
    Prefetch("indicators", queryset=Indicator.objects.all()),
    Prefetch(
        "servicelinks",
        queryset=ServiceLink.objects.select_related("service_type", "service_form", "service", "capacity_type"),
    ),
)


def activities_with_content():
    return Activity.objects.select_related("responsible_body").prefetch_related(*CONTENT_PREFETCH, "plan_years")


def tree_for(process) -> list[Priority]:
    """Priorities → measures → activities with numbers set on each."""
    priorities = list(
        Priority.objects.for_process(process).prefetch_related(
            "planning_groups",
            Prefetch(
                "measures",
                queryset=Measure.objects.prefetch_related(Prefetch("activities", queryset=activities_with_content())),
            ),
        )
    )
    found = numbers(
        [(p.pk, [(m.pk, [a.pk for a in m.activities.all()]) for m in p.measures.all()]) for p in priorities]
    )
    for priority in priorities:
        priority.number = found[("priority", priority.pk)]
        for measure in priority.measures.all():
            measure.number = found[("measure", measure.pk)]
            for activity in measure.activities.all():
                activity.number = found[("activity", activity.pk)]
    return priorities


def shown_activities(priorities: list[Priority], body=None) -> list[Priority]:
    """Set ``shown`` on every measure: its activities, or only those ``body`` is responsible for; with a body,
    measures and priorities left without activities are dropped (the numbers stay those of the whole tree)."""
    kept = []
    for priority in priorities:
        priority.shown_measures = []
        for measure in priority.measures.all():
            measure.shown = [a for a in measure.activities.all() if body is None or a.responsible_body_id == body.pk]
            if body is None or measure.shown:
                priority.shown_measures.append(measure)
        if body is None or priority.shown_measures:
            kept.append(priority)
    return kept


def numbered_activities(process) -> list[Activity]:
    return [a for p in tree_for(process) for m in p.measures.all() for a in m.activities.all()]


def measures_for(process) -> list[Measure]:
    return [m for p in tree_for(process) for m in p.measures.all()]


def action_plan(process, year: int) -> list[Activity]:
    """The activities in the action plan of ``year``, in number order."""
    return [a for a in numbered_activities(process) if year in {y.year for y in a.plan_years.all()}]


def action_plan_years(process) -> list[int]:
    years = Activity.objects.filter(measure__priority__process=process).values_list("plan_years__year", flat=True)
    return sorted({y for y in years if y})


def sheets_with_content(process):
    return (
        ActivitySheet.objects.for_process(process)
        .select_related("proposer__user", "responsible_body", "activity")
        .prefetch_related(*CONTENT_PREFETCH, Prefetch("log", queryset=SheetLog.objects.select_related("by")))
    )


def project_store(process):
    return sheets_with_content(process).filter(state=SheetState.ACCEPTED_PROJECT_STORE).order_by("title", "pk")


def call_for(process) -> SheetCall | None:
    return SheetCall.objects.for_process(process).first()


def number_of(process, kind: str, pk: int) -> str:
    """The hierarchical number of one priority/measure/activity of ``process`` ("" when it is not in the tree)."""
    priorities = Priority.objects.for_process(process).prefetch_related("measures__activities")
    found = numbers(
        [(p.pk, [(m.pk, [a.pk for a in m.activities.all()]) for m in p.measures.all()]) for p in priorities]
    )
    return found.get((kind, pk), "")


def deletion_consequences(kind: str, item) -> dict[str, int]:
    """What deleting ``item`` takes along (counts), for the confirmation page: measures and activities under a
    priority, activities under a measure, and the activity sheets that lose their link to an activity (the sheets
    themselves stay, with their history)."""
    if kind == "priority":
        activities = Activity.objects.filter(measure__priority=item)
        measures = item.measures.count()
    elif kind == "measure":
        activities = Activity.objects.filter(measure=item)
        measures = 0
    else:
        activities = Activity.objects.filter(pk=item.pk)
        measures = 0
    return {
        "measures": measures,
        "activities": activities.count() if kind != "activity" else 0,
        "sheets": ActivitySheet.objects.filter(activity__in=activities).count(),
    }
