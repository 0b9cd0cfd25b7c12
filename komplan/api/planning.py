"""The bodies of a planning process (issue: planning workspace).

- ``GET /processes/{slug}/groups``: the steering group and working groups with their planning groups (and the
  registry target groups each aggregates), the triad balance and the leader's organisation. Members' names are
  personal data: only members of the process get the ``members`` list; everyone else gets ``null``.
"""

from __future__ import annotations

from ninja import Router, Schema

from komplan.accounts.middleware import access_for
from komplan.planning.querysets import bodies_for

from .processes import visible_process_or_404
from .schemas import ErrorOut

process_router = Router(tags=["planning"])


class TargetGroupOut(Schema):
    code: str
    slug: str
    name: str


class PlanningGroupOut(Schema):
    slug: str
    name: str
    description: str
    target_groups: list[TargetGroupOut]


class MemberOut(Schema):
    name: str
    triad: str
    organisation: str
    is_leader: bool


class BodyOut(Schema):
    slug: str
    kind: str
    kind_label: str
    name: str
    charter: str
    planning_groups: list[PlanningGroupOut]
    triads: dict[str, int]
    member_count: int
    leader_organisation: str | None
    members: list[MemberOut] | None


class GroupsOut(Schema):
    process: str
    bodies: list[BodyOut]


def _body(body, insider: bool) -> dict:
    seats = list(body.members.all())
    leader = body.leader()
    return {
        "slug": body.slug,
        "kind": body.kind,
        "kind_label": str(body.get_kind_display()),
        "name": body.name,
        "charter": body.charter,
        "planning_groups": [
            {
                "slug": g.slug,
                "name": g.name,
                "description": g.description,
                "target_groups": [{"code": t.code, "slug": t.slug, "name": t.label} for t in g.target_groups.all()],
            }
            for g in body.planning_groups.all()
        ],
        "triads": body.triad_balance(),
        "member_count": len(seats),
        "leader_organisation": (leader.membership.organisation or None) if leader else None,
        "members": [
            {
                "name": str(s.membership.user),
                "triad": s.membership.triad,
                "organisation": s.membership.organisation,
                "is_leader": s.is_leader,
            }
            for s in seats
        ]
        if insider
        else None,
    }


@process_router.get(
    "/{slug}/groups",
    response={200: GroupsOut, 404: ErrorOut},
    summary="Steering group and working groups of a process",
    url_name="process_groups",
)
def process_groups(request, slug: str):
    """Bodies with kind, planning groups, triad counts; member names only for members of the process."""
    process = visible_process_or_404(request, slug)
    insider = access_for(request.user, process).is_insider
    return {"process": process.slug, "bodies": [_body(b, insider) for b in bodies_for(process)]}
