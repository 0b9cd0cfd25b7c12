"""The printed catalogue of a process: the services serving its area, grouped by target group.

``catalogue_data`` turns the catalogue into plain, already translated data (the active language
decides: Czech by default, English under ``translation.override("en")``); ``catalogue_pdf``
renders it with the ``catalogue.typ`` Typst template of the documents app.

A service appears once under every target group it serves (services without a target group go
under "Other"). Each occurrence carries an anchor; the template's provider index resolves the
anchors of a provider's services to page numbers. Capacities are listed per form and unit, never
added up.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.utils import formats, timezone, translation
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from komplan.documents.pdf import render_pdf
from komplan.lib.text import czech_key
from komplan.territory.models import AreaKind, PlanningProcess

from .models import Capacity, Location, Organization, Service, ServiceForm, Source

TEMPLATE = "catalogue.typ"
DESCRIPTION_CHARS = 400
UNBREAKABLE_LINES = 30  # a longer entry (many addresses) may break across pages rather than overflow one
AREA_NAMES_SHOWN = 10


def catalogue_pdf(process: PlanningProcess) -> bytes:
    return render_pdf(TEMPLATE, catalogue_data(process))


def catalogue_services(process: PlanningProcess) -> list[Service]:
    queryset = Service.objects.serving(process.municipalities.all()).with_details()
    return list(queryset.select_related("organization__municipality"))


def catalogue_data(process: PlanningProcess, services: list[Service] | None = None) -> dict:
    """Everything the template prints, as JSON-able data in the active language."""
    services = catalogue_services(process) if services is None else services
    illustrative = any(_is_illustrative(s) for s in services)
    groups = _groups(services)
    title = capfirst(_("Catalogue of social services"))
    return {
        "lang": (translation.get_language() or "cs").split("-")[0],
        "title": title,
        "process": process.name,
        "running": f"{title} · {process.name}",
        "facts": _facts(process, services),
        "illustrative_notice": _(
            "This catalogue contains illustrative records, marked “illustrative record”. They are not real services."
        )
        if illustrative
        else "",
        "demo_note": process.demo_note,
        "labels": {
            "contents": _("Contents"),
            "about": _("About the data"),
            "index": _("Index of providers"),
            "index_note": _("Page numbers of the services of each provider."),
            "illustrative": _("illustrative record"),
            "empty": _("No social service serving this area is in the catalogue yet.") if not services else "",
        },
        "about": _about(illustrative, bool(services)),
        "sources": _sources(services),
        "groups": groups,
        "index": _index(groups),
    }


# ---- title page and note on the data ----


def _facts(process: PlanningProcess, services: list[Service]) -> list[dict]:
    rows = [
        (_("Territory"), _territory(process)),
        (_("Data as of"), _data_date(services)),
        (_("Source"), "; ".join(label for label, _count in _source_counts(services)) or _("not stated")),
        (_("Number of services"), formats.number_format(len(services), force_grouping=True)),
        (_("Printed on"), _date(timezone.localdate())),
    ]
    return [_row(label, [value]) for label, value in rows]


def _territory(process: PlanningProcess) -> str:
    if process.area_kind == AreaKind.ORP and process.area_orp:
        return _("ORP %(name)s") % {"name": process.area_orp.name}
    names = sorted((m.name for m in process.municipalities.all()), key=czech_key)
    if len(names) > AREA_NAMES_SHOWN:
        return ngettext("%(count)d municipality", "%(count)d municipalities", len(names)) % {"count": len(names)}
    return ", ".join(names)


def _data_date(services: list[Service]) -> str:
    dates = sorted({s.source_date for s in services if s.source_date})
    if not dates:
        return _("not stated")
    if dates[0] == dates[-1]:
        return _date(dates[0])
    return _("%(start)s to %(end)s") % {"start": _date(dates[0]), "end": _date(dates[-1])}


def _source_counts(services: list[Service]) -> list[tuple[str, int]]:
    counts = Counter(s.source for s in services)
    return [(capfirst(str(Source(key).label)), counts[key]) for key in Source.values if counts[key]]


def _sources(services: list[Service]) -> list[dict]:
    details = defaultdict(set)
    for s in services:
        if s.source_detail:
            details[s.source].add(s.source_detail)
    rows = []
    for key in Source.values:
        chosen = [s for s in services if s.source == key]
        if not chosen:
            continue
        text = ngettext("%(count)d service", "%(count)d services", len(chosen)) % {"count": len(chosen)}
        dated = [s for s in chosen if s.source_date]
        if dated:
            text += ", " + _("data as of %(date)s") % {"date": _data_date(dated)}
        lines = [text, *sorted(details[key], key=czech_key)]
        rows.append(_row(capfirst(str(Source(key).label)), lines))
    return rows


def _about(illustrative: bool, any_services: bool) -> list[str]:
    paragraphs = [
        _(
            "This catalogue lists the social services that serve the planning area: services located in one of "
            "its municipalities and field services that cover it. A service for several target groups is listed "
            "under each of them; services without a stated target group are under “Other”."
        ),
        _(
            "Capacity is the registered maximum capacity of each form of a service, in its own unit. It is not the "
            "number of free places, and capacities of different forms or units are never added up."
        ),
        _("The data may have changed since printing. Please check with the provider before you go."),
    ]
    if illustrative:
        paragraphs.append(_("Records marked “illustrative record” are demo data made up for illustration."))
    if any_services:
        paragraphs.append(_("Sources of the records:"))
    return paragraphs


# ---- services ----


def _groups(services: list[Service]) -> list[dict]:
    by_group: dict[int | None, list[Service]] = defaultdict(list)
    names: dict[int | None, str] = {None: _("Other")}
    for service in services:
        target_groups = list(service.target_groups.all())
        for group in target_groups:
            by_group[group.pk].append(service)
            names[group.pk] = capfirst(group.label)
        if not target_groups:
            by_group[None].append(service)
    order = sorted((key for key in by_group if key is not None), key=lambda key: czech_key(names[key]))
    if None in by_group:
        order.append(None)
    groups = []
    for number, key in enumerate(order, start=1):
        members = sorted(by_group[key], key=lambda s: (czech_key(s.name), s.pk))
        groups.append(
            {
                "name": names[key],
                "note": _("Services without a stated target group.") if key is None else "",
                "services": [_service(s, anchor=f"g{number}-s{s.pk}") for s in members],
            }
        )
    return groups


def _service(service: Service, anchor: str) -> dict:
    rows = _service_rows(service)
    return {
        "anchor": anchor,
        "name": service.name,
        "provider": service.organization.name,
        "provider_id": service.organization_id,
        "illustrative": _is_illustrative(service),
        "description": Truncator(service.description).chars(DESCRIPTION_CHARS),
        "rows": rows,
        "breakable": sum(len(row["lines"]) for row in rows) > UNBREAKABLE_LINES,
    }


def _service_rows(service: Service) -> list[dict]:
    organization = service.organization
    rows = [_row(_field(Service, "organization"), [_provider_line(organization)])]
    if service.service_type:
        rows.append(_row(_field(Service, "service_type"), [service.service_type.label]))
    forms = [_form_line(form) for form in sorted(service.forms.all(), key=lambda f: f.form.code)]
    if forms:
        rows.append(_row(_("Forms and capacity"), forms))
    age_groups = [group.label for group in service.age_groups.all()]
    if age_groups:
        rows.append(_row(_field(Service, "age_groups"), [", ".join(age_groups)]))
    # By id: the order they were recorded in (PostgreSQL returns unordered rows in any order).
    locations = [_location_line(location) for location in sorted(service.locations.all(), key=lambda loc: loc.pk)]
    if locations:
        rows.append(_row(_("Address"), locations))
    elif organization.address_line:
        rows.append(_row(_("Provider's address"), [organization.address_line]))
    phone = service.phone or organization.phone
    email = service.email or organization.email
    web = service.web or organization.web
    if phone:
        rows.append(_row(_field(Service, "phone"), [phone]))
    if email:
        rows.append(_row(_field(Service, "email"), [{"text": email, "url": f"mailto:{email}"}]))
    if web:
        rows.append(_row(_field(Service, "web"), [{"text": _display_url(web), "url": web}]))
    if service.registry_id:
        rows.append(_row(_field(Service, "registry_id"), [service.registry_id]))
    return rows


def _provider_line(organization: Organization) -> str:
    return f"{organization.name}, IČO {organization.ico}" if organization.ico else organization.name


def _form_line(service_form: ServiceForm) -> str:
    capacities = sorted(service_form.capacities.all(), key=lambda c: c.capacity_type.code)
    if not capacities:
        return capfirst(service_form.form.label)
    return f"{capfirst(service_form.form.label)}: {'; '.join(_capacity(c) for c in capacities)}"


def _capacity(capacity: Capacity) -> str:
    return capacity.label


def _location_line(location: Location) -> str:
    address = location.address_line
    if location.name and address:
        return f"{location.name}: {address}"
    return location.name or address


# ---- index of providers ----


def _index(groups: list[dict]) -> list[dict]:
    """Providers in Czech alphabetical order with the anchors of all their services' entries."""
    names: dict[int, str] = {}
    anchors: dict[int, list[str]] = defaultdict(list)
    for group in groups:
        for service in group["services"]:
            names[service["provider_id"]] = service["provider"]
            anchors[service["provider_id"]].append(service["anchor"])
    order = sorted(names, key=lambda pk: (czech_key(names[pk]), pk))
    return [{"name": names[pk], "anchors": anchors[pk]} for pk in order]


# ---- helpers ----


def _is_illustrative(service: Service) -> bool:
    return service.is_illustrative or service.organization.is_illustrative


def _row(label: str, lines: list) -> dict:
    return {"label": str(label), "lines": [line if isinstance(line, dict) else {"text": str(line)} for line in lines]}


def _field(model, name: str) -> str:
    """The field's verbose name (already in the Czech catalogue), capitalised."""
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _date(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _display_url(url: str) -> str:
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.rstrip("/")
