"""Who may do what with the vision and the SWOTs of a process (pure rules over the request's access).

* ``edit_plan`` edits the vision and the overall SWOT, merges, and may also edit any working group's SWOT
  (the coordinator often types in what a group agreed at its meeting);
* a member seated in a body (planning.BodyMember) edits that body's SWOT;
* any member votes on the items of the overall SWOT and of the bodies they sit in (superusers without a
  membership cannot vote: a vote is a member's).

Each rule answers ``None`` when allowed, else the reason shown with the 403.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from komplan.accounts.roles import Perm
from komplan.planning.models import BodyMember


def seated_body_ids(access) -> frozenset[int]:
    if access.membership is None:
        return frozenset()
    return frozenset(BodyMember.objects.filter(membership=access.membership).values_list("body_id", flat=True))


def edit_refusal(access, body, seats: frozenset[int]) -> str | None:
    """Why this person may not edit the SWOT of ``body`` (None: the overall one), or None when they may."""
    if access.can(Perm.EDIT_PLAN):
        return None
    if body is None:
        return _("Only those who edit the plan can change the overall SWOT.")
    if body.pk in seats:
        return None
    return _("Only members of the group “%(group)s” can change its SWOT; you are not a member of it.") % {
        "group": body.name
    }


def vote_refusal(access, body, seats: frozenset[int]) -> str | None:
    if access.membership is None:
        return _("Only members of the process can vote.")
    if body is not None and body.pk not in seats:
        return _("Only members of the group “%(group)s” can vote on its SWOT.") % {"group": body.name}
    return None


def vision_refusal(access) -> str | None:
    return None if access.can(Perm.EDIT_PLAN) else _("Only those who edit the plan can change the vision.")
