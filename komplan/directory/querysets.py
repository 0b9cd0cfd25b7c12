"""Reads for codelists and the catalogue."""

from __future__ import annotations

import datetime as dt

from django.db import models

from komplan.lib.text import fold


class CodelistQuerySet(models.QuerySet):
    def of(self, codelist: str) -> CodelistQuerySet:
        return self.filter(codelist=codelist)

    def valid_on(self, day: dt.date) -> CodelistQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def code_map(self, codelist: str) -> dict:
        """code → item for one codelist, for resolving imported references without a query per row."""
        return {item.code: item for item in self.of(codelist)}


class ServiceQuerySet(models.QuerySet):
    def serving(self, municipalities) -> ServiceQuerySet:
        """Services located in, or covering (field services), any of the given municipalities."""
        return self.filter(
            models.Q(area_served__in=municipalities) | models.Q(locations__municipality__in=municipalities)
        ).distinct()

    def search(self, query: str) -> ServiceQuerySet:
        """Every word must occur in the folded text; "pecovatelska" finds "pečovatelská"."""
        queryset = self
        for word in fold(query).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def with_details(self) -> ServiceQuerySet:
        return self.select_related("organization", "service_type").prefetch_related(
            "target_groups", "age_groups", "forms__form", "forms__capacities__capacity_type", "locations__municipality"
        )
