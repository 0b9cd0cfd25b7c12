"""Export the catalogue as Open Referral HSDS 3.0: nested JSON objects or a tabular data package.

Both come from one set of HSDS table rows built here, so the JSON and the CSV say the same thing.
Ids are uuid5 of our ids (``hsds_profile.hsds_id``): exporting twice gives identical bytes. Every
organisation, service, location and service-at-location carries its provenance as an attribute
of the ``ZdrojZaznamu`` taxonomy (value: the source date); illustrative records also get an
``alert`` on the service and are counted in the package description. Named contact persons are
personal data and are exported only when asked for (``include_contacts``), never by the public API.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from .hsds_profile import (
    ADDRESS_PARTS,
    ADDRESS_POINT_TYPE,
    COUNTRY,
    ICO_SCHEME,
    ICO_TYPE,
    ILLUSTRATIVE_ALERT,
    MUNICIPALITY_TAXONOMY,
    NO_STREET_PREFIX,
    PROFILE_TAXONOMY,
    PROFILE_TERMS,
    ROLES,
    RUIAN_MUNICIPALITY_IRI,
    SOURCE_TAXONOMY,
    hsds_id,
    iso,
    prefetch_for_export,
    source_label,
    taxonomy_row,
    term_code,
)
from .hsds_tables import HSDS_VERSION, TABLES, resource_descriptor

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class HsdsExport:
    """HSDS table rows of a set of services, with their organisations, locations and codelist terms."""

    def __init__(self, *, include_contacts: bool = False, today: dt.date | None = None):
        self.include_contacts = include_contacts
        self.today = today or timezone.localdate()
        self.rows: dict[str, dict[str, dict]] = {name: {} for name in TABLES}
        self.term_ids: dict[tuple[str, str], str] = {}
        self.illustrative = {"organization": 0, "service": 0}
        self.sources: set[str] = set()

    # -- building rows --------------------------------------------------------------------------

    def add(self, resource: str, row: dict) -> str:
        self.rows[resource].setdefault(row["id"], row)
        return row["id"]

    def term(self, taxonomy: str, code: str, name: str, description: str, term_uri: str = "") -> str:
        if (taxonomy, code) in self.term_ids:
            return self.term_ids[(taxonomy, code)]
        self.add("taxonomy", taxonomy_row(taxonomy))
        qualified = term_code(taxonomy, code)
        self.term_ids[(taxonomy, code)] = term_id = hsds_id("taxonomy_term", qualified)
        return self.add(
            "taxonomy_term",
            {
                "id": term_id,
                "code": qualified,
                "name": name,
                "description": description or name,
                "taxonomy": taxonomy,
                "language": "cs",
                "taxonomy_id": hsds_id("taxonomy", taxonomy),
                "term_uri": term_uri,
            },
        )

    def attribute(self, entity: str, link_id: str, role: str, term_id: str, value="") -> str:
        code = self.rows["taxonomy_term"][term_id]["code"]
        return self.add(
            "attribute",
            {
                "id": hsds_id("attribute", link_id, code),
                "link_id": link_id,
                "taxonomy_term_id": term_id,
                "link_type": role,
                "link_entity": entity,
                "value": "" if value is None else str(value),
            },
        )

    def codelist_attribute(self, entity: str, link_id: str, role: str, item, value="") -> str:
        term_id = self.term(ROLES[role], item.code, item.name, item.name_en)
        return self.attribute(entity, link_id, role, term_id, value)

    def value_attribute(self, entity: str, link_id: str, key: str, value) -> None:
        if value in (None, ""):
            return
        if isinstance(value, bool):
            value = "true" if value else "false"
        name, description = PROFILE_TERMS[key]
        term_id = self.term(PROFILE_TAXONOMY, key, name, description)
        self.attribute(entity, link_id, "value", term_id, iso(value) or value)

    def municipality_attribute(self, entity: str, link_id: str, municipality) -> None:
        code = municipality.code
        parents = ", ".join(p for p in (_okres(municipality), _kraj(municipality)) if p)
        term_id = self.term(
            MUNICIPALITY_TAXONOMY,
            code,
            municipality.name,
            f"obec {municipality.name} ({code}){', ' + parents if parents else ''}",
            RUIAN_MUNICIPALITY_IRI.format(code=code),
        )
        self.attribute(entity, link_id, "municipality", term_id)

    def provenance(self, entity: str, link_id: str, record, *, detail: bool) -> None:
        self.sources.add(record.source)
        czech, english = source_label(record.source)
        term_id = self.term(SOURCE_TAXONOMY, record.source, czech, english)
        self.attribute(entity, link_id, "provenance", term_id, iso(record.source_date) or "")
        if detail:
            self.value_attribute(entity, link_id, "source_detail", record.source_detail)
            self.value_attribute(entity, link_id, "last_verified", record.last_verified)

    def phone(self, number: str, **owner) -> None:
        if number:
            kind, pk = next(iter(owner.items()))
            self.add("phone", {"id": hsds_id("phone", kind, pk), f"{kind}_id": pk, "number": number, "type": "voice"})

    def location(self, key: str, obj, *, name: str, provenance_of, organization_id: str, **extra) -> str:
        location_id = hsds_id("location", key)
        address = _address_row(location_id, obj)
        self.add(
            "location",
            {
                "id": location_id,
                "location_type": "physical",
                "organization_id": organization_id,
                "name": name,
                "description": "" if address or not obj.address_line else obj.address_line,
                "external_identifier": str(obj.address_point) if obj.address_point else "",
                "external_identifier_type": ADDRESS_POINT_TYPE if obj.address_point else "",
                **extra,
            },
        )
        if address:
            self.add("address", address)
        else:
            for part in ADDRESS_PARTS:
                self.value_attribute("location", location_id, part, getattr(obj, part))
        if obj.municipality_id:
            self.municipality_attribute("location", location_id, obj.municipality)
        self.provenance("location", location_id, provenance_of, detail=False)
        return location_id

    def organization(self, org) -> str:
        org_id = hsds_id("organization", org.pk)
        if org_id in self.rows["organization"]:
            return org_id
        self.illustrative["organization"] += org.is_illustrative
        self.add(
            "organization",
            {
                "id": org_id,
                "name": org.name,
                "description": org.description or org.name,  # required by HSDS; the name when we have none
                "email": org.email,
                "website": org.web,
                "legal_status": org.legal_form.name if org.legal_form_id else "",
            },
        )
        if org.ico:
            self.add(
                "organization_identifier",
                {
                    "id": hsds_id("organization_identifier", org.pk, ICO_SCHEME),
                    "organization_id": org_id,
                    "identifier_scheme": ICO_SCHEME,
                    "identifier_type": ICO_TYPE,
                    "identifier": org.ico,
                },
            )
        if org.legal_form_id:
            self.codelist_attribute("organization", org_id, "legal_form", org.legal_form)
        self.phone(org.phone, organization=org_id)
        if org.municipality_id or org.street or org.municipality_part:
            self.location(f"organization:{org.pk}", org, name=org.name, provenance_of=org, organization_id=org_id)
        self.provenance("organization", org_id, org, detail=True)
        return org_id

    def service(self, service) -> str:
        org_id = self.organization(service.organization)
        service_id = hsds_id("service", service.pk)
        self.illustrative["service"] += service.is_illustrative
        minimum_age, maximum_age = _ages(service.age_groups.all())
        ended = service.provided_to is not None and service.provided_to < self.today
        self.add(
            "service",
            {
                "id": service_id,
                "organization_id": org_id,
                "name": service.name,
                "description": service.description,
                "url": service.web,
                "email": service.email,
                "status": "inactive" if ended else "active",
                "application_process": service.how_to_get,
                "fees_description": service.fees,
                "eligibility_description": service.age_note,
                "minimum_age": minimum_age,
                "maximum_age": maximum_age,
                "assured_date": iso(service.last_verified) or "",
                "licenses": _licence(service.registry_id),
                "alert": ILLUSTRATIVE_ALERT if service.is_illustrative else "",
                "last_modified": _utc(service.updated_at),
            },
        )
        self.phone(service.phone, service=service_id)
        if service.opening_hours:
            self.add(
                "schedule",
                {"id": hsds_id("schedule", service.pk), "service_id": service_id, "description": service.opening_hours},
            )
        self._profile(service, service_id)
        for municipality in _by(service.area_served.all(), "code"):
            self._service_area(service, service_id, municipality)
        for location in _by(service.locations.all(), "pk"):
            location_id = self.location(
                location.pk,
                location,
                name=location.name,
                provenance_of=service,
                organization_id=org_id,
                latitude=location.latitude,
                longitude=location.longitude,
            )
            sal_id = self.add(
                "service_at_location",
                {
                    "id": hsds_id("service_at_location", location.pk),
                    "service_id": service_id,
                    "location_id": location_id,
                },
            )
            self.provenance("service_at_location", sal_id, service, detail=False)
        if self.include_contacts:
            for contact in _by(service.contacts.all(), "pk"):
                contact_id = self.add(
                    "contact",
                    {
                        "id": hsds_id("contact", contact.pk),
                        "service_id": service_id,
                        "name": contact.name,
                        "title": contact.title,
                        "email": contact.email,
                    },
                )
                self.phone(contact.phone, contact=contact_id)
        for funding in _by(service.funding.all(), "pk"):
            self._funding(service_id, funding)
        self.provenance("service", service_id, service, detail=True)
        return service_id

    def _profile(self, service, service_id: str) -> None:
        if service.service_type_id:
            self.codelist_attribute("service", service_id, "service_type", service.service_type)
        for group in _by(service.target_groups.all(), "code"):
            self.codelist_attribute("service", service_id, "target_group", group)
        for group in _by(service.age_groups.all(), "code"):
            self.codelist_attribute("service", service_id, "age_group", group)
        for form in _by(service.forms.all(), "pk"):
            form_attribute = self.codelist_attribute("service", service_id, "service_form", form.form)
            self.value_attribute("attribute", form_attribute, "continuous", form.continuous)
            self.value_attribute("attribute", form_attribute, "hours", form.hours)
            for capacity in _by(form.capacities.all(), "pk"):
                unit = capacity.capacity_type
                capacity_attribute = self.codelist_attribute(
                    "attribute", form_attribute, "registered_capacity", unit, capacity.count
                )
                self.value_attribute("attribute", capacity_attribute, "capacity_note", capacity.description)
        self.value_attribute("service", service_id, "registry_id", service.registry_id)
        self.value_attribute("service", service_id, "portal_id", getattr(service, "portal_id", None))
        self.value_attribute("service", service_id, "provided_from", service.provided_from)
        self.value_attribute("service", service_id, "provided_to", service.provided_to)
        self.value_attribute("service", service_id, "in_regional_network", service.in_regional_network)

    def _service_area(self, service, service_id: str, municipality) -> None:
        area_id = self.add(
            "service_area",
            {
                "id": hsds_id("service_area", service.pk, municipality.code),
                "service_id": service_id,
                "name": municipality.name,
                "description": f"obec {municipality.name}, kód obce ČSÚ/RÚIAN {municipality.code}",
                "uri": RUIAN_MUNICIPALITY_IRI.format(code=municipality.code),
            },
        )
        self.municipality_attribute("service_area", area_id, municipality)

    def _funding(self, service_id: str, funding) -> None:
        amount = f"{funding.amount:,.2f}".replace(",", "\u00a0").replace(".", ",")
        text = f"{funding.source.name}, {funding.year}: {amount} Kč" + (f" ({funding.note})" if funding.note else "")
        funding_id = self.add(
            "funding", {"id": hsds_id("funding", funding.pk), "service_id": service_id, "source": text}
        )
        self.codelist_attribute("funding", funding_id, "funding_source", funding.source)
        self.value_attribute("funding", funding_id, "funding_year", funding.year)
        self.value_attribute("funding", funding_id, "funding_amount", f"{funding.amount:.2f}")
        self.value_attribute("funding", funding_id, "funding_note", funding.note)

    # -- output -------------------------------------------------------------------------------

    @property
    def tables(self) -> dict[str, list[dict]]:
        return {name: list(rows.values()) for name, rows in self.rows.items()}

    def description(self) -> str:
        counts = len(self.rows["service"]), len(self.rows["organization"])
        text = f"Katalog sociálních služeb z komplanu: {counts[0]} služeb, {counts[1]} poskytovatelů."
        if self.illustrative["service"] or self.illustrative["organization"]:
            text += (
                f" POZOR: {self.illustrative['service']} služeb a {self.illustrative['organization']} poskytovatelů"
                " jsou ilustrativní (smyšlené) záznamy, ne skutečná data — viz atributy taxonomie ZdrojZaznamu."
            )
        return text + " Český profil HSDS: docs/hsds.md v repozitáři komplanu."

    def datapackage(self) -> dict:
        sources = sorted(self.sources)
        return {
            "name": "komplan-catalogue",
            "title": "Katalog sociálních služeb (Open Referral HSDS 3.0, český profil komplanu)",
            "description": self.description(),
            "profile": "tabular-data-package",
            "version": HSDS_VERSION,
            "sources": [{"title": f"{source_label(s)[0]} ({s})"} for s in sources],
            "resources": [resource_descriptor(name) for name in TABLES],
        }

    def files(self) -> dict[str, bytes]:
        """File name → content of the tabular data package, ``datapackage.json`` first."""
        files = {"datapackage.json": _json_bytes(self.datapackage())}
        for name, table in TABLES.items():
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(table.field_names)
            for row in self.rows[name].values():
                writer.writerow([_cell(row.get(field)) for field in table.field_names])
            files[table.path] = buffer.getvalue().encode("utf-8")
        return files

    def datapackage_zip(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in self.files().items():
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, content)
        return buffer.getvalue()

    def write_datapackage(self, directory: Path) -> list[Path]:
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for name, content in self.files().items():
            (directory / name).write_bytes(content)
            written.append(directory / name)
        return written

    # -- nested JSON objects ---------------------------------------------------------------------

    def _index(self) -> dict:
        if not hasattr(self, "_by"):
            by = defaultdict(lambda: defaultdict(list))
            for resource, rows in self.rows.items():
                for row in rows.values():
                    for key in ("link_id", "service_id", "organization_id", "location_id", "contact_id"):
                        if row.get(key):
                            by[(resource, key)][row[key]].append(row)
            by["served"] = {row["location_id"] for row in self.rows["service_at_location"].values()}
            self._by = by
        return self._by

    def _children(self, resource: str, key: str, value: str) -> list[dict]:
        return self._index()[(resource, key)].get(value, [])

    def attributes_object(self, link_id: str) -> list[dict]:
        """The attributes of a record and, flattened after each, the attributes linked to those."""
        result = []
        for row in self._children("attribute", "link_id", link_id):
            term = dict(self.rows["taxonomy_term"][row["taxonomy_term_id"]])
            term["taxonomy_detail"] = _clean(self.rows["taxonomy"][term["taxonomy_id"]])
            result.append(_clean({**row, "taxonomy_term": _clean(term)}))
            result.extend(self.attributes_object(row["id"]))
        return result

    def _with(self, row: dict, **nested) -> dict:
        return _clean({**row, **{key: value for key, value in nested.items() if value}})

    def phones_object(self, key: str, value: str) -> list[dict]:
        return [_clean(row) for row in self._children("phone", key, value)]

    def location_object(self, location_id: str) -> dict:
        row = self.rows["location"][location_id]
        return self._with(
            row,
            addresses=[_clean(a) for a in self._children("address", "location_id", location_id)],
            attributes=self.attributes_object(location_id),
        )

    def service_at_location_object(self, sal_id: str) -> dict:
        row = self.rows["service_at_location"][sal_id]
        return self._with(
            row, location=self.location_object(row["location_id"]), attributes=self.attributes_object(sal_id)
        )

    def organization_object(self, org_id: str) -> dict:
        seats = [
            self.location_object(row["id"])
            for row in self._children("location", "organization_id", org_id)
            if row["id"] not in self._index()["served"]
        ]
        identifiers = self._children("organization_identifier", "organization_id", org_id)
        return self._with(
            self.rows["organization"][org_id],
            organization_identifiers=[_clean(r) for r in identifiers],
            phones=self.phones_object("organization_id", org_id),
            locations=seats,
            attributes=self.attributes_object(org_id),
        )

    def service_object(self, service_id: str) -> dict:
        row = self.rows["service"][service_id]
        contacts = [
            self._with(c, phones=self.phones_object("contact_id", c["id"]))
            for c in self._children("contact", "service_id", service_id)
        ]
        return self._with(
            row,
            organization=self.organization_object(row["organization_id"]),
            phones=self.phones_object("service_id", service_id),
            schedules=[_clean(r) for r in self._children("schedule", "service_id", service_id)],
            service_areas=[
                self._with(area, attributes=self.attributes_object(area["id"]))
                for area in self._children("service_area", "service_id", service_id)
            ],
            service_at_locations=[
                self.service_at_location_object(r["id"])
                for r in self._children("service_at_location", "service_id", service_id)
            ],
            contacts=contacts,
            funding=[
                self._with(f, attributes=self.attributes_object(f["id"]))
                for f in self._children("funding", "service_id", service_id)
            ],
            attributes=self.attributes_object(service_id),
        )

    def to_json_bytes(self) -> bytes:
        return _json_bytes(self.to_json())

    def to_json(self) -> dict:
        """The services as one page of the HSDS API's ``/services`` list, each fully nested."""
        contents = [self.service_object(service_id) for service_id in self.rows["service"]]
        return {
            "total_items": len(contents),
            "total_pages": 1,
            "page_number": 1,
            "size": len(contents),
            "first_page": True,
            "last_page": True,
            "empty": not contents,
            "description": self.description(),
            "contents": contents,
        }


def build_export(services, *, include_contacts: bool = False, today: dt.date | None = None) -> HsdsExport:
    export = HsdsExport(include_contacts=include_contacts, today=today)
    for service in prefetch_for_export(services).order_by("name", "pk"):
        export.service(service)
    return export


def catalogue_datapackage_zip(services) -> bytes:
    """The public HSDS 3.0 tabular data package (ZIP) of a catalogue, without named contact persons."""
    return build_export(services).datapackage_zip()


def export_json_bytes(services, *, include_contacts: bool = False) -> bytes:
    return build_export(services, include_contacts=include_contacts).to_json_bytes()


# -- helpers ----------------------------------------------------------------------------------


def _by(items, key: str) -> list:
    """Prefetched rows in a fixed order (several of these models have none), so exports repeat exactly."""
    return sorted(items, key=lambda item: getattr(item, key))


def _kraj(municipality) -> str:
    return municipality.kraj.name if municipality.kraj_id else ""


def _okres(municipality) -> str:
    return f"okres {municipality.okres.name}" if municipality.okres_id else ""


def _address_row(location_id: str, obj) -> dict | None:
    """An HSDS address, or None when HSDS's required parts (street or number, city, region, postcode) are missing."""
    numbers = "/".join(n for n in (obj.house_number, obj.orientation_number) if n)
    if obj.street:
        line = f"{obj.street} {numbers}".strip()
    elif numbers:
        line = NO_STREET_PREFIX + numbers
    else:
        return None
    municipality = obj.municipality if obj.municipality_id else None
    if municipality is None or not obj.postcode or not _kraj(municipality):
        return None
    return {
        "id": hsds_id("address", location_id),
        "location_id": location_id,
        "address_1": line,
        "address_2": obj.municipality_part,
        "city": municipality.name,
        "region": _kraj(municipality),
        "state_province": _kraj(municipality),
        "postal_code": obj.postcode,
        "country": COUNTRY,
        "address_type": "physical",
    }


def _ages(groups) -> tuple[int | None, int | None]:
    """HSDS minimum/maximum age spanned by the MPSV age groups, where every group has the bound."""
    groups = list(groups)
    if not groups:
        return None, None
    lows = [g.attributes.get("min_age") for g in groups]
    highs = [g.attributes.get("max_age") for g in groups]
    return (
        min(lows) if None not in lows else None,
        max(highs) if None not in highs else None,
    )


def _licence(registry_id: str) -> str:
    if not registry_id:
        return ""
    return f"Registrovaná sociální služba, identifikátor {registry_id} v registru poskytovatelů sociálních služeb MPSV"


def _utc(moment) -> str:
    if moment is None:
        return ""
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _clean(row: dict) -> dict:
    """A JSON object without empty values; numbers as numbers."""
    result = {}
    for key, value in row.items():
        if value in (None, "", []):
            continue
        result[key] = float(value) if isinstance(value, Decimal) else value
    return result


def _json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
