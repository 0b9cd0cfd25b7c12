"""One e-mail to each commenter who left an address when the settlement is published, with a link to the row of
their comment (``…/vyporadani/#pripominka-<reference>``).

A comment is claimed by setting ``notified_at`` with a conditional UPDATE before its e-mail is sent, so publishing
twice (or two people pressing the button at once) never sends a second e-mail; if sending fails the claim is
released and the next publication tries again.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Comment, Consultation

logger = logging.getLogger(__name__)


def settlement_url(consultation: Consultation) -> str:
    return settings.SITE_URL + reverse(
        "consultation_settlement:page",
        kwargs={"process": consultation.version.plan.process.slug, "consultation": consultation.pk},
    )


def row_url(comment: Comment) -> str:
    return f"{settlement_url(comment.consultation)}#pripominka-{comment.reference}"


def message(comment: Comment) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        plan = comment.consultation.version.plan
        subject = _("Settlement of comments: %(plan)s") % {"plan": plan.title}
        body = render_to_string(
            "consultation/settlement_email.txt",
            {
                "comment": comment,
                "plan": plan,
                "url": row_url(comment),
                "site_name": settings.KOMPLAN_SITE_NAME,
            },
        )
    return EmailMessage(subject, body, to=[comment.email])


def notify_commenters(consultation: Consultation) -> int:
    """E-mail every commenter of ``consultation`` with an address who was not told yet; returns how many."""
    pending = Comment.objects.filter(consultation=consultation, notified_at__isnull=True, anonymised_at__isnull=True)
    pending = pending.exclude(email="").select_related("consultation__version__plan__process")
    sent = 0
    connection = get_connection()
    try:
        for comment in pending:
            now = timezone.now()
            if not Comment.objects.filter(pk=comment.pk, notified_at__isnull=True).update(notified_at=now):
                continue  # someone else's publication claimed it
            try:
                connection.send_messages([message(comment)])
            except (smtplib.SMTPException, OSError) as exc:
                logger.warning("settlement e-mail for comment %s not sent: %s", comment.pk, exc)
                Comment.objects.filter(pk=comment.pk).update(notified_at=None)
            else:
                sent += 1
    finally:
        connection.close()
    return sent
