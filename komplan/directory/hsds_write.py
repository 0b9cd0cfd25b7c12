"""Write checked HSDS plans: match each record to what is stored, then create, update or leave it.

Matching, in order: IČO (providers) or registry identifier (services); the HSDS id an earlier
import of a foreign package recorded in ``source_detail``; the name (providers without IČO;
services without a registry id, within the same provider) when exactly one record has it.

Ids that komplan itself derives from primary keys are *not* trusted for matching: another komplan
instance derives the same ids from its own, unrelated primary keys.

Refused before writing: two package records matching one stored record, an IČO or registry
identifier that belongs to another stored record, and an illustrative record overwriting a real one.
Everything is written in one transaction; a record equal to the stored one is not touched (so the
ids of its locations, and hence the next export, stay the same).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from komplan.territory.models import Territory

from .hsds_package import Problem
from .hsds_plan import OrgPlan, ServicePlan
from .hsds_profile import SERVICE_TEXT_FIELDS, canonical_organization, canonical_service, prefetch_for_export
from .models import (
    Capacity,
    Codelist,
    CodelistItem,
    Contact,
    Funding,
    Location,
    Organization,
    Service,
    ServiceForm,
    Source,
)
from .services import refresh_search_text

if TYPE_CHECKING:
    from .hsds_import import HsdsReport

IMPORTED_ID = re.compile(r"id (\S+)$")


def write_plans(organizations: list[OrgPlan], services: list[ServicePlan], report: HsdsReport) -> None:
    _match_organizations(organizations, report)
    _match_services(services, report)
    if report.rejected:
        return
    lookups = _Lookups(organizations, services)
    _load_stored(organizations, services)
    try:
        with transaction.atomic():
            for plan in organizations:
                _write_organization(plan, lookups, report)
            touched = [pk for plan in services if (pk := _write_service(plan, lookups, report))]
            refresh_search_text(Service.objects.filter(pk__in=touched).select_related("organization", "service_type"))
            if report.dry_run:
                transaction.set_rollback(True)
    except IntegrityError as exc:
        report.counts = {kind: type(counter)() for kind, counter in report.counts.items()}
        report.rejected.append(Problem("", None, "", f"the database refused the write ({exc}); nothing was written"))


def _reject(report: HsdsReport, plan, field: str, reason: str) -> None:
    report.rejected.append(Problem(plan.row.file, plan.row.line, field, reason))


def _imported_ids(model) -> dict[str, int]:
    ids = {}
    for pk, detail in model.objects.filter(source=Source.HSDS).values_list("pk", "source_detail"):
        match = IMPORTED_ID.search(detail)
        if match:
            ids.setdefault(match.group(1), pk)
    return ids


def _choose(plan, report: HsdsReport, candidates: list, used: dict, label: str):
    """The one stored record a plan matches, refusing ambiguity, double matches and illustrative overwrites."""
    if len(candidates) > 1:
        _reject(report, plan, "name", f"{len(candidates)} stored {label}s have this name; give an identifier")
        return None
    existing = candidates[0] if candidates else None
    if existing is None:
        return None
    if existing.pk in used:
        _reject(report, plan, "id", f"matches the same stored {label} as line {used[existing.pk].row.line}")
        return None
    used[existing.pk] = plan
    if plan.data["provenance"]["source"] == Source.ILLUSTRATIVE and not existing.is_illustrative:
        _reject(report, plan, "attributes", f"an illustrative record would overwrite a real {label} ({existing})")
        return None
    return existing


def _match_organizations(plans: list[OrgPlan], report: HsdsReport) -> None:
    icos = {p.data["ico"] for p in plans if p.data["ico"]}
    by_ico = {o.ico: o for o in Organization.objects.filter(ico__in=icos)}
    imported = _imported_ids(Organization)
    by_pk = Organization.objects.in_bulk([imported[p.hsds_id] for p in plans if p.hsds_id in imported])
    by_name = defaultdict(list)
    for org in Organization.objects.filter(ico="", name__in={p.data["name"] for p in plans}):
        by_name[org.name].append(org)
    used: dict[int, OrgPlan] = {}
    for plan in plans:
        ico = plan.data["ico"]
        if ico and ico in by_ico:
            candidates = [by_ico[ico]]
        elif plan.hsds_id in imported:
            candidates = [by_pk[imported[plan.hsds_id]]]
        else:
            candidates = by_name.get(plan.data["name"], [])
        plan.existing = _choose(plan, report, candidates, used, "provider")
        if plan.existing and plan.existing.ico and ico and plan.existing.ico != ico:
            _reject(report, plan, "organization_identifiers", f"the stored provider has IČO {plan.existing.ico}")


def _match_services(plans: list[ServicePlan], report: HsdsReport) -> None:
    registry_ids = {p.data["registry_id"] for p in plans if p.data["registry_id"]}
    by_registry = {s.registry_id: s for s in Service.objects.filter(registry_id__in=registry_ids)}
    portal_ids = {p.data["portal_id"] for p in plans if p.data["portal_id"] is not None}
    by_portal = {s.portal_id: s for s in Service.objects.filter(portal_id__in=portal_ids)}
    imported = _imported_ids(Service)
    by_pk = Service.objects.in_bulk([imported[p.hsds_id] for p in plans if p.hsds_id in imported])
    by_name = defaultdict(list)
    org_pks = {p.organization.existing.pk for p in plans if p.organization.existing}
    for service in Service.objects.filter(registry_id="", organization__in=org_pks):
        by_name[(service.organization_id, service.name)].append(service)
    used: dict[int, ServicePlan] = {}
    for plan in plans:
        registry_id, org = plan.data["registry_id"], plan.organization.existing
        if registry_id and registry_id in by_registry:
            candidates = [by_registry[registry_id]]
        elif plan.hsds_id in imported:
            candidates = [by_pk[imported[plan.hsds_id]]]
        else:
            candidates = by_name.get((org.pk, plan.data["name"]), []) if org else []
        plan.existing = _choose(plan, report, candidates, used, "service")
        owner = by_portal.get(plan.data["portal_id"])
        if owner and owner != plan.existing:
            _reject(report, plan, "attributes", f"portal id {plan.data['portal_id']} belongs to service {owner}")
        if plan.existing and plan.existing.registry_id and plan.existing.registry_id != registry_id:
            _reject(report, plan, "attributes", f"the stored service has registry id {plan.existing.registry_id}")


def _load_stored(organizations: list[OrgPlan], services: list[ServicePlan]) -> None:
    """Reload the matched records with everything their canonical form needs, in a few queries."""
    orgs = Organization.objects.select_related("legal_form", "municipality").in_bulk(
        [p.existing.pk for p in organizations if p.existing]
    )
    for plan in organizations:
        plan.existing = orgs[plan.existing.pk] if plan.existing else None
    stored = prefetch_for_export(Service.objects.filter(pk__in=[p.existing.pk for p in services if p.existing]))
    stored = {service.pk: service for service in stored}
    for plan in services:
        plan.existing = stored[plan.existing.pk] if plan.existing else None


class _Lookups:
    """Codelist items and municipalities by code, loaded once."""

    def __init__(self, organizations: list[OrgPlan], services: list[ServicePlan]):
        self.items = {(i.codelist, i.code): i for i in CodelistItem.objects.all()}
        codes = {p.data["address"]["municipality"] for p in organizations}
        for plan in services:
            codes |= set(plan.data["area_served"]) | {loc["municipality"] for loc in plan.data["locations"]}
        found = Territory.objects.filter(level="municipality", code__in=codes - {None})
        self.municipalities = {territory.code: territory for territory in found}

    def item(self, codelist: str, code: str | None):
        return self.items[(codelist, code)] if code else None

    def municipality(self, code: str | None):
        return self.municipalities[code] if code else None


def _count(report: HsdsReport, kind: str, existing, changed: bool) -> None:
    report.counts[kind]["created" if existing is None else "updated" if changed else "unchanged"] += 1


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _set_address(obj, address: dict, lookups: _Lookups) -> None:
    for key, value in address.items():
        setattr(obj, key, lookups.municipality(value) if key == "municipality" else value)


def _set_provenance(obj, provenance: dict) -> None:
    obj.source, obj.source_detail = provenance["source"], provenance["source_detail"]
    obj.source_date, obj.last_verified = _date(provenance["source_date"]), _date(provenance["last_verified"])


def _write_organization(plan: OrgPlan, lookups: _Lookups, report: HsdsReport) -> None:
    existing = plan.existing
    changed = existing is None or canonical_organization(existing) != plan.data
    _count(report, "organization", existing, changed)
    org = existing or Organization()
    plan.instance = org
    if not changed:
        return
    data = plan.data
    for key in ("name", "ico", "description", "web", "email", "phone"):
        setattr(org, key, data[key])
    org.legal_form = lookups.item(Codelist.LEGAL_FORM, data["legal_form"])
    _set_address(org, data["address"], lookups)
    _set_provenance(org, data["provenance"])
    org.updated_at = timezone.now()
    org.save()


def _write_service(plan: ServicePlan, lookups: _Lookups, report: HsdsReport) -> int | None:
    existing = plan.existing
    organization = plan.organization.instance
    before = canonical_service(existing) if existing else None
    if plan.data["contacts"] is None:  # a package without contact persons leaves the stored ones alone
        plan.data["contacts"] = before["contacts"] if before else []
    changed = before != plan.data or existing.organization_id != organization.pk
    _count(report, "service", existing, changed)
    if not changed:
        return None
    data = plan.data
    service = existing or Service()
    service.organization = organization
    for key in (*SERVICE_TEXT_FIELDS, "portal_id", "in_regional_network"):
        setattr(service, key, data[key])
    service.provided_from, service.provided_to = _date(data["provided_from"]), _date(data["provided_to"])
    service.service_type = lookups.item(Codelist.SERVICE_TYPE, data["service_type"])
    _set_provenance(service, data["provenance"])
    service.updated_at = timezone.now()
    service.save()
    service.target_groups.set([lookups.item(Codelist.TARGET_GROUP, c) for c in data["target_groups"]])
    service.age_groups.set([lookups.item(Codelist.AGE_GROUP, c) for c in data["age_groups"]])
    service.area_served.set([lookups.municipality(c) for c in data["area_served"]])
    for part, writer in (("forms", _forms), ("locations", _locations), ("contacts", _contacts), ("funding", _funding)):
        if before is None or before[part] != data[part]:
            writer(service, data[part], lookups, replace=before is not None)
    return service.pk


def _forms(service: Service, forms: list[dict], lookups: _Lookups, *, replace: bool) -> None:
    if replace:
        service.forms.all().delete()
    for form in forms:
        service_form = ServiceForm.objects.create(
            service=service,
            form=lookups.item(Codelist.SERVICE_FORM, form["form"]),
            continuous=form["continuous"],
            hours=form["hours"],
        )
        Capacity.objects.bulk_create(
            Capacity(
                service_form=service_form,
                capacity_type=lookups.item(Codelist.CAPACITY_TYPE, unit),
                count=count,
                description=description,
            )
            for unit, count, description in form["capacities"]
        )


def _locations(service: Service, locations: list[dict], lookups: _Lookups, *, replace: bool) -> None:
    if replace:
        service.locations.all().delete()
    for data in locations:
        location = Location(service=service, name=data["name"])
        _set_address(location, {k: v for k, v in data.items() if k not in ("name", "latitude", "longitude")}, lookups)
        location.latitude = Decimal(data["latitude"]) if data["latitude"] else None
        location.longitude = Decimal(data["longitude"]) if data["longitude"] else None
        location.save()


def _contacts(service: Service, contacts: list[list], lookups: _Lookups, *, replace: bool) -> None:
    if replace:
        service.contacts.all().delete()
    Contact.objects.bulk_create(
        Contact(service=service, name=name, title=title, email=email, phone=phone)
        for name, title, email, phone in contacts
    )


def _funding(service: Service, funding: list[list], lookups: _Lookups, *, replace: bool) -> None:
    if replace:
        service.funding.all().delete()
    Funding.objects.bulk_create(
        Funding(
            service=service,
            year=year,
            source=lookups.item(Codelist.FUNDING_SOURCE, source),
            amount=Decimal(amount),
            note=note,
        )
        for year, source, amount, note in funding
    )
