"""komplan's Czech profile of Open Referral HSDS 3.0: identifiers, taxonomies and terms (docs/hsds.md).

Everything HSDS 3.0 has no field for is an *attribute*: a link from a record to a taxonomy term,
with an optional value. The taxonomies are the MPSV codelists of the register of social services
(``DruhSocialniSluzby``, ``FormaSocialniSluzby``, …), the ČSÚ/RÚIAN municipalities (``Obec``),
komplan's record sources (``ZdrojZaznamu``) and funding sources (``ZdrojFinancovani``), and
``komplan`` for the few plain values (registry identifier, dates, per-form details).

Term codes are qualified the way the register's open data refer to items, ``DruhSocialniSluzby/13``:
the HSDS 3.0 tabular schema makes ``taxonomy_terms.code`` unique across the whole table, and the
bare MPSV codes of different codelists overlap (``1`` is a type, a target group and an age group).

Also here: the canonical form of a service and an organisation — what an export carries and an
import writes, without database ids — used to detect unchanged records and to test round trips.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from decimal import Decimal

from django.utils import translation

from .models import Codelist, Organization, Service, Source

# Fixed forever: every exported id is uuid5(NAMESPACE, "<kind>:<our id>…"), so exports are repeatable.
NAMESPACE = uuid.UUID("6f0c3f8e-2d55-5b7a-9c1e-4b1a7a0d5c01")

MUNICIPALITY_TAXONOMY = "Obec"
SOURCE_TAXONOMY = "ZdrojZaznamu"
PROFILE_TAXONOMY = "komplan"
COUNTRY = "CZ"
ICO_SCHEME = "CZ-ICO"
ICO_TYPE = "IČO"
ADDRESS_POINT_TYPE = "RUIAN-AdresniMisto"
RUIAN_MUNICIPALITY_IRI = "https://linked.cuzk.cz/resource/ruian/obec/{code}"
MPSV_CODELIST_URI = "https://www.mpsv.cz/api/ciselniky/rest/ciselniky/{name}/polozky"
NO_STREET_PREFIX = "č. p. "  # address_1 of an address without a street: "č. p. 12", the part of the town in address_2

# The role an attribute plays (HSDS ``link_type``, an open codelist) → the taxonomy of its term.
ROLES = {
    "service_type": Codelist.SERVICE_TYPE,
    "target_group": Codelist.TARGET_GROUP,
    "age_group": Codelist.AGE_GROUP,
    "service_form": Codelist.SERVICE_FORM,
    "registered_capacity": Codelist.CAPACITY_TYPE,  # linked to the attribute of its form; value = count
    "legal_form": Codelist.LEGAL_FORM,
    "funding_source": Codelist.FUNDING_SOURCE,
    "municipality": MUNICIPALITY_TAXONOMY,
    "provenance": SOURCE_TAXONOMY,  # value = source date (YYYY-MM-DD) or empty
    "value": PROFILE_TAXONOMY,  # the value is the datum
}
TAXONOMY_ROLES = {taxonomy: role for role, taxonomy in ROLES.items()}

# komplan profile terms: key → (Czech name, description). The attribute's value carries the datum.
PROFILE_TERMS = {
    "registry_id": ("identifikátor služby v registru MPSV", "The identifier of the service in the MPSV register."),
    "portal_id": ("portalId registrace v otevřených datech MPSV", "The portalId of the registration (MPSV open data)."),
    "provided_from": ("poskytováno od", "Date the service is provided from (YYYY-MM-DD)."),
    "provided_to": ("poskytováno do", "Date the service is provided until (YYYY-MM-DD)."),
    "in_regional_network": ("v krajské síti sociálních služeb", "Whether the service is in the regional network."),
    "continuous": ("nepřetržitý provoz", "Continuous (24/7) provision of the linked form: true or false."),
    "hours": ("doba poskytování", "Hours of provision of the linked form."),
    "capacity_note": ("poznámka ke kapacitě", "Note on the linked registered capacity."),
    "funding_year": ("rok financování", "The year of the linked funding."),
    "funding_amount": ("částka (Kč)", "The amount of the linked funding in CZK."),
    "funding_note": ("poznámka k financování", "Note on the linked funding."),
    "source_detail": ("podrobnosti o zdroji záznamu", "Which source, e.g. the file or register extract."),
    "last_verified": ("naposledy ověřeno", "The date the record was last verified (YYYY-MM-DD)."),
    # parts of an address HSDS cannot take (its address needs street or number, town, region and postcode)
    "street": ("ulice", "Street of an incomplete address of the linked location."),
    "house_number": ("číslo popisné", "House number of an incomplete address of the linked location."),
    "orientation_number": ("číslo orientační", "Orientation number of an incomplete address of the location."),
    "municipality_part": ("část obce", "Part of the municipality of an incomplete address of the location."),
    "postcode": ("PSČ", "Postcode of an incomplete address of the linked location."),
}
ADDRESS_PARTS = ("street", "house_number", "orientation_number", "municipality_part", "postcode")

TAXONOMY_DESCRIPTIONS = {
    Codelist.SERVICE_TYPE: "Druhy sociálních služeb (zákon č. 108/2006 Sb.), číselník MPSV registru poskytovatelů",
    Codelist.SERVICE_FORM: "Formy poskytování sociálních služeb, číselník MPSV",
    Codelist.CAPACITY_TYPE: "Typy (jednotky) registrované kapacity sociálních služeb, číselník MPSV",
    Codelist.TARGET_GROUP: "Cílové skupiny osob sociálních služeb, číselník MPSV",
    Codelist.AGE_GROUP: "Věkové skupiny osob sociálních služeb, číselník MPSV",
    Codelist.LEGAL_FORM: "Formy právní subjektivity poskytovatelů, číselník MPSV",
    Codelist.FUNDING_SOURCE: "Zdroje financování sociálních služeb (číselník komplanu, ne MPSV)",
    MUNICIPALITY_TAXONOMY: "Obce České republiky, kódy ČSÚ (číselník CIS0043) = kódy obcí RÚIAN",
    SOURCE_TAXONOMY: "Zdroj záznamu v komplanu; 'illustrative' = smyšlený ilustrativní záznam, ne skutečná data",
    PROFILE_TAXONOMY: "Hodnoty českého profilu komplanu, pro které HSDS 3.0 nemá pole (docs/hsds.md)",
}
MPSV_CODELISTS = {c for c in Codelist.values if c != Codelist.FUNDING_SOURCE}

ILLUSTRATIVE_ALERT = "Ilustrativní záznam: smyšlená data pro ukázku a testy, nejde o skutečnou službu."


def hsds_id(*parts) -> str:
    """The stable HSDS id of a record: uuid5 over komplan's namespace and e.g. ("service", 12)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def term_code(taxonomy: str, code: str) -> str:
    return f"{taxonomy}/{code}"


def split_term_code(code: str, taxonomy: str = "") -> tuple[str, str]:
    """("DruhSocialniSluzby", "13") from "DruhSocialniSluzby/13", or from "13" with the term's taxonomy."""
    if "/" in code:
        prefix, _, rest = code.partition("/")
        return prefix, rest
    return taxonomy, code


def taxonomy_row(name: str) -> dict:
    row = {"id": hsds_id("taxonomy", name), "name": name, "description": TAXONOMY_DESCRIPTIONS[name]}
    if name in MPSV_CODELISTS:
        row["uri"] = MPSV_CODELIST_URI.format(name=name)
    return row


@functools.cache
def source_label(source: str) -> tuple[str, str]:
    """(Czech, English) label of a record source."""
    label = Source(source).label
    with translation.override("cs"):
        czech = str(label)
    with translation.override("en"):
        english = str(label)
    return czech, english


# ---------------------------------------------------------------------------------------------
# Canonical form: plain JSON-like values, no database ids; equal iff an import would change nothing.


def iso(value) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def decimal_text(value, places: int) -> str | None:
    if value in (None, ""):
        return None
    return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-places)))


def address_data(
    street="",
    house_number="",
    orientation_number="",
    municipality_part="",
    municipality=None,
    postcode="",
    address_point=None,
) -> dict:
    return {
        "street": street,
        "house_number": house_number,
        "orientation_number": orientation_number,
        "municipality_part": municipality_part,
        "municipality": municipality,
        "postcode": postcode,
        "address_point": address_point,
    }


def canonical_address(obj) -> dict:
    return address_data(
        obj.street,
        obj.house_number,
        obj.orientation_number,
        obj.municipality_part,
        obj.municipality.code if obj.municipality_id else None,
        obj.postcode,
        obj.address_point,
    )


def provenance_data(source, source_detail="", source_date=None, last_verified=None) -> dict:
    return {
        "source": source,
        "source_detail": source_detail,
        "source_date": source_date,
        "last_verified": last_verified,
    }


def canonical_provenance(obj) -> dict:
    return provenance_data(obj.source, obj.source_detail, iso(obj.source_date), iso(obj.last_verified))


def organization_data(name, ico, legal_form, description, web, email, phone, address, provenance) -> dict:
    return {
        "name": name,
        "ico": ico,
        "legal_form": legal_form,
        "description": description,
        "web": web,
        "email": email,
        "phone": phone,
        "address": address,
        "provenance": provenance,
    }


def canonical_organization(organization: Organization) -> dict:
    return organization_data(
        organization.name,
        organization.ico,
        organization.legal_form.code if organization.legal_form_id else None,
        organization.description,
        organization.web,
        organization.email,
        organization.phone,
        canonical_address(organization),
        canonical_provenance(organization),
    )


SERVICE_TEXT_FIELDS = (
    "name",
    "registry_id",
    "description",
    "age_note",
    "fees",
    "opening_hours",
    "how_to_get",
    "web",
    "email",
    "phone",
)
SERVICE_VALUE_FIELDS = ("portal_id", "in_regional_network", "provided_from", "provided_to", "service_type")
SERVICE_SET_FIELDS = ("target_groups", "age_groups", "area_served")
SERVICE_PARTS = ("forms", "locations", "contacts", "funding")


def form_data(form: str, continuous, hours: str, capacities) -> dict:
    return {"form": form, "continuous": continuous, "hours": hours, "capacities": sorted(capacities)}


def location_data(name: str, address: dict, latitude, longitude) -> dict:
    return {"name": name, **address, "latitude": decimal_text(latitude, 6), "longitude": decimal_text(longitude, 6)}


def service_data(texts: dict, values: dict, sets: dict, parts: dict, provenance: dict) -> dict:
    """The canonical service: the same keys, order and sorting from the database and from a package."""
    data = {name: texts.get(name, "") for name in SERVICE_TEXT_FIELDS}
    data.update({name: values.get(name) for name in SERVICE_VALUE_FIELDS})
    data.update({name: sorted(sets.get(name, ())) for name in SERVICE_SET_FIELDS})
    data["forms"] = sorted(parts.get("forms", ()), key=lambda form: form["form"])
    data["locations"] = sorted(parts.get("locations", ()), key=repr)
    contacts = parts.get("contacts", ())
    data["contacts"] = None if contacts is None else sorted(contacts)  # None: the package carries no contacts
    data["funding"] = sorted(parts.get("funding", ()))
    data["provenance"] = provenance
    return data


def canonical_service(service: Service) -> dict:
    """Everything an HSDS export of ``service`` carries (its organisation apart), comparable across databases."""
    return service_data(
        texts={name: getattr(service, name) for name in SERVICE_TEXT_FIELDS},
        values={
            "portal_id": getattr(service, "portal_id", None),
            "in_regional_network": service.in_regional_network,
            "provided_from": iso(service.provided_from),
            "provided_to": iso(service.provided_to),
            "service_type": service.service_type.code if service.service_type_id else None,
        },
        sets={
            "target_groups": [item.code for item in service.target_groups.all()],
            "age_groups": [item.code for item in service.age_groups.all()],
            "area_served": [territory.code for territory in service.area_served.all()],
        },
        parts={
            "forms": [
                form_data(
                    form.form.code,
                    form.continuous,
                    form.hours,
                    [[c.capacity_type.code, c.count, c.description] for c in form.capacities.all()],
                )
                for form in service.forms.all()
            ],
            "locations": [
                location_data(loc.name, canonical_address(loc), loc.latitude, loc.longitude)
                for loc in service.locations.all()
            ],
            "contacts": [[c.name, c.title, c.email, c.phone] for c in service.contacts.all()],
            "funding": [[f.year, f.source.code, decimal_text(f.amount, 2), f.note] for f in service.funding.all()],
        },
        provenance=canonical_provenance(service),
    )


def canonical_catalogue(services) -> list[dict]:
    """Every service with its organisation, sorted: what a round trip through HSDS must reproduce."""
    return sorted(
        ({**canonical_service(s), "organization": canonical_organization(s.organization)} for s in services),
        key=lambda item: (item["name"], item["registry_id"], repr(item)),
    )


def prefetch_for_export(queryset):
    """One query per relation, however many services."""
    return queryset.select_related(
        "organization__legal_form",
        "organization__municipality__kraj",
        "organization__municipality__okres",
        "service_type",
    ).prefetch_related(
        "target_groups",
        "age_groups",
        "area_served__kraj",
        "area_served__okres",
        "forms__form",
        "forms__capacities__capacity_type",
        "locations__municipality__kraj",
        "locations__municipality__okres",
        "contacts",
        "funding__source",
    )
