"""Reads for memberships and invitations, always scoped by a process."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from komplan.territory.querysets import ProcessOwnedQuerySet


class MembershipQuerySet(ProcessOwnedQuerySet):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True)

    def of(self, user, process):
        """The active membership of ``user`` in ``process``, or None."""
        if not user.is_authenticated:
            return None
        return self.active().filter(process=process, user=user).first()


class InvitationQuerySet(ProcessOwnedQuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())

    def usable_by_token(self, token: str):
        return self.pending().select_related("process").filter(token=token).first()

    def by_token(self, token: str):
        return self.select_related("process").filter(token=token).first()


__all__ = ["InvitationQuerySet", "MembershipQuerySet", "models"]
