"""Provider self-service screens: editors propose, the coordinator reviews, and assigns editors."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.territory.access import internal_view

from . import review_services
from .forms import DecisionForm, EditorForm, target_form_class
from .models import Organization, Service
from .review import ChangeRequest, OrganizationEditor, ReviewStatus
from .views import _crumbs

OWN = "edit_own_provider"
MANAGE = "manage_catalogue"


def _my_organizations(request):
    return Organization.objects.filter(editors__process=request.process, editors__user=request.user).distinct()


@internal_view(OWN)
def my_providers(request, process):
    organizations = list(_my_organizations(request).prefetch_related("services"))
    return render(
        request,
        "directory/my_providers.html",
        {
            "organizations": organizations,
            "requests": ChangeRequest.objects.for_process(request.process).filter(submitted_by=request.user)[:50],
            "breadcrumbs": _crumbs(request, (_("My organisation"), None)),
        },
    )


def _edit(request, target, back_url):
    fields = review_services.editable_fields(target)
    form = target_form_class(type(target), fields)(
        request.POST or None, instance=type(target).objects.get(pk=target.pk)
    )
    if request.method == "POST" and form.is_valid():
        change = review_services.propose(request.process, request.user, target, form.cleaned_data)
        if change is None:
            messages.info(request, _("Nothing changed."))
        else:
            messages.success(request, _("Your change was sent to the coordinator for review."))
        return redirect(back_url)
    return render(
        request,
        "directory/propose.html",
        {
            "form": form,
            "target": target,
            "breadcrumbs": _crumbs(request, (_("My organisation"), back_url), (str(target), None)),
        },
    )


@internal_view(OWN)
def propose_organization(request, process, pk):
    organization = _my_organizations(request).filter(pk=pk).first()
    if organization is None:
        raise Http404
    return _edit(request, organization, reverse("catalogue_admin:mine", kwargs={"process": process}))


@internal_view(OWN)
def propose_service(request, process, pk):
    service = Service.objects.filter(pk=pk, organization__in=_my_organizations(request)).first()
    if service is None:
        raise Http404
    return _edit(request, service, reverse("catalogue_admin:mine", kwargs={"process": process}))


@internal_view(MANAGE)
def review_queue(request, process):
    changes = ChangeRequest.objects.for_process(request.process).select_related(
        "organization", "service", "submitted_by", "reviewed_by"
    )
    return render(
        request,
        "directory/review_queue.html",
        {
            "pending": changes.filter(status=ReviewStatus.PENDING),
            "decided": changes.exclude(status=ReviewStatus.PENDING)[:50],
            "breadcrumbs": _crumbs(request, (_("Proposed changes"), None)),
        },
    )


@internal_view(MANAGE)
def review_detail(request, process, pk):
    change = ChangeRequest.objects.for_process(request.process).filter(pk=pk).first()
    if change is None:
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and change.status == ReviewStatus.PENDING:
        decide = review_services.accept if request.POST.get("decision") == "accept" else review_services.reject
        try:
            decide(change, request.user, form.cleaned_data["note"])
        except review_services.ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The decision was saved."))
            return redirect("catalogue_admin:review", process=process)
    return render(
        request,
        "directory/review_detail.html",
        {
            "change": change,
            "form": form,
            "breadcrumbs": _crumbs(
                request,
                (_("Proposed changes"), reverse("catalogue_admin:review", kwargs={"process": process})),
                (str(change.target), None),
            ),
        },
    )


@internal_view(MANAGE)
def editors(request, process):
    users = request.user.__class__.objects.filter(
        memberships__process=request.process, memberships__role="provider_editor", memberships__is_active=True
    )
    organizations = Organization.objects.filter(
        services__in=Service.objects.serving(request.process.municipalities.all())
    ).distinct()
    form = EditorForm(request.POST or None, users=users, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        OrganizationEditor.objects.get_or_create(process=request.process, **form.cleaned_data)
        messages.success(request, _("The editor was assigned."))
        return redirect("catalogue_admin:editors", process=process)
    return render(
        request,
        "directory/editors.html",
        {
            "form": form,
            "assignments": OrganizationEditor.objects.for_process(request.process).select_related(
                "user", "organization"
            ),
            "breadcrumbs": _crumbs(request, (_("Provider editors"), None)),
        },
    )


@require_POST
@internal_view(MANAGE)
def editor_remove(request, process, pk):
    OrganizationEditor.objects.for_process(request.process).filter(pk=pk).delete()
    messages.success(request, _("The editor was removed."))
    return redirect("catalogue_admin:editors", process=process)
