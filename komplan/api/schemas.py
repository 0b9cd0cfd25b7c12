"""Request and response shapes of the JSON API (they are also the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

# Spelled out (not built from Level.values) so the OpenAPI schema shows the enum;
# tests/api check that it stays in step with territory.models.Level.
LevelName = Literal["country", "kraj", "okres", "orp", "pou", "municipality"]

MAX_LIMIT = 1000


class ErrorOut(Schema):
    detail: str


class TerritoryRef(Schema):
    level: LevelName
    code: str
    name: str


class AmbiguousCodeOut(Schema):
    detail: str
    candidates: list[TerritoryRef]


class TerritoryFilters(Schema):
    level: LevelName | None = Field(None, description="Only territories of this level.")
    parent: str | None = Field(None, description="ČSÚ code of an enclosing territory (kraj, okres, ORP or POU).")
    parent_level: LevelName | None = Field(
        None, description="Level of `parent`, needed when its code is ambiguous (kraj 3107 vs ORP 3107)."
    )
    q: str | None = Field(None, description="Case-insensitive substring of the name.")
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, description="Number of items to skip.")


class TerritoryListItem(Schema):
    code: str
    level: LevelName
    name: str
    population: int | None
    population_date: dt.date | None
    kraj: str | None = Field(description="Code of the enclosing kraj.")
    okres: str | None = Field(description="Code of the enclosing okres.")
    orp: str | None = Field(description="Code of the enclosing ORP.")
    pou: str | None = Field(description="Code of the enclosing POU.")


class TerritoryPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TerritoryListItem]


class MunicipalityOut(Schema):
    code: str
    name: str
    population: int | None


class TerritoryDetail(Schema):
    code: str
    level: LevelName
    level_label: str
    name: str
    nuts_code: str
    ruian_code: str
    population: int | None
    population_date: dt.date | None
    parents: list[TerritoryRef] = Field(description="Enclosing territories, smallest first.")
    municipalities: list[MunicipalityOut] | None = Field(description="Null for a municipality.")
    municipality_count: int | None = Field(description="Null for a municipality.")


class PeriodOut(Schema):
    start: int
    end: int
    label: str


class AreaOut(Schema):
    kind: Literal["municipality", "orp", "custom"]
    kind_label: str
    orp: str | None = Field(description="ORP code when the area is a whole ORP.")
    municipalities: list[str] = Field(description="Municipality codes, sorted.")
    municipality_count: int
    population: int | None = Field(description="Sum of the known municipality populations.")


class MunicipalityRef(Schema):
    code: str
    name: str


class PhaseOut(Schema):
    kind: str
    label: str
    order: int
    status: str
    status_label: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None


class ProcessOut(Schema):
    name: str
    slug: str
    url: str = Field(description="Absolute path of the process's public page.")
    period: PeriodOut
    area: AreaOut
    responsible_municipality: MunicipalityRef
    current_phase: str | None = Field(
        description="Kind of the phase in progress, else of the next planned one; null when all are over."
    )
    phases: list[PhaseOut]


# Catalogue of social services ----------------------------------------------------------------------


class CatalogueFilterError(Schema):
    detail: str
    parameter: str = Field(description="The query parameter with the unknown value.")
    allowed: list[str] = Field(description="The values the parameter allows (empty when there are too many to list).")


class ServiceFilters(Schema):
    process: str | None = Field(
        None, description="Slug of a planning process: only its catalogue (services located in or covering its area)."
    )
    municipality: str | None = Field(
        None, description="ČSÚ code of a municipality the service is located in or covers; within the process's area."
    )
    type: list[str] = Field([], description="MPSV code of the type of service (DruhSocialniSluzby); repeatable.")
    target_group: list[str] = Field([], description="MPSV code of a target group (CilovaSkupinaOsoby); repeatable.")
    form: list[str] = Field([], description="Form of provision: amb, pob or ter; repeatable.")
    situation: str | None = Field(None, description="Slug of a life situation, e.g. pecuji-o-blizkeho.")
    q: str | None = Field(None, description="Free text; every word must occur, case and diacritics ignored.")
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, description="Number of items to skip.")


class CodeLabel(Schema):
    code: str
    label: str


class CapacityOut(Schema):
    type: str = Field(description="Code of the capacity type (TypKapacitySocialniSluzby), e.g. luzka.")
    unit: str = Field(description="The unit the count is in, e.g. lůžek / beds.")
    count: int = Field(description="Registered (maximum) capacity, not free places.")
    label: str = Field(description="The count with its unit in the right grammatical form, e.g. 2 lůžka / 2 beds.")
    description: str


class ServiceFormOut(Schema):
    code: str = Field(description="amb, pob or ter.")
    label: str
    continuous: bool | None
    hours: str
    capacities: list[CapacityOut] = Field(description="One per unit; capacities are never added up.")


class LocationOut(Schema):
    name: str
    address: str
    municipality: MunicipalityRef | None
    latitude: float | None
    longitude: float | None


class OrganizationRef(Schema):
    id: int
    name: str
    ico: str


class ProvenanceOut(Schema):
    source: str
    source_label: str
    source_detail: str
    source_date: dt.date | None
    last_verified: dt.date | None


class ServiceListItem(Schema):
    id: int
    name: str
    url: str | None = Field(description="Path of the service's public page in the process's catalogue, with process.")
    presence: Literal["located", "covers"] | None = Field(
        description="With process: located in the area, or covering it in the field."
    )
    organization: OrganizationRef
    service_type: CodeLabel | None
    target_groups: list[CodeLabel]
    forms: list[ServiceFormOut]
    locations: list[LocationOut]
    illustrative: bool = Field(description="True for made-up demo records.")


class ServicePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ServiceListItem]


class ContactOut(Schema):
    name: str
    title: str
    email: str
    phone: str


class FundingOut(Schema):
    year: int
    source: CodeLabel
    amount: float = Field(description="CZK.")
    note: str


class ServiceDetail(ServiceListItem):
    registry_id: str
    description: str
    age_groups: list[CodeLabel]
    age_note: str
    area_served: list[MunicipalityRef]
    fees: str
    opening_hours: str
    how_to_get: str
    in_regional_network: bool | None
    provided_from: dt.date | None
    provided_to: dt.date | None
    web: str
    email: str
    phone: str
    contacts: list[ContactOut] = Field(description="Contact persons published with their position only.")
    funding: list[FundingOut]
    provenance: ProvenanceOut


class OrganizationFilters(Schema):
    q: str | None = Field(None, description="Words of the name, case and diacritics ignored.")
    ico: str | None = Field(None, pattern=r"^\d{8}$", description="IČO, exactly 8 digits.")
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, description="Number of items to skip.")


class OrganizationListItem(Schema):
    id: int
    name: str
    ico: str
    municipality: MunicipalityRef | None
    illustrative: bool


class OrganizationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OrganizationListItem]


class ServiceRef(Schema):
    id: int
    name: str
    service_type: CodeLabel | None


class OrganizationDetail(OrganizationListItem):
    legal_form: CodeLabel | None
    address: str
    description: str
    web: str
    email: str
    phone: str
    provenance: ProvenanceOut
    services: list[ServiceRef]
