"""Territories from the ČSÚ codelists: kraj, okres, ORP, POU and municipality, with populations.

A bare code may name two territories (kraj 3107 and ORP 3107); ``level`` / ``parent_level``
settle it, and an unsettled ambiguity is a 400 listing the candidates.
"""

from __future__ import annotations

from django.utils.translation import gettext
from ninja import Query, Router
from ninja.errors import HttpError

from komplan.lib.text import czech_key, fold
from komplan.territory.models import Level, Territory
from komplan.territory.querysets import PARENT_LEVELS, AmbiguousTerritoryCode

from .errors import AmbiguousParameter
from .schemas import (
    AmbiguousCodeOut,
    ErrorOut,
    LevelName,
    TerritoryDetail,
    TerritoryFilters,
    TerritoryPage,
)

router = Router(tags=["territories"])

PARENT_LEVEL_NAMES = ("kraj", "okres", "orp", "pou")
LIST_FIELDS = ("code", "level", "name", "population", "population_date") + tuple(
    f"{level}__code" for level in PARENT_LEVEL_NAMES
)


# Czech collation (ch after h, č after c) is not available in SQLite, hence in Python. Computing the
# key dominates a full listing; the ~7,000 names are few enough to keep every key.
name_key = czech_key


def czech_order(row: dict) -> tuple:
    return (name_key(row["name"]), row["code"])


def check_parent_levels(level: str | None, parent_level: str | None) -> None:
    """Refuse level pairs that can never match, with a reason instead of an empty list or 404."""
    allowed = PARENT_LEVELS[level] if level else None
    if allowed == ():
        message = gettext("Territories of level %(level)s have no parent.")
        raise HttpError(400, message % {"level": level})
    if allowed and parent_level and parent_level not in allowed:
        message = gettext(
            "Territories of level %(level)s cannot be filtered by a parent of level %(parent)s; "
            "use one of: %(allowed)s."
        )
        raise HttpError(400, message % {"level": level, "parent": parent_level, "allowed": ", ".join(allowed)})


def resolve_parent(filters: TerritoryFilters) -> Territory:
    check_parent_levels(filters.level, filters.parent_level)
    try:
        return Territory.objects.parent_for(
            filters.parent, child_level=filters.level, parent_level=filters.parent_level
        )
    except AmbiguousTerritoryCode as exc:
        raise AmbiguousParameter(exc, "parent_level") from exc
    except Territory.DoesNotExist:
        raise HttpError(
            404, gettext("No enclosing territory has the code %(code)s.") % {"code": filters.parent}
        ) from None


def list_item(row: dict) -> dict:
    item = {field: row[field] for field in ("code", "level", "name", "population", "population_date")}
    item.update({level: row[f"{level}__code"] for level in PARENT_LEVEL_NAMES})
    return item


@router.get(
    "",
    response={200: TerritoryPage, 400: AmbiguousCodeOut | ErrorOut, 404: ErrorOut},
    summary="List territories",
    url_name="territory_list",
)
def list_territories(request, filters: Query[TerritoryFilters]):
    """Territories sorted by name in Czech order, then by code; filter by level, parent and name."""
    territories = Territory.objects.all()
    if filters.parent:
        territories = Territory.objects.children_of(resolve_parent(filters))
    if filters.level:
        territories = territories.filter(level=filters.level)
    rows = list(territories.values(*LIST_FIELDS))
    if filters.q:
        # In Python: SQLite's LIKE folds the case of ASCII letters only (Č ≠ č), and people type without accents.
        needle = fold(filters.q)
        rows = [row for row in rows if needle in fold(row["name"])]
    rows.sort(key=czech_order)
    page = rows[filters.offset : filters.offset + filters.limit]
    return {
        "count": len(rows),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [list_item(row) for row in page],
    }


@router.get(
    "/{code}",
    response={200: TerritoryDetail, 400: AmbiguousCodeOut, 404: ErrorOut},
    summary="One territory with its parents and municipalities",
    url_name="territory_detail",
)
def territory_detail(request, code: str, level: LevelName | None = None):
    """A territory by ČSÚ code; add ``level`` when the code is ambiguous (e.g. 3107)."""
    try:
        # An AmbiguousTerritoryCode goes to the API-wide handler, which asks for ``level=``.
        territory = Territory.objects.with_parents().by_code(code, level)
    except Territory.DoesNotExist:
        raise HttpError(404, gettext("No territory has the code %(code)s.") % {"code": code}) from None
    detail = {
        "code": territory.code,
        "level": territory.level,
        "level_label": str(territory.get_level_display()),
        "name": territory.name,
        "nuts_code": territory.nuts_code,
        "ruian_code": territory.ruian_code,
        "population": territory.population,
        "population_date": territory.population_date,
        "parents": [{"level": p.level, "code": p.code, "name": p.name} for p in territory.parents],
        "municipalities": None,
        "municipality_count": None,
    }
    if territory.level != Level.MUNICIPALITY:
        municipalities = Territory.objects.children_of(territory, Level.MUNICIPALITY)
        rows = sorted(municipalities.values("code", "name", "population"), key=czech_order)
        detail.update(municipalities=rows, municipality_count=len(rows))
    return detail
