"""Request and response shapes of the JSON API (they are also the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

# Spelled out (not built from Level.values) so the OpenAPI schema shows the enum;
# tests/api check that it stays in step with territory.models.Level.
LevelName = Literal["kraj", "okres", "orp", "pou", "municipality"]

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
