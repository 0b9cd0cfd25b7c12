"""Reading the bodies of a process with everything their pages show (a fixed number of queries)."""

from __future__ import annotations

from django.db.models import Prefetch

from komplan.accounts.roles import Triad

from .models import Body, BodyMember, PlanningGroup


def bodies_for(process):
    seats = BodyMember.objects.select_related("membership__user").order_by(
        "-is_leader", "membership__user__full_name", "membership__user__email"
    )
    return Body.objects.for_process(process).prefetch_related(
        Prefetch("members", queryset=seats),
        Prefetch("planning_groups", queryset=PlanningGroup.objects.prefetch_related("target_groups")),
    )


def planning_groups_for(process):
    return PlanningGroup.objects.for_process(process).prefetch_related("target_groups")


def triad_rows(body: Body) -> list[tuple[str, str, int]]:
    """(value, label, count) per triad type, for the balance table."""
    balance = body.triad_balance()
    return [(value, str(label), balance[value]) for value, label in Triad.choices]
