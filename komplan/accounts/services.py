"""Writes for people, memberships and invitations (each in one transaction)."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Invitation, Membership, User
from .personal_data import sections as personal_data_sections
from .roles import Role


class MembershipError(Exception):
    """A membership change would break a rule (e.g. remove the last coordinator)."""


@transaction.atomic
def invite(
    process,
    *,
    invited_by,
    email: str,
    role: str,
    triad: str,
    full_name: str = "",
    organisation: str = "",
    message: str = "",
) -> Invitation:
    """Create an invitation and send it by e-mail once the transaction commits.

    An earlier pending invitation of the same address to the same process is revoked, so only
    the newest link works.
    """
    email = email.strip().lower()
    Invitation.objects.for_process(process).pending().filter(email__iexact=email).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        process=process,
        email=email,
        full_name=full_name,
        role=role,
        triad=triad,
        organisation=organisation,
        message=message,
        invited_by=invited_by,
    )
    language = translation.get_language()
    transaction.on_commit(lambda: send_invitation(invitation, language))
    return invitation


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("accounts:invitation", kwargs={"token": invitation.token})


def send_invitation(invitation: Invitation, language: str | None = None) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "process": invitation.process,
            "url": invitation_url(invitation),
            "site_name": settings.KOMPLAN_SITE_NAME,
        }
        subject = _("Invitation to the planning process %(process)s") % {"process": invitation.process.name}
        body = render_to_string("accounts/email/invitation.txt", context)
    EmailMessage(subject, body, to=[invitation.email]).send()


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Turn a usable invitation into an (active) membership of ``user``."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise MembershipError(_("This invitation can no longer be used."))
    membership, _created = Membership.objects.update_or_create(
        process=invitation.process,
        user=user,
        defaults={
            "role": invitation.role,
            "triad": invitation.triad,
            "organisation": invitation.organisation,
            "is_active": True,
        },
    )
    if invitation.full_name and not user.full_name:
        user.full_name = invitation.full_name
        user.save(update_fields=["full_name"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _would_leave_no_coordinator(membership: Membership, new_role: str | None, active: bool) -> bool:
    if membership.role != Role.COORDINATOR or (new_role == Role.COORDINATOR and active):
        return False
    others = Membership.objects.for_process(membership.process).active().filter(role=Role.COORDINATOR)
    return not others.exclude(pk=membership.pk).exists()


@transaction.atomic
def update_membership(membership: Membership, *, role: str, triad: str, organisation: str, is_active: bool) -> None:
    if _would_leave_no_coordinator(membership, role, is_active):
        raise MembershipError(_("A process needs at least one active coordinator."))
    membership.role, membership.triad, membership.organisation, membership.is_active = (
        role,
        triad,
        organisation,
        is_active,
    )
    membership.save(update_fields=["role", "triad", "organisation", "is_active"])


@transaction.atomic
def remove_membership(membership: Membership) -> None:
    if _would_leave_no_coordinator(membership, None, False):
        raise MembershipError(_("A process needs at least one active coordinator."))
    membership.delete()


def revoke_invitation(invitation: Invitation) -> None:
    if invitation.state == "pending":
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def personal_data(user: User) -> dict:
    """Everything komplan stores about a person, for the export the person can download."""
    data = {
        "person": {
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "memberships": [
            {
                "process": m.process.name,
                "process_slug": m.process.slug,
                "role": m.role,
                "triad": m.triad,
                "organisation": m.organisation,
                "active": m.is_active,
                "member_since": m.joined_at.isoformat(),
            }
            for m in user.memberships.select_related("process").order_by("joined_at")
        ],
        "invitations_received": [
            {"process": i.process.name, "role": i.role, "sent": i.created_at.isoformat(), "state": i.state}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related("process")
        ],
    }
    data.update(personal_data_sections(user))  # what the planning apps store (activity sheets, votes, …)
    return data


def personal_data_json(user: User) -> str:
    return json.dumps(personal_data(user), ensure_ascii=False, indent=2)


@transaction.atomic
def delete_person(user: User) -> None:
    """Delete the account with its memberships and the invitations addressed to it.

    Refused while the person is the only coordinator of a process, so no process is orphaned.
    """
    for membership in user.memberships.filter(role=Role.COORDINATOR, is_active=True).select_related("process"):
        if _would_leave_no_coordinator(membership, None, False):
            raise MembershipError(
                _("You are the only coordinator of “%(process)s”; hand the role to someone else first.")
                % {"process": membership.process.name}
            )
    Invitation.objects.filter(email__iexact=user.email).delete()
    user.delete()
