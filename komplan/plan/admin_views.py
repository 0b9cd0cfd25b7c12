"""Staff pages of the plan document at `<process>/sprava/plan/` (namespace plan_admin).

Every member sees the chapters, the change log, the versions, their transition log and the generated files
(view_internal); editing, creating, freezing, the life-cycle steps of a version (put to comment, approve, publish),
the cover logo and generating the PDF and DOCX of a version need edit_plan. A step the life cycle refuses
(komplan.plan.services.TransitionRefused) answers 409 with the reason in the form.
Two people editing one chapter cannot overwrite each other: the form carries the chapter's version, and a save
over a newer one answers 409 with the other person's text shown beside one's own.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import querysets, services
from .approval import default_body
from .forms import ApproveForm, ChapterForm, FreezeForm, LogoForm, TransitionForm
from .models import BlockKind


def _crumbs(request, *tail):
    overview = reverse("plan_admin:overview", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Plan document"), overview), *tail)


def _plan(request):
    plan = querysets.plan_of(request.process)
    if plan is None:
        raise Http404
    return plan


def _to_overview(request):
    return redirect("plan_admin:overview", process=request.process.slug)


def _overview(request, plan, freeze_form=None, logo_form=None, status=200):
    can_edit = request.access.can(Perm.EDIT_PLAN)
    versions = list(querysets.versions_for(plan)) if plan else []
    context = {
        "plan": plan,
        "chapters": querysets.chapters_for(plan) if plan else [],
        "versions": versions,
        "transitions": querysets.transitions_for(plan)[:20] if plan else [],
        "can_edit": can_edit,
        "freeze_form": (freeze_form or FreezeForm()) if can_edit and plan else None,
        "logo_form": (logo_form or LogoForm()) if can_edit and plan else None,
        "generating": any(not r.finished for v in versions for r in v.renderings.all()),
        "breadcrumbs": _crumbs(request),
    }
    return render(request, "plan/admin_overview.html", context, status=status)


@internal_view(Perm.VIEW_INTERNAL)
def overview(request, process):
    return _overview(request, querysets.plan_of(request.process))


@require_POST
@internal_view(Perm.EDIT_PLAN)
def create(request, process):
    services.create_plan(request.process, request.user)
    messages.success(request, _("The plan document was created with the default chapters."))
    return _to_overview(request)


def _narrative(chapter):
    return [b for b in chapter.blocks.all() if b.kind == BlockKind.NARRATIVE]


def _editor(request, chapter, form, status=200, **extra):
    preview = {"key": chapter.key, "title": chapter.title, "blocks": []}
    texts = {block.pk: form[name].value() or "" for block, name in form.block_fields}
    for block in chapter.blocks.all():
        if block.kind == BlockKind.NARRATIVE:
            preview["blocks"].append({"kind": "narrative", "paragraphs": [{"id": "", "text": texts[block.pk]}]})
        else:
            preview["blocks"].append({"kind": "generated", "source": block.source, "items": []})
    context = {
        "chapter": chapter,
        "form": form,
        "preview": preview,
        "can_edit": request.access.can(Perm.EDIT_PLAN),
        "breadcrumbs": _crumbs(request, (chapter.title, None)),
        **extra,
    }
    return render(request, "plan/admin_chapter.html", context, status=status)


@internal_view(Perm.VIEW_INTERNAL)
def chapter(request, process, key: str):
    found = querysets.chapter_for_edit(_plan(request), key)
    if found is None:
        raise Http404
    blocks = _narrative(found)
    if request.method != "POST":
        form = ChapterForm(blocks=blocks, initial={"title": found.title, "opened_version": found.version})
        return _editor(request, found, form)
    if not request.access.can(Perm.EDIT_PLAN):
        raise PermissionDenied
    form = ChapterForm(request.POST, blocks=blocks)
    if not form.is_valid():
        return _editor(request, found, form, status=400)
    if "preview" in request.POST:
        return _editor(request, found, form, previewing=True)
    try:
        services.save_chapter(
            found, form.cleaned_data["title"], form.texts(), request.user, form.cleaned_data["opened_version"]
        )
    except services.ChapterConflict:
        fresh = querysets.chapter_for_edit(found.plan, key)
        data = request.POST.copy()
        data["opened_version"] = str(fresh.version)
        form = ChapterForm(data, blocks=_narrative(fresh))
        form.is_valid()
        form.add_error(
            None,
            _(
                "Someone else saved the chapter after you opened it. Their text is shown below each field; "
                "your text is kept in the fields. Merge them and save again."
            ),
        )
        theirs = {block.pk: block.text for block in _narrative(fresh)}
        return _editor(request, fresh, form, status=409, conflict=theirs, conflict_by=fresh.updated_by)
    messages.success(request, _("The chapter was saved."))
    return redirect("plan_admin:chapter", process=request.process.slug, key=key)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def freeze(request, process):
    plan = _plan(request)
    form = FreezeForm(request.POST)
    if not form.is_valid():
        return _overview(request, plan, form, status=400)
    data = form.cleaned_data
    try:
        version = services.freeze_version(
            plan, request.user, data["label"], state=data["state"], issued_on=data["issued_on"], note=data["note"]
        )
    except services.TransitionRefused as exc:
        form.add_error("state", str(exc))
        return _overview(request, plan, form, status=409)
    messages.success(request, _("Version %(number)d was frozen.") % {"number": version.number})
    return _to_overview(request)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def logo(request, process):
    """Upload the cover logo; a file that is not an image is refused at the field (400)."""
    plan = _plan(request)
    form = LogoForm(request.POST, request.FILES)
    if not form.is_valid():
        return _overview(request, plan, logo_form=form, status=400)
    services.set_logo(plan, form.cleaned_data["logo"].data)
    messages.success(request, _("The logo was saved; it appears on the cover of the PDF and DOCX generated next."))
    return _to_overview(request)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def logo_remove(request, process):
    services.remove_logo(_plan(request))
    messages.success(request, _("The logo was removed."))
    return _to_overview(request)


def _version(request, number: int):
    found = querysets.version_head(_plan(request), number)
    if found is None:
        raise Http404
    return found


def _version_page(request, version, status=200, **forms):
    can_edit = request.access.can(Perm.EDIT_PLAN)
    allowed = services.allowed_transitions(version, services.first_comment_number(version.plan)) if can_edit else []
    # A refused or invalid form is shown again (with its errors) even when its step is not open any more.
    allowed += [name.removesuffix("_form") for name in forms if name.removesuffix("_form") not in allowed]
    municipality = request.process.responsible_municipality
    label = _("Version %(number)d") % {"number": version.number}
    context = {
        "version": version,
        "allowed": allowed,
        "comment_form": forms.get("comment_form") or TransitionForm(),
        "approve_form": forms.get("approve_form")
        or ApproveForm(initial={"body": default_body(municipality.name, municipality.population)}),
        "publish_form": forms.get("publish_form") or TransitionForm(),
        "transitions": version.transitions.select_related("by"),
        "can_edit": can_edit,
        "breadcrumbs": _crumbs(request, (label, None)),
    }
    return render(request, "plan/admin_version.html", context, status=status)


@internal_view(Perm.VIEW_INTERNAL)
def version(request, process, number: int):
    return _version_page(request, _version(request, number))


def _step(request, number: int, form_name: str, run):
    """A life-cycle step: the form, the service (409 with its reason when refused), back to the version page."""
    found = _version(request, number)
    form = ApproveForm(request.POST, version=found) if form_name == "approve_form" else TransitionForm(request.POST)
    if not form.is_valid():
        return _version_page(request, found, status=400, **{form_name: form})
    try:
        done = run(found, form.cleaned_data)
    except services.TransitionRefused as exc:
        form.add_error(None, str(exc))
        return _version_page(request, found, status=409, **{form_name: form})
    messages.success(
        request,
        _("The state of version %(number)d is now: %(state)s.")
        % {"number": done.number, "state": done.get_state_display()},
    )
    if done.is_approved:
        # The cover of the PDF and DOCX states the approval and the state: files made before are stale now.
        services.request_renderings(done, request.user)
        messages.info(request, _("Its PDF and DOCX are being generated again with the approval on the cover."))
    return redirect("plan_admin:version", process=request.process.slug, number=number)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def to_comment(request, process, number: int):
    return _step(request, number, "comment_form", lambda v, d: services.put_to_comment(v, request.user, d["note"]))


@require_POST
@internal_view(Perm.EDIT_PLAN)
def approve(request, process, number: int):
    def run(found, data):
        return services.approve(
            found, request.user, data["body"], data["resolution_number"], data["resolution_date"], data["note"]
        )

    return _step(request, number, "approve_form", run)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def publish(request, process, number: int):
    return _step(request, number, "publish_form", lambda v, d: services.publish(v, request.user, d["note"]))


@require_POST
@internal_view(Perm.EDIT_PLAN)
def generate(request, process, number: int):
    """Queue the PDF and DOCX of a version (the worker generates them; the overview shows the progress)."""
    version = _version(request, number)
    services.request_renderings(version, request.user)
    messages.success(
        request,
        _("The PDF and DOCX of version %(number)d are being generated; the progress is shown below.")
        % {"number": number},
    )
    return redirect(reverse("plan_admin:overview", kwargs={"process": request.process.slug}) + f"#soubory-{number}")


@internal_view(Perm.VIEW_INTERNAL)
def files(request, process, number: int):
    """The files of one version with their progress: the fragment the overview polls (htmx) until they are done."""
    version = _version(request, number)
    context = {"v": version, "can_edit": request.access.can(Perm.EDIT_PLAN)}
    return render(request, "plan/_files.html", context)
