"""Surveys: the published questionnaires of a process, one questionnaire, and public submission of answers.

- ``GET /processes/{slug}/surveys``: the process's published surveys with a public link, with status and dates;
- ``GET /surveys/{id}``: the current questionnaire (the JSON format of ``komplan.surveys.definition``), with
  the municipalities and catalogue services that municipality and services questions choose from;
- ``POST /surveys/{id}/responses``: ``{"answers": {...}, "contact": {...}}`` → 201 ``{"id", "status"}``.

Submission follows the rules of the web form (``services.submit`` and ``definition.check_answers``):
400 ``{"detail", "errors": {question key: message}}`` for answers that break the questionnaire, 409
``{"detail", "status"}`` when the survey does not collect answers now (``scheduled`` or ``closed``), 429
``{"detail", "retry_after"}`` over the rate limit per client address (``surveys.spam``), 404 for drafts,
surveys answered by invitation only, and processes the caller may not see. Aggregated results are
another endpoint (not here); raw answers are never served.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.urls import reverse
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from komplan.surveys import definition as qdef
from komplan.surveys import runtime, services, spam
from komplan.surveys.models import Channel, Survey, SurveyStatus
from komplan.surveys.runtime_parse import contact_from_post
from komplan.territory.models import PlanningProcess

from .schemas import ErrorOut, MunicipalityRef

process_router = Router(tags=["surveys"])
router = Router(tags=["surveys"])

StatusName = Literal["scheduled", "open", "closed"]


class SurveyListItem(Schema):
    id: int
    title: str
    slug: str
    kind: str
    kind_label: str
    status: StatusName = Field(description="scheduled (opens later), open, or closed.")
    status_label: str
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    url: str = Field(description="Path of the questionnaire's public page.")
    collects_contact: bool = Field(description="The survey asks for optional contact details (with consent).")


class ServiceChoiceOut(Schema):
    id: int
    name: str
    provider: str
    group: str = Field(description="The type of service the checklist groups it under.")


class QuestionnaireOut(SurveyListItem):
    introduction: str = Field(description="Markdown.")
    consent_text: str = Field(description="What a respondent consents to when giving contact details.")
    version: int = Field(description="Number of the questionnaire version answers are checked against.")
    definition: dict[str, Any] = Field(
        description="Sections and questions; the format is in docs/surveys-collection.md."
    )
    municipalities: list[MunicipalityRef] = Field(description="Choices of municipality questions (the planning area).")
    services: list[ServiceChoiceOut] = Field(description="Choices of services questions (the process catalogue).")


class ContactIn(Schema):
    name: str = ""
    email: str = ""
    phone: str = ""
    consent: bool = Field(False, description="Must be true when any contact detail is given.")


class ResponseIn(Schema):
    answers: dict[str, Any] = Field(description="Question key → answer, in the shapes of the questionnaire format.")
    contact: ContactIn | None = None


class ResponseCreated(Schema):
    id: int = Field(description="The response number, as the web form's thank-you page shows it.")
    status: Literal["submitted"]


class AnswerErrorsOut(Schema):
    detail: str
    errors: dict[str, str] = Field(
        description="Question key (or `<key>__other`; `contact` or `contact.<field>` for the contact details; "
        "empty: the response as a whole) "
        "→ the reason, in the language of the response."
    )


class ClosedOut(Schema):
    detail: str
    status: StatusName


class RateLimitedOut(Schema):
    detail: str
    retry_after: int = Field(description="Seconds until answers from this address are accepted again.")


def _not_found(survey_id) -> HttpError:
    return HttpError(404, gettext("No public survey has the number %(id)s.") % {"id": survey_id})


def _public_surveys(request):
    visible = PlanningProcess.objects.visible_to(request.user)
    return Survey.objects.filter(process__in=visible, is_published=True, public_link=True).select_related("process")


def _survey(request, survey_id: int) -> Survey:
    survey = _public_surveys(request).filter(pk=survey_id).first()
    if survey is None:
        raise _not_found(survey_id)
    return survey


def _item(survey: Survey) -> dict:
    status = survey.status()
    return {
        "id": survey.pk,
        "title": survey.title,
        "slug": survey.slug,
        "kind": survey.kind,
        "kind_label": str(survey.get_kind_display()),
        "status": status,
        "status_label": str(SurveyStatus(status).label),
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "url": reverse("surveys:survey", kwargs={"process": survey.process.slug, "survey": survey.slug}),
        "collects_contact": survey.collects_contact,
    }


@process_router.get(
    "/{slug}/surveys",
    response={200: list[SurveyListItem], 404: ErrorOut},
    summary="Published surveys of a planning process",
    url_name="process_surveys",
)
def process_surveys(request, slug: str):
    """Surveys anyone may answer through their public link: open first, then those opening later, then closed."""
    process = PlanningProcess.objects.visible_to(request.user).filter(slug=slug).first()
    if process is None:
        raise HttpError(404, gettext("No planning process has the address “%(slug)s”.") % {"slug": slug})
    surveys = _public_surveys(request).filter(process=process).order_by("-created_at")
    order = {SurveyStatus.OPEN: 0, SurveyStatus.SCHEDULED: 1, SurveyStatus.CLOSED: 2}
    return sorted((_item(s) for s in surveys), key=lambda item: order[item["status"]])


@router.get(
    "/{survey_id}",
    response={200: QuestionnaireOut, 404: ErrorOut},
    summary="A survey's current questionnaire",
    url_name="survey_detail",
)
def survey_detail(request, survey_id: int):
    """The questionnaire new answers are checked against, with the lists its questions choose from."""
    survey = _survey(request, survey_id)
    version = survey.current_version()
    if version is None:
        raise _not_found(survey_id)
    definition = qdef.parse(version.definition)
    options = runtime.options_for(survey.process, definition)
    return {
        **_item(survey),
        "introduction": survey.introduction,
        "consent_text": survey.consent_text if survey.collects_contact else "",
        "version": version.number,
        "definition": version.definition,
        "municipalities": [{"code": code, "name": name} for code, name in options.municipalities],
        "services": [
            {"id": item.id, "name": item.name, "provider": item.provider, "group": group.label}
            for group in options.service_groups
            for item in group.services
        ],
    }


def _closed(survey: Survey) -> Status:
    status = survey.status()
    if status == SurveyStatus.SCHEDULED:
        detail = gettext("The survey does not collect answers yet.")
    else:
        detail = gettext("The survey is closed; answers are no longer collected.")
    return Status(409, {"detail": detail, "status": status})


def _invalid(errors: dict[str, str]) -> Status:
    # services reports the consent under "consent"; the API names every contact problem "contact.<field>".
    errors = {(runtime.CONSENT if key == "consent" else key): message for key, message in errors.items()}
    return Status(400, {"detail": gettext("Some answers break the rules of the questionnaire."), "errors": errors})


def _contact(survey: Survey, payload: ResponseIn) -> tuple[dict | None, dict[str, str]]:
    if payload.contact is None:
        return None, {}
    data = {runtime.CONTACT_PREFIX + name: getattr(payload.contact, name) for name in runtime.CONTACT_FIELDS}
    data[runtime.CONSENT] = "1" if payload.contact.consent else ""
    contact, errors = contact_from_post(data)
    if contact is not None and not survey.collects_contact:
        return None, {"contact": gettext("This survey does not ask for contact details.")}
    return contact, errors


@router.post(
    "/{survey_id}/responses",
    response={201: ResponseCreated, 400: AnswerErrorsOut, 404: ErrorOut, 409: ClosedOut, 429: RateLimitedOut},
    summary="Send answers to a survey",
    url_name="survey_respond",
)
def survey_respond(request, survey_id: int, payload: ResponseIn):
    """One complete response, checked like the web form's; nothing is stored when anything is refused."""
    survey = _survey(request, survey_id)
    version = survey.current_version()
    if version is None:  # a survey always gets its first version on creation; this is belt and braces
        raise _not_found(survey_id)
    if not survey.is_open():
        return _closed(survey)
    try:
        spam.check(request, survey.pk)
    except spam.RateLimited as exc:
        detail = gettext("Too many answers from your address; try again in %(minutes)s minutes.") % {
            "minutes": exc.minutes
        }
        return Status(429, {"detail": detail, "retry_after": exc.retry_after})
    contact, contact_errors = _contact(survey, payload)
    answers = runtime.without_nul(payload.answers)
    context = services.answer_context(survey.process)
    definition = qdef.parse(version.definition)
    early = {**runtime.non_finite_numbers(definition, answers), **contact_errors}
    if early:  # checked without the refused values, so every problem is reported at once
        rest = {key: value for key, value in answers.items() if key not in early}
        _clean, errors = qdef.check_answers(definition, rest, context)
        return _invalid({**errors, **early})
    submission = services.Submission(answers=answers, channel=Channel.API, contact=contact)
    try:
        response = services.submit(survey, submission, context)
    except services.InvalidAnswers as exc:
        return _invalid(exc.errors)
    except services.SurveyClosed:
        return _closed(survey)
    spam.record(request, survey.pk)
    return Status(201, {"id": response.pk, "status": response.status})
