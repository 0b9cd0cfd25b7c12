"""Reusable reads for territories and planning processes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from .models import PlanningProcess, Territory


class AmbiguousTerritoryCode(Exception):
    """A bare code matches territories on several levels (e.g. kraj 3107 and ORP 3107)."""

    def __init__(self, code: str, candidates: list[Territory]):
        self.code = code
        self.candidates = candidates
        super().__init__(code)


# Which levels may contain which: used to resolve a parent code for a child level.
PARENT_LEVELS = {
    "country": (),
    "kraj": (),
    "okres": ("kraj",),
    "orp": ("kraj",),
    "pou": ("orp", "kraj"),
    "municipality": ("pou", "orp", "okres", "kraj"),
}
PARENT_FIELD = {"kraj": "kraj", "okres": "okres", "orp": "orp", "pou": "pou"}


class TerritoryQuerySet(models.QuerySet):
    def municipalities(self) -> TerritoryQuerySet:
        return self.filter(level="municipality")

    def with_parents(self) -> TerritoryQuerySet:
        return self.select_related("kraj", "okres", "orp", "pou")

    def by_code(self, code: str, level: str | None = None) -> Territory:
        """The one territory with this code (and level); raises DoesNotExist or AmbiguousTerritoryCode."""
        matches = list(self.filter(code=code, **({"level": level} if level else {})))
        if not matches:
            raise self.model.DoesNotExist(code)
        if len(matches) > 1:
            raise AmbiguousTerritoryCode(code, matches)
        return matches[0]

    def parent_for(self, code: str, child_level: str | None, parent_level: str | None = None) -> Territory:
        """Resolve a parent code among the levels that can contain ``child_level``."""
        levels = PARENT_LEVELS.get(child_level or "", tuple(PARENT_FIELD))
        if parent_level:
            levels = tuple(level for level in levels if level == parent_level) if child_level else (parent_level,)
        candidates = list(self.filter(code=code, level__in=levels))
        if not candidates:
            raise self.model.DoesNotExist(code)
        if len(candidates) > 1:
            raise AmbiguousTerritoryCode(code, candidates)
        return candidates[0]

    def children_of(self, parent: Territory, level: str | None = None) -> TerritoryQuerySet:
        field = PARENT_FIELD.get(parent.level)
        if field is None:
            return self.none()
        qs = self.filter(**{field: parent})
        return qs.filter(level=level) if level else qs


class PlanningProcessQuerySet(models.QuerySet):
    def public(self) -> PlanningProcessQuerySet:
        return self.filter(is_public=True)

    def visible_to(self, user) -> PlanningProcessQuerySet:
        """Public processes plus the ones the user is a member of (all of them for superusers)."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.public()
        return self.filter(models.Q(is_public=True) | models.Q(memberships__user=user)).distinct()

    def with_area(self) -> PlanningProcessQuerySet:
        return self.select_related("responsible_municipality", "area_orp").prefetch_related("phases")


class ProcessOwnedQuerySet(models.QuerySet):
    def for_process(self, process: PlanningProcess) -> ProcessOwnedQuerySet:
        return self.filter(process=process)
