"""The catalogue of social services: services (filtered like the public catalogue pages) and providers.

Filters are parsed by ``directory.filters.parse_filters``, the same parser as the web pages; an
unknown value is a 400 ``{"detail", "parameter", "allowed"}``. With ``process`` the answer is that
process's catalogue, and the process must be visible to the caller (else 404, like an unknown one).
Lists are ordered by name in Czech order and paginated like the territories.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from ninja import Query, Router, Status
from ninja.errors import HttpError

from komplan.directory.filters import (
    FilterError,
    catalogue_of,
    czech_ordered_ids,
    filtered_services,
    parse_filters,
    presence,
    services_in_order,
    with_full_details,
)
from komplan.directory.models import Organization, Service
from komplan.lib.text import czech_key, fold
from komplan.territory.models import PlanningProcess

from .schemas import (
    CatalogueFilterError,
    ErrorOut,
    OrganizationDetail,
    OrganizationFilters,
    OrganizationPage,
    ServiceDetail,
    ServiceFilters,
    ServicePage,
)

router = Router(tags=["catalogue"])


def visible_process(request, slug: str | None) -> PlanningProcess | None:
    if not slug:
        return None
    process = PlanningProcess.objects.visible_to(request.user).filter(slug=slug).first()
    if process is None:
        raise HttpError(404, gettext("No planning process has the address “%(slug)s”.") % {"slug": slug})
    return process


def code_label(item) -> dict | None:
    return {"code": item.code, "label": item.label} if item is not None else None


def municipality_ref(territory) -> dict | None:
    return {"code": territory.code, "name": territory.name} if territory is not None else None


def provenance(record) -> dict:
    return {
        "source": record.source,
        "source_label": str(record.get_source_display()),
        "source_detail": record.source_detail,
        "source_date": record.source_date,
        "last_verified": record.last_verified,
    }


def service_item(service: Service, process: PlanningProcess | None, area_ids: set[int]) -> dict:
    organization = service.organization
    return {
        "id": service.pk,
        "name": service.name,
        "url": reverse("portal:catalogue_service", kwargs={"process": process.slug, "pk": service.pk})
        if process
        else None,
        "presence": presence(service, area_ids) if process else None,
        "organization": {"id": organization.pk, "name": organization.name, "ico": organization.ico},
        "service_type": code_label(service.service_type),
        "target_groups": [code_label(group) for group in service.target_groups.all()],
        "forms": [
            {
                "code": form.form.code,
                "label": form.form.label,
                "continuous": form.continuous,
                "hours": form.hours,
                "capacities": [
                    {
                        "type": capacity.capacity_type.code,
                        "unit": capacity.capacity_type.unit,
                        "label": capacity.label,
                        "count": capacity.count,
                        "description": capacity.description,
                    }
                    for capacity in form.capacities.all()
                ],
            }
            for form in service.forms.all()
        ],
        "locations": [
            {
                "name": location.name,
                "address": location.address_line,
                "municipality": municipality_ref(location.municipality),
                "latitude": location.latitude,
                "longitude": location.longitude,
            }
            for location in service.locations.all()
        ],
        "illustrative": service.is_illustrative,
    }


def area_ids_of(process: PlanningProcess | None) -> set[int]:
    return set(process.municipalities.values_list("pk", flat=True)) if process else set()


def filter_error(exc: FilterError) -> Status:
    return Status(400, exc.as_dict())


@router.get(
    "",
    response={200: ServicePage, 400: CatalogueFilterError, 404: ErrorOut},
    summary="List social services",
    url_name="service_list",
)
def list_services(request, filters: Query[ServiceFilters]):
    """Services sorted by name in Czech order; filters as on the public catalogue pages."""
    process = visible_process(request, filters.process)
    params = filters.dict(exclude={"process", "limit", "offset"}, exclude_none=True)
    try:
        parsed = parse_filters(params, process=process)
    except FilterError as exc:
        return filter_error(exc)
    ids = czech_ordered_ids(filtered_services(parsed, process))
    page = services_in_order(ids[filters.offset : filters.offset + filters.limit])
    area_ids = area_ids_of(process)
    return {
        "count": len(ids),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [service_item(service, process, area_ids) for service in page],
    }


@router.get(
    "/{id}",
    response={200: ServiceDetail, 404: ErrorOut},
    summary="One social service with forms, capacities, locations and provenance",
    url_name="service_detail",
)
def service_detail(request, id: int, process: str | None = None):
    """With ``process``, the service must be in that process's catalogue (else 404)."""
    scope = visible_process(request, process)
    services = catalogue_of(scope) if scope else Service.objects.all()
    service = with_full_details(services.filter(pk=id)).first()
    if service is None:
        raise HttpError(404, gettext("No social service has the identifier %(id)s here.") % {"id": id})
    served = sorted(service.area_served.all(), key=lambda m: (czech_key(m.name), m.code))
    detail = service_item(service, scope, area_ids_of(scope))
    detail.update(
        registry_id=service.registry_id,
        description=service.description,
        age_groups=[code_label(group) for group in service.age_groups.all()],
        age_note=service.age_note,
        area_served=[municipality_ref(m) for m in served],
        fees=service.fees,
        opening_hours=service.opening_hours,
        how_to_get=service.how_to_get,
        in_regional_network=service.in_regional_network,
        provided_from=service.provided_from,
        provided_to=service.provided_to,
        web=service.web,
        email=service.email,
        phone=service.phone,
        contacts=[
            {"name": c.name, "title": c.title, "email": c.email, "phone": c.phone} for c in service.public_contacts
        ],
        funding=[
            {"year": f.year, "source": code_label(f.source), "amount": float(f.amount), "note": f.note}
            for f in service.funding.all()
        ],
        provenance=provenance(service),
    )
    return detail


organizations_router = Router(tags=["catalogue"])


def organization_item(organization: Organization) -> dict:
    return {
        "id": organization.pk,
        "name": organization.name,
        "ico": organization.ico,
        "municipality": municipality_ref(organization.municipality),
        "illustrative": organization.is_illustrative,
    }


@organizations_router.get(
    "",
    response={200: OrganizationPage},
    summary="List providers of social services",
    url_name="organization_list",
)
def list_organizations(request, filters: Query[OrganizationFilters]):
    """Providers sorted by name in Czech order; ``q`` matches words of the name, ``ico`` the IČO."""
    organizations = Organization.objects.all()
    if filters.ico:
        organizations = organizations.filter(ico=filters.ico)
    rows = list(organizations.order_by().values_list("pk", "name"))
    words = fold(filters.q or "").split()
    rows = [row for row in rows if all(word in fold(row[1]) for word in words)]
    rows.sort(key=lambda row: (czech_key(row[1]), row[0]))
    ids = [pk for pk, _name in rows[filters.offset : filters.offset + filters.limit]]
    found = Organization.objects.select_related("municipality").in_bulk(ids)
    return {
        "count": len(rows),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [organization_item(found[pk]) for pk in ids],
    }


@organizations_router.get(
    "/{id}",
    response={200: OrganizationDetail, 404: ErrorOut},
    summary="One provider with its services",
    url_name="organization_detail",
)
def organization_detail(request, id: int):
    organization = Organization.objects.select_related("municipality", "legal_form").filter(pk=id).first()
    if organization is None:
        raise HttpError(404, gettext("No provider has the identifier %(id)s.") % {"id": id})
    services = sorted(organization.services.select_related("service_type"), key=lambda s: (czech_key(s.name), s.pk))
    detail = organization_item(organization)
    detail.update(
        legal_form=code_label(organization.legal_form),
        address=organization.address_line,
        description=organization.description,
        web=organization.web,
        email=organization.email,
        phone=organization.phone,
        provenance=provenance(organization),
        services=[{"id": s.pk, "name": s.name, "service_type": code_label(s.service_type)} for s in services],
    )
    return detail
