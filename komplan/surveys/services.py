"""Writes of the surveys app, each in a transaction: surveys and their versions, responses, contacts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import definition as qdef
from .models import Channel, Invitation, RespondentContact, Response, ResponseStatus, Survey, SurveyVersion


class SurveyClosed(Exception):
    """The survey does not collect answers now (not published, not yet open, or closed)."""


class InvalidAnswers(Exception):
    """The answers break the questionnaire's rules; ``errors`` maps question keys to translated messages."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def answer_context(process) -> qdef.AnswerContext:
    """The municipalities of the planning area and the services of the process's catalogue."""
    from komplan.directory.filters import catalogue_of

    return qdef.AnswerContext(
        municipality_codes=frozenset(process.municipalities.values_list("code", flat=True)),
        service_ids=frozenset(catalogue_of(process).values_list("pk", flat=True)),
    )


def _unique_slug(process, title: str) -> str:
    base = slugify(title)[:70] or "pruzkum"
    slug, n = base, 2
    while Survey.objects.filter(process=process, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_survey(process, *, title: str, kind: str, definition: dict, user=None, note: str = "", **fields) -> Survey:
    """A new survey with its first questionnaire version (the definition is checked first)."""
    checked = qdef.parse(definition)
    survey = Survey.objects.create(
        process=process, title=title, slug=_unique_slug(process, title), kind=kind, created_by=user, **fields
    )
    SurveyVersion.objects.create(survey=survey, number=1, definition=checked.to_dict(), created_by=user, note=note)
    return survey


@transaction.atomic
def save_definition(survey: Survey, definition: dict, user=None, note: str = "") -> SurveyVersion:
    """Store an edited questionnaire: in the current version while it has no responses, else as a new version."""
    checked = qdef.parse(definition).to_dict()
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    # Locked like in ``submit``: a response is never stored on a version that is being edited in place.
    current = SurveyVersion.objects.select_for_update().filter(survey=survey).order_by("-number").first()
    if current is not None and not current.responses.exists():
        current.definition = checked
        current.note = note or current.note
        current.save(update_fields=["definition", "note"])
        return current
    number = (current.number + 1) if current else 1
    return SurveyVersion.objects.create(survey=survey, number=number, definition=checked, created_by=user, note=note)


@dataclass
class Submission:
    """What a respondent (or staff typing in paper) sends."""

    answers: dict
    channel: str = Channel.WEB
    final: bool = True  # False: save and resume later
    resume_token: str | None = None  # continue a saved response
    invitation: Invitation | None = None
    contact: dict | None = None  # name/email/phone, only with consent
    entered_by: object = None
    illustrative: bool = False
    form_token: str = ""  # the public form page's token: the same page sent twice stores one response


def _existing(survey: Survey, submission: Submission) -> Response | None:
    if submission.invitation is not None:
        return Response.objects.select_for_update().filter(invitation=submission.invitation).first()
    if submission.resume_token:
        response = (
            Response.objects.select_for_update().filter(survey=survey, resume_token=submission.resume_token).first()
        )
        if response is None or response.status == ResponseStatus.SUBMITTED:
            raise InvalidAnswers({"": _("This saved questionnaire cannot be continued; start a new one.")})
        return response
    return None


def _contact(survey: Survey, response: Response, contact: dict | None) -> None:
    """Store, keep or delete the respondent's contact.

    None: this submission says nothing about contacts (the block was not shown), so a stored contact stays as it
    was. All fields empty: the respondent removed it. The consent (its text and time) is recorded anew only when
    the details change — it is the record of what the person agreed to, not of the last save.
    """
    if contact is None:
        return
    values = {
        "name": (contact.get("name") or "").strip()[:200],
        "email": (contact.get("email") or "").strip()[:254],
        "phone": (contact.get("phone") or "").strip()[:40],
    }
    if not any(values.values()):
        RespondentContact.objects.filter(response=response).delete()
        return
    if not survey.collects_contact:
        raise InvalidAnswers({"contact": _("This survey does not ask for contact details.")})
    if not contact.get("consent"):
        raise InvalidAnswers({"consent": _("Contact details can be kept only with your consent.")})
    stored = RespondentContact.objects.filter(response=response).first()
    if stored is not None and all(getattr(stored, key) == value for key, value in values.items()):
        return
    RespondentContact.objects.update_or_create(
        response=response,
        defaults={**values, "consent_text": survey.consent_text, "consented_at": timezone.now()},
    )


def _sent_before(survey: Survey, submission: Submission) -> Response | None:
    if not submission.form_token:
        return None
    return Response.objects.filter(survey=survey, form_token=submission.form_token).first()


def _fill(response: Response | None, survey: Survey, version: SurveyVersion, submission: Submission, clean: dict):
    now = timezone.now()
    if response is None:
        response = Response(survey=survey, version=version, channel=submission.channel, created_at=now)
        response.invitation = submission.invitation
        response.form_token = submission.form_token[:64]
    response.answers = clean
    response.updated_at = now
    response.entered_by = submission.entered_by or response.entered_by
    response.is_illustrative = submission.illustrative or response.is_illustrative
    if submission.final:
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = response.submitted_at or now
    else:
        response.status = ResponseStatus.IN_PROGRESS
    return response


@transaction.atomic
def submit(survey: Survey, submission: Submission, context: qdef.AnswerContext) -> Response:
    """Check and store a response (new, resumed or corrected through an invitation).

    Staff typing in paper questionnaires may do so also when the survey is closed; everyone else only while
    it is open. The same public form page sent twice stores one response (the first). Raises SurveyClosed or
    InvalidAnswers; nothing is stored then.
    """
    if submission.channel != Channel.PAPER and not survey.is_open():
        raise SurveyClosed
    response = _existing(survey, submission)
    if response is None and (already := _sent_before(survey, submission)) is not None:
        return already
    version = response.version if response is not None else survey.current_version()
    if version is None:
        raise SurveyClosed
    # Hold the version while checking and storing: an edit of it in place (``save_definition``) waits for us,
    # and we check against what it is now, never against a definition that is being replaced.
    version = SurveyVersion.objects.select_for_update().get(pk=version.pk)
    clean, errors = qdef.check_answers(
        qdef.parse(version.definition), submission.answers, context, partial=not submission.final
    )
    if errors:
        raise InvalidAnswers(errors)
    response = _fill(response, survey, version, submission, clean)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:  # two first submissions through one invitation or one form page at once: the first wins
        if (already := _sent_before(survey, submission)) is not None:
            return already
        raise InvalidAnswers({"": _("This invitation has just been used; reload the page.")}) from None
    _contact(survey, response, submission.contact)
    if response.status == ResponseStatus.SUBMITTED:
        from .catalogue_link import sync_response  # provider answers → pending catalogue proposals

        sync_response(response)
    return response
