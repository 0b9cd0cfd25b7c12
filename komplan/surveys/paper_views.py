"""Staff typing in paper questionnaires (needs the flag to run surveys).

``<survey>/papirove/`` shows the same form as the public link, without spam protection; each save is a
response of the channel "paper" with the person who typed it in, also after the survey has closed
(paper questionnaires come back late). "Save and enter the next" opens an empty form again. Below the
form, the paper responses typed in so far, each with a link to correct it (``<survey>/papirove/<id>/``).
Unanswered required questions cannot be sent; "Save unfinished" keeps such a questionnaire aside.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import runtime, services
from .collect_views import Target, form_context, read_submission, store, stored_contact
from .models import Channel, Response, ResponseStatus, Survey, SurveyStatus

PAGE_SIZE = 50


def _survey(request, slug: str) -> Survey:
    survey = Survey.objects.for_process(request.process).filter(slug=slug).first()
    if survey is None:
        raise Http404
    return survey


def _entry_url(request, survey: Survey) -> str:
    return reverse("surveys_admin:paper_entry", kwargs={"process": request.process.slug, "survey": survey.slug})


def _crumbs(request, survey: Survey, *tail):
    slug = request.process.slug
    surveys = (_("Surveys"), reverse("surveys_admin:list", kwargs={"process": slug}))
    this = (survey.title, reverse("surveys_admin:survey", kwargs={"process": slug, "survey": survey.slug}))
    paper = (_("Paper questionnaires"), _entry_url(request, survey) if tail else None)
    return workspace_crumbs(request.process, surveys, this, paper, *tail)


def _paper_responses(request, survey: Survey):
    responses = Response.objects.filter(survey=survey, channel=Channel.PAPER).select_related("entered_by")
    return Paginator(responses.order_by("-pk"), PAGE_SIZE).get_page(request.GET.get("strana"))


def _render(request, target: Target, *, answers=None, errors=None, contact=None, status=200):
    context = form_context(request, target, answers=answers, errors=errors, contact=contact)
    survey = target.survey
    context.update(
        honeypot=None,  # staff are not robots
        survey_status=survey.status(),
        status_label=SurveyStatus(survey.status()).label,
        closed=survey.status() == SurveyStatus.CLOSED,
    )
    if target.response is None:
        context.update(page=_paper_responses(request, survey), breadcrumbs=_crumbs(request, survey))
        return render(request, "surveys/paper/entry.html", context, status=status)
    number = _("Questionnaire No. %(number)s") % {"number": target.response.pk}
    context["breadcrumbs"] = _crumbs(request, survey, (number, None))
    return render(request, "surveys/paper/edit.html", context, status=status)


def _correct(request, target: Target, answers, contact, contact_errors, final) -> Response:
    """Store corrections of a paper response through services.submit, so every rule is the same.

    submit continues only responses that are not sent yet; reopening it in the same transaction lets it
    check and store the corrected answers, and an error rolls the reopening back with everything else."""
    with transaction.atomic():
        Response.objects.select_for_update().filter(pk=target.response.pk).update(status=ResponseStatus.IN_PROGRESS)
        return store(request, target, answers, contact, contact_errors, final)


def _saved(request, survey: Survey, response: Response):
    if response.status == ResponseStatus.SUBMITTED:
        messages.success(request, _("Paper questionnaire No. %(number)s is saved.") % {"number": response.pk})
    else:
        messages.success(
            request,
            _("Paper questionnaire No. %(number)s is saved as unfinished; it is not counted until it is sent.")
            % {"number": response.pk},
        )
    if request.POST.get(runtime.ACTION) == runtime.NEXT:
        return redirect(_entry_url(request, survey))
    return redirect("surveys_admin:paper_edit", process=request.process.slug, survey=survey.slug, pk=response.pk)


def _post(request, target: Target):
    answers, contact, contact_errors, final = read_submission(request, target)
    write = _correct if target.response is not None else store
    try:
        response = write(request, target, answers, contact, contact_errors, final)
    except services.InvalidAnswers as exc:
        return _render(request, target, answers=answers, errors=exc.errors, contact=contact, status=400)
    except services.SurveyClosed:  # no questionnaire version yet; paper is otherwise accepted whenever
        raise Http404 from None
    return _saved(request, target.survey, response)


@internal_view(Perm.MANAGE_SURVEYS)
def paper_entry(request, process, survey):
    survey = _survey(request, survey)
    version = survey.current_version()
    if version is None:
        raise Http404
    target = Target(survey=survey, version=version, channel=Channel.PAPER, entered_by=request.user)
    if request.method == "POST":
        return _post(request, target)
    return _render(request, target)


@internal_view(Perm.MANAGE_SURVEYS)
def paper_edit(request, process, survey, pk):
    survey = _survey(request, survey)
    response = (
        Response.objects.select_related("version", "contact", "entered_by")
        .filter(survey=survey, channel=Channel.PAPER, pk=pk)
        .first()
    )
    if response is None:
        raise Http404
    # entered_by stays the person who typed it in first (submit keeps it when none is given).
    target = Target(
        survey=survey,
        version=response.version,
        channel=Channel.PAPER,
        response=response,
        contact_editable=request.access.can(Perm.VIEW_PERSONAL_DATA),
    )
    if request.method == "POST":
        return _post(request, target)
    contact = stored_contact(response) if target.contact_editable else None
    return _render(request, target, answers=response.answers, contact=contact)
