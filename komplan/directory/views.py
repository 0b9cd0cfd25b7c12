"""Staff screens of the catalogue: overview and imports with a preview (a dry run) before writing."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from .forms import ImportUploadForm
from .import_kinds import KINDS
from .models import Service
from .review import ChangeRequest
from .spreadsheet import template_xlsx

PERM = "manage_catalogue"
SESSION_KEY = "komplan_pending_imports"


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _crumbs(request, *tail):
    url = reverse("catalogue_admin:overview", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Catalogue"), url), *tail)


@internal_view("view_internal")
def overview(request, process):
    services = Service.objects.serving(request.process.municipalities.all())
    by_source = services.order_by().values("source").annotate(count=Count("pk", distinct=True))
    return render(
        request,
        "directory/overview.html",
        {
            "total": services.count(),
            "by_source": by_source,
            "kinds": KINDS.values(),
            "can_import": request.access.can(PERM),
            "can_edit_own": request.access.can("edit_own_provider"),
            "pending_changes": ChangeRequest.objects.for_process(request.process).filter(status="pending").count(),
            "breadcrumbs": _crumbs(request),
        },
    )


@internal_view(PERM)
def template_download(request, process):
    response = HttpResponse(
        template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="komplan-sablona-sluzeb.xlsx"'
    return response


@internal_view(PERM)
def import_preview(request, process, kind):
    import_kind = KINDS.get(kind)
    if import_kind is None:
        raise Http404
    form = ImportUploadForm(request.POST or None, request.FILES or None, extensions=import_kind.extensions)
    context = {"form": form, "kind": import_kind, "breadcrumbs": _crumbs(request, (import_kind.label, None))}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            report = import_kind.run(upload.name, content, dry_run=True)
        except import_kind.errors as exc:
            form.add_error("file", str(exc))
            return render(request, "directory/import.html", context, status=400)
        context["report"] = report
        if not report.rejected:
            token = secrets.token_urlsafe(16)
            (_upload_dir() / token).write_bytes(content)
            pending = request.session.get(SESSION_KEY, {})
            pending[token] = {"kind": kind, "name": upload.name, "process": request.process.pk}
            request.session[SESSION_KEY] = pending
            context["token"] = token
    return render(request, "directory/import.html", context)


@require_POST
@internal_view(PERM)
def import_confirm(request, process, kind):
    token = request.POST.get("token", "")
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(token, None)
    path = _upload_dir() / token if token.replace("-", "").replace("_", "").isalnum() else None
    if (
        entry is None
        or entry["kind"] != kind
        or entry["process"] != request.process.pk
        or not path
        or not path.exists()
    ):
        messages.error(request, _("This preview has expired. Upload the file again."))
        return redirect("catalogue_admin:import", process=request.process.slug, kind=kind)
    request.session[SESSION_KEY] = pending
    import_kind = KINDS[kind]
    try:
        report = import_kind.run(entry["name"], path.read_bytes(), dry_run=False)
    except import_kind.errors as exc:
        messages.error(request, str(exc))
        return redirect("catalogue_admin:import", process=request.process.slug, kind=kind)
    finally:
        path.unlink(missing_ok=True)
    if report.rejected:  # the data changed between preview and confirmation
        messages.error(request, _("The import was refused; nothing was changed. Check the file and try again."))
    else:
        messages.success(
            request,
            _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
        )
    return redirect("catalogue_admin:overview", process=request.process.slug)
