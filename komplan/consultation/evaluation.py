"""Writes of the staff side, each in one transaction: comments entered by staff (paper, post, e-mail, a meeting),
evaluation (a new ``Evaluation`` row each time — the history is kept), moderation, publishing the settlement (with
the annex chapter of the plan and the e-mails to commenters), and erasing commenters' personal data.

Refusals raise ``django.core.exceptions.ValidationError`` with a dict ``{field: [message]}``, so a form shows the
reason at the field (``form.add_error(None, error)``) and the API can answer 400 with it.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from komplan.meetings.images import MAX_PIXELS
from komplan.plan import paragraphs
from komplan.plan.models import Block, BlockKind, Chapter

from .models import Channel, Comment, Consultation, Decision, Evaluation, Relevance
from .services import allocate_reference
from .services import clean as clean_fields

STAFF_CHANNELS = (Channel.PAPER, Channel.POST, Channel.EMAIL, Channel.MEETING)
# A letter posted on the last day of the period keeps the deadline (as a filing deadline does under § 40 of the
# Czech Administrative Procedure Code); it is entered with the date it arrived, up to this many days late.
POSTMARK_GRACE_DAYS = 7
SCAN_MAX_BYTES = 10 * 1024 * 1024
SCAN_FORMATS = {"pdf": "PDF", "jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}
SCAN_CONTENT_TYPES = {"PDF": "application/pdf", "JPEG": "image/jpeg", "PNG": "image/png"}

ANNEX_KEY = "vyporadani-pripominek"
ANNEX_SOURCE = "consultation_settlement"


class EvaluationConflict(Exception):
    """Someone evaluated the comment after the form was opened."""


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


# --- staff entry ------------------------------------------------------------------------------------------------


def check_scan(name: str, data: bytes) -> str:
    """The format of an uploaded scan ("PDF", "JPEG", "PNG"): the suffix must be allowed and the content must be
    that format (a PDF header and end; an image Pillow can verify). Raises ValidationError for the field."""
    suffix = PurePath(name).suffix.lower().lstrip(".")
    expected = SCAN_FORMATS.get(suffix)
    if expected is None:
        raise _refuse("scan", _("A scan must be a PDF, JPEG or PNG file."))
    if not data:
        raise _refuse("scan", _("The file is empty."))
    if len(data) > SCAN_MAX_BYTES:
        raise _refuse(
            "scan", _("The file is too large; the limit is %(limit)s MB.") % {"limit": SCAN_MAX_BYTES // 1024 // 1024}
        )
    if expected == "PDF":
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
            raise _refuse("scan", _("The file is not a readable PDF."))
        return expected
    try:
        probe = Image.open(io.BytesIO(data))
        found, (width, height) = probe.format, probe.size
        probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _refuse("scan", _("The file is not a readable JPEG or PNG image.")) from exc
    if found != expected or width * height > MAX_PIXELS:
        raise _refuse("scan", _("The file is not a readable JPEG or PNG image."))
    return expected


def check_received_on(consultation: Consultation, channel: str, received_on: dt.date, today: dt.date) -> None:
    if received_on > today:
        raise _refuse("received_on", _("The date received cannot be in the future."))
    last = consultation.closes_on + dt.timedelta(days=POSTMARK_GRACE_DAYS if channel == Channel.POST else 0)
    if not consultation.opens_on <= received_on <= last:
        raise _refuse(
            "received_on",
            _("The comment must have been received within the period (%(start)s – %(end)s).")
            % {"start": f"{consultation.opens_on:%-d. %-m. %Y}", "end": f"{last:%-d. %-m. %Y}"},
        )


ENTRY_FIELDS = ("chapter_key", "paragraph_id", "name", "email", "postal_address", "organisation")
STAFF_FIELD_NAMES = {"chapter": "chapter_key", "paragraph": "paragraph_id"}


def enter_comment(
    consultation: Consultation,
    user,
    *,
    text: str,
    channel: str,
    received_on: dt.date,
    publish_name: bool = False,
    scan=None,
    today: dt.date | None = None,
    **fields: str,
) -> Comment:
    """Record a comment received outside the web (``scan``: an uploaded file or None; ``fields``: the anchor
    ``chapter_key``/``paragraph_id`` and the personal ``name``, ``email``, ``postal_address``, ``organisation``).
    The period may be closed already — a letter is often entered later — but the date received must lie within it."""
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"enter_comment() got unexpected fields {sorted(unknown)}")
    if channel not in STAFF_CHANNELS:
        raise _refuse("channel", _("Choose how the comment was received."))
    # the same field rules as the web form and the API (komplan.consultation.services.clean), reported at the staff
    # form's field names
    values, errors = clean_fields(
        consultation,
        {
            "chapter": fields.get("chapter_key", ""),
            "paragraph": fields.get("paragraph_id", ""),
            "text": text,
            **{key: fields.get(key, "") for key in ("name", "email", "postal_address", "organisation")},
            "publish_name": publish_name,
        },
    )
    if errors:
        raise ValidationError({STAFF_FIELD_NAMES.get(key, key): messages for key, messages in errors.items()})
    check_received_on(consultation, channel, received_on, today or timezone.localdate())
    content = None
    if scan is not None:
        data = scan.read()
        check_scan(scan.name, data)
        content = ContentFile(data, name=PurePath(scan.name).name[-100:])
    comment = Comment(consultation=consultation, channel=channel, received_on=received_on, recorded_by=user, **values)
    try:
        with transaction.atomic():
            comment.reference = allocate_reference(consultation)
            if content is not None:
                comment.scan.save(content.name, content, save=False)
            comment.save()
    except Exception:
        if comment.scan.name:
            comment.scan.storage.delete(comment.scan.name)
        raise
    return comment


# --- evaluation and moderation ----------------------------------------------------------------------------------


@transaction.atomic
def evaluate(
    comment: Comment,
    user,
    *,
    relevance: str,
    relevance_reason: str = "",
    decision: str = "",
    answer: str,
    changed_paragraphs: list[str] | None = None,
    opened_evaluation: int | None = None,
    at: dt.datetime | None = None,
) -> Evaluation:
    """A new decision on ``comment``; the earlier ones stay as its history.

    ``opened_evaluation`` is the pk of the evaluation the form showed (0 or None: none); if another one was stored
    since, EvaluationConflict is raised so that nobody overwrites a decision they have not seen.
    """
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if opened_evaluation is not None and (locked.evaluation_id or 0) != opened_evaluation:
        raise EvaluationConflict
    answer, relevance_reason = answer.strip(), relevance_reason.strip()
    if relevance not in Relevance.values:
        raise _refuse("relevance", _("Choose whether the comment is relevant."))
    if relevance == Relevance.NOT_RELEVANT:
        if not relevance_reason:
            raise _refuse("relevance_reason", _("Say why the comment is not relevant."))
        if decision:
            raise _refuse("decision", _("A comment that is not relevant gets no decision."))
    elif decision not in Decision.values:
        raise _refuse("decision", _("Choose the decision on a relevant comment."))
    if not answer:
        raise _refuse("answer", _("Write the answer to the commenter."))
    changed = [p for p in dict.fromkeys(changed_paragraphs or []) if p]
    evaluation = Evaluation.objects.create(
        comment=locked,
        relevance=relevance,
        relevance_reason=relevance_reason if relevance == Relevance.NOT_RELEVANT else "",
        decision=decision if relevance == Relevance.RELEVANT else "",
        answer=answer,
        changed_paragraphs=changed,
        decided_by=user,
        decided_at=at or timezone.now(),
    )
    Comment.objects.filter(pk=locked.pk).update(evaluation=evaluation)
    comment.evaluation = evaluation
    return evaluation


@transaction.atomic
def hide(comment: Comment, reason: str) -> Comment:
    """Hide an abusive text from the public pages; the comment stays received, counted and answered."""
    reason = reason.strip()
    if not reason:
        raise _refuse("reason", _("Say why the text is hidden."))
    Comment.objects.filter(pk=comment.pk).update(hidden=True, hidden_reason=reason[:300])
    comment.hidden, comment.hidden_reason = True, reason[:300]
    return comment


@transaction.atomic
def unhide(comment: Comment) -> Comment:
    Comment.objects.filter(pk=comment.pk).update(hidden=False, hidden_reason="")
    comment.hidden, comment.hidden_reason = False, ""
    return comment


# --- personal data ----------------------------------------------------------------------------------------------


@transaction.atomic
def anonymise(comment: Comment, now: dt.datetime | None = None) -> Comment:
    """Erase the commenter's personal data: name, e-mail, postal address, organisation, the consent to publish the
    name and the scan (a letter shows the sender). The text, anchor, channel, dates and evaluation stay."""
    scan = comment.scan.name
    fields = {"name": "", "email": "", "postal_address": "", "organisation": "", "publish_name": False, "scan": ""}
    fields["anonymised_at"] = comment.anonymised_at or now or timezone.now()
    Comment.objects.filter(pk=comment.pk).update(**fields)
    if scan:
        storage = comment.scan.storage
        transaction.on_commit(lambda: storage.delete(scan))
    for key, value in fields.items():
        setattr(comment, key, value)
    return comment


def expired(now: dt.datetime):
    """Comments whose period's settlement was published longer ago than the period's retention and whose personal
    data are still stored."""
    comments = Comment.objects.filter(anonymised_at__isnull=True, consultation__settlement_published_at__isnull=False)
    comments = comments.select_related("consultation")
    return [
        c
        for c in comments
        if c.consultation.settlement_published_at + dt.timedelta(days=c.consultation.retention_days) <= now
    ]


def anonymise_expired(now: dt.datetime | None = None) -> int:
    """Erase the personal data of every expired comment (idempotent); returns how many were erased now."""
    now = now or timezone.now()
    found = expired(now)
    for comment in found:
        anonymise(comment, now)
    return len(found)


# --- the settlement ---------------------------------------------------------------------------------------------


def settlement_refusal(consultation: Consultation, today: dt.date) -> str:
    """Why the settlement cannot be published now ("" if it can)."""
    if today <= consultation.closes_on:
        return _("The settlement can be published after the comment period ends (%(date)s).") % {
            "date": f"{consultation.closes_on:%-d. %-m. %Y}"
        }
    waiting = consultation.comments.filter(evaluation__isnull=True).count()
    if waiting:
        return _("%(count)d comments still await evaluation; every comment needs an answer first.") % {"count": waiting}
    return ""


def ensure_annex(consultation: Consultation, title: str) -> Chapter:
    """The annex chapter of the plan with the settlement (a text block for its introduction, then the generated
    table); added after the last chapter once, so the next frozen version and its files carry it."""
    plan = consultation.version.plan
    chapter = Chapter.objects.filter(plan=plan, key=ANNEX_KEY).first()
    if chapter is not None:
        return chapter
    last = Chapter.objects.filter(plan=plan).aggregate(n=Max("order"))["n"] or 0
    chapter = Chapter.objects.create(plan=plan, key=ANNEX_KEY, order=last + 1, title=title)
    introduction = paragraphs.assign([], consultation.settlement_introduction)
    Block.objects.create(chapter=chapter, order=1, kind=BlockKind.NARRATIVE, paragraphs=introduction)
    Block.objects.create(chapter=chapter, order=2, kind=BlockKind.GENERATED, source=ANNEX_SOURCE)
    return chapter


def publish_settlement(
    consultation: Consultation,
    user,
    *,
    introduction: str | None = None,
    now: dt.datetime | None = None,
    notify: bool = True,
) -> int:
    """Publish the settlement: the public page and files appear, the annex chapter is added to the plan, and each
    commenter with an e-mail is told once. Publishing again keeps the first date and e-mails nobody twice.
    Returns the number of e-mails sent. Raises ValidationError (field "__all__") when it cannot be published."""
    from . import notifications

    now = now or timezone.now()
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().select_related("version__plan").get(pk=consultation.pk)
        refusal = settlement_refusal(locked, timezone.localdate(now))
        if refusal:
            raise ValidationError(refusal)
        if introduction is not None:
            locked.settlement_introduction = introduction.strip()
        locked.settlement_published_at = locked.settlement_published_at or now
        locked.save(update_fields=["settlement_introduction", "settlement_published_at"])
        with translation.override(settings.LANGUAGE_CODE):  # a chapter of the (Czech) document, not of the UI
            ensure_annex(locked, _("Settlement of comments"))
    consultation.settlement_published_at = locked.settlement_published_at
    consultation.settlement_introduction = locked.settlement_introduction
    return notifications.notify_commenters(locked) if notify else 0
