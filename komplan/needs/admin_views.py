"""Staff pages of the need model at `<process>/sprava/potreby/` (namespace needs_admin).

Every member of the process sees the norm sets and notes (flag view_internal); changes need manage_analysis.
A set and its rows are saved together or not at all; errors show at their field (answer 400).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.directory.models import Codelist, CodelistItem
from komplan.surveys.models import Code
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import services
from .forms import CopyForm, NeedNoteForm, NormRowFormSet, NormSetForm
from .models import CodeMapping, NeedNote, NormSet


def _crumbs(request, *tail):
    overview = reverse("needs_admin:overview", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Needs and resources"), overview), *tail)


def _set(request, slug: str) -> NormSet:
    found = NormSet.objects.for_process(request.process).filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def _overview_context(request, note_form=None):
    process = request.process
    services.ensure_default_set(process)
    codes = Code.objects.filter(survey__process=process).select_related("survey")
    mapped = dict(CodeMapping.objects.filter(code__in=codes).values_list("code_id", "service_type_id"))
    return {
        "norm_sets": NormSet.objects.for_process(process).prefetch_related("rows"),
        "notes": NeedNote.objects.for_process(process).select_related("body", "service_type"),
        "note_form": note_form or NeedNoteForm(process=process),
        "codes": [(code, mapped.get(code.pk)) for code in codes],
        "service_types": CodelistItem.objects.filter(codelist=Codelist.SERVICE_TYPE).order_by("name"),
        "can_manage": request.access.can(Perm.MANAGE_ANALYSIS),
        "breadcrumbs": _crumbs(request),
    }


@internal_view(Perm.VIEW_INTERNAL)
def overview(request, process):
    return render(request, "needs/admin_overview.html", _overview_context(request))


def _edit(request, norm_set: NormSet | None):
    process = request.process
    instance = norm_set or NormSet(process=process)
    form = NormSetForm(request.POST or None, instance=instance, process=process)
    formset = NormRowFormSet(request.POST or None, instance=instance, prefix="rows")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = services.save_set(form, formset)
        messages.success(request, _("The norm set “%(name)s” was saved.") % {"name": saved.name})
        return redirect("needs_admin:overview", process=process.slug)
    title = _("Edit the norm set “%(name)s”") % {"name": norm_set.name} if norm_set else _("New norm set")
    context = {"form": form, "formset": formset, "title": title, "breadcrumbs": _crumbs(request, (title, None))}
    return render(request, "needs/admin_set.html", context, status=400 if request.method == "POST" else 200)


@internal_view(Perm.MANAGE_ANALYSIS)
def set_add(request, process):
    return _edit(request, None)


@internal_view(Perm.MANAGE_ANALYSIS)
def set_edit(request, process, norm_set: str):
    return _edit(request, _set(request, norm_set))


@require_POST
@internal_view(Perm.MANAGE_ANALYSIS)
def set_copy(request, process, norm_set: str):
    original = _set(request, norm_set)
    form = CopyForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else _("Copy of %(name)s") % {"name": original.name}
    copy = services.copy_set(original, name)
    messages.success(request, _("The copy “%(name)s” was created.") % {"name": copy.name})
    return redirect("needs_admin:set_edit", process=request.process.slug, norm_set=copy.slug)


@require_POST
@internal_view(Perm.MANAGE_ANALYSIS)
def set_delete(request, process, norm_set: str):
    found = _set(request, norm_set)
    services.delete_set(found)
    messages.success(request, _("The norm set “%(name)s” was deleted.") % {"name": found.name})
    return redirect("needs_admin:overview", process=request.process.slug)


@require_POST
@internal_view(Perm.MANAGE_ANALYSIS)
def note_add(request, process):
    form = NeedNoteForm(request.POST, process=request.process)
    if not form.is_valid():
        return render(request, "needs/admin_overview.html", _overview_context(request, form), status=400)
    note = form.save(commit=False)
    note.created_by = request.user
    note.save()
    messages.success(request, _("The need was recorded."))
    return redirect("needs_admin:overview", process=request.process.slug)


@require_POST
@internal_view(Perm.MANAGE_ANALYSIS)
def note_delete(request, process, pk: int):
    note = NeedNote.objects.for_process(request.process).filter(pk=pk).first()
    if note is None:
        raise Http404
    note.delete()
    messages.success(request, _("The need was deleted."))
    return redirect("needs_admin:overview", process=request.process.slug)


@require_POST
@internal_view(Perm.MANAGE_ANALYSIS)
def code_map(request, process, pk: int):
    """Link a survey answer category to a service type (empty: unlink)."""
    code = Code.objects.filter(survey__process=request.process, pk=pk).first()
    if code is None:
        raise Http404
    value = request.POST.get("service_type", "")
    if not value:
        CodeMapping.objects.filter(code=code).delete()
    else:
        service_type = CodelistItem.objects.filter(codelist=Codelist.SERVICE_TYPE, pk=value).first()
        if service_type is None:
            messages.error(request, _("Choose a type of social service."))
            return redirect("needs_admin:overview", process=request.process.slug)
        CodeMapping.objects.update_or_create(code=code, defaults={"service_type": service_type})
    messages.success(request, _("The answer category “%(label)s” was saved.") % {"label": code.label})
    return redirect("needs_admin:overview", process=request.process.slug)
