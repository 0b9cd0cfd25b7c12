"""Staff screens of the statistics imports: what is loaded, and imports with a preview before writing.

The figures are national: coordinators (flag manage_analysis) import the ČSÚ municipal tables, the
unemployment shares and age structures of their own planning area; the national rates (VDB, UN WPP)
are for komplan administrators only, because every process shares them.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Max, Min
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from .forms import ImportForm
from .import_kinds import BY_SLUG, KINDS, ImportKind, run_import
from .importers.base import ImportFailure, ImportOptions, InputFile
from .models import AgeCount, DataSource, Observation, PopulationCount, RateSet

PERM = Perm.MANAGE_ANALYSIS
SESSION_KEY = "komplan_pending_population_imports"
TEMPLATE = "demography/import.html"


def _upload_dir(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "demography" / token


def _crumbs(request, *tail):
    url = reverse("demography_admin:overview", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Statistics"), url), *tail)


def _may_import(request, kind: ImportKind) -> bool:
    return not kind.superuser_only or request.user.is_superuser


def _area_territories(process) -> frozenset[int]:
    """The area's municipalities and the POU, ORP and okres they lie in (what a coordinator may import)."""
    ids: set[int] = set()
    for row in process.municipalities.values_list("id", "pou_id", "orp_id", "okres_id"):
        ids.update(pk for pk in row if pk)
    return frozenset(ids)


def _options(request, kind: ImportKind, year: int | None) -> ImportOptions:
    allowed = None
    if kind.area_only and not request.user.is_superuser:
        allowed = _area_territories(request.process)
    return ImportOptions(year=year, allowed_territories=allowed, user=request.user)


def _years_by_source() -> dict[int, dict]:
    """Per data source: the first and last year and the number of rows it holds now (three grouped queries)."""
    result: dict[int, dict] = {}
    for model in (PopulationCount, AgeCount, Observation):
        rows = model.objects.order_by().values("source").annotate(first=Min("year"), last=Max("year"), rows=Count("pk"))
        for row in rows:
            entry = result.setdefault(row["source"], {"first": row["first"], "last": row["last"], "rows": 0})
            entry["first"], entry["last"] = min(entry["first"], row["first"]), max(entry["last"], row["last"])
            entry["rows"] += row["rows"]
    for source_id in RateSet.objects.values_list("source", flat=True):
        result.setdefault(source_id, {"first": None, "last": None, "rows": 0})["rows"] += 1
    return result


def _area_counts(process) -> list[dict]:
    """The area's municipalities with their latest population count (year and total)."""
    municipalities = list(process.municipalities.order_by("name").values("id", "code", "name"))
    latest: dict[int, tuple[int, int]] = {}
    rows = PopulationCount.objects.filter(territory_id__in=[m["id"] for m in municipalities]).values_list(
        "territory_id", "year", "total"
    )
    for territory_id, year, total in rows:
        if year > latest.get(territory_id, (0, 0))[0]:
            latest[territory_id] = (year, total)
    return [m | dict(zip(("year", "total"), latest.get(m["id"], (None, None)), strict=True)) for m in municipalities]


@internal_view(PERM)
def data_overview(request, process):
    years = _years_by_source()
    sources = DataSource.objects.select_related("imported_by").order_by("kind", "-imported_at")
    by_kind = {kind.source_kind: {"kind": kind, "sources": []} for kind in KINDS.values()}
    for source in sources:
        source.coverage = years.get(source.pk, {})
        by_kind.setdefault(source.kind, {"kind": None, "sources": []})["sources"].append(source)
    kinds = [
        {"kind": kind, "allowed": _may_import(request, kind), "sources": by_kind[kind.source_kind]["sources"]}
        for kind in KINDS.values()
    ]
    context = {"kinds": kinds, "municipalities": _area_counts(request.process), "breadcrumbs": _crumbs(request)}
    return render(request, "demography/data_overview.html", context)


def _refused(request, kind: ImportKind):
    context = {"kind": kind, "refused": True, "breadcrumbs": _crumbs(request, (kind.label, None))}
    return render(request, TEMPLATE, context, status=403)


def _remember(request, kind: ImportKind, files: list[InputFile], year: int | None) -> str:
    token = secrets.token_urlsafe(16)
    directory = _upload_dir(token)
    directory.mkdir(parents=True)
    for index, file in enumerate(files):
        (directory / str(index)).write_bytes(file.content)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {
        "kind": kind.name,
        "names": [file.name for file in files],
        "year": year,
        "process": request.process.pk,
    }
    request.session[SESSION_KEY] = pending
    return token


@internal_view(PERM)
def import_preview(request, process, kind):
    import_kind = BY_SLUG.get(kind)
    if import_kind is None:
        raise Http404
    if not _may_import(request, import_kind):
        return _refused(request, import_kind)
    form = ImportForm(request.POST or None, request.FILES or None, kind=import_kind)
    context = {"form": form, "kind": import_kind, "breadcrumbs": _crumbs(request, (import_kind.label, None))}
    if request.method == "POST" and form.is_valid():
        files = [InputFile(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
        year = form.cleaned_data.get("year")
        try:
            report = run_import(import_kind, files, _options(request, import_kind, year), dry_run=True)
        except ImportFailure as exc:
            form.add_error("files", str(exc))
            return render(request, TEMPLATE, context, status=400)
        context["report"] = report
        if report.ok:
            context["token"] = _remember(request, import_kind, files, year)
    return render(request, TEMPLATE, context)


def _take_pending(request, kind: ImportKind) -> tuple[dict, Path] | None:
    token = request.POST.get("token", "")
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if not token.replace("-", "").replace("_", "").isalnum() or entry is None:
        return None
    directory = _upload_dir(token)
    if entry["kind"] != kind.name or entry["process"] != request.process.pk or not directory.is_dir():
        return None
    return entry, directory


@require_POST
@internal_view(PERM)
def import_confirm(request, process, kind):
    import_kind = BY_SLUG.get(kind)
    if import_kind is None:
        raise Http404
    if not _may_import(request, import_kind):
        return _refused(request, import_kind)
    taken = _take_pending(request, import_kind)
    if taken is None:
        messages.error(request, _("This preview has expired. Upload the file again."))
        return redirect("demography_admin:import", process=request.process.slug, kind=kind)
    entry, directory = taken
    try:
        files = [InputFile(name, (directory / str(i)).read_bytes()) for i, name in enumerate(entry["names"])]
        report = run_import(import_kind, files, _options(request, import_kind, entry["year"]))
    except ImportFailure as exc:
        messages.error(request, str(exc))
        return redirect("demography_admin:import", process=request.process.slug, kind=kind)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    if not report.ok:  # the database changed between the preview and the confirmation
        messages.error(request, _("The import was refused; nothing was changed. Check the file and try again."))
        return redirect("demography_admin:import", process=request.process.slug, kind=kind)
    messages.success(request, _("Imported. %(summary)s.") % {"summary": report.summary()})
    return redirect("demography_admin:overview", process=request.process.slug)
