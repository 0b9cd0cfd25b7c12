"""The public catalogue of social services of a process: search and filters, service and provider pages.

A process's catalogue is every service located in, or covering, a municipality of its planning
area (``directory.filters.catalogue_of``). Filters are query parameters parsed by
``directory.filters.parse_filters`` (the same parser as the API), so every state of the form has a
shareable URL. The page works without JavaScript; with htmx the form refreshes only the results
region (the view answers the partial when ``request.htmx``). A service or provider outside the
catalogue is a 404.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from komplan.directory.filters import (
    PARAMETERS,
    FilterError,
    catalogue_of,
    czech_ordered_ids,
    filtered_services,
    parse_filters,
    presence,
    services_in_order,
    with_full_details,
)
from komplan.directory.life_situations import all_situations
from komplan.directory.models import Codelist, CodelistItem, Organization, Service
from komplan.lib.text import czech_key

PAGE_SIZE = 25
TYPE_GROUPS = {
    "counselling": gettext_lazy("Social counselling"),
    "care": gettext_lazy("Social care services"),
    "prevention": gettext_lazy("Social prevention services"),
    "": gettext_lazy("Other services"),
}


def _area(process) -> list:
    return sorted(process.municipalities.all(), key=lambda m: czech_key(m.name))


def _chosen(query) -> dict[str, list[str]]:
    """What the visitor submitted, per parameter (also when it is invalid, to show it back)."""
    return {name: [v.strip() for v in query.getlist(name) if v.strip()] for name in PARAMETERS}


def _choice(item: CodelistItem, chosen: list[str]) -> dict:
    return {"code": item.code, "label": item.label, "checked": item.code in chosen}


def _by_label(items):
    return sorted(items, key=lambda item: czech_key(item.label))


def _filter_options(catalogue, area: list, chosen: dict, error: FilterError | None) -> dict:
    """The choices of the filter form: types and target groups that occur in the catalogue, plus any
    chosen ones; every allowed value when that filter is the one in error."""
    items = list(
        CodelistItem.objects.filter(codelist__in=[Codelist.SERVICE_TYPE, Codelist.TARGET_GROUP, Codelist.SERVICE_FORM])
    )
    pks = catalogue.order_by().values("pk")
    present = set(Service.objects.filter(pk__in=pks).order_by().values_list("service_type_id", flat=True).distinct())
    present |= set(
        Service.target_groups.through.objects.filter(service_id__in=pks)
        .values_list("codelistitem_id", flat=True)
        .distinct()
    )
    show_all = {error.parameter} if error else set()

    def offered(codelist: str, parameter: str) -> list[CodelistItem]:
        return _by_label(
            item
            for item in items
            if item.codelist == codelist
            and (parameter in show_all or item.pk in present or item.code in chosen[parameter])
        )

    type_groups = []
    types = offered(Codelist.SERVICE_TYPE, "type")
    for group, label in TYPE_GROUPS.items():
        members = [_choice(item, chosen["type"]) for item in types if item.attributes.get("group", "") == group]
        if members:
            type_groups.append({"slug": group or "other", "label": label, "choices": members})
    target_groups = [_choice(item, chosen["target_group"]) for item in offered(Codelist.TARGET_GROUP, "target_group")]
    forms = sorted((i for i in items if i.codelist == Codelist.SERVICE_FORM), key=lambda i: i.code)
    municipality = chosen["municipality"][:1]
    situation = chosen["situation"][:1]
    return {
        "type_groups": type_groups,
        "types_chosen": sum(choice["checked"] for group in type_groups for choice in group["choices"]),
        "target_groups": target_groups,
        "target_groups_chosen": sum(choice["checked"] for choice in target_groups),
        "forms": [_choice(item, chosen["form"]) for item in forms],
        "municipalities": [{"code": m.code, "label": m.name, "selected": m.code in municipality} for m in area],
        "show_municipalities": len(area) > 1 or bool(municipality),
        "situations": [{"code": s.slug, "label": s.label, "selected": s.slug in situation} for s in all_situations()],
        "q": (chosen["q"] or [""])[0],
    }


def _cards(services: list[Service], area_ids: set[int]) -> list[dict]:
    return [{"service": s, "presence": presence(s, area_ids)} for s in services]


def catalogue(request, process):
    process = request.process
    area = _area(process)
    error = None
    try:
        filters = parse_filters(request.GET, process=process)
    except FilterError as exc:
        filters, error = None, exc
    if error and request.htmx:
        # htmx does not swap a 400 into the page: load the whole page, which shows the error at its filter.
        response = render(request, "portal/catalogue/_results.html", {"error": error}, status=400)
        response["HX-Redirect"] = request.get_full_path()
        return response
    context = {
        "error": error,
        "filters": filters,
        "catalogue_url": reverse("portal:catalogue", kwargs={"process": process.slug}),
    }
    if filters is not None:
        ids = czech_ordered_ids(filtered_services(filters, process))
        page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
        services = services_in_order(list(page.object_list))
        context.update(page=page, cards=_cards(services, {m.pk for m in area}))
    if request.htmx:
        return render(request, "portal/catalogue/_results.html", context)
    context.update(
        options=_filter_options(catalogue_of(process), area, _chosen(request.GET), error),
        area=area,
        breadcrumbs=[(process.name, process.get_absolute_url()), (_("Catalogue of social services"), None)],
    )
    return render(request, "portal/catalogue/list.html", context, status=400 if error else 200)


def service_detail(request, process, pk: int):
    process = request.process
    service = with_full_details(catalogue_of(process).filter(pk=pk)).first()
    if service is None:
        raise Http404
    area = _area(process)
    area_ids = {m.pk for m in area}
    catalogue_url = reverse("portal:catalogue", kwargs={"process": process.slug})
    served = sorted(service.area_served.all(), key=lambda m: czech_key(m.name))
    return render(
        request,
        "portal/catalogue/service.html",
        {
            "service": service,
            "presence": presence(service, area_ids),
            "served_in_area": [m for m in served if m.pk in area_ids],
            "served_elsewhere": [m for m in served if m.pk not in area_ids],
            "catalogue_url": catalogue_url,
            "breadcrumbs": [
                (process.name, process.get_absolute_url()),
                (_("Catalogue of social services"), catalogue_url),
                (service.name, None),
            ],
        },
    )


def provider_detail(request, process, pk: int):
    process = request.process
    in_catalogue = catalogue_of(process).filter(organization_id=pk)
    ids = czech_ordered_ids(in_catalogue)
    if not ids:
        raise Http404
    provider = Organization.objects.select_related("legal_form", "municipality").get(pk=pk)
    area_ids = set(process.municipalities.values_list("pk", flat=True))
    catalogue_url = reverse("portal:catalogue", kwargs={"process": process.slug})
    return render(
        request,
        "portal/catalogue/provider.html",
        {
            "provider": provider,
            "cards": _cards(services_in_order(ids), area_ids),
            "catalogue_url": catalogue_url,
            "breadcrumbs": [
                (process.name, process.get_absolute_url()),
                (_("Catalogue of social services"), catalogue_url),
                (provider.name, None),
            ],
        },
    )


def catalogue_export(request, process, fmt: str):
    """The filtered list (same parameters as the catalogue page) as CSV or XLSX."""
    from django.http import HttpResponse

    from komplan.directory.exporters import service_rows, to_csv, to_xlsx

    try:
        filters = parse_filters(request.GET, process=request.process)
    except FilterError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    services = services_in_order(czech_ordered_ids(filtered_services(filters, request.process)))
    header, rows = service_rows(services)
    filename = f"{request.process.slug}-katalog.{fmt}"
    if fmt == "csv":
        response = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            to_xlsx(header, rows, _("Services")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
