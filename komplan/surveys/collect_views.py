"""Public collection of answers: the survey's own link, saved and resumed questionnaires, invitation links.

Pages (``collect_urls``, namespace ``surveys``, under ``/<process>/pruzkumy/``):

* ``<survey>/`` the questionnaire; a draft, or a survey without a public link, is a 404; a survey that
  opens later or has closed answers 200 with a page that says so and gives the dates;
* ``<survey>/pokracovat/<token>/`` a questionnaire saved with "Save and continue later" (the token is the
  only key to it, so only the person holding the link sees the answers); ``…/ulozeno/`` shows the link
  and can e-mail it, without keeping the address;
* ``odpoved/<token>/`` an invitation: one response per invitation, corrected until the survey closes;
* ``<survey>/dekujeme/<receipt>/`` the thank-you page with the response number (a signed receipt).

Every POST goes through the honeypot and the rate limit (``spam``), then ``services.submit``, which
checks the answers with the same rules as the API and paper entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core import signing
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import definition as qdef
from . import runtime, services, spam
from .models import Channel, Invitation, Response, ResponseStatus, Survey, SurveyStatus, SurveyVersion, new_token
from .runtime_parse import answers_from_post, contact_from_post
from .runtime_render import FormInput, build_form

RECEIPT_SALT = "komplan.surveys.receipt"


@dataclass
class Target:
    """What a form is for: the survey and version; when resuming or correcting, the response and invitation."""

    survey: Survey
    version: SurveyVersion
    channel: str = Channel.WEB
    response: Response | None = None
    invitation: Invitation | None = None
    entered_by: object = None
    # Staff without the right to see personal data correct paper responses without seeing the contact:
    # the block is left out of the form and the stored contact is kept as it is.
    contact_editable: bool = True

    @property
    def submitted(self) -> bool:
        return self.response is not None and self.response.status == ResponseStatus.SUBMITTED


def published_survey(request, slug: str) -> Survey:
    survey = Survey.objects.for_process(request.process).filter(slug=slug, is_published=True).first()
    if survey is None:
        raise Http404
    return survey


def _public_survey(request, slug: str) -> Survey:
    survey = published_survey(request, slug)
    if not survey.public_link:
        raise Http404
    return survey


def _crumbs(request, survey: Survey | None = None, *tail) -> list:
    index = reverse("surveys:index", kwargs={"process": request.process.slug})
    crumbs = [(request.process.name, request.process.get_absolute_url()), (_("Surveys"), index)]
    if survey is not None:
        crumbs.append((survey.title, None if not tail else _survey_url(request, survey)))
    return [*crumbs, *tail]


def _survey_url(request, survey: Survey) -> str:
    return reverse("surveys:survey", kwargs={"process": request.process.slug, "survey": survey.slug})


def form_context(request, target: Target, *, answers=None, errors=None, contact=None) -> dict:
    """The template context of the questionnaire form (shared with paper entry)."""
    definition = qdef.parse(target.version.definition)
    form_errors = runtime.FormErrors()
    form_errors.update(errors or {})
    form = build_form(
        FormInput(
            definition=definition,
            options=runtime.options_for(request.process, definition),
            answers=answers or {},
            errors=form_errors,
            contact=contact,
            consent_text=target.survey.consent_text
            if target.survey.collects_contact and target.contact_editable
            else None,
        )
    )
    return {"survey": target.survey, "target": target, "form": form, "honeypot": spam.HONEYPOT}


def stored_contact(response: Response | None) -> dict | None:
    contact = getattr(response, "contact", None) if response is not None else None
    if contact is None:
        return None
    return {"name": contact.name, "email": contact.email, "phone": contact.phone, "consent": True}


def _render_form(request, target: Target, *, answers=None, errors=None, contact=None, status=200):
    context = form_context(request, target, answers=answers, errors=errors, contact=contact)
    context["breadcrumbs"] = _crumbs(request, target.survey)
    # Sent back with errors, the page keeps its token: a corrected resend is still the same questionnaire.
    context["form_token"] = _form_token(request, target) if request.method == "POST" else new_token()
    return render(request, "surveys/collect/form.html", context, status=status)


def closed_page(request, survey: Survey, invitation: Invitation | None = None, answered: bool = False):
    status = survey.status()
    return render(
        request,
        "surveys/collect/closed.html",
        {
            "survey": survey,
            "status": status,
            "is_scheduled": status == SurveyStatus.SCHEDULED,
            "invitation": invitation,
            "answered": answered,
            "breadcrumbs": _crumbs(request, survey),
        },
    )


def _rate_limited(request, survey: Survey, exc: spam.RateLimited):
    response = render(
        request,
        "surveys/collect/rate_limited.html",
        {"survey": survey, "minutes": exc.minutes, "limit": exc.limit, "breadcrumbs": _crumbs(request, survey)},
        status=429,
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


def _thanks_page(request, survey: Survey, response: Response | None, invitation: Invitation | None = None):
    return render(
        request,
        "surveys/collect/thanks.html",
        {"survey": survey, "response": response, "invitation": invitation, "breadcrumbs": _crumbs(request, survey)},
    )


def _receipt_url(request, response: Response) -> str:
    receipt = signing.dumps(response.pk, salt=RECEIPT_SALT)
    return reverse(
        "surveys:thanks",
        kwargs={"process": request.process.slug, "survey": response.survey.slug, "receipt": receipt},
    )


def read_submission(request, target: Target) -> tuple[dict, dict | None, dict[str, str], bool]:
    """Answers, contact, problems of the contact block and whether the response is final, from the POST."""
    definition = qdef.parse(target.version.definition)
    answers = answers_from_post(definition, request.POST)
    contact, contact_errors = (None, {})
    if not target.contact_editable:
        contact = stored_contact(target.response) if target.survey.collects_contact else None
    elif target.survey.collects_contact:
        contact, contact_errors = contact_from_post(request.POST)
    # Once sent, a response stays sent: "save" only corrects it.
    final = request.POST.get(runtime.ACTION) != runtime.SAVE or target.submitted
    return answers, contact, contact_errors, final


FORM_TOKEN = "_form_token"


def _form_token(request, target: Target) -> str:
    """The token of a fresh public form page (not for resumed, invitation or paper responses)."""
    if target.response is not None or target.invitation is not None or target.entered_by is not None:
        return ""
    token = str(request.POST.get(FORM_TOKEN, ""))
    return token if 16 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum() else ""


def store(request, target: Target, answers: dict, contact, contact_errors: dict, final: bool) -> Response:
    """Check and store; raises InvalidAnswers with the problems of the answers and the contact block together."""
    context = services.answer_context(request.process)
    definition = qdef.parse(target.version.definition)
    early = {**runtime.non_finite_numbers(definition, answers), **contact_errors}
    if early:
        rest = {key: value for key, value in answers.items() if key not in early}
        _clean, errors = qdef.check_answers(definition, rest, context, partial=not final)
        raise services.InvalidAnswers({**errors, **early})
    submission = services.Submission(
        answers=answers,
        channel=target.channel,
        final=final,
        resume_token=target.response.resume_token if target.response and not target.invitation else None,
        invitation=target.invitation,
        contact=contact,
        entered_by=target.entered_by,
        illustrative=bool(target.response is not None and target.response.is_illustrative),
        form_token=_form_token(request, target),
    )
    return services.submit(target.survey, submission, context)


def _after_store(request, target: Target, response: Response):
    if response.status == ResponseStatus.SUBMITTED:
        return redirect(_receipt_url(request, response))
    if target.invitation is not None:
        messages.success(request, _("Your answers are saved. Come back through your invitation link to finish them."))
        return redirect("surveys:invitation", process=request.process.slug, token=target.invitation.token)
    return redirect(
        "surveys:saved", process=request.process.slug, survey=target.survey.slug, token=response.resume_token
    )


def _post(request, target: Target):
    survey = target.survey
    if spam.honeypot_filled(request.POST):
        return _thanks_page(request, survey, None)
    try:
        spam.check(request, survey.pk)
    except spam.RateLimited as exc:
        return _rate_limited(request, survey, exc)
    answers, contact, contact_errors, final = read_submission(request, target)
    try:
        response = store(request, target, answers, contact, contact_errors, final)
    except services.SurveyClosed:
        return closed_page(request, survey, target.invitation, answered=target.submitted)
    except services.InvalidAnswers as exc:
        return _render_form(request, target, answers=answers, errors=exc.errors, contact=contact, status=400)
    spam.record(request, survey.pk)
    return _after_store(request, target, response)


def index(request, process):
    surveys = list(Survey.objects.for_process(request.process).filter(is_published=True, public_link=True))
    order = {SurveyStatus.OPEN: 0, SurveyStatus.SCHEDULED: 1, SurveyStatus.CLOSED: 2}
    surveys.sort(key=lambda s: order.get(s.status(), 3))
    return render(
        request,
        "surveys/collect/index.html",
        {
            "surveys": [{"survey": s, "status": s.status(), "label": SurveyStatus(s.status()).label} for s in surveys],
            "breadcrumbs": [(request.process.name, request.process.get_absolute_url()), (_("Surveys"), None)],
        },
    )


def survey_page(request, process, survey):
    survey = _public_survey(request, survey)
    if not survey.is_open():
        return closed_page(request, survey)
    version = survey.current_version()
    if version is None:
        raise Http404
    target = Target(survey=survey, version=version)
    if request.method == "POST":
        return _post(request, target)
    return _render_form(request, target)


def _saved_response(survey: Survey, token: str) -> Response:
    response = (
        Response.objects.select_related("version", "contact")
        .filter(survey=survey, resume_token=token, status=ResponseStatus.IN_PROGRESS, invitation__isnull=True)
        .first()
    )
    if response is None:
        raise Http404
    return response


def resume(request, process, survey, token):
    survey = _public_survey(request, survey)
    response = _saved_response(survey, token)
    if not survey.is_open():
        return closed_page(request, survey)
    target = Target(survey=survey, version=response.version, response=response)
    if request.method == "POST":
        return _post(request, target)
    return _render_form(request, target, answers=response.answers, contact=stored_contact(response))


def _send_link(request, survey: Survey, link: str) -> str:
    """E-mail the resume link; returns a problem to show at the field, or "" when sent."""
    address = (request.POST.get("email") or "").strip()
    try:
        validate_email(address)
    except Exception:
        return _("Write an e-mail address like name@example.cz.")
    try:
        spam.check(request, survey.pk, spam.MAIL)
    except spam.RateLimited as exc:
        return _("Too many e-mails were sent from your network; try again in %(minutes)s minutes.") % {
            "minutes": exc.minutes
        }
    subject = _("Your saved questionnaire: %(title)s") % {"title": survey.title}
    body = _(
        "You saved an unfinished questionnaire “%(title)s”. Continue answering through this link:\n\n%(link)s\n\n"
        "Anyone with the link can see and change your answers, so do not pass it on."
    ) % {"title": survey.title, "link": link}
    try:
        send_mail(subject, body, None, [address])
    except OSError:  # mail server unreachable: the link on the page still works
        return _("The e-mail could not be sent just now. Copy or bookmark the link instead.")
    spam.record(request, survey.pk, spam.MAIL)
    return ""


def saved(request, process, survey, token):
    survey = _public_survey(request, survey)
    response = _saved_response(survey, token)
    link = request.build_absolute_uri(
        reverse("surveys:resume", kwargs={"process": request.process.slug, "survey": survey.slug, "token": token})
    )
    error, sent = "", False
    if request.method == "POST":
        error = _send_link(request, survey, link)
        sent = not error
    return render(
        request,
        "surveys/collect/saved.html",
        {
            "survey": survey,
            "response": response,
            "link": link,
            "error": error,
            "sent": sent,
            "breadcrumbs": _crumbs(request, survey, (_("Saved questionnaire"), None)),
        },
        status=400 if error else 200,
    )


def thanks(request, process, survey, receipt):
    survey = published_survey(request, survey)
    try:
        pk = signing.loads(receipt, salt=RECEIPT_SALT)
    except signing.BadSignature:
        raise Http404 from None
    response = Response.objects.select_related("invitation").filter(pk=pk, survey=survey).first()
    if response is None:
        raise Http404
    return _thanks_page(request, survey, response, response.invitation)


def invitation(request, process, token):
    invitation = (
        Invitation.objects.select_related("survey")
        .filter(token=token, survey__process=request.process, survey__is_published=True)
        .first()
    )
    if invitation is None:
        raise Http404
    survey = invitation.survey
    response = Response.objects.select_related("version", "contact").filter(invitation=invitation).first()
    if not survey.is_open():
        answered = response is not None and response.status == ResponseStatus.SUBMITTED
        return closed_page(request, survey, invitation, answered=answered)
    version = response.version if response is not None else survey.current_version()
    if version is None:
        raise Http404
    target = Target(
        survey=survey, version=version, channel=Channel.INVITATION, response=response, invitation=invitation
    )
    if request.method == "POST":
        return _post(request, target)
    answers = response.answers if response is not None else {}
    return _render_form(request, target, answers=answers, contact=stored_contact(response))
