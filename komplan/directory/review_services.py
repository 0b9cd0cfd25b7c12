"""Writes of proposed changes: propose, accept (all or some fields), reject — each in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import review_fields
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
def propose_values(
    process, service: Service, new_values: dict, *, origin: str, note: str, when=None
) -> ChangeRequest | None:
    """A proposal from another source, e.g. a provider's survey answers (keys as in ``review_fields``).

    Only values that differ from the catalogue are proposed. The pending proposal of the same ``origin`` is
    updated rather than joined by another one (a corrected answer), and withdrawn when nothing differs any
    more; one pending for another service (the answer was linked elsewhere) is withdrawn too. ``when`` is the
    moment the source gave the values (default now); accepted rows record its date. Raises ValueError
    for a key or value the catalogue cannot take, before anything is written.
    """
    for key, value in new_values.items():
        review_fields.check(service, key, value)
    changes = {}
    for key, new in new_values.items():
        old = review_fields.current_value(service, key)
        if not review_fields.same(key, old, new):
            changes[key] = [old, new]
    pending = list(
        ChangeRequest.objects.select_for_update().filter(process=process, origin=origin, status=ReviewStatus.PENDING)
    )
    current = next((c for c in pending if c.service_id == service.pk), None)
    for other in pending:
        if other is not current:
            other.delete()
    if not changes:
        if current is not None:
            current.delete()
        return None
    if current is None:
        current = ChangeRequest(process=process, organization=service.organization, service=service, origin=origin)
    current.changes, current.note, current.submitted_at = changes, note[:300], when or timezone.now()
    current.save()
    return current


def _apply(change: ChangeRequest, keys: list[str]) -> None:
    target = change.target

    def old(key):
        return change.changes[key][0]

    stale = [key for key in keys if not review_fields.same(key, review_fields.current_value(target, key), old(key))]
    if stale:
        raise ReviewError(
            _("The record changed since the proposal (%(fields)s); reject it and ask for a new one.")
            % {"fields": ", ".join(review_fields.label_of(key) for key in stale)}
        )
    origin = review_fields.Origin.of(change)
    for key in keys:
        review_fields.apply_value(target, key, change.changes[key][1], origin)
    target.updated_at = timezone.now()
    target.save()
    if isinstance(target, Service):
        refresh_search_text([target])


@transaction.atomic
def decide(change: ChangeRequest, reviewer, accepted: Iterable[str] | None = None, note: str = ""):
    """Accept the fields named in ``accepted`` (None: all of them) and reject the rest.

    A partly accepted proposal is split so that each part keeps one decision: the original keeps the accepted
    fields, a new rejected proposal (same origin and note, returned; else None) holds the others.
    """
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != ReviewStatus.PENDING:
        raise ReviewError(_("This change has already been decided."))
    wanted = set(change.changes) if accepted is None else set(accepted)
    keys = [key for key in change.changes if key in wanted]
    if not keys:
        _decide(change, ReviewStatus.REJECTED, reviewer, note)
        return None
    _apply(change, keys)
    rejected = None
    rest = {key: values for key, values in change.changes.items() if key not in wanted}
    if rest:
        rejected = ChangeRequest.objects.create(
            process=change.process,
            organization=change.organization,
            service=change.service,
            changes=rest,
            submitted_by=change.submitted_by,
            submitted_at=change.submitted_at,
            origin=change.origin,
            note=change.note,
        )
        _decide(rejected, ReviewStatus.REJECTED, reviewer, note)
        change.changes = {key: change.changes[key] for key in keys}
        change.save(update_fields=["changes"])
    _decide(change, ReviewStatus.ACCEPTED, reviewer, note)
    return rejected


def accept(change: ChangeRequest, reviewer, note: str = "") -> None:
    decide(change, reviewer, None, note)


def reject(change: ChangeRequest, reviewer, note: str = "") -> None:
    decide(change, reviewer, (), note)


def _decide(change: ChangeRequest, status: str, reviewer, note: str) -> None:
    change.status, change.reviewed_by, change.reviewed_at, change.review_note = status, reviewer, timezone.now(), note
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
