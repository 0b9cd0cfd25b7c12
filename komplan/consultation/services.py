"""Writes of the comment period, each in one transaction.

Reference numbers: ``allocate_reference`` takes the consultation row with ``select_for_update`` and increments its
counter, so concurrent submissions (web, API, staff entry) never share a number and the numbers have no gaps in
the order the comments were recorded: "KP-2007-001" (prefix, year of the period's start, three digits or more).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import smtplib
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from komplan.plan.models import Version, VersionState

from .anchors import AnchorError, describe, find
from .models import Channel, Comment, Consultation, ContactRule, SubmissionLog
from .querysets import refusal

logger = logging.getLogger(__name__)

TEXT_REQUIRED = gettext_lazy("Write the text of your comment.")
NAME_REQUIRED = gettext_lazy("Give your name; this comment period does not accept anonymous comments.")
CONTACT_REQUIRED = gettext_lazy("Give an e-mail address or a postal address so that we can reply.")
EMAIL_INVALID = gettext_lazy("Write an e-mail address like name@example.cz.")


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:03d}"


@transaction.atomic
def allocate_reference(consultation: Consultation) -> str:
    """The next reference number of ``consultation`` (call inside the transaction that stores the comment)."""
    locked = Consultation.objects.select_for_update().only("pk", "next_number", "reference_prefix", "opens_on")
    locked = locked.get(pk=consultation.pk)
    number = locked.next_number
    Consultation.objects.filter(pk=locked.pk).update(next_number=number + 1)
    return format_reference(locked.reference_prefix, locked.opens_on.year, number)


# --- public submission (web form and API) -------------------------------------------------------------------------

# Rate limits per sender address and comment period: (count, seconds). Only stored comments count, so a commenter
# correcting a refused form is not punished. ``CONSULTATION_RATE_LIMITS`` in the settings overrides them; an
# empty value switches the limit off (the concurrency test does that: every thread comes from 127.0.0.1).
DEFAULT_RATE_LIMITS = ((5, 10 * 60), (30, 24 * 60 * 60))
FIELD_LIMITS = {"name": 200, "email": 254, "postal_address": 300, "organisation": 200}
FIELDS = ("chapter", "paragraph", "text", "name", "email", "postal_address", "organisation")


class CommentRefused(Exception):
    """The comment breaks a rule; ``errors`` maps a field (``period``, ``chapter``, ``paragraph``, ``text``,
    ``name``, ``email``, ``postal_address``, ``organisation``) to its reasons. Nothing was stored."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(m for messages in errors.values() for m in messages))

    @property
    def detail(self) -> str:
        if "period" in self.errors:
            return self.errors["period"][0]
        return _("The comment was not accepted; see the reasons at the fields.")


class RateLimited(Exception):
    """Too many comments from one address; ``retry_after`` seconds until the next is accepted."""

    def __init__(self, retry_after: int):
        self.retry_after = max(1, int(retry_after))
        super().__init__(f"rate limited for {self.retry_after} s")

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.retry_after / 60))
        return ngettext(
            "Too many comments were sent from your network; try again in %(minutes)d minute.",
            "Too many comments were sent from your network; try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


def rate_limits() -> tuple[tuple[int, int], ...]:
    return tuple(getattr(settings, "CONSULTATION_RATE_LIMITS", DEFAULT_RATE_LIMITS) or ())


def address_hash(address: str) -> str:
    """A keyed SHA-256 of the sender's address (HMAC with the SECRET_KEY): the log never holds the address."""
    return salted_hmac("komplan.consultation.rate", address or "unknown", algorithm="sha256").hexdigest()


def _text(data: Mapping, key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _field_errors(consultation: Consultation, values: dict[str, str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    text = values["text"]
    if not text:
        errors.setdefault("text", []).append(str(TEXT_REQUIRED))
    elif len(text) > consultation.max_length:
        message = _("The comment has %(length)d characters; at most %(max)d are accepted.")
        errors.setdefault("text", []).append(message % {"length": len(text), "max": consultation.max_length})
    for key, limit in FIELD_LIMITS.items():
        if len(values[key]) > limit:
            errors.setdefault(key, []).append(_("At most %(max)d characters.") % {"max": limit})
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.setdefault("email", []).append(str(EMAIL_INVALID))
    rule = consultation.contact_rule
    if rule in (ContactRule.NAME, ContactRule.NAME_AND_CONTACT) and not values["name"]:
        errors.setdefault("name", []).append(str(NAME_REQUIRED))
    if rule == ContactRule.NAME_AND_CONTACT and not (values["email"] or values["postal_address"]):
        errors.setdefault("email", []).append(str(CONTACT_REQUIRED))
    return errors


def clean(consultation: Consultation, data: Mapping) -> tuple[dict, dict[str, list[str]]]:
    """The values to store and the problems of ``data`` (API names: chapter, paragraph, text, name, email,
    postal_address, organisation, publish_name), every problem at once. Pure apart from gettext."""
    values = {key: _text(data, key) for key in FIELDS}
    # PostgreSQL cannot store a NUL character; Django's form fields refuse it the same way
    errors = {key: [_("Null characters are not allowed.")] for key, value in values.items() if "\x00" in value}
    values = {key: value.replace("\x00", "") for key, value in values.items()}
    try:
        anchor = find(consultation.version.snapshot, values["chapter"], values["paragraph"])
    except AnchorError as exc:
        errors.setdefault(exc.field, []).append(exc.message)
        anchor = None
    for key, messages in _field_errors(consultation, values).items():
        errors.setdefault(key, []).extend(messages)
    cleaned = {
        "chapter_key": anchor.chapter_key if anchor else "",
        "paragraph_id": anchor.paragraph_id if anchor else "",
        "text": values["text"],
        "name": values["name"],
        "email": values["email"],
        "postal_address": values["postal_address"],
        "organisation": values["organisation"],
        # consent to publish a name means nothing without a name
        "publish_name": bool(data.get("publish_name")) and bool(values["name"]),
    }
    return cleaned, errors


def _check_rate(consultation: Consultation, hashed: str, now) -> None:
    for count, seconds in rate_limits():
        since = now - dt.timedelta(seconds=seconds)
        recent = SubmissionLog.objects.filter(consultation=consultation, address_hash=hashed, at__gt=since)
        times = list(recent.order_by("at").values_list("at", flat=True)[: int(count)])
        if len(times) >= count:
            raise RateLimited((times[0] - since).total_seconds())


def submit_comment(
    consultation: Consultation, data: Mapping, channel: str = Channel.WEB, address: str = "", today=None
) -> Comment | None:
    """Store a public comment (web form or API) under the next reference number, or refuse it.

    In order: a filled honeypot (``data["honeypot"]``) returns None and stores nothing — the robot gets the same
    "thank you" as a person, so it learns nothing to adapt to; the period must be open today (Europe/Prague);
    the fields follow ``clean``; the sender's address is under the rate limits. The last two steps, the reference
    number and the comment are one transaction that holds the period's row lock, so concurrent submissions are
    counted and numbered one after another. Raises CommentRefused or RateLimited.
    """
    if _text(data, "honeypot"):
        return None
    reason = refusal(consultation, today)
    if reason:
        raise CommentRefused({"period": [reason]})
    cleaned, errors = clean(consultation, data)
    if errors:
        raise CommentRefused(errors)
    hashed = address_hash(address)
    with transaction.atomic():
        Consultation.objects.select_for_update().filter(pk=consultation.pk).values_list("pk").first()
        now = timezone.now()
        _check_rate(consultation, hashed, now)
        comment = Comment.objects.create(
            consultation=consultation,
            reference=allocate_reference(consultation),
            channel=channel,
            received_on=today or timezone.localdate(),
            submitted_at=now,
            **cleaned,
        )
        longest = max((seconds for _count, seconds in rate_limits()), default=0)
        SubmissionLog.objects.filter(at__lt=now - dt.timedelta(seconds=max(longest, 24 * 60 * 60))).delete()
        SubmissionLog.objects.create(consultation=consultation, address_hash=hashed, at=now)
    return comment


def confirmation_message(comment: Comment, periods_url: str, settlement_url: str = "") -> tuple[str, str]:
    """Subject and body of the e-mail confirming a received comment (in the active language)."""
    consultation = comment.consultation
    subject = _("Your comment on the community plan was received: %(reference)s") % {"reference": comment.reference}
    body = render_to_string(
        "consultation/confirmation_email.txt",
        {
            "comment": comment,
            "consultation": consultation,
            "plan_title": consultation.version.plan.title,
            "where": describe(consultation.version.snapshot, comment.chapter_key, comment.paragraph_id),
            "periods_url": periods_url,
            "settlement_url": settlement_url,
            "site_name": settings.KOMPLAN_SITE_NAME,
        },
    )
    return subject, body


def send_confirmation(comment: Comment, periods_url: str, settlement_url: str = "") -> bool:
    """E-mail the confirmation to the address the commenter gave; False when there is none or sending failed
    (the reference number is on the confirmation page anyway)."""
    if not comment.email:
        return False
    subject, body = confirmation_message(comment, periods_url, settlement_url)
    try:
        send_mail(subject, body, None, [comment.email])
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("confirmation of comment %s not sent: %s", comment.reference, exc)
        return False
    return True


# --- comment periods (staff) --------------------------------------------------------------------------------------


class PeriodRefused(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


PERIOD_FIELDS = (
    "opens_on",
    "closes_on",
    "introduction",
    "contact_rule",
    "max_length",
    "retention_days",
    "reference_prefix",
)


def create_period(version: Version, user, **values) -> Consultation:
    """A comment period on a version for public comments that has none yet (checked under the version's lock)."""
    with transaction.atomic():
        locked = Version.objects.select_for_update().defer("snapshot").get(pk=version.pk)
        if locked.state != VersionState.COMMENT:
            raise PeriodRefused("version", _("Only a version for public comments can have a comment period."))
        if Consultation.objects.filter(version=locked).exists():
            raise PeriodRefused("version", _("This version already has a comment period."))
        fields = {key: values[key] for key in PERIOD_FIELDS if key in values}
        return Consultation.objects.create(version=locked, created_by=user, **fields)


def update_period(consultation: Consultation, **values) -> Consultation:
    """Change the dates and rules of a period; the prefix of reference numbers is kept once comments exist."""
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        prefix = values.get("reference_prefix", locked.reference_prefix)
        if prefix != locked.reference_prefix and locked.comments.exists():
            raise PeriodRefused(
                "reference_prefix", _("Comments already have reference numbers; the prefix cannot change.")
            )
        for key in PERIOD_FIELDS:
            if key in values:
                setattr(locked, key, values[key])
        locked.save(update_fields=[key for key in PERIOD_FIELDS if key in values])
        return locked
