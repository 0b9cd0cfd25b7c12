"""Changes to the vision and the SWOTs, each in one transaction (permissions are checked by the callers, see
access.py). Edits of the vision and of an item carry the version the editor loaded; a save over a newer version
raises ``Conflict`` with the current state and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from komplan.planning.models import Body

from .models import TEXT_LIMIT, Quadrant, Swot, SwotEvidence, SwotItem, SwotVote, Vision


class Conflict(Exception):
    """Someone else saved after the editor loaded the text; ``current`` is what they saved."""

    def __init__(self, current):
        super().__init__("edited concurrently")
        self.current = current


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the text of the item."))
    if len(text) > TEXT_LIMIT:
        raise ValidationError(_("Keep the item under %(limit)s characters.") % {"limit": TEXT_LIMIT})
    return text


def _clean_quadrant(quadrant: str) -> str:
    if quadrant not in Quadrant.values:
        raise ValidationError(_("Choose one of the four quadrants."))
    return quadrant


@transaction.atomic
def save_vision(process, text: str, user, version: int) -> Vision:
    """Save the vision text; refuse when it was saved by someone else since ``version`` was loaded."""
    vision, _created = Vision.objects.select_for_update().get_or_create(process=process)
    if vision.version != version:
        raise Conflict(vision)
    vision.text = text.strip()
    vision.version += 1
    vision.updated_at = timezone.now()
    vision.updated_by = user
    vision.save()
    return vision


@transaction.atomic
def swot_for(process, body: Body | None) -> Swot:
    """The SWOT of ``body`` (None: the overall one), created on first use."""
    if body is not None and body.process_id != process.pk:
        raise ValidationError(_("The group belongs to another planning process."))
    swot, _created = Swot.objects.get_or_create(process=process, body=body)
    return swot


@transaction.atomic
def save_note(process, body: Body | None, note: str) -> Swot:
    """The note shown above a SWOT: when and how it was made."""
    swot = swot_for(process, body)
    swot.note = (note or "").strip()
    swot.save(update_fields=["note"])
    return swot


def _next_order(swot: Swot, quadrant: str) -> int:
    last = SwotItem.objects.filter(swot=swot, quadrant=quadrant).aggregate(m=Max("order"))["m"]
    return 0 if last is None else last + 1


@transaction.atomic
def add_item(process, body: Body | None, quadrant: str, text: str, user) -> SwotItem:
    quadrant, text = _clean_quadrant(quadrant), _clean_text(text)
    swot = swot_for(process, body)
    Swot.objects.select_for_update().filter(pk=swot.pk).first()  # one order number per item
    return SwotItem.objects.create(
        swot=swot, quadrant=quadrant, text=text, order=_next_order(swot, quadrant), updated_by=user
    )


@transaction.atomic
def save_item(item: SwotItem, quadrant: str, text: str, user, version: int) -> SwotItem:
    quadrant, text = _clean_quadrant(quadrant), _clean_text(text)
    current = SwotItem.objects.select_for_update().filter(pk=item.pk).first()
    if current is None:
        raise ValidationError(_("Someone else deleted the item in the meantime."))
    if current.version != version:
        raise Conflict(current)
    if quadrant != current.quadrant:
        old = current.quadrant
        current.quadrant, current.order = quadrant, _next_order(current.swot, quadrant)
        current.save(update_fields=["quadrant", "order"])
        _renumber(current.swot, old)
    current.text = text
    current.version += 1
    current.updated_at = timezone.now()
    current.updated_by = user
    current.save()
    return current


def _renumber(swot: Swot, quadrant: str) -> None:
    items = list(SwotItem.objects.filter(swot=swot, quadrant=quadrant).order_by("order", "pk"))
    for number, it in enumerate(items):
        it.order = number
    SwotItem.objects.bulk_update(items, ["order"])


@transaction.atomic
def delete_item(item: SwotItem) -> None:
    """Delete an item with its votes and evidence; copies merged from it keep the group's name as origin."""
    Swot.objects.select_for_update().filter(pk=item.swot_id).first()
    swot, quadrant = item.swot, item.quadrant
    SwotItem.objects.filter(pk=item.pk).delete()
    _renumber(swot, quadrant)


@transaction.atomic
def move_item(item: SwotItem, step: int) -> None:
    """Move an item one place up (``step`` −1) or down (+1) within its quadrant; at either end nothing moves."""
    Swot.objects.select_for_update().filter(pk=item.swot_id).first()
    items = list(SwotItem.objects.filter(swot_id=item.swot_id, quadrant=item.quadrant).order_by("order", "pk"))
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    target = index + (1 if step > 0 else -1)
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for number, it in enumerate(items):
        it.order = number
    SwotItem.objects.bulk_update(items, ["order"])


@transaction.atomic
def vote(item: SwotItem, membership) -> int:
    """Record ``membership``'s vote (once per item); returns the item's number of votes."""
    if membership.process_id != item.swot.process_id:
        raise ValidationError(_("Only members of this planning process can vote."))
    SwotVote.objects.get_or_create(item=item, membership=membership)
    return SwotVote.objects.filter(item=item).count()


@transaction.atomic
def unvote(item: SwotItem, membership) -> int:
    SwotVote.objects.filter(item=item, membership=membership).delete()
    return SwotVote.objects.filter(item=item).count()


@dataclass(frozen=True)
class MergeResult:
    created: list[SwotItem]
    skipped: int  # already in the overall SWOT


def _copy_evidence(source: SwotItem, copy: SwotItem) -> None:
    fields = ["kind", "survey_id", "question_key", "indicator", "territory_id", "year", "service_type_id", "note"]
    SwotEvidence.objects.bulk_create(
        SwotEvidence(item=copy, **{f: getattr(e, f) for f in fields}) for e in source.evidence.all()
    )


@transaction.atomic
def merge(process, item_ids=None, user=None) -> MergeResult:
    """Copy items of the working groups' SWOTs (all, or those in ``item_ids``) into the overall SWOT.

    Each copy records its origin (item, group, the group's name, the version merged) and gets the source's
    evidence; votes stay with the group. Idempotent: an item already merged is skipped, never duplicated.
    """
    overall = swot_for(process, None)
    Swot.objects.select_for_update().filter(pk=overall.pk).first()  # concurrent merges queue here
    sources = (
        SwotItem.objects.filter(swot__process=process, swot__body__isnull=False)
        .select_related("swot__body")
        .prefetch_related("evidence")
        .order_by("swot__body__order", "swot__body__name", "quadrant", "order", "pk")
    )
    if item_ids is not None:
        sources = sources.filter(pk__in=list(item_ids))
    merged = set(overall.items.filter(source__isnull=False).values_list("source_id", flat=True))
    created, skipped = [], 0
    for source in sources:
        if source.pk in merged:
            skipped += 1
            continue
        body = source.swot.body
        copy = SwotItem.objects.create(
            swot=overall,
            quadrant=source.quadrant,
            text=source.text,
            order=_next_order(overall, source.quadrant),
            updated_by=user,
            source=source,
            source_body=body,
            source_body_name=body.name,
            source_version=source.version,
        )
        _copy_evidence(source, copy)
        merged.add(source.pk)
        created.append(copy)
    return MergeResult(created, skipped)


@transaction.atomic
def take_over_source(copy: SwotItem, user) -> SwotItem:
    """Replace a merged item's text with the current text of its source (after the group changed it)."""
    current = SwotItem.objects.select_for_update(of=("self",)).select_related("source").get(pk=copy.pk)
    if current.source is None:
        raise ValidationError(_("The item of the group no longer exists."))
    current.text = current.source.text
    current.source_version = current.source.version
    current.version += 1
    current.updated_at = timezone.now()
    current.updated_by = user
    current.save()
    return current


@transaction.atomic
def add_evidence(item: SwotItem, **fields) -> SwotEvidence:
    evidence = SwotEvidence(item=item, **fields)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def remove_evidence(evidence: SwotEvidence) -> None:
    evidence.delete()
