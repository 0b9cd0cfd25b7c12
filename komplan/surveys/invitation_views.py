"""Invitations of a survey (flag manage_surveys): create them from the catalogue, correct addresses, send,
resend, delete the unanswered ones. The personal links are sent by e-mail and never shown on a page."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from komplan.territory.access import internal_view

from . import invitations as service
from .builder_forms import InvitationEmailForm, InvitationTargetForm
from .models import Invitation, Survey
from .survey_views import MANAGE, crumbs, get_survey, posted


def _list_url(survey: Survey) -> str:
    return reverse("surveys_admin:invitations", kwargs={"process": survey.process.slug, "survey": survey.slug})


def _invitation(survey: Survey, invitation_pk: int) -> Invitation:
    invitation = service.invitations_of(survey).filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    return invitation


def _report_sending(request, report: service.SendReport) -> None:
    if report.sent:
        messages.success(
            request,
            ngettext("%(count)s invitation was sent.", "%(count)s invitations were sent.", report.sent)
            % {"count": report.sent},
        )
    if report.without_email:
        messages.warning(
            request,
            ngettext(
                "%(count)s invitation has no e-mail address; add it and send again.",
                "%(count)s invitations have no e-mail address; add them and send again.",
                report.without_email,
            )
            % {"count": report.without_email},
        )
    if report.failed:
        messages.error(
            request,
            _("The mail server refused these invitations; check the addresses: %(labels)s")
            % {"labels": "; ".join(report.failed)},
        )
    if not (report.sent or report.without_email or report.failed):
        messages.info(request, _("There was nothing to send."))


@internal_view(MANAGE)
def invitation_list(request, process, survey: str):
    survey = get_survey(request, survey)
    rows = [(invitation, service.state(invitation)) for invitation in service.invitations_of(survey)]
    counts = Counter(state for _invitation, state in rows)
    context = {
        "survey": survey,
        "rows": [(i, s, service.InvitationState(s).label) for i, s in rows],
        "counts": [(state.label, counts[state.value]) for state in service.InvitationState if counts[state.value]],
        "unsent": sum(
            1 for invitation, state in rows if state == service.InvitationState.NOT_SENT and invitation.email
        ),
        "target_form": InvitationTargetForm(),
        "open": survey.is_open(),
        "breadcrumbs": crumbs(request, survey, (_("Invitations"), None)),
    }
    return render(request, "surveys/admin/invitations.html", context)


@require_POST
@internal_view(MANAGE)
def invitation_create(request, process, survey: str):
    survey = get_survey(request, survey)
    form = InvitationTargetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to invite each service or each provider."))
        return redirect(_list_url(survey))
    report = service.create_invitations(survey, per=form.cleaned_data["per"])
    messages.success(
        request,
        _("Invitations created: %(created)s; already invited: %(already)s; without an e-mail address: %(none)s.")
        % {"created": report.created, "already": report.already, "none": report.without_email},
    )
    return redirect(_list_url(survey))


@require_POST
@internal_view(MANAGE)
def invitation_send(request, process, survey: str):
    survey = get_survey(request, survey)
    _report_sending(request, service.send_unsent(survey, translation.get_language()))
    return redirect(_list_url(survey))


@require_POST
@internal_view(MANAGE)
def invitation_resend(request, process, survey: str, invitation: int):
    survey = get_survey(request, survey)
    _report_sending(request, service.resend(_invitation(survey, invitation), translation.get_language()))
    return redirect(_list_url(survey))


@internal_view(MANAGE)
def invitation_edit(request, process, survey: str, invitation: int):
    survey = get_survey(request, survey)
    item = _invitation(survey, invitation)
    form = InvitationEmailForm(posted(request), initial={"email": item.email})
    if request.method == "POST" and form.is_valid():
        service.set_email(item, form.cleaned_data["email"])
        messages.success(request, _("The address of “%(label)s” was saved.") % {"label": item.label})
        return redirect(_list_url(survey))
    context = {
        "survey": survey,
        "invitation": item,
        "state": service.InvitationState(service.state(item)).label,
        "form": form,
        "breadcrumbs": crumbs(request, survey, (_("Invitations"), _list_url(survey)), (item.label, None)),
    }
    return render(request, "surveys/admin/invitation_form.html", context, status=400 if form.errors else 200)


@require_POST
@internal_view(MANAGE)
def invitation_delete(request, process, survey: str, invitation: int):
    survey = get_survey(request, survey)
    item = _invitation(survey, invitation)
    try:
        service.delete_invitation(item)
    except service.InvitationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The invitation for “%(label)s” was deleted.") % {"label": item.label})
    return redirect(_list_url(survey))
