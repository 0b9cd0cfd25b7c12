"""Planning processes visible to the requesting person (session authentication).

A process the person may not see answers exactly like an unknown one (404), so the API
does not reveal which non-public processes exist.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext
from ninja import Router
from ninja.errors import HttpError

from komplan.territory.models import PlanningProcess, Territory
from komplan.territory.services import current_phase

from .schemas import ErrorOut, ProcessOut

router = Router(tags=["processes"])


def visible_process_or_404(request, slug: str):
    """The process at ``slug`` if the visitor may see it; else a 404 that says so."""
    process = visible_processes(request).filter(slug=slug).first()
    if process is None:
        raise HttpError(404, gettext("No planning process has the address “%(slug)s”.") % {"slug": slug})
    return process


def visible_processes(request):
    # Three queries whatever the number of processes: processes, their phases, their municipalities.
    return (
        PlanningProcess.objects.visible_to(request.user)
        .select_related("responsible_municipality", "area_orp")
        .prefetch_related(
            "phases",
            Prefetch("municipalities", queryset=Territory.objects.only("id", "code", "population")),
        )
    )


def area(process: PlanningProcess) -> dict:
    municipalities = list(process.municipalities.all())
    populations = [m.population for m in municipalities if m.population is not None]
    return {
        "kind": process.area_kind,
        "kind_label": str(process.get_area_kind_display()),
        "orp": process.area_orp.code if process.area_orp else None,
        "municipalities": sorted(m.code for m in municipalities),
        "municipality_count": len(municipalities),
        "population": sum(populations) if populations else None,
    }


def process_out(process: PlanningProcess) -> dict:
    phases = list(process.phases.all())
    current = current_phase(phases)
    responsible = process.responsible_municipality
    return {
        "name": process.name,
        "slug": process.slug,
        "url": process.get_absolute_url(),
        "period": {"start": process.period_start, "end": process.period_end, "label": process.period_label},
        "area": area(process),
        "responsible_municipality": {"code": responsible.code, "name": responsible.name},
        "current_phase": current.kind if current else None,
        "phases": [
            {
                "kind": phase.kind,
                "label": str(phase.get_kind_display()),
                "order": phase.order,
                "status": phase.status,
                "status_label": str(phase.get_status_display()),
                "planned_start": phase.planned_start,
                "planned_end": phase.planned_end,
                "actual_start": phase.actual_start,
                "actual_end": phase.actual_end,
            }
            for phase in phases
        ],
    }


@router.get("", response=list[ProcessOut], summary="List planning processes", url_name="process_list")
def list_processes(request):
    """Public processes, plus the non-public ones the signed-in person is a member of."""
    return [process_out(process) for process in visible_processes(request)]


@router.get(
    "/{slug}",
    response={200: ProcessOut, 404: ErrorOut},
    summary="One planning process",
    url_name="process_detail",
)
def process_detail(request, slug: str):
    # The argument is not called ``process``: ProcessMiddleware would resolve it as a portal page.
    return process_out(visible_process_or_404(request, slug))


@router.get(
    "/{slug}/catalogue.hsds.zip",
    response={200: bytes, 404: ErrorOut},
    summary="The catalogue of a process as an Open Referral HSDS 3.0 tabular data package (ZIP)",
    url_name="process_catalogue_hsds",
    openapi_extra={
        "responses": {
            200: {
                "description": "ZIP of HSDS CSV files with datapackage.json",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def process_catalogue_hsds(request, slug: str):
    """Services located in or covering the planning area, without contact persons (personal data)."""
    from django.http import HttpResponse

    from komplan.directory.filters import catalogue_of
    from komplan.directory.hsds import catalogue_datapackage_zip

    process = visible_processes(request).filter(slug=slug).first()
    if process is None:
        raise HttpError(404, gettext("No planning process has the address “%(slug)s”.") % {"slug": slug})
    response = HttpResponse(catalogue_datapackage_zip(catalogue_of(process)), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-catalogue-hsds.zip"'
    return response
