"""Public comment periods on the plan (issue #9): the periods of a process and submitting a comment.

- ``GET /processes/{slug}/consultations``: the comment periods of the process's plan, newest first: the version
  put to comments, the dates, the status on today's date in Europe/Prague (``scheduled``, ``open``, ``closed``),
  the introduction (Markdown), who may comment, the counts of comments received and evaluated, and links (the
  public page, the version with its comment links, the form, this API's comment endpoint, the settlement page once
  published). No commenter's name or contact is ever part of it.
- ``POST /consultations/{id}/comments``: ``{chapter, paragraph, text, name, email, postal_address, organisation,
  publish_name}`` → 201 ``{reference}``; the same rules as the web form (``services.submit_comment``): 400
  ``{detail, errors: {field: [reasons]}}`` (``period`` when the period is not open; ``chapter``/``paragraph`` for
  an anchor the version lacks; ``text``, ``name``, ``email``, ``postal_address``, ``organisation``), 404 for an
  unknown period or one of a process the caller may not see, 429 ``{detail, retry_after}`` over the rate limit per
  client address. A confirmation e-mail goes to ``email`` when given.

The POST is public and anonymous: it needs no session and no CSRF token (django-ninja checks CSRF only for
cookie-based authentication, and this operation has none), so a JSON POST without cookies works. That is safe
because a comment carries no identity of a signed-in person: a forged cross-site request could do nothing that
the attacker could not do directly, and the rate limit applies either way.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from komplan.consultation import links, querysets, services
from komplan.consultation.models import Channel, Consultation
from komplan.surveys.spam import client_address
from komplan.territory.models import PlanningProcess

from .processes import visible_process_or_404
from .schemas import ErrorOut

process_router = Router(tags=["consultation"])
router = Router(tags=["consultation"])

StatusName = Literal["scheduled", "open", "closed"]


class CountsOut(Schema):
    received: int = Field(description="Every comment recorded, from any channel (web, API, paper, post, e-mail).")
    evaluated: int = Field(description="Comments that have an evaluation.")


class ConsultationLinksOut(Schema):
    page: str = Field(description="The public page of the process's comment periods.")
    document: str = Field(description="The version put to comments, with a comment link at every paragraph.")
    form: str = Field(description="The web form for a general comment (add ?kapitola=<key>&odstavec=<id>).")
    version: str = Field(description="The plan's web page of the version.")
    comments: str = Field(description="This API's endpoint for submitting a comment.")
    settlement: str | None = Field(description="The settlement of the comments, once published.")


class ConsultationOut(Schema):
    id: int
    version: int = Field(description="Number of the plan version put to comments.")
    version_label: str
    opens_on: dt.date
    closes_on: dt.date = Field(description="The last day on which comments are accepted.")
    status: StatusName = Field(description="On today's date in Europe/Prague: scheduled, open or closed.")
    status_label: str = Field(description="For example “open until 31. 10. 2007”.")
    introduction: str = Field(description="Markdown.")
    contact_rule: Literal["anonymous", "name", "name_contact"] = Field(
        description="anonymous: no contact needed; name: a name; name_contact: a name and an e-mail or a postal "
        "address."
    )
    contact_rule_label: str
    max_length: int = Field(description="The longest comment accepted, in characters.")
    counts: CountsOut
    settlement_published_at: dt.datetime | None
    links: ConsultationLinksOut


class CommentIn(Schema):
    chapter: str = Field("", description="Key of a chapter of the version (none and no paragraph: a general comment).")
    paragraph: str = Field("", description="Stable id of a paragraph; its chapter is found when `chapter` is empty.")
    text: str = Field("", description="The comment; required, at most `max_length` characters.")
    name: str = ""
    email: str = Field("", description="Gets a confirmation; never published.")
    postal_address: str = Field("", description="Never published.")
    organisation: str = ""
    publish_name: bool = Field(False, description="The commenter agrees that the name is published in the settlement.")


class CommentCreated(Schema):
    reference: str = Field(description="The reference number of the comment, e.g. KP-2007-003.")


class CommentErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        description="Field (period, chapter, paragraph, text, name, email, postal_address, organisation) → reasons, "
        "in the language of the response."
    )


class RateLimitedOut(Schema):
    detail: str
    retry_after: int = Field(description="Seconds until comments from this address are accepted again.")


def _item(consultation: Consultation, today: dt.date) -> dict:
    slug = consultation.version.plan.process.slug
    settlement = links.settlement_path(consultation, slug)
    return {
        "id": consultation.pk,
        "version": consultation.version.number,
        "version_label": consultation.version.label,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "status": querysets.status(consultation, today),
        "status_label": querysets.status_text(consultation, today),
        "introduction": consultation.introduction,
        "contact_rule": consultation.contact_rule,
        "contact_rule_label": str(consultation.get_contact_rule_display()),
        "max_length": consultation.max_length,
        "counts": {"received": consultation.received, "evaluated": consultation.evaluated},
        "settlement_published_at": consultation.settlement_published_at,
        "links": {
            "page": links.periods_path(slug),
            "document": links.document_path(consultation, slug),
            "form": links.form_path(consultation, slug),
            "version": reverse("plan:version", kwargs={"process": slug, "number": consultation.version.number}),
            "comments": reverse("api:consultation_comment", kwargs={"consultation_id": consultation.pk}),
            "settlement": settlement or None,
        },
    }


@process_router.get(
    "/{slug}/consultations",
    response={200: list[ConsultationOut], 404: ErrorOut},
    summary="Comment periods of a process's plan",
    url_name="process_consultations",
)
def process_consultations(request, slug: str):
    """The public comment periods on versions of the plan, newest first (public fields only)."""
    process = visible_process_or_404(request, slug)
    today = timezone.localdate()
    return [_item(c, today) for c in querysets.with_counts(querysets.periods_of(process))]


def _consultation(request, consultation_id: int) -> Consultation:
    visible = PlanningProcess.objects.visible_to(request.user)
    found = (
        Consultation.objects.filter(pk=consultation_id, version__plan__process__in=visible)
        .select_related("version", "version__plan", "version__plan__process")
        .first()
    )
    if found is None:
        raise HttpError(404, gettext("No public comment period has the number %(id)s.") % {"id": consultation_id})
    return found


@router.post(
    "/{consultation_id}/comments",
    response={201: CommentCreated, 400: CommentErrorsOut, 404: ErrorOut, 429: RateLimitedOut},
    summary="Submit a comment on the plan version of a comment period",
    url_name="consultation_comment",
)
def submit_comment(request, consultation_id: int, payload: CommentIn):
    """One comment, checked like the web form's; nothing is stored when anything is refused."""
    consultation = _consultation(request, consultation_id)
    try:
        comment = services.submit_comment(consultation, payload.model_dump(), Channel.API, client_address(request))
    except services.CommentRefused as exc:
        return Status(400, {"detail": exc.detail, "errors": exc.errors})
    except services.RateLimited as exc:
        return Status(429, {"detail": exc.message, "retry_after": exc.retry_after})
    slug = consultation.version.plan.process.slug
    settlement = links.settlement_path(consultation, slug)
    services.send_confirmation(
        comment,
        request.build_absolute_uri(links.periods_path(slug)),
        request.build_absolute_uri(settlement) if settlement else "",
    )
    return Status(201, {"reference": comment.reference})
