"""The coordinator's screen of a provider survey's catalogue updates, at `<process>/sprava/pruzkumy/<survey>/katalog/`.

Seeing the proposals, reading the answers again and linking a response to a service need manage_surveys;
deciding a proposal changes the shared catalogue and needs manage_catalogue as well.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.directory.filters import catalogue_of
from komplan.directory.review import ReviewStatus
from komplan.directory.review_services import ReviewError, decide
from komplan.lib.forms import Form
from komplan.territory.access import internal_view

from . import catalogue_link
from .models import ResponseStatus
from .survey_views import crumbs, get_survey

MANAGE = Perm.MANAGE_SURVEYS
DECIDE = Perm.MANAGE_CATALOGUE
ACCEPT, REJECT = "accept", "reject"


class ProposalDecisionForm(Form):
    accepted = forms.MultipleChoiceField(
        label=gettext_lazy("Fields to accept"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the decision"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rows, decision: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.decision = rows, decision
        self.fields["accepted"].choices = [(key, label) for key, label, _old, _new in rows]
        self.fields["accepted"].initial = [key for key, *_rest in rows]

    def clean(self):
        data = super().clean()
        if self.decision not in (ACCEPT, REJECT):
            raise forms.ValidationError(_("Choose to accept or to reject."))
        if self.decision == ACCEPT and not data.get("accepted"):
            self.add_error("accepted", _("Tick at least one field to accept, or reject the whole proposal."))
        return data

    def table(self) -> list[dict]:
        """The rows with their checkbox state, for the template's table of checkboxes."""
        chosen = set(self.data.getlist("accepted")) if self.is_bound else set(self.fields["accepted"].initial)
        return [
            {"key": key, "label": label, "old": old, "new": new, "checked": key in chosen, "id": f"id_accepted_{i}"}
            for i, (key, label, old, new) in enumerate(self.rows)
        ]


class LinkForm(Form):
    service = forms.ModelChoiceField(label=gettext_lazy("Service of the catalogue"), queryset=None)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["service"].label_from_instance = lambda s: f"{s.name} ({s.organization.name})"


def _catalogue_crumbs(request, survey, *tail):
    url = _overview_url(request, survey) if tail else None
    return crumbs(request, survey, (_("Catalogue updates"), url), *tail)


def _overview_url(request, survey) -> str:
    return reverse("surveys_admin:catalogue", kwargs={"process": request.process.slug, "survey": survey.slug})


@internal_view(MANAGE)
def catalogue(request, process, survey: str):
    survey = get_survey(request, survey)
    rows = catalogue_link.overview(survey)
    return render(
        request,
        "surveys/catalogue/overview.html",
        {
            "survey": survey,
            "linked": [row for row in rows if row.service is not None],
            "unlinked": [row for row in rows if row.service is None],
            "illustrative": any(row.response.is_illustrative for row in rows),
            "can_decide": request.access.can(DECIDE),
            "breadcrumbs": _catalogue_crumbs(request, survey),
        },
    )


@require_POST
@internal_view(MANAGE)
def catalogue_sync(request, process, survey: str):
    survey = get_survey(request, survey)
    report = catalogue_link.sync_survey(survey)
    messages.success(
        request,
        _("Answers read: %(proposed)s with a proposal, %(unchanged)s without differences, %(unlinked)s not linked.")
        % {"proposed": report.proposed, "unchanged": report.unchanged, "unlinked": report.unlinked},
    )
    return redirect(_overview_url(request, survey))


@internal_view(MANAGE)
def catalogue_proposal(request, process, survey: str, pk: int):
    survey = get_survey(request, survey)
    change = catalogue_link.proposal_of(survey, pk)
    if change is None:
        raise Http404
    pending = change.status == ReviewStatus.PENDING
    can_decide = request.access.can(DECIDE)
    if request.method == "POST" and not can_decide:
        raise PermissionDenied
    decision = request.POST.get("decision", "")
    form = ProposalDecisionForm(
        request.POST if request.method == "POST" else None, rows=change.rows(), decision=decision
    )
    if request.method == "POST" and pending and form.is_valid():
        accepted = form.cleaned_data["accepted"] if decision == ACCEPT else ()
        try:
            decide(change, request.user, accepted, form.cleaned_data["note"])
        except ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The decision was saved."))
            return redirect(_overview_url(request, survey))
    status = 400 if request.method == "POST" else 200
    context = {
        "survey": survey,
        "change": change,
        "form": form,
        "pending": pending,
        "can_decide": can_decide,
        "breadcrumbs": _catalogue_crumbs(request, survey, (str(change.target), None)),
    }
    return render(request, "surveys/catalogue/proposal.html", context, status=status)


@internal_view(MANAGE)
def catalogue_link_service(request, process, survey: str, response: int):
    survey = get_survey(request, survey)
    answer = survey.responses.filter(pk=response, status=ResponseStatus.SUBMITTED).select_related("version").first()
    if answer is None or catalogue_link.invited_service(answer) is not None:
        raise Http404  # only a response no invitation ties to a service is linked by hand
    services = catalogue_of(request.process).select_related("organization").distinct().order_by("name")
    form = LinkForm(request.POST or None, services=services)
    if request.method == "POST" and form.is_valid():
        result = catalogue_link.sync_response(answer, form.cleaned_data["service"])
        if result.proposal is None:
            messages.info(request, _("The answers match the catalogue of this service; there is nothing to propose."))
            return redirect(_overview_url(request, survey))
        messages.success(request, _("The proposal was prepared; review it."))
        return redirect(
            "surveys_admin:catalogue_proposal", process=request.process.slug, survey=survey.slug, pk=result.proposal.pk
        )
    status = 400 if request.method == "POST" else 200
    context = {
        "survey": survey,
        "answer": answer,
        "form": form,
        "breadcrumbs": _catalogue_crumbs(request, survey, (_("Response #%(number)s") % {"number": answer.pk}, None)),
    }
    return render(request, "surveys/catalogue/link.html", context, status=status)
