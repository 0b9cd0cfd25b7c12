"""Reading the vision and the SWOTs of a process with everything their pages show (a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from komplan.planning.models import Body, BodyKind

from . import evidence as ev
from .models import Quadrant, Swot, SwotEvidence, SwotItem, SwotVote, Vision

OVERALL = "celkova"  # the address of the overall SWOT among the groups' slugs


@dataclass
class QuadrantRows:
    value: str
    label: str
    items: list


@dataclass
class Board:
    """One SWOT (possibly not created yet) as its page shows it."""

    body: Body | None
    swot: Swot | None
    quadrants: list[QuadrantRows] = field(default_factory=list)

    @property
    def is_overall(self) -> bool:
        return self.body is None

    @property
    def scope(self) -> str:
        return OVERALL if self.body is None else self.body.slug

    @property
    def items(self) -> list:
        return [item for q in self.quadrants for item in q.items]

    @property
    def note(self) -> str:
        return self.swot.note if self.swot else ""


def vision_of(process) -> Vision | None:
    return Vision.objects.filter(process=process).select_related("updated_by").first()


def items_for(process, membership=None):
    evidence = SwotEvidence.objects.select_related("survey", "territory", "service_type")
    items = (
        SwotItem.objects.filter(swot__process=process)
        .select_related("source", "source_body", "updated_by")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .annotate(weight=Count("votes", distinct=True))
        .order_by("quadrant", "order", "pk")
    )
    if membership is not None:
        mine = SwotVote.objects.filter(item=OuterRef("pk"), membership=membership)
        items = items.annotate(my_vote=Exists(mine))
    return items


def swot_bodies(process):
    """The bodies that have a SWOT page: every working group, and any other body that already has a SWOT."""
    return Body.objects.for_process(process).filter(Q(kind=BodyKind.WORKING) | Q(swots__isnull=False)).distinct()


def boards(
    process, membership=None, *, insider: bool = False, only: str | None = None, with_evidence: bool = True
) -> list[Board]:
    """The overall SWOT first, then one per group in the groups' order; ``only`` keeps one scope.

    ``with_evidence=False`` leaves ``item.links`` empty: resolving evidence can run a survey tally or the needs
    comparison, which readers of the plain items (the plan document) do not need."""
    bodies = list(swot_bodies(process))
    scopes: list[Body | None] = [None, *bodies]
    if only is not None:
        scopes = [b for b in scopes if (OVERALL if b is None else b.slug) == only]
    swots = {s.body_id: s for s in Swot.objects.for_process(process)}
    by_swot: dict[int, list] = {}
    labels = ev.QuestionLabels()
    wanted = [swots[b.pk if b else None].pk for b in scopes if (b.pk if b else None) in swots]
    for item in items_for(process, membership).filter(swot_id__in=wanted):
        item.links = [ev.link(e, process, insider, labels) for e in item.evidence.all()] if with_evidence else []
        by_swot.setdefault(item.swot_id, []).append(item)
    result = []
    for body in scopes:
        swot = swots.get(body.pk if body else None)
        items = by_swot.get(swot.pk, []) if swot else []
        quadrants = [
            QuadrantRows(value, str(label), [i for i in items if i.quadrant == value])
            for value, label in Quadrant.choices
        ]
        result.append(Board(body, swot, quadrants))
    return result


def board(process, scope: str, membership=None, *, insider: bool = False) -> Board | None:
    found = boards(process, membership, insider=insider, only=scope)
    return found[0] if found else None


def merge_candidates(process):
    """Items of the groups' SWOTs by board, each marked ``merged`` when the overall SWOT already has its copy."""
    merged = set(
        SwotItem.objects.filter(swot__process=process, swot__body__isnull=True, source__isnull=False).values_list(
            "source_id", flat=True
        )
    )
    result = []
    for b in boards(process)[1:]:
        for item in b.items:
            item.merged = item.pk in merged
        if b.items:
            result.append(b)
    return result
