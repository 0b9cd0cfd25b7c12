"""The HSDS 3.0 tabular data package, as data: every table, its CSV file, fields and keys.

A compact copy of the resources of Open Referral's ``datapackage.json`` (HSDS 3.0.0,
openreferral/specification branch 3.0, commit 279fd2eb, CC BY-SA 4.0) without titles,
descriptions and examples; ``tests/directory/test_hsds_tables.py`` checks it against the
vendored original. A field is ``(name, "type[:format]", flags[, enum])``; flags: ``R`` required,
``U`` unique. Foreign keys are ``(field, resource)`` and always point at the resource's ``id``.

Also here: how an HSDS 1.1 package (the Open Referral sample) maps onto these tables on import.
"""

from __future__ import annotations

from typing import NamedTuple

HSDS_VERSION = "3.0.0"


class Table(NamedTuple):
    path: str
    fields: tuple[tuple, ...]
    foreign_keys: tuple[tuple[str, str], ...] = ()

    @property
    def field_names(self) -> list[str]:
        return [field[0] for field in self.fields]


TABLES: dict[str, Table] = {
    "organization": Table(
        "organizations.csv",
        (
            ("id", "string:uuid", "RU"),
            ("name", "string", "R"),
            ("alternate_name", "string", ""),
            ("description", "string", "R"),
            ("email", "string:email", ""),
            ("website", "string:uri", ""),
            ("tax_status", "string", ""),
            ("tax_id", "string", ""),
            ("year_incorporated", "number", ""),
            ("legal_status", "string", ""),
            ("logo", "string", ""),
            ("uri", "string:uri", ""),
            ("parent_organization_id", "string:uuid", ""),
        ),
    ),
    "program": Table(
        "programs.csv",
        (
            ("id", "string:uuid", "RU"),
            ("organization_id", "string:uuid", "RU"),
            ("name", "string", "R"),
            ("alternate_name", "string", ""),
            ("description", "string", "R"),
        ),
        (("organization_id", "organization"),),
    ),
    "service": Table(
        "services.csv",
        (
            ("id", "string:uuid", "RU"),
            ("organization_id", "string:uuid", "R"),
            ("program_id", "string:uuid", ""),
            ("name", "string", "R"),
            ("alternate_name", "string", ""),
            ("description", "string", ""),
            ("url", "string:uri", ""),
            ("email", "string:email", ""),
            ("status", "string", "R", ("active", "inactive", "defunct", "temporarily closed")),
            ("interpretation_services", "string", ""),
            ("application_process", "string", ""),
            ("fees_description", "string", ""),
            ("wait_time", "string", ""),
            ("fees", "string", ""),
            ("accreditations", "string", ""),
            ("eligibility_description", "string", ""),
            ("minimum_age", "number", ""),
            ("maximum_age", "number", ""),
            ("assured_date", "date", ""),
            ("assurer_email", "string:email", ""),
            ("licenses", "string", ""),
            ("alert", "string", ""),
            ("last_modified", "datetime", ""),
        ),
        (("organization_id", "organization"), ("program_id", "program")),
    ),
    "attribute": Table(
        "attributes.csv",
        (
            ("id", "string:uuid", "RU"),
            ("link_id", "string:uuid", "R"),
            ("taxonomy_term_id", "string:uuid", "R"),
            ("link_type", "string", ""),
            ("link_entity", "string", "R"),
            ("value", "string", ""),
        ),
        (("taxonomy_term_id", "taxonomy_term"),),
    ),
    "service_at_location": Table(
        "service_at_location.csv",
        (
            ("id", "string:uuid", "RU"),
            ("service_id", "string:uuid", "R"),
            ("location_id", "string:uuid", "R"),
            ("description", "string", ""),
        ),
        (("service_id", "service"), ("location_id", "location")),
    ),
    "location": Table(
        "locations.csv",
        (
            ("id", "string:uuid", "RU"),
            ("location_type", "string", "R", ("physical", "postal", "virtual")),
            ("url", "string:uri", ""),
            ("organization_id", "string:uuid", ""),
            ("name", "string", ""),
            ("alternate_name", "string", ""),
            ("description", "string", ""),
            ("transportation", "string", ""),
            ("latitude", "number", ""),
            ("longitude", "number", ""),
            ("external_identifier", "string", ""),
            ("external_identifier_type", "string", ""),
        ),
        (("organization_id", "organization"),),
    ),
    "phone": Table(
        "phones.csv",
        (
            ("id", "string:uuid", "RU"),
            ("location_id", "string:uuid", ""),
            ("service_id", "string:uuid", ""),
            ("organization_id", "string:uuid", ""),
            ("contact_id", "string:uuid", ""),
            ("service_at_location_id", "string:uuid", ""),
            ("number", "string", "R"),
            ("extension", "number", ""),
            ("type", "string", ""),
            ("description", "string", ""),
        ),
        (
            ("contact_id", "contact"),
            ("location_id", "location"),
            ("organization_id", "organization"),
            ("service_id", "service"),
            ("service_at_location_id", "service_at_location"),
        ),
    ),
    "contact": Table(
        "contacts.csv",
        (
            ("id", "string:uuid", "RU"),
            ("organization_id", "string:uuid", ""),
            ("service_id", "string:uuid", ""),
            ("service_at_location_id", "string:uuid", ""),
            ("location_id", "string:uuid", ""),
            ("name", "string", ""),
            ("title", "string", ""),
            ("department", "string", ""),
            ("email", "string:email", ""),
        ),
        (
            ("location_id", "location"),
            ("organization_id", "organization"),
            ("service_id", "service"),
            ("service_at_location_id", "service_at_location"),
        ),
    ),
    "address": Table(
        "addresses.csv",
        (
            ("id", "string:uuid", "RU"),
            ("location_id", "string:uuid", ""),
            ("attention", "string", ""),
            ("address_1", "string", "R"),
            ("address_2", "string", ""),
            ("city", "string", "R"),
            ("region", "string", ""),
            ("state_province", "string", "R"),
            ("postal_code", "string", "R"),
            ("country", "string", "R"),
            ("address_type", "string", "R", ("physical", "postal", "virtual")),
        ),
        (("location_id", "location"),),
    ),
    "schedule": Table(
        "schedules.csv",
        (
            ("id", "string:uuid", "RU"),
            ("service_id", "string:uuid", ""),
            ("location_id", "string:uuid", ""),
            ("service_at_location_id", "string:uuid", ""),
            ("valid_from", "date", ""),
            ("valid_to", "date", ""),
            ("dtstart", "date", ""),
            ("timezone", "number", ""),
            ("until", "date", ""),
            ("count", "number", ""),
            ("wkst", "string", "", ("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
            ("freq", "string", "", ("WEEKLY", "MONTHLY")),
            ("interval", "number", ""),
            ("byday", "string", ""),
            ("byweekno", "string", ""),
            ("bymonthday", "string", ""),
            ("byyearday", "string", ""),
            ("description", "string", ""),
            ("opens_at", "time", ""),
            ("closes_at", "time", ""),
            ("schedule_link", "string:uri", ""),
            ("attending_type", "string", ""),
            ("notes", "string", ""),
        ),
        (("location_id", "location"), ("service_id", "service"), ("service_at_location_id", "service_at_location")),
    ),
    "funding": Table(
        "funding.csv",
        (
            ("id", "string:uuid", "RU"),
            ("organization_id", "string:uuid", ""),
            ("service_id", "string:uuid", ""),
            ("source", "string", ""),
        ),
        (("organization_id", "organization"), ("service_id", "service")),
    ),
    "service_area": Table(
        "service_areas.csv",
        (
            ("id", "string:uuid", "RU"),
            ("service_id", "string:uuid", ""),
            ("name", "string", ""),
            ("description", "string", ""),
            ("extent", "string", ""),
            ("extent_type", "string", ""),
            ("uri", "string", ""),
        ),
        (("service_id", "service"),),
    ),
    "required_document": Table(
        "required_documents.csv",
        (
            ("id", "string:uuid", "RU"),
            ("service_id", "string:uuid", ""),
            ("document", "string", ""),
            ("uri", "string:uri", ""),
        ),
        (("service_id", "service"),),
    ),
    "language": Table(
        "languages.csv",
        (
            ("id", "string:uuid", "RU"),
            ("service_id", "string:uuid", ""),
            ("location_id", "string:uuid", ""),
            ("phone_id", "string:uuid", ""),
            ("name", "string", ""),
            ("code", "string", ""),
            ("note", "string", ""),
        ),
        (("location_id", "location"), ("phone_id", "phone"), ("service_id", "service")),
    ),
    "accessibility": Table(
        "accessibility.csv",
        (
            ("id", "string:uuid", "RU"),
            ("location_id", "string:uuid", ""),
            ("description", "string", ""),
            ("details", "string", ""),
            ("url", "string:uri", ""),
        ),
        (("location_id", "location"),),
    ),
    "taxonomy_term": Table(
        "taxonomy_terms.csv",
        (
            ("id", "string:uuid", "RU"),
            ("code", "string", "U"),
            ("name", "string", "R"),
            ("description", "string", "R"),
            ("parent_id", "string:uuid", ""),
            ("taxonomy", "string", ""),
            ("language", "string", ""),
            ("taxonomy_id", "string:uuid", ""),
            ("term_uri", "string:uri", ""),
        ),
        (("taxonomy_id", "taxonomy"),),
    ),
    "metadata": Table(
        "metadata.csv",
        (
            ("id", "string:uuid", "RU"),
            ("resource_id", "string:uuid", "R"),
            ("resource_type", "string", "R"),
            ("last_action_date", "date", "R"),
            ("last_action_type", "string", "R"),
            ("field_name", "string", "R"),
            ("previous_value", "string", "R"),
            ("replacement_value", "string", "R"),
            ("updated_by", "string", "R"),
        ),
    ),
    "meta_table_description": Table(
        "meta_table_descriptions.csv",
        (
            ("id", "string:uuid", "RU"),
            ("name", "string", ""),
            ("language", "string", ""),
            ("character_set", "string", ""),
        ),
    ),
    "cost_option": Table(
        "cost_options.csv",
        (
            ("id", "string:uuid", "RU"),
            ("service_id", "string:uuid", "R"),
            ("valid_from", "date", ""),
            ("valid_to", "date", ""),
            ("option", "string", ""),
            ("currency", "string", ""),
            ("amount", "number", ""),
            ("amount_description", "string", ""),
        ),
        (("service_id", "service"),),
    ),
    "organization_identifier": Table(
        "organization_identifiers.csv",
        (
            ("id", "string:uuid", "RU"),
            ("organization_id", "string:uuid", "R"),
            ("identifier_scheme", "string", ""),
            ("identifier_type", "string", "R"),
            ("identifier", "string", "R"),
        ),
        (("organization_id", "organization"),),
    ),
    "taxonomy": Table(
        "taxonomies.csv",
        (
            ("id", "string:uuid", "RU"),
            ("name", "string", "R"),
            ("description", "string", "R"),
            ("uri", "string:uri", ""),
            ("version", "string", ""),
        ),
    ),
}


def field_descriptor(field: tuple) -> dict:
    name, kind, flags, *enum = field
    kind, _, fmt = kind.partition(":")
    descriptor: dict = {"name": name, "type": kind}
    if fmt:
        descriptor["format"] = fmt
    descriptor["constraints"] = {"required": "R" in flags, "unique": "U" in flags}
    if enum:
        descriptor["constraints"]["enum"] = list(enum[0])
    return descriptor


def resource_descriptor(name: str) -> dict:
    """The tabular-data-resource of one HSDS table, as in the HSDS 3.0 ``datapackage.json``."""
    table = TABLES[name]
    schema: dict = {"primaryKey": "id", "fields": [field_descriptor(field) for field in table.fields]}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": field, "reference": {"resource": resource, "fields": "id"}}
            for field, resource in table.foreign_keys
        ]
    return {
        "name": name,
        "path": table.path,
        "format": "csv",
        "mediatype": "text/csv",
        "profile": "tabular-data-resource",
        "schema": schema,
    }


def required_fields(name: str) -> list[str]:
    return [field[0] for field in TABLES[name].fields if "R" in field[2]]


def resource_for_path(path: str) -> str | None:
    return next((name for name, table in TABLES.items() if table.path == path), None)


# HSDS 1.1 (e.g. openreferral/sample-HSDS-datapackage): file → (HSDS 3.0 table, renamed fields, fixed values).
# Files not listed here have no HSDS 3.0 / komplan counterpart and are reported as not imported.
HSDS_11_FILES: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    "organizations.csv": ("organization", {"url": "website"}, {}),
    "services.csv": ("service", {}, {}),
    "locations.csv": ("location", {}, {"location_type": "physical"}),
    "services_at_location.csv": ("service_at_location", {}, {}),
    "phones.csv": ("phone", {}, {}),
    "contacts.csv": ("contact", {}, {}),
    "physical_addresses.csv": ("address", {}, {"address_type": "physical"}),
    "postal_addresses.csv": ("address", {}, {"address_type": "postal"}),
    "funding.csv": ("funding", {}, {}),
    "service_areas.csv": ("service_area", {"service_area": "name"}, {}),
}
HSDS_11_MARKERS = ("services_at_location.csv", "physical_addresses.csv", "postal_addresses.csv")
