"""The published settlement of a comment period: ``GET /consultations/{id}/settlement``.

Public fields only, from komplan.consultation.staff_querysets.settlement_items: reference number, date and channel
received, the anchor (chapter key, paragraph id and a readable label), the text (``null`` with ``hidden: true``
when moderation hid it), the name only where the commenter agreed to publish it, relevance with its reason,
decision and answer; plus the counts. E-mails and postal addresses are never part of it. 404 with a reason for an
unknown period, a period of a process the caller may not see, and before the settlement is published.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import HttpError

from komplan.consultation import settlement
from komplan.consultation.models import Channel, Consultation, Decision, Relevance
from komplan.consultation.staff_querysets import settlement_items
from komplan.territory.models import PlanningProcess

from .schemas import ErrorOut

router = Router(tags=["consultation"])


class CountsOut(Schema):
    received: int
    by_channel: dict[str, int]
    relevant: int
    not_relevant: int
    accepted: int
    partly: int
    not_accepted: int
    otherwise: int
    awaiting: int


class SettledCommentOut(Schema):
    reference: str
    received_on: dt.date
    channel: str
    channel_label: str
    chapter_key: str
    paragraph_id: str
    concerns: str
    text: str | None
    hidden: bool
    name: str
    relevance: str
    relevance_label: str
    relevance_reason: str
    decision: str
    decision_label: str
    answer: str


class SettlementOut(Schema):
    consultation: int
    process: str
    plan: str
    version: int
    opens_on: dt.date
    closes_on: dt.date
    published_at: dt.datetime
    introduction: str
    web: str
    counts: CountsOut
    comments: list[SettledCommentOut]


def _label(choices, value: str) -> str:
    return str(dict(choices).get(value, "")) if value else ""


def _comment(item: dict, snapshot: dict) -> dict:
    return {
        **{key: item[key] for key in ("reference", "received_on", "channel", "chapter_key", "paragraph_id")},
        "channel_label": _label(Channel.choices, item["channel"]),
        "concerns": str(settlement.anchor_label(snapshot, item["chapter_key"], item["paragraph_id"])),
        "text": None if item["hidden"] else item["text"],
        "hidden": item["hidden"],
        "name": item["name"],
        "relevance": item["relevance"],
        "relevance_label": _label(Relevance.choices, item["relevance"]),
        "relevance_reason": item["relevance_reason"],
        "decision": item["decision"],
        "decision_label": _label(Decision.choices, item["decision"]),
        "answer": item["answer"],
    }


@router.get("/{int:consultation_id}/settlement", response={200: SettlementOut, 404: ErrorOut})
def settlement_of(request, consultation_id: int):
    """The published settlement of comments of one comment period."""
    visible = PlanningProcess.objects.visible_to(request.user)
    found = (
        Consultation.objects.filter(pk=consultation_id, version__plan__process__in=visible)
        .select_related("version", "version__plan", "version__plan__process")
        .first()
    )
    if found is None or found.settlement_published_at is None:
        raise HttpError(404, gettext("No published settlement of comments has this number."))
    items = settlement_items(found)
    process = found.version.plan.process
    web = reverse("consultation_settlement:page", kwargs={"process": process.slug, "consultation": found.pk})
    return {
        "consultation": found.pk,
        "process": process.slug,
        "plan": found.version.plan.title,
        "version": found.version.number,
        "opens_on": found.opens_on,
        "closes_on": found.closes_on,
        "published_at": found.settlement_published_at,
        "introduction": found.settlement_introduction,
        "web": request.build_absolute_uri(web),
        "counts": vars(settlement.counts(items)),
        "comments": [_comment(i, found.version.snapshot) for i in items],
    }
