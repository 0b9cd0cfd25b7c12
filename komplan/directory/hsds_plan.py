"""Check an HSDS package row by row and turn it into plans: the canonical provider and service records.

Nothing is written here. Attributes are resolved through the taxonomies of komplan's profile
(``hsds_profile.ROLES``) into MPSV codelist items, municipalities and profile values; every problem
names the file, the line and the HSDS field. The model's own field rules (lengths, e-mail, URL) are
applied too, so a plan that passes can be written without surprises.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation

from komplan.territory.models import Territory

from .hsds_package import (
    PARSE_NAMES,
    Package,
    Problem,
    Row,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    parse_latitude,
    parse_longitude,
)
from .hsds_profile import (
    ADDRESS_PARTS,
    ADDRESS_POINT_TYPE,
    ICO_SCHEME,
    NO_STREET_PREFIX,
    TAXONOMY_ROLES,
    address_data,
    decimal_text,
    form_data,
    iso,
    location_data,
    organization_data,
    provenance_data,
    service_data,
    split_term_code,
)
from .hsds_tables import TABLES
from .models import Codelist, CodelistItem, Contact, Funding, Location, Organization, Service, Source

RUIAN_IRI = re.compile(r"^https?://linked\.cuzk\.cz/resource/ruian/(obec|adresni-misto)/(\d+)/?$")
NUMBERS_AT_END = re.compile(r"^(.*?)\s*(\d+[a-zA-Z]?(?:/\d+[a-zA-Z]?)?)$")
ICO = re.compile(r"^\d{8}$")
IMPORTED = (
    "organization",
    "organization_identifier",
    "service",
    "service_at_location",
    "location",
    "address",
    "phone",
    "contact",
    "funding",
    "service_area",
    "schedule",
    "attribute",
    "taxonomy_term",
    "taxonomy",
)


@dataclass
class Attr:
    row: Row
    id: str
    role: str
    taxonomy: str
    code: str
    value: str


@dataclass
class OrgPlan:
    row: Row
    hsds_id: str
    data: dict
    existing: Organization | None = None
    instance: Organization | None = None


@dataclass
class ServicePlan:
    row: Row
    hsds_id: str
    data: dict
    organization: OrgPlan
    existing: Service | None = None


class Planner:
    """Reads a package into organisation and service plans (canonical dicts), collecting every problem."""

    def __init__(self, package: Package):
        self.package = package
        self.rejected: list[Problem] = [Problem(*p) for p in package.structure_problems]
        self.skipped: list[Problem] = []
        self.items = {(i.codelist, i.code): i for i in CodelistItem.objects.all()}
        self.by_id: dict[str, dict[str, Row]] = {}
        self.children: dict[tuple[str, str], dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        for resource in IMPORTED:
            self._index(resource)
        self.attrs = self._attributes()
        self.checked_locations: dict[str, dict] = {}
        self.municipalities = self._municipalities()
        created = str(package.descriptor.get("created", ""))[:10]
        try:
            self.package_date = parse_date(created) if created else None
        except ValueError:  # a foreign package's "created" we cannot read is not worth refusing the package
            self.package_date = None

    def reject(self, row: Row, field_name: str, reason: str) -> None:
        self.rejected.append(Problem(row.file, row.line, field_name, reason))

    def skip(self, row: Row | None, reason: str, file: str = "") -> None:
        self.skipped.append(Problem(row.file if row else file, row.line if row else None, "", reason))

    # -- indexes -------------------------------------------------------------------------------

    def _index(self, resource: str) -> None:
        rows = {}
        for row in self.package.rows(resource):
            if not row.get("id"):
                self.reject(row, "id", "required")
            elif row.get("id") in rows:
                self.reject(row, "id", f"the same id as line {rows[row.get('id')].line}")
            else:
                rows[row.get("id")] = row
                for key in (
                    "service_id",
                    "organization_id",
                    "location_id",
                    "contact_id",
                    "link_id",
                    "service_at_location_id",
                ):
                    if row.get(key):
                        self.children[(resource, key)][row.get(key)].append(row)
        self.by_id[resource] = rows

    def rows_of(self, resource: str, key: str, value: str) -> list[Row]:
        return self.children[(resource, key)].get(value, [])

    def _attributes(self) -> dict[str, list[Attr]]:
        taxonomy_names = {id_: row.get("name") for id_, row in self.by_id["taxonomy"].items()}
        by_link: dict[str, list[Attr]] = defaultdict(list)
        unknown: Counter = Counter()
        for row in self.by_id["attribute"].values():
            term = self.by_id["taxonomy_term"].get(row.get("taxonomy_term_id"))
            if term is None:
                self.reject(row, "taxonomy_term_id", "no taxonomy term with this id in taxonomy_terms.csv")
                continue
            taxonomy = term.get("taxonomy") or taxonomy_names.get(term.get("taxonomy_id"), "")
            taxonomy, code = split_term_code(term.get("code"), taxonomy)
            if taxonomy not in TAXONOMY_ROLES:
                unknown[taxonomy or "(none)"] += 1
                continue
            attr = Attr(row, row.get("id"), TAXONOMY_ROLES[taxonomy], taxonomy, code, row.values.get("value") or "")
            by_link[row.get("link_id")].append(attr)
        for taxonomy, count in sorted(unknown.items()):
            self.skip(
                None,
                f"{count} attribute(s) of taxonomy {taxonomy!r}, which komplan's profile does not use",
                "attributes.csv",
            )
        return by_link

    def _municipalities(self) -> dict[str, Territory]:
        codes = {a.code for attrs in self.attrs.values() for a in attrs if a.role == "municipality"}
        for row in self.by_id["service_area"].values():
            match = RUIAN_IRI.match(row.get("uri"))
            if match and match.group(1) == "obec":
                codes.add(match.group(2))
        found = Territory.objects.filter(level="municipality", code__in=codes).select_related("kraj")
        return {t.code: t for t in found}

    # -- attribute helpers -----------------------------------------------------------------------

    def attributes(self, link_id: str, role: str) -> list[Attr]:
        return [a for a in self.attrs.get(link_id, []) if a.role == role]

    def item(self, attr: Attr, codelist: str) -> str | None:
        if (codelist, attr.code) not in self.items:
            self.reject(attr.row, "taxonomy_term_id", f"{codelist}/{attr.code} is not in the codelist {codelist}")
            return None
        return attr.code

    def codes(self, link_id: str, role: str, codelist: str, *, single: bool = False) -> list[str]:
        attrs = self.attributes(link_id, role)
        if single and len(attrs) > 1:
            self.reject(attrs[1].row, "taxonomy_term_id", f"a second {codelist} term; a record has at most one")
        return [code for attr in attrs[: 1 if single else None] if (code := self.item(attr, codelist))]

    def value(self, link_id: str, key: str) -> tuple[str, Attr | None]:
        attr = next((a for a in self.attributes(link_id, "value") if a.code == key), None)
        return (attr.value.strip() if attr else ""), attr

    def parse(self, row: Row, field_name: str, text: str, parser):
        """``parser(text)``, or None for an empty text; a bad value is rejected at ``row``/``field_name``."""
        text = (text or "").strip()
        if not text:
            return None
        try:
            return parser(text)
        except (ValueError, InvalidOperation):
            self.reject(row, field_name, f"{text!r} is not {PARSE_NAMES[parser]}")
            return None

    def typed(self, link_id: str, key: str, parser):
        """A komplan profile value (attribute of term komplan/<key>) parsed by ``parser``."""
        text, attr = self.value(link_id, key)
        return self.parse(attr.row, f"value (komplan/{key})", text, parser) if attr else None

    def municipality(self, link_id: str) -> tuple[str | None, Attr | None]:
        attrs = self.attributes(link_id, "municipality")
        if not attrs:
            return None, None
        if attrs[0].code not in self.municipalities:
            self.reject(attrs[0].row, "taxonomy_term_id", f"Obec/{attrs[0].code} is not a Czech municipality code")
            return None, attrs[0]
        return attrs[0].code, attrs[0]

    def phones(self, key: str, owner_id: str, exclude_contacts: bool = True) -> str:
        rows = [r for r in self.rows_of("phone", key, owner_id) if not (exclude_contacts and r.get("contact_id"))]
        numbers = []
        for row in rows:
            number = row.get("number") + (f" (linka {row.get('extension')})" if row.get("extension") else "")
            if number.strip() and number not in numbers:
                numbers.append(number)
        return ", ".join(numbers)

    def provenance(self, link_id: str, row: Row, last_verified: str | None = None) -> dict:
        attrs = self.attributes(link_id, "provenance")
        if not attrs:
            detail = f"{self.package.name} (HSDS {self.package.version}), id {row.get('id')}"
            return provenance_data(Source.HSDS, detail[-300:], iso(self.package_date), last_verified)
        if attrs[0].code not in Source.values:
            self.reject(attrs[0].row, "taxonomy_term_id", f"ZdrojZaznamu/{attrs[0].code} is not a komplan source")
        source_date = self.parse(attrs[0].row, "value", attrs[0].value, parse_date)
        verified = self.typed(link_id, "last_verified", parse_date)
        return provenance_data(
            attrs[0].code,
            self.value(link_id, "source_detail")[0],
            iso(source_date),
            iso(verified) or last_verified,
        )

    # -- records -------------------------------------------------------------------------------

    def _references(self) -> None:
        """Every id a row refers to (HSDS foreign keys, and attributes' link_id) is in the package."""
        for resource in IMPORTED:
            for field_name, target in TABLES[resource].foreign_keys:
                for row in self.by_id[resource].values() if target in self.by_id else ():
                    if row.get(field_name) and row.get(field_name) not in self.by_id[target]:
                        self.reject(row, field_name, f"no {target} with this id in {TABLES[target].path}")
        for row in self.by_id["attribute"].values():
            entity = row.get("link_entity")
            if entity in self.by_id and row.get("link_id") not in self.by_id[entity]:
                self.reject(row, "link_id", f"no {entity} with this id in {TABLES[entity].path}")

    def plan(self) -> tuple[list[OrgPlan], list[ServicePlan]]:
        self._references()
        served_locations = {row.get("location_id") for row in self.by_id["service_at_location"].values()}
        organizations = {}
        for org_id, row in self.by_id["organization"].items():
            plan = self.organization(row, served_locations)
            if plan:
                organizations[org_id] = plan
        services = []
        for row in self.by_id["service"].values():
            if row.get("status") == "defunct":
                self.skip(row, "status defunct: the service no longer exists")
                continue
            organization = organizations.get(row.get("organization_id"))
            if organization is None:  # a missing reference is reported by _references
                if not row.get("organization_id"):
                    self.reject(row, "organization_id", "required")
                continue
            data = self.service(row)
            services.append(ServicePlan(row, row.get("id"), data, organization))
        self._unique_in_package(list(organizations.values()), "ico", "IČO", "organization_identifiers")
        self._unique_in_package(services, "registry_id", "registry identifier", "attributes (komplan/registry_id)")
        self._unique_in_package(services, "portal_id", "portal id", "attributes (komplan/portal_id)")
        self._notes()
        return list(organizations.values()), services

    def _notes(self) -> None:
        """Skipped: tables and rows that are valid HSDS but have no place in komplan."""
        for resource in sorted(r for r in set(self.package.tables) - set(IMPORTED) if self.package.rows(r)):
            self.skip(
                None,
                f"{len(self.package.rows(resource))} row(s): komplan does not keep {resource} data",
                TABLES[resource].path,
            )
        for row in self.by_id["phone"].values():
            if not any(row.get(k) for k in ("service_id", "organization_id", "contact_id")):
                self.skip(
                    row,
                    "a phone of a location or of a service at a location is not kept "
                    "(komplan keeps phones of services, providers and contacts)",
                )
        for resource, what in (("schedule", "opening hours"), ("contact", "contact persons"), ("funding", "funding")):
            for row in self.by_id[resource].values():
                if not row.get("service_id") and not (resource == "contact" and row.get("service_at_location_id")):
                    self.skip(row, f"komplan keeps {what} of services only; this row belongs to no service")
        for file_name, count in sorted(self.package.other_files.items()):
            self.skip(None, f"{count} row(s) not imported: komplan keeps no such data", file_name)

    def _unique_in_package(self, plans, key: str, label: str, field_name: str) -> None:
        seen = {}
        for plan in plans:
            value = plan.data.get(key)
            if value in (None, ""):
                continue
            if value in seen:
                self.reject(plan.row, field_name, f"{label} {value} is used by line {seen[value].row.line} too")
            seen.setdefault(value, plan)

    def organization(self, row: Row, served_locations: set[str]) -> OrgPlan | None:
        org_id = row.get("id")
        ico = ""
        for identifier in self.rows_of("organization_identifier", "organization_id", org_id):
            if identifier.get("identifier_scheme") == ICO_SCHEME or identifier.get("identifier_type") in ("IČO", "ICO"):
                ico = re.sub(r"\s", "", identifier.get("identifier"))
                if not ICO.match(ico):
                    self.reject(identifier, "identifier", f"IČO {ico!r} must have exactly 8 digits")
        seats = [r for r in self.rows_of("location", "organization_id", org_id) if r.get("id") not in served_locations]
        address = self._address(seats[0]) if seats else address_data()
        for extra in seats[1:]:
            self.skip(extra, "a provider has one address in komplan; this further location is not imported")
        legal_form = self.codes(org_id, "legal_form", Codelist.LEGAL_FORM, single=True)
        name = row.get("name")
        data = organization_data(
            name,
            ico,
            legal_form[0] if legal_form else None,
            "" if row.get("description") == name else row.get("description"),
            row.get("website"),
            row.get("email"),
            self.phones("organization_id", org_id),
            address,
            self.provenance(org_id, row),
        )
        fields = {k: data[k] for k in ("name", "ico", "description", "web", "email", "phone")}
        self.check(Organization(**fields, **_address_fields(data["address"])), row, ORG_FIELDS)
        return OrgPlan(row, org_id, data)

    def location(self, row: Row) -> dict:
        """The canonical location of a row (name, address, GPS), checked once however many services use it."""
        if row.get("id") not in self.checked_locations:
            address = self._address(row)
            lat = self.parse(row, "latitude", row.get("latitude"), parse_latitude)
            lon = self.parse(row, "longitude", row.get("longitude"), parse_longitude)
            location = Location(name=row.get("name"), latitude=lat, longitude=lon, **_address_fields(address))
            self.check(location, row, LOCATION_FIELDS)
            self.checked_locations[row.get("id")] = location_data(row.get("name"), address, lat, lon)
        return self.checked_locations[row.get("id")]

    def _address(self, row: Row) -> dict:
        """The address of a location row; rejects the row when it is not in a Czech municipality."""
        code, _attr = self.municipality(row.get("id"))
        addresses = self.rows_of("address", "location_id", row.get("id"))
        addresses = sorted(addresses, key=lambda a: a.get("address_type") != "physical")
        address = addresses[0] if addresses else None
        country = address.get("country").upper() if address else ""
        if address and country not in ("CZ", "CZE", ""):
            place = ", ".join(p for p in (address.get("city"), address.get("state_province"), country) if p)
            self.reject(
                row,
                "municipality",
                f"the address ({address.file}, line {address.line}: {place}) is not in "
                "a Czech municipality; komplan lists social services in Czech municipalities only",
            )
        elif code is None and not _attr:
            self.reject(
                row,
                "municipality",
                "no Czech municipality: the location needs an attribute of taxonomy "
                "Obec with the ČSÚ municipality code (e.g. Obec/532819)",
            )
        street, house, orientation, part, postcode = (self.value(row.get("id"), key)[0] for key in ADDRESS_PARTS)
        if address:
            line = address.get("address_1")
            if line.startswith(NO_STREET_PREFIX.strip()):
                numbers = line[len(NO_STREET_PREFIX.strip()) :].strip()
            else:
                match = NUMBERS_AT_END.match(line)
                street, numbers = (match.group(1), match.group(2)) if match else (line, "")
            house, _, orientation = numbers.partition("/")
            part, postcode = address.get("address_2"), re.sub(r"\s", "", address.get("postal_code"))
        point = None
        identifier, match = row.get("external_identifier"), RUIAN_IRI.match(row.get("external_identifier"))
        if match and match.group(1) == "adresni-misto":
            point = int(match.group(2))
        elif identifier and row.get("external_identifier_type") == ADDRESS_POINT_TYPE:
            point = parse_int(identifier)
            if point is None or point <= 0:
                self.reject(row, "external_identifier", f"{identifier!r} is not a RÚIAN address point code")
        return address_data(street, house, orientation, part, code, postcode, point)

    def service(self, row: Row) -> dict:
        sid = row.get("id")
        forms = []
        for attr in self.attributes(sid, "service_form"):
            form = self.item(attr, Codelist.SERVICE_FORM)
            capacities = []
            for capacity in self.attributes(attr.id, "registered_capacity"):
                unit = self.item(capacity, Codelist.CAPACITY_TYPE)
                count = parse_int(capacity.value)
                if count is None or count < 0:
                    self.reject(capacity.row, "value", f"registered capacity {capacity.value!r} is not a whole number")
                if unit and count is not None:
                    capacities.append([unit, count, self.value(capacity.id, "capacity_note")[0]])
            if form:
                forms.append(
                    form_data(
                        form,
                        self.typed(attr.id, "continuous", parse_bool),
                        self.value(attr.id, "hours")[0],
                        capacities,
                    )
                )
        for capacity in self.attributes(sid, "registered_capacity"):
            self.reject(capacity.row, "link_id", "a registered capacity must be linked to the attribute of its form")
        self._duplicates(forms, lambda f: f["form"], row, "attributes", "form")
        for form in forms:
            label = f"capacity unit of form {form['form']}"
            self._duplicates(form["capacities"], lambda c: c[0], row, "attributes", label)
        texts = {
            "name": row.get("name"),
            "registry_id": self.value(sid, "registry_id")[0],
            "description": row.get("description"),
            "age_note": row.get("eligibility_description"),
            "fees": row.get("fees_description") or row.get("fees"),
            "opening_hours": "\n".join(
                filter(None, (_schedule_text(r) for r in self.rows_of("schedule", "service_id", sid)))
            ),
            "how_to_get": row.get("application_process"),
            "web": row.get("url"),
            "email": row.get("email"),
            "phone": self.phones("service_id", sid),
        }
        values = {
            "portal_id": self.typed(sid, "portal_id", int),
            "in_regional_network": self.typed(sid, "in_regional_network", parse_bool),
            "provided_from": iso(self.typed(sid, "provided_from", parse_date)),
            "provided_to": iso(self.typed(sid, "provided_to", parse_date)),
            "service_type": next(iter(self.codes(sid, "service_type", Codelist.SERVICE_TYPE, single=True)), None),
        }
        assured = self.parse(row, "assured_date", row.get("assured_date"), parse_date)
        data = service_data(
            texts,
            values,
            {
                "target_groups": self.codes(sid, "target_group", Codelist.TARGET_GROUP),
                "age_groups": self.codes(sid, "age_group", Codelist.AGE_GROUP),
                "area_served": self.areas(sid),
            },
            {
                "forms": forms,
                "locations": self.locations(sid),
                "contacts": self.contacts(sid),
                "funding": self.funding(sid),
            },
            self.provenance(sid, row, iso(assured)),
        )
        self.check(Service(**texts), row, SERVICE_FIELDS)
        if not self.rows_of("service_at_location", "service_id", sid) and not self.rows_of(
            "service_area", "service_id", sid
        ):
            self.reject(
                row,
                "service_areas",
                "the service has no location and no service area, so no catalogue "
                "of a Czech municipality would list it",
            )
        return data

    def _duplicates(self, items, key, row: Row, field_name: str, label: str) -> None:
        for value, count in Counter(key(item) for item in items).items():
            if count > 1:
                self.reject(row, field_name, f"{label} {value} is given {count} times")

    def areas(self, service_id: str) -> list[str]:
        """Municipalities served: an Obec attribute of the area, else its RÚIAN municipality IRI."""
        codes = []
        for area in self.rows_of("service_area", "service_id", service_id):
            code, attr = self.municipality(area.get("id"))
            match = RUIAN_IRI.match(area.get("uri"))
            if attr is None and match and match.group(1) == "obec":
                code = match.group(2) if match.group(2) in self.municipalities else None
                if code is None:
                    self.reject(area, "uri", f"{match.group(2)} is not a Czech municipality code")
            elif attr is None:
                self.reject(
                    area,
                    "uri",
                    "no Czech municipality: give the RÚIAN municipality IRI "
                    "(https://linked.cuzk.cz/resource/ruian/obec/<code>) or an Obec attribute",
                )
            if code:
                codes.append(code)
        return sorted(set(codes))

    def locations(self, service_id: str) -> list[dict]:
        result = []
        for link in self.rows_of("service_at_location", "service_id", service_id):
            row = self.by_id["location"].get(link.get("location_id"))
            if row is None:
                self.reject(link, "location_id", "no location with this id in locations.csv")
                continue
            result.append(self.location(row))
        return result

    def contacts(self, service_id: str) -> list[list] | None:
        """Named contact persons; None when the package has none at all (public exports leave them out)."""
        if not self.by_id["contact"]:
            return None
        result = []
        rows = list(self.rows_of("contact", "service_id", service_id))
        for link in self.rows_of("service_at_location", "service_id", service_id):
            rows += [
                r for r in self.rows_of("contact", "service_at_location_id", link.get("id")) if not r.get("service_id")
            ]
        for row in rows:
            if not row.get("name"):
                self.skip(row, "a contact without a name is not kept (komplan keeps named contact persons)")
                continue
            phone = self.phones("contact_id", row.get("id"), exclude_contacts=False)
            values = [row.get("name"), row.get("title"), row.get("email"), phone]
            self.check(Contact(name=values[0], title=values[1], email=values[2], phone=values[3]), row, CONTACT_FIELDS)
            result.append(values)
        return result

    def funding(self, service_id: str) -> list[list]:
        result = []
        for row in self.rows_of("funding", "service_id", service_id):
            fid = row.get("id")
            if not any(a.role in ("funding_source", "value") for a in self.attrs.get(fid, [])):
                self.skip(
                    row, "free-text funding is not kept: komplan needs a ZdrojFinancovani source, year and amount"
                )
                continue
            problems = len(self.rejected)
            source = self.codes(fid, "funding_source", Codelist.FUNDING_SOURCE, single=True)
            year, amount = self.typed(fid, "funding_year", int), self.typed(fid, "funding_amount", parse_decimal)
            if len(self.rejected) > problems:
                continue
            if not source or year is None or amount is None:
                self.reject(row, "attributes", "funding needs a ZdrojFinancovani source, a year and an amount")
                continue
            funding = Funding(year=year, amount=amount, note=self.value(fid, "funding_note")[0])
            self.check(funding, row, FUNDING_FIELDS)
            result.append([year, source[0], decimal_text(amount, 2), funding.note])
        service_row = self.by_id["service"][service_id]
        self._duplicates(result, lambda f: (f[0], f[1]), service_row, "funding", "funding source and year")
        return result

    def check(self, instance, row: Row, fields: dict[str, str]) -> None:
        """Run the model's own field validation; report each error at the HSDS field it came from."""
        with translation.override("en"):  # the report is in one language
            try:
                instance.clean_fields(exclude=[f.name for f in instance._meta.fields if f.name not in fields])
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    for message in messages:
                        self.reject(row, fields.get(name, name), str(message))


ORG_FIELDS = {
    "name": "name",
    "description": "description",
    "web": "website",
    "email": "email",
    "phone": "phones.number",
    "street": "addresses.address_1",
    "house_number": "addresses.address_1",
    "orientation_number": "addresses.address_1",
    "municipality_part": "addresses.address_2",
    "postcode": "addresses.postal_code",
}
SERVICE_FIELDS = {
    "name": "name",
    "registry_id": "attributes (komplan/registry_id)",
    "description": "description",
    "age_note": "eligibility_description",
    "fees": "fees_description",
    "opening_hours": "schedules",
    "how_to_get": "application_process",
    "web": "url",
    "email": "email",
    "phone": "phones.number",
}
ADDRESS_FIELDS = ("street", "house_number", "orientation_number", "municipality_part", "postcode")
LOCATION_FIELDS = {
    "name": "name",
    "latitude": "latitude",
    "longitude": "longitude",
    **{k: v for k, v in ORG_FIELDS.items() if k in ADDRESS_FIELDS},
}
CONTACT_FIELDS = {"name": "name", "title": "title", "email": "email", "phone": "phones.number"}
FUNDING_FIELDS = {"year": "value (komplan/funding_year)", "amount": "value (komplan/funding_amount)"}


def _address_fields(address: dict) -> dict:
    return {k: v for k, v in address.items() if k not in ("municipality", "address_point")}


def _schedule_text(row: Row) -> str:
    if row.get("description"):
        return row.get("description")
    times = "–".join(t[:5] for t in (row.get("opens_at"), row.get("closes_at")) if t)
    return " ".join(p for p in (row.get("byday"), times) if p)
