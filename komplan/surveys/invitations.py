"""Invitations to a survey: a personal link for each service (or provider) of the process's catalogue.

Staff create the invitations from the catalogue, check the e-mail addresses (taken from the service, else
its provider), send them and resend where needed. The link lets one respondent answer once and correct the
answers until the survey closes (``collect_views.invitation``). Links are personal: they go only into the
e-mail, never onto a page.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Invitation, ResponseStatus, Survey

logger = logging.getLogger(__name__)
LABEL_LENGTH = 250


class InvitationError(Exception):
    """A change the invitation's state does not allow (e.g. deleting an answered one)."""


class InvitationState(models.TextChoices):
    NOT_SENT = "not_sent", gettext_lazy("not sent")
    SENT = "sent", gettext_lazy("sent, not answered")
    STARTED = "started", gettext_lazy("answers saved, not sent")
    ANSWERED = "answered", gettext_lazy("answered")
    CORRECTED = "corrected", gettext_lazy("answered and corrected")


def invitation_path(invitation: Invitation) -> str:
    slug, token = invitation.survey.process.slug, invitation.token
    try:
        return reverse("surveys:invitation", kwargs={"process": slug, "token": token})
    except NoReverseMatch:  # the public survey pages are not wired into this urlconf (yet)
        return f"/{slug}/pruzkumy/odpoved/{token}/"


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + invitation_path(invitation)


def _response(invitation: Invitation):
    try:
        return invitation.response
    except Invitation.response.RelatedObjectDoesNotExist:
        return None


def state(invitation: Invitation) -> str:
    response = _response(invitation)
    if response is not None and response.status == ResponseStatus.SUBMITTED:
        corrected = response.submitted_at and response.updated_at > response.submitted_at
        return InvitationState.CORRECTED if corrected else InvitationState.ANSWERED
    if response is not None:
        return InvitationState.STARTED
    return InvitationState.SENT if invitation.sent_at else InvitationState.NOT_SENT


def invitations_of(survey: Survey):
    return Invitation.objects.filter(survey=survey).select_related("response", "service", "organization")


# --- creating ---------------------------------------------------------------------------------------------


@dataclass
class CreateReport:
    created: int = 0
    already: int = 0  # had an invitation already
    without_email: int = 0  # created, but the catalogue has no address for them


def _catalogue(survey: Survey):
    from komplan.directory.filters import catalogue_of

    return catalogue_of(survey.process).select_related("organization").distinct().order_by("organization__name", "name")


@transaction.atomic
def create_invitations(survey: Survey, per: str = "service") -> CreateReport:
    """One invitation per service (``per="service"``) or per provider of the catalogue that has none yet."""
    existing = list(Invitation.objects.filter(survey=survey).values_list("service_id", "organization_id"))
    invited_services = {service for service, _org in existing if service}
    invited_orgs = {org for service, org in existing if org and not service}
    any_org = {org for _service, org in existing if org}
    report = CreateReport()
    new = []
    for service in _catalogue(survey):
        org = service.organization
        if per == "service":
            if service.pk in invited_services or org.pk in invited_orgs:
                report.already += 1
                continue
            label = f"{service.name} ({org.name})"
            new.append(
                Invitation(
                    survey=survey,
                    service=service,
                    organization=org,
                    label=label[:LABEL_LENGTH],
                    email=service.email or org.email,
                )
            )
        else:
            if org.pk in any_org:
                report.already += 1
                continue
            any_org.add(org.pk)
            new.append(
                Invitation(
                    survey=survey, organization=org, label=org.name[:LABEL_LENGTH], email=org.email or service.email
                )
            )
    Invitation.objects.bulk_create(new)
    report.created = len(new)
    report.without_email = sum(1 for invitation in new if not invitation.email)
    return report


def set_email(invitation: Invitation, email: str) -> None:
    invitation.email = (email or "").strip()
    invitation.save(update_fields=["email"])


def delete_invitation(invitation: Invitation) -> None:
    """Delete an invitation nobody answered through (its link stops working)."""
    if _response(invitation) is not None:
        raise InvitationError(_("Answers were given through this invitation; it cannot be deleted."))
    invitation.delete()


# --- sending ----------------------------------------------------------------------------------------------


@dataclass
class SendReport:
    sent: int = 0
    without_email: int = 0
    failed: list[str] = field(default_factory=list)  # labels of invitations the mail server refused


def message(invitation: Invitation, language: str | None = None) -> EmailMessage:
    survey = invitation.survey
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "survey": survey,
            "process": survey.process,
            "url": invitation_url(invitation),
            "site_name": settings.KOMPLAN_SITE_NAME,
        }
        subject = _("Survey “%(survey)s” of the planning process %(process)s") % {
            "survey": survey.title,
            "process": survey.process.name,
        }
        body = render_to_string("surveys/admin/invitation_email.txt", context)
    return EmailMessage(subject, body, to=[invitation.email])


def _send(invitations, language: str | None) -> SendReport:
    """Send through one connection; an address the server refuses is reported and the rest still go out."""
    report = SendReport()
    connection = get_connection()
    try:
        for invitation in invitations:
            if not invitation.email:
                report.without_email += 1
            elif _send_one(connection, invitation, language):
                report.sent += 1
            else:
                report.failed.append(invitation.label)
    finally:
        connection.close()
    return report


def _send_one(connection, invitation: Invitation, language: str | None) -> bool:
    try:
        connection.send_messages([message(invitation, language)])
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("survey invitation %s not sent: %s", invitation.pk, exc)
        return False
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return True


def send_unsent(survey: Survey, language: str | None = None) -> SendReport:
    """Send every invitation of the survey not sent yet (those without an address are counted, not sent)."""
    return _send(
        Invitation.objects.filter(survey=survey, sent_at__isnull=True).select_related("survey__process"), language
    )


def resend(invitation: Invitation, language: str | None = None) -> SendReport:
    """Send one invitation again (e.g. after its address was corrected); the link stays the same."""
    return _send([invitation], language)
