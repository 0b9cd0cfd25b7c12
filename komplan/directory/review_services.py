"""Writes of provider self-service: propose, accept, reject (each in one transaction)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Organization, Service
from .review import ORGANIZATION_FIELDS, SERVICE_FIELDS, ChangeRequest, ReviewStatus
from .services import refresh_search_text


class ReviewError(Exception):
    """The change can no longer be decided (already decided, or its record changed meanwhile)."""


def editable_fields(target) -> tuple[str, ...]:
    return SERVICE_FIELDS if isinstance(target, Service) else ORGANIZATION_FIELDS


def propose(process, user, target: Organization | Service, new_values: dict) -> ChangeRequest | None:
    """Record the fields that differ from the current values; None when nothing changed."""
    changes = {
        name: [getattr(target, name), new_values[name]]
        for name in editable_fields(target)
        if name in new_values and (new_values[name] or "") != (getattr(target, name) or "")
    }
    if not changes:
        return None
    organization = target.organization if isinstance(target, Service) else target
    return ChangeRequest.objects.create(
        process=process,
        organization=organization,
        service=target if isinstance(target, Service) else None,
        changes=changes,
        submitted_by=user,
    )


@transaction.atomic
def accept(change: ChangeRequest, reviewer, note: str = "") -> None:
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != ReviewStatus.PENDING:
        raise ReviewError(_("This change has already been decided."))
    target = change.target
    stale = [name for name, (old, _new) in change.changes.items() if (getattr(target, name) or "") != (old or "")]
    if stale:
        raise ReviewError(
            _("The record changed since the proposal (%(fields)s); reject it and ask for a new one.")
            % {"fields": ", ".join(stale)}
        )
    for name, (_old, new) in change.changes.items():
        setattr(target, name, new)
    target.updated_at = timezone.now()
    target.save()
    if isinstance(target, Service):
        refresh_search_text([target])
    _decide(change, ReviewStatus.ACCEPTED, reviewer, note)


@transaction.atomic
def reject(change: ChangeRequest, reviewer, note: str = "") -> None:
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != ReviewStatus.PENDING:
        raise ReviewError(_("This change has already been decided."))
    _decide(change, ReviewStatus.REJECTED, reviewer, note)


def _decide(change: ChangeRequest, status: str, reviewer, note: str) -> None:
    change.status, change.reviewed_by, change.reviewed_at, change.review_note = status, reviewer, timezone.now(), note
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
