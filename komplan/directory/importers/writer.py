"""Compare cleaned register records with the database and write the differences in one transaction.

Organisations are matched by IČO, services by register identifier (``registry_id``) and then by
``portal_id``. A row is written only when a value, a group, a form, a capacity or a location
differs, so importing the same file twice reports everything unchanged and writes nothing. Parts a
source does not provide (``None`` in the cleaned record) are left as they are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from ..models import Capacity, Location, Organization, Service, ServiceForm
from ..services import refresh_search_text
from .base import LOCATION_FIELDS, FormData, ImportReport, OrganizationData, Rejection, ServiceData

CHUNK = 500
M2M_FIELDS = {"target_groups": "codelistitem_id", "age_groups": "codelistitem_id", "area_served": "territory_id"}


@dataclass(frozen=True)
class Provenance:
    source: str
    detail: str
    date: dt.date


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write(
    services: list[ServiceData],
    organizations: dict[str, OrganizationData],
    provenance: Provenance,
    report: ImportReport,
    *,
    dry_run: bool = False,
) -> None:
    """Upsert everything in one transaction (rolled back for a dry run); conflicts go to ``report.rejected``."""
    with transaction.atomic():
        existing = _match_services(services, report)
        if report.rejected:
            return
        orgs, changed_org_ids = _upsert_organizations(organizations, provenance, report)
        touched = _upsert_services(services, existing, orgs, provenance, report)
        touched |= set(Service.objects.filter(organization_id__in=changed_org_ids).values_list("pk", flat=True))
        for chunk in _chunks(sorted(touched)):
            queryset = Service.objects.filter(pk__in=chunk).select_related("organization", "service_type")
            refresh_search_text(queryset.prefetch_related("target_groups", "locations"))
        if dry_run:
            transaction.set_rollback(True)


# --- matching -----------------------------------------------------------------------------------------------


def _match_services(services: list[ServiceData], report: ImportReport) -> dict[int, Service]:
    """position in ``services`` -> existing service; identifiers pointing at two services are rejected."""
    registry_ids = [s.registry_id for s in services if s.registry_id]
    portal_ids = [s.portal_id for s in services if s.portal_id]
    by_registry, by_portal = {}, {}
    for chunk in _chunks(registry_ids):
        by_registry.update({s.registry_id: s for s in Service.objects.filter(registry_id__in=chunk)})
    for chunk in _chunks(portal_ids):
        by_portal.update({s.portal_id: s for s in Service.objects.filter(portal_id__in=chunk)})
    matched, claimed = {}, {}
    for position, data in enumerate(services):
        first = by_registry.get(data.registry_id) if data.registry_id else None
        second = by_portal.get(data.portal_id) if data.portal_id else None
        service = first or second
        if first and second and first.pk != second.pk:
            reason = (
                f"identifikátor {data.registry_id} and portalId {data.portal_id} belong to two different "
                f"services in komplan (ids {first.pk} and {second.pk})"
            )
        elif service and service.pk in claimed:
            reason = f"matches the same komplan service (id {service.pk}) as {claimed[service.pk]}"
        else:
            if service:
                matched[position] = service
                claimed[service.pk] = data.identifier
            continue
        report.rejected.append(Rejection(data.record, data.identifier, "identifikator/portalId", reason, data.kind))
    return matched


# --- organisations ------------------------------------------------------------------------------------------


def _upsert_organizations(
    organizations: dict[str, OrganizationData], provenance: Provenance, report: ImportReport
) -> tuple[dict[str, Organization], set[int]]:
    """IČO -> organisation (created or updated as needed) and the ids of the updated ones."""
    existing = {}
    icos = list(organizations)
    for chunk in _chunks(icos):
        existing.update({org.ico: org for org in Organization.objects.filter(ico__in=chunk)})
    new, changed, fields = [], [], set()
    now = timezone.now()
    for ico, data in organizations.items():
        values = {**data.values, "source": provenance.source, "source_detail": provenance.detail}
        org = existing.get(ico)
        if org is None:
            org = Organization(ico=ico, source_date=provenance.date, created_at=now, updated_at=now, **values)
            new.append(org)
            existing[ico] = org
            continue
        differing = [name for name, value in values.items() if getattr(org, name) != value]
        if not differing:
            report.organizations_unchanged += 1
            continue
        for name in differing:
            setattr(org, name, values[name])
        org.source_date, org.updated_at = provenance.date, now
        fields.update(differing)
        changed.append(org)
    Organization.objects.bulk_create(new, batch_size=CHUNK)
    if changed:
        Organization.objects.bulk_update(changed, [*sorted(fields), "source_date", "updated_at"], batch_size=CHUNK)
    report.organizations_created += len(new)
    report.organizations_updated += len(changed)
    return existing, {org.pk for org in changed}


# --- services -----------------------------------------------------------------------------------------------


class _Existing:
    """The current groups, forms, capacities and locations of the matched services, loaded in chunks."""

    def __init__(self, service_ids: list[int]):
        self.m2m: dict[str, dict[int, set[int]]] = {name: defaultdict(set) for name in M2M_FIELDS}
        self.forms: dict[int, dict[int, dict]] = defaultdict(dict)  # service -> form_id -> row
        self.locations: dict[int, list[tuple[int, tuple]]] = defaultdict(list)
        for chunk in _chunks(service_ids):
            for name, column in M2M_FIELDS.items():
                through = getattr(Service, name).through.objects.filter(service_id__in=chunk)
                for service_id, target in through.values_list("service_id", column):
                    self.m2m[name][service_id].add(target)
            form_rows = {}
            for row in ServiceForm.objects.filter(service_id__in=chunk).values(
                "id", "service_id", "form_id", "continuous", "hours"
            ):
                row["capacities"] = {}
                form_rows[row["id"]] = row
                self.forms[row["service_id"]][row["form_id"]] = row
            for cap in Capacity.objects.filter(service_form_id__in=list(form_rows)).values(
                "id", "service_form_id", "capacity_type_id", "count", "description"
            ):
                form_rows[cap["service_form_id"]]["capacities"][cap["capacity_type_id"]] = cap
            for row in Location.objects.filter(service_id__in=chunk).values("id", "service_id", *LOCATION_FIELDS):
                self.locations[row["service_id"]].append((row["id"], tuple(row[name] for name in LOCATION_FIELDS)))


def _forms_differ(current: dict[int, dict], data: ServiceData) -> bool:
    if set(current) != {form.form_id for form in data.forms}:
        return True
    for form in data.forms:
        row = current[form.form_id]
        if form.continuous is not None and row["continuous"] != form.continuous:
            return True
        if form.hours is not None and row["hours"] != form.hours:
            return True
        if set(row["capacities"]) != {cap.unit_id for cap in form.capacities}:
            return True
        for cap in form.capacities:
            existing = row["capacities"][cap.unit_id]
            if existing["count"] != cap.count:
                return True
            if cap.description is not None and existing["description"] != cap.description:
                return True
    return False


def _locations_differ(current: list[tuple[int, tuple]], data: ServiceData) -> bool:
    return Counter(values for _pk, values in current) != Counter(loc.as_tuple() for loc in data.locations)


def _service_values(data: ServiceData, organization: Organization, provenance: Provenance) -> dict:
    return {
        **data.values,
        "registry_id": data.registry_id,
        "portal_id": data.portal_id,
        "organization_id": organization.pk,
        "source": provenance.source,
        "source_detail": provenance.detail,
    }


def _changed_parts(service: Service, data: ServiceData, values: dict, current: _Existing) -> tuple[set, set]:
    """Apply the scalar values to ``service``; return (changed scalar fields, every changed part)."""
    scalars = {name for name, value in values.items() if getattr(service, name) != value}
    for name in scalars:
        setattr(service, name, values[name])
    parts = set(scalars)
    parts |= {
        name
        for name in M2M_FIELDS
        if getattr(data, name) is not None and current.m2m[name][service.pk] != getattr(data, name)
    }
    if data.forms is not None and _forms_differ(current.forms[service.pk], data):
        parts.add("forms")
    if data.locations is not None and _locations_differ(current.locations[service.pk], data):
        parts.add("locations")
    return scalars, parts


def _upsert_services(
    services: list[ServiceData],
    matched: dict[int, Service],
    orgs: dict[str, Organization],
    provenance: Provenance,
    report: ImportReport,
) -> set[int]:
    current = _Existing([service.pk for service in matched.values()])
    now = timezone.now()
    new: list[tuple[Service, ServiceData]] = []
    changed: list[tuple[Service, ServiceData, set[str]]] = []
    scalar_fields: set[str] = set()
    for position, data in enumerate(services):
        values = _service_values(data, orgs[data.ico], provenance)
        if not data.registry_id:
            values.pop("registry_id")  # a catalogue without identifiers must not erase one
        if data.portal_id is None:
            values.pop("portal_id")
        service = matched.get(position)
        if service is None:
            new.append((Service(source_date=provenance.date, created_at=now, updated_at=now, **values), data))
            continue
        scalars, parts = _changed_parts(service, data, values, current)
        if parts:
            scalar_fields |= scalars
            service.source_date, service.updated_at = provenance.date, now
            changed.append((service, data, parts))
        else:
            report.unchanged += 1
    Service.objects.bulk_create([service for service, _data in new], batch_size=CHUNK)
    if changed:
        Service.objects.bulk_update(
            [service for service, _data, _parts in changed],
            [*sorted(scalar_fields), "source_date", "updated_at"],
            batch_size=CHUNK,
        )
    _write_m2m(new, changed)
    forms = [(service, data, {}) for service, data in new if data.forms]
    forms += [(service, data, current.forms[service.pk]) for service, data, parts in changed if "forms" in parts]
    _write_forms(forms)
    places = [(service, data, []) for service, data in new if data.locations]
    places += [
        (service, data, current.locations[service.pk]) for service, data, parts in changed if "locations" in parts
    ]
    _write_locations(places)
    report.created += len(new)
    report.updated += len(changed)
    return {service.pk for service, _data in new} | {service.pk for service, _data, _parts in changed}


def _write_m2m(new, changed) -> None:
    for name, column in M2M_FIELDS.items():
        through = getattr(Service, name).through
        cleared = [service.pk for service, _data, parts in changed if name in parts]
        rows = [(service.pk, target) for service, data in new for target in getattr(data, name) or ()]
        rows += [
            (service.pk, target) for service, data, parts in changed if name in parts for target in getattr(data, name)
        ]
        for chunk in _chunks(cleared):
            through.objects.filter(service_id__in=chunk).delete()
        _insert_pairs(through, column, rows)


def _insert_pairs(through, column: str, rows: list[tuple[int, int]]) -> None:
    """Insert many-to-many rows with one prepared statement: tens of thousands of area rows (field services
    serve a whole ORP) are too many to build as model instances."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table, service, target = quote(through._meta.db_table), quote("service_id"), quote(column)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({service}, {target}) VALUES (%s, %s)", rows)


class _FormWrites:
    """Keep forms and capacities that still exist (updating their values), add new ones, delete the rest."""

    def __init__(self):
        self.new_forms: list[tuple[ServiceForm, FormData]] = []
        self.form_updates, self.form_deletes = [], []
        self.new_caps, self.cap_updates, self.cap_deletes = [], [], []

    def service(self, service: Service, data: ServiceData, existing: dict[int, dict]) -> None:
        wanted = {form.form_id: form for form in data.forms}
        self.form_deletes += [row["id"] for form_id, row in existing.items() if form_id not in wanted]
        for form_id, form in wanted.items():
            row = existing.get(form_id)
            if row is None:
                instance = ServiceForm(
                    service=service, form_id=form_id, continuous=form.continuous, hours=form.hours or ""
                )
                self.new_forms.append((instance, form))
                continue
            continuous = row["continuous"] if form.continuous is None else form.continuous
            hours = row["hours"] if form.hours is None else form.hours
            if (continuous, hours) != (row["continuous"], row["hours"]):
                self.form_updates.append(ServiceForm(pk=row["id"], continuous=continuous, hours=hours))
            self.capacities(row["id"], form, row["capacities"])

    def capacities(self, form_pk: int, form: FormData, existing: dict[int, dict]) -> None:
        wanted = {cap.unit_id: cap for cap in form.capacities}
        self.cap_deletes += [row["id"] for unit, row in existing.items() if unit not in wanted]
        for unit, cap in wanted.items():
            row = existing.get(unit)
            if row is None:
                self.new_caps.append(
                    Capacity(
                        service_form_id=form_pk,
                        capacity_type_id=unit,
                        count=cap.count,
                        description=cap.description or "",
                    )
                )
                continue
            description = row["description"] if cap.description is None else cap.description
            if (row["count"], row["description"]) != (cap.count, description):
                self.cap_updates.append(Capacity(pk=row["id"], count=cap.count, description=description))

    def apply(self) -> None:
        for chunk in _chunks(self.cap_deletes):
            Capacity.objects.filter(pk__in=chunk).delete()
        for chunk in _chunks(self.form_deletes):
            ServiceForm.objects.filter(pk__in=chunk).delete()
        ServiceForm.objects.bulk_update(self.form_updates, ["continuous", "hours"], batch_size=CHUNK)
        Capacity.objects.bulk_update(self.cap_updates, ["count", "description"], batch_size=CHUNK)
        ServiceForm.objects.bulk_create([instance for instance, _form in self.new_forms], batch_size=CHUNK)
        for instance, form in self.new_forms:
            self.capacities(instance.pk, form, {})
        Capacity.objects.bulk_create(self.new_caps, batch_size=CHUNK)


def _write_forms(plans) -> None:
    writes = _FormWrites()
    for service, data, existing in plans:
        writes.service(service, data, existing)
    writes.apply()


def _write_locations(plans) -> None:
    """Keep locations whose every value is unchanged, delete the others and create the missing ones."""
    deletes, creates = [], []
    for service, data, existing in plans:
        remaining = list(existing)
        for location in data.locations:
            values = location.as_tuple()
            match = next((i for i, (_pk, current) in enumerate(remaining) if current == values), None)
            if match is None:
                creates.append(Location(service=service, **dict(zip(LOCATION_FIELDS, values, strict=True))))
            else:
                remaining.pop(match)
        deletes += [pk for pk, _values in remaining]
    for chunk in _chunks(deletes):
        Location.objects.filter(pk__in=chunk).delete()
    Location.objects.bulk_create(creates, batch_size=CHUNK)
