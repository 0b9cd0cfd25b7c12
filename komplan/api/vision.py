"""The vision and the SWOT analyses of a planning process (issue #6, item 3).

- ``GET /processes/{slug}/swot``: the vision (Markdown) and the SWOTs, the overall one first, then one per group:
  items by quadrant with their weight (the number of members' votes — who voted is never given), their origin
  (for items merged into the overall SWOT: the group and its item) and their evidence (a label and the path of
  the page showing it; a survey's results only link when the caller may see them).
"""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from komplan.accounts.middleware import access_for
from komplan.vision.querysets import boards, vision_of

from .processes import visible_process_or_404
from .schemas import ErrorOut

process_router = Router(tags=["planning"])


class VisionOut(Schema):
    text: str
    updated_at: dt.datetime


class EvidenceOut(Schema):
    kind: str
    kind_label: str
    label: str
    url: str | None
    note: str


class OriginOut(Schema):
    body: str | None
    body_name: str
    item: int | None
    source_changed: bool


class ItemOut(Schema):
    id: int
    quadrant: str
    quadrant_label: str
    text: str
    order: int
    weight: int
    origin: OriginOut | None
    evidence: list[EvidenceOut]


class BodyRefOut(Schema):
    slug: str
    name: str
    kind: str


class SwotOut(Schema):
    overall: bool
    body: BodyRefOut | None
    note: str
    items: list[ItemOut]


class SwotResponse(Schema):
    process: str
    vision: VisionOut | None
    swots: list[SwotOut]


def _item(item) -> dict:
    origin = None
    if item.is_merged:
        origin = {
            "body": item.source_body.slug if item.source_body_id else None,
            "body_name": item.source_body_name,
            "item": item.source_id,
            "source_changed": item.source_changed,
        }
    return {
        "id": item.pk,
        "quadrant": item.quadrant,
        "quadrant_label": str(item.get_quadrant_display()),
        "text": item.text,
        "order": item.order,
        "weight": item.weight,
        "origin": origin,
        "evidence": [
            {"kind": e.kind, "kind_label": e.kind_label, "label": e.label, "url": e.url, "note": e.note}
            for e in item.links
        ],
    }


def _swot(board) -> dict:
    body = board.body
    return {
        "overall": board.is_overall,
        "body": {"slug": body.slug, "name": body.name, "kind": body.kind} if body else None,
        "note": board.note,
        "items": [_item(i) for i in board.items],
    }


@process_router.get(
    "/{slug}/swot",
    response={200: SwotResponse, 404: ErrorOut},
    summary="Vision and SWOT analyses of a process",
    url_name="process_swot",
)
def process_swot(request, slug: str):
    """The vision and the overall and per-group SWOTs with weights, origin and evidence; never who voted."""
    process = visible_process_or_404(request, slug)
    insider = access_for(request.user, process).is_insider
    vision = vision_of(process)
    return {
        "process": process.slug,
        "vision": {"text": vision.text, "updated_at": vision.updated_at} if vision else None,
        "swots": [_swot(b) for b in boards(process, insider=insider)],
    }
