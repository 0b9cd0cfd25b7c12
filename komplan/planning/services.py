"""Changes to the bodies of a process, each in one transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from komplan.accounts.models import Membership

from .models import Body, BodyMember, PlanningGroup


@transaction.atomic
def delete_body(body: Body) -> None:
    body.delete()  # its seats go with it; the memberships stay


@transaction.atomic
def delete_planning_group(group: PlanningGroup) -> None:
    group.delete()  # bodies lose the link only


@transaction.atomic
def add_member(body: Body, membership: Membership, *, is_leader: bool = False) -> BodyMember:
    """Seat a member of the body's process in the body (a person may sit in several bodies)."""
    if membership.process_id != body.process_id:
        raise ValidationError(_("Only members of this planning process can join its bodies."))
    if BodyMember.objects.filter(body=body, membership=membership).exists():
        raise ValidationError(_("This person is already a member of the body."))
    seat = BodyMember.objects.create(body=body, membership=membership)
    if is_leader:
        set_leader(body, seat)
    return seat


@transaction.atomic
def remove_member(seat: BodyMember) -> None:
    seat.delete()


@transaction.atomic
def set_leader(body: Body, seat: BodyMember | None) -> None:
    """Make ``seat`` the only leader of ``body``; ``None`` leaves the body without a leader."""
    if seat is not None and seat.body_id != body.pk:
        raise ValidationError(_("The leader must be a member of the body."))
    Body.objects.select_for_update().filter(pk=body.pk).first()
    BodyMember.objects.filter(body=body, is_leader=True).update(is_leader=False)
    if seat is not None:
        BodyMember.objects.filter(pk=seat.pk).update(is_leader=True)
        seat.is_leader = True
